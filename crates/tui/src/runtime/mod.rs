//! The only async code: a tokio `select!` over terminal events, a 1 Hz tick, a change poll
//! (`PRAGMA data_version`, so other terminals' commits appear within a second) and signals.
//! It draws only when something changed, so an idle board costs next to nothing.

pub mod draft;
pub mod effects;
pub mod effects_docs;
pub mod effects_handover;
pub mod error;
/// The live board read model (it lives in the service, beside the replayed one review mode reads).
pub use crate::ops::live as load;
pub mod review;
pub mod roster;
pub mod roster_effects;
pub mod signals;

use std::sync::Arc;
use std::time::Duration;

use crossterm::event::{Event, EventStream, KeyCode, KeyModifiers};
use futures::StreamExt;
use tokio::signal::unix::{SignalKind, signal};

use crate::app::{self, App, Cmd, Msg};
use crate::ops::context::Ctx;
use crate::ops::outcome::{CommandError as CliError, CommandResult as CliResult};
use crate::store::Store;
use text::console::saved;

/// When the process started: `main` sets it first thing, for `DUTYWATCH_TRACE_STARTUP`.
pub static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// `DUTYWATCH_TRACE_STARTUP=1`: print to stderr the ms from process start to the first full frame,
/// and from each keypress to the frame that follows it (redirect stderr: `2>trace.log`).
/// `=exit`: the same, then quit after the first frame (for `hyperfine`). Off by default.
fn trace_mode() -> Option<bool> {
    match std::env::var("DUTYWATCH_TRACE_STARTUP").ok()?.as_str() {
        "" | "0" => None,
        v => Some(v == "exit"),
    }
}

/// Opens the store and runs the board until the officer quits or a signal arrives.
pub fn run_board(ctx: &Ctx) -> CliResult {
    run_board_at(ctx, None)
}

/// The board draws on a terminal and reads keys from it: without one (a pipe, a cron job, a
/// service) it would fail deep inside crossterm. Say so first, and point at the CLI.
pub fn require_terminal() -> CliResult {
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        return Ok(());
    }
    Err(CliError::Hinted {
        msg: "the board needs a terminal (stdin and stdout are not one)".into(),
        hint: "run `dutywatch --help` for the command-line interface".into(),
    })
}

/// Runs the board live (`review` None) or as it stood at a past moment (read-only review).
pub fn run_board_at(ctx: &Ctx, review: Option<chrono::DateTime<chrono::Utc>>) -> CliResult {
    // A keys.toml that cannot be used is named (file, line, key) before anything else happens.
    let keymap = Arc::new(
        crate::keymap::Keymap::load(crate::config::user_config_dir().as_deref())
            .map_err(|e| CliError::Fail(e.to_string()))?,
    );
    require_terminal()?;
    let store = ctx.open()?;
    // `--as NAME` must be an active person: refused before the screen is taken, never replaced.
    ctx.actor(&store)?;
    let book = Arc::new(ctx.book(&store)?);
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let (sig_tx, sig_rx) = tokio::sync::mpsc::unbounded_channel();
    signals::spawn_watcher(sig_tx)?;
    let mut terminal = ratatui::init();
    signals::hook_panics();
    // A linked unit's board works the link while it is open (issue 20), on its own thread so a
    // save's fsync never waits on the network or the other way round.
    let link = if review.is_none() && !store.is_read_only() { start_link(ctx, &book) } else { None };
    let outcome = rt.block_on(event_loop(&mut terminal, ctx, store, book, keymap, review, sig_rx));
    if let Some((stop, thread)) = link {
        let _ = stop.send(true);
        let t = std::time::Instant::now();
        while !thread.is_finished() && t.elapsed() < Duration::from_secs(1) {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    match outcome {
        Ok(Exit::Quit) => {
            signals::restore_terminal();
            Ok(())
        }
        Ok(Exit::Signal(n)) => {
            if signals::claim() {
                signals::restore_on(n);
                return Err(CliError::Signal(n));
            }
            // The signal thread is already restoring the terminal and exiting.
            loop {
                std::thread::sleep(Duration::from_secs(1));
            }
        }
        Err(e) => {
            signals::restore_terminal();
            Err(CliError::Fail(e.to_string()))
        }
    }
}

/// Starts the link's sender and receiver for the board (`None` without `[link]`). A link that cannot
/// start (credentials refused) shows as down on the board; the board itself works as ever.
fn start_link(
    ctx: &Ctx,
    book: &crate::config::rules::Rulebook,
) -> Option<(tokio::sync::watch::Sender<bool>, std::thread::JoinHandle<()>)> {
    ctx.unit.link.as_ref()?;
    let setup = crate::link::Setup {
        db_path: ctx.db_path.clone(),
        unit: ctx.unit.clone(),
        book: book.clone(),
        clock: Arc::clone(&ctx.clock),
        lang: ctx.lang,
        holder: format!("board:{}", std::process::id()),
        create: true,
    };
    let (tx, rx) = tokio::sync::watch::channel(false);
    let thread = std::thread::Builder::new()
        .name("link".into())
        .spawn(move || {
            let rt = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
                Ok(rt) => rt,
                Err(e) => {
                    tracing::warn!("link: {e}");
                    return;
                }
            };
            if let Err(e) = rt.block_on(crate::link::run(setup, rx)) {
                tracing::warn!("link: {e}");
            }
        })
        .ok()?;
    Some((tx, thread))
}

enum Exit {
    Quit,
    Signal(i32),
}

async fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    ctx: &Ctx,
    mut store: Store,
    book: Arc<crate::config::rules::Rulebook>,
    keymap: Arc<crate::keymap::Keymap>,
    mut review: Option<chrono::DateTime<chrono::Utc>>,
    mut sig_rx: tokio::sync::mpsc::UnboundedReceiver<i32>,
) -> error::RuntimeResult<Exit> {
    let mut app = App::new(ctx.lang, Arc::new(ctx.unit.clone()), ctx.now(), store.is_read_only())
        .with_book(book.clone())
        .with_keymap(keymap);
    let mut events = EventStream::new();
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut poll = tokio::time::interval(Duration::from_millis(250));
    poll.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut tstp = signal(SignalKind::from_raw(libc::SIGTSTP))?;
    let mut seen_version = store.data_version().unwrap_or(0);
    let mut pending = vec![Cmd::Write(app::Write::MarkOverdue), Cmd::Reload];
    // This board's own draft slot; drafts left by boards that are gone are offered (not in review).
    let drafts = draft::Drafts::new(&ctx.db_path);
    let mut offered = if review.is_none() && !store.is_read_only() { drafts.orphans() } else { Vec::new() };
    if !offered.is_empty() {
        let items = offered
            .iter()
            .map(|o| app::DraftItem {
                id: o.id.clone(),
                saved_at: chrono::DateTime::<chrono::Utc>::from(o.saved_at),
                first_line: o.first_line(),
            })
            .collect();
        pending.extend(app::update(&mut app, Msg::DraftsFound(items)));
    }
    let mut last_minute = app.now.timestamp() / 60;
    let mut dirty = true;
    let trace = trace_mode();
    let mut first_frame = true;
    let mut key_at: Option<std::time::Instant> = None;
    loop {
        for cmd in std::mem::take(&mut pending) {
            match cmd {
                Cmd::Quit => return Ok(Exit::Quit),
                Cmd::Bell => {
                    if app.unit.bell {
                        use std::io::Write as _;
                        // A bell that cannot be written is not worth stopping the board for.
                        let _ = std::io::stdout().write_all(b"\x07");
                    }
                }
                Cmd::Write(app::Write::MarkOverdue) if store.is_read_only() || review.is_some() => {}
                Cmd::Write(_) if review.is_some() => {
                    let msg = Msg::Failed(text::console::refused::REVIEW_CANNOT_SAVE.get(ctx.lang).into());
                    pending.extend(app::update(&mut app, msg));
                }
                Cmd::Load(l) => {
                    let msg = effects_handover::load_at(l, &store, ctx, review);
                    pending.extend(app::update(&mut app, msg));
                }
                Cmd::Review(t) => {
                    // A step past now ends review (the board is live again).
                    review = t.filter(|t| *t < ctx.now());
                    pending.push(Cmd::Reload);
                }
                Cmd::WriteBoard => {
                    let msg = match review::write_board(&app, ctx, terminal.size()?) {
                        Ok(path) => Msg::Saved(saved::board_written(&path.display().to_string(), ctx.lang)),
                        Err(e) => Msg::Failed(e.to_string()),
                    };
                    pending.extend(app::update(&mut app, msg));
                }

                Cmd::Write(w) => {
                    let actor = ctx.actor(&store).unwrap_or_else(|_| "dutywatch".into());
                    let msg = effects::run(w, &mut store, ctx, &book, &actor);
                    pending.extend(app::update(&mut app, msg));
                }
                Cmd::LoadRoster(monday) => {
                    let msg = match roster::week(&store, &ctx.unit, ctx.lang, monday) {
                        Ok(data) => Msg::RosterLoaded(Box::new(data)),
                        Err(e) => Msg::Failed(e.to_string()),
                    };
                    pending.extend(app::update(&mut app, msg));
                }
                Cmd::LoadIncident(id) => {
                    // Data read now is judged against now: the clock the view uses is otherwise up to
                    // a tick old, and a step just recorded would count as not yet sent.
                    if review.is_none() {
                        pending.extend(app::update(&mut app, Msg::Tick(ctx.now())));
                    }
                    let loaded = match review {
                        // Review: the incident page as it stood at the reviewed moment (issue 16).
                        Some(t) => load::incident_at(&store, id, t),
                        None => load::incident(&store, id),
                    };
                    let msg = match loaded {
                        Ok(d) => Msg::IncidentLoaded(Box::new(d)),
                        Err(e) => Msg::Failed(e.to_string()),
                    };
                    pending.extend(app::update(&mut app, msg));
                }
                Cmd::SaveDraft(values) => {
                    if let Err(e) = drafts.save(&values) {
                        tracing::warn!("draft not saved: {e}");
                        app.status = Some(saved::draft_not_saved(&e.to_string(), app.lang));
                    }
                }
                Cmd::ClearDraft => drafts.clear(),
                Cmd::AdoptDraft(id) => {
                    let picked = offered.iter().position(|o| o.id == id).map(|i| offered.swap_remove(i));
                    // The others' locks are released: they stay on disk for a later start.
                    offered.clear();
                    if let Some(orphan) = picked {
                        let values = drafts.adopt(orphan);
                        pending.extend(app::update(&mut app, Msg::DraftFound(values)));
                    }
                }
                Cmd::ReleaseDrafts => offered.clear(),
                Cmd::Reload => {
                    if review.is_none() {
                        pending.extend(app::update(&mut app, Msg::Tick(ctx.now())));
                    }
                    let loaded = match review {
                        Some(t) => review::load(&store, t, ctx.now(), ctx.lang),
                        None => load::board(&store, ctx.now()).map_err(error::RuntimeError::from),
                    };
                    let msg = match loaded {
                        Ok(mut data) => {
                            // Live data counts from the clock, not from `app.now` (which still reads the
                            // reviewed moment when review mode has just ended: its tags would stay).
                            data.sensitive = roster::sensitive_today(&ctx.unit, data.review_at.unwrap_or(ctx.now()));
                            if let (Some(link), None) = (&ctx.unit.link, review) {
                                data.link = load::link_view(&store, link, ctx.now()).ok();
                            }
                            Msg::Loaded(Box::new(data))
                        }
                        Err(e) => {
                            review = None;
                            Msg::Failed(e.to_string())
                        }
                    };
                    pending.extend(app::update(&mut app, msg));
                }
            }
            dirty = true;
        }
        if dirty {
            terminal.draw(|f| crate::ui::draw(f, &app))?;
            tracing::trace!("frame drawn");
            dirty = false;
            if let Some(exit) = trace {
                if first_frame && let Some(t0) = STARTED.get() {
                    eprintln!("dutywatch: first frame {:.1} ms after start", t0.elapsed().as_secs_f64() * 1e3);
                    if exit {
                        return Ok(Exit::Quit);
                    }
                }
                if let Some(k) = key_at.take() {
                    eprintln!("dutywatch: key to frame {:.2} ms", k.elapsed().as_secs_f64() * 1e3);
                }
            }
            first_frame = false;
        }
        let msg = tokio::select! {
            ev = events.next() => match ev {
                // Raw mode turns Ctrl-Z into a key: suspend as the shell would.
                Some(Ok(Event::Key(k)))
                    if k.code == KeyCode::Char('z') && k.modifiers.contains(KeyModifiers::CONTROL) =>
                {
                    signals::suspend(terminal)?;
                    dirty = true;
                    None
                }
                Some(Ok(Event::Key(k))) => {
                    key_at = trace.map(|_| std::time::Instant::now());
                    Some(Msg::Key(k))
                }
                Some(Ok(Event::Resize(_, _))) => Some(Msg::Resize),
                Some(Ok(_)) => None,
                Some(Err(e)) => return Err(e.into()),
                None => return Ok(Exit::Quit),
            },
            _ = tick.tick() => Some(Msg::Tick(ctx.now())),
            _ = poll.tick() => {
                match store.data_version() {
                    Ok(v) if v != seen_version => {
                        seen_version = v;
                        pending.push(Cmd::Reload);
                    }
                    _ => {}
                }
                None
            }
            Some(sig) = sig_rx.recv() => return Ok(Exit::Signal(sig)),
            _ = tstp.recv() => {
                signals::suspend(terminal)?;
                dirty = true;
                None
            }
        };
        if let Some(msg) = msg {
            let before_now = app.now;
            let is_tick = matches!(msg, Msg::Tick(_));
            pending.extend(app::update(&mut app, msg));
            // Once a minute, stamp 迟报 on whatever fell overdue (so it is on record even unsent).
            let minute = app.now.timestamp() / 60;
            if minute != last_minute {
                last_minute = minute;
                pending.push(Cmd::Write(app::Write::MarkOverdue));
            }
            // A tick only needs a frame when the second shown in the clock changed.
            dirty = !is_tick || app.now.timestamp() != before_now.timestamp() || dirty;
        }
        let _ = &mut store;
    }
}
