//! Signals and the terminal. The board leaves the terminal as it found it whatever ends it: cooked
//! mode, the main screen, the cursor shown.
//!
//! Terminating signals (SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM) are received
//! on their own thread, not in the event loop: a save waiting up to the busy timeout for another
//! terminal's lock blocks the loop, and the officer (or the system shutting down) must not wait
//! for it. The thread first asks the loop to stop (the normal path, the board's state is left
//! tidy); if the loop has not answered within [`GRACE`] it restores the terminal and exits itself.
//! A save cut short that way was never committed, and SQLite rolls it back: nothing half-made.
//!
//! Ctrl-Z (a key in raw mode, or SIGTSTP sent by someone) suspends: terminal restored, then
//! SIGSTOP. `fg` (SIGCONT) continues right after it: raw mode, the alternate screen, a full redraw.

use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crossterm::cursor::{Hide, Show};
use crossterm::execute;
use crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

/// The signals that end the board, with the names it reports. Each exits with 128 + its number.
pub const TERMINATING: &[(i32, &str)] = &[
    (libc::SIGTERM, "SIGTERM"),
    (libc::SIGHUP, "SIGHUP"),
    (libc::SIGINT, "SIGINT"),
    (libc::SIGQUIT, "SIGQUIT"),
    (libc::SIGUSR1, "SIGUSR1"),
    (libc::SIGUSR2, "SIGUSR2"),
    (libc::SIGALRM, "SIGALRM"),
];

/// How long the signal thread lets the event loop end the board before doing it itself.
pub const GRACE: Duration = Duration::from_millis(300);

/// Set by whichever side (event loop or signal thread) ends the process on a signal.
static CLAIMED: AtomicBool = AtomicBool::new(false);

/// True for the one caller that may restore the terminal and exit on a signal.
pub fn claim() -> bool {
    CLAIMED.compare_exchange(false, true, Ordering::SeqCst, Ordering::SeqCst).is_ok()
}

/// The name of a terminating signal.
pub fn name(sig: i32) -> &'static str {
    TERMINATING.iter().find(|(n, _)| *n == sig).map(|(_, name)| *name).unwrap_or("signal")
}

/// Cooked mode, the main screen, the cursor shown. Each step is tried even if one before failed.
pub fn restore_terminal() {
    let _ = disable_raw_mode();
    let mut out = io::stdout();
    let _ = execute!(out, LeaveAlternateScreen, Show);
}

/// How the process ends from the signal thread when the event loop is stuck: `main` installs it
/// ([`set_exit`]), so the process is only ever ended by `main`'s code.
static EXIT: std::sync::OnceLock<fn(i32) -> !> = std::sync::OnceLock::new();

/// Installs the function the signal thread ends the process with (given the exit code) when the
/// event loop has not answered a signal within [`GRACE`]. `main` calls it first thing.
pub fn set_exit(exit: fn(i32) -> !) {
    let _ = EXIT.set(exit);
}

/// The exit code for a terminating signal: 128 + its number.
pub fn exit_code(sig: i32) -> i32 {
    128 + sig
}

/// Restores the terminal, removes read-only sidecars and says why on stderr. The caller then ends
/// the process with [`exit_code`] (the board returns `CommandError::Signal` to `main`).
pub fn restore_on(sig: i32) {
    restore_terminal();
    crate::store::cleanup_read_only_sidecars();
    let _ = io::Write::write_fmt(&mut io::stderr(), format_args!("dutywatch: {}, terminal restored\n", name(sig)));
}

/// Starts the signal thread. Each terminating signal is sent to `tx` (the event loop); if the loop
/// has not claimed the exit within [`GRACE`], the thread ends the process itself (through the exit
/// `main` installed with [`set_exit`]).
pub fn spawn_watcher(tx: tokio::sync::mpsc::UnboundedSender<i32>) -> io::Result<()> {
    let mut signals = signal_hook::iterator::Signals::new(TERMINATING.iter().map(|(n, _)| *n))?;
    std::thread::Builder::new().name("signals".into()).spawn(move || {
        if let Some(sig) = signals.forever().next() {
            let _ = tx.send(sig);
            std::thread::sleep(GRACE);
            if claim() {
                restore_on(sig);
                match EXIT.get() {
                    Some(exit) => exit(exit_code(sig)),
                    // No exit installed (not run from `main`): the terminal is restored; the event
                    // loop ends the board when it next answers.
                    None => tracing::warn!("signal {sig}: no exit installed"),
                }
            }
        }
    })?;
    Ok(())
}

/// Suspends the board (Ctrl-Z): terminal restored, process stopped; after `fg` the terminal is set
/// up again and cleared, so the next draw repaints every cell.
pub fn suspend(terminal: &mut ratatui::DefaultTerminal) -> io::Result<()> {
    restore_terminal();
    // SAFETY: raise only sends SIGSTOP to this process; it returns once SIGCONT continues it.
    unsafe {
        libc::raise(libc::SIGSTOP);
    }
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, Hide, Clear(ClearType::All))?;
    // Not `terminal.clear()`: it asks the terminal for the cursor position, which waits on the
    // event reader's lock (held by the key-reading thread) and fails after 2 s. A blank frame
    // instead makes ratatui's previous buffer empty, so the next draw repaints every cell.
    terminal.draw(|f| f.render_widget(ratatui::widgets::Clear, f.area()))?;
    Ok(())
}

/// Writes past a file-size limit (`ulimit -f`) then fail with EFBIG, reported as the clear disk
/// error, instead of SIGXFSZ killing the process mid-save.
pub fn ignore_file_size_limit_signal() {
    // SAFETY: setting a signal's disposition to SIG_IGN installs no handler code.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}

/// Adds cursor-show to the panic path (ratatui's own hook leaves raw mode and the alternate
/// screen, but not the hidden cursor).
pub fn hook_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));
}
