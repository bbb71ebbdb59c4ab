//! PIN input for the command line (issue 14): `person pin NAME`, and the PIN of an act's
//! responsible person. A PIN is never taken from argv: on a terminal it is asked without echo, in
//! scripts it is read from stdin (`--pin-stdin`: one PIN per line, in the order the command asks).

use std::io::{BufRead, IsTerminal, Write};

use super::{CliError, CliResult, Ctx, out};
use crate::ops::pin::{self as op, PinAuth, PinProof};
use text::cli::pin as w;

/// Reads one line from a terminal with echo off (restored whatever happens).
fn ask_hidden(prompt: &str) -> Result<String, CliError> {
    use std::os::fd::AsRawFd;
    let stdin = std::io::stdin();
    let fd = stdin.as_raw_fd();
    let _ = std::io::stderr().lock().write_all(prompt.as_bytes());
    let _ = std::io::stderr().flush();
    // SAFETY: a zeroed termios is valid storage for tcgetattr to fill, on our own stdin descriptor.
    let mut term: libc::termios = unsafe { std::mem::zeroed() };
    let saved = unsafe { libc::tcgetattr(fd, &mut term) } == 0;
    let original = term;
    if saved {
        term.c_lflag &= !(libc::ECHO as libc::tcflag_t);
        // SAFETY: setting attributes read from the same descriptor, echo turned off.
        unsafe { libc::tcsetattr(fd, libc::TCSANOW, &term) };
    }
    let mut line = String::new();
    let read = stdin.lock().read_line(&mut line);
    if saved {
        // SAFETY: restores the attributes read above.
        unsafe { libc::tcsetattr(fd, libc::TCSANOW, &original) };
    }
    let _ = std::io::stderr().lock().write_all(b"\n");
    read.map_err(|e| CliError::Fail(format!("could not read the PIN: {e}")))?;
    Ok(line.trim_end_matches(['\n', '\r']).to_string())
}

/// Where PINs come from for one command.
pub struct PinSource {
    stdin: bool,
}

impl PinSource {
    pub fn new(pin_stdin: bool) -> PinSource {
        PinSource { stdin: pin_stdin }
    }

    /// Whether a PIN can be asked at all (stdin given, or a terminal to ask on).
    pub fn available(&self) -> bool {
        self.stdin || std::io::stdin().is_terminal()
    }

    /// The next PIN: a line of stdin, or asked on the terminal without echo.
    pub fn next(&self, prompt: &str) -> Result<String, CliError> {
        if self.stdin {
            let mut line = String::new();
            std::io::stdin().lock().read_line(&mut line).map_err(|e| CliError::Fail(format!("--pin-stdin: {e}")))?;
            if line.is_empty() {
                return Err(CliError::Fail(format!("--pin-stdin: no line for {prompt}")));
            }
            return Ok(line.trim_end_matches(['\n', '\r']).to_string());
        }
        if !std::io::stdin().is_terminal() {
            return Err(CliError::Fail(format!("{prompt}: no terminal to ask on; use --pin-stdin")));
        }
        ask_hidden(&format!("{prompt}: "))
    }
}

/// The proof for an act signed by `name`: the PIN when given (stdin, or asked on a terminal when
/// the person has one), or `--unverified REASON`. The rule itself is [`op::authorize`]'s.
pub fn proof(
    ctx: &Ctx,
    store: &crate::store::Store,
    name: &str,
    pin_stdin: bool,
    unverified: Option<&str>,
) -> Result<PinProof, CliError> {
    if let Some(why) = unverified {
        return Ok(PinProof { pin: None, unverified: Some(why.to_string()) });
    }
    let source = PinSource::new(pin_stdin);
    let has = match store.person_by_name(name)? {
        Some(p) => store.pin_hash(p.id)?.is_some(),
        None => false,
    };
    if pin_stdin || (has && source.available()) {
        let pin = source.next(&format!("{} {}", w::PIN_OF.get(ctx.lang), name.trim()))?;
        return Ok(PinProof::pin(&pin));
    }
    Ok(PinProof::default())
}

/// `dutywatch person pin NAME [--by LEADER] [--pin-stdin]`.
pub fn person_pin(ctx: &Ctx, name: &str, by: Option<&str>, pin_stdin: bool) -> CliResult {
    let mut store = ctx.open_rw()?;
    let book = ctx.book(&store)?;
    let source = PinSource::new(pin_stdin);
    let person = super::person::find_person(&store, name)?;
    let has = store.pin_hash(person.id)?.is_some();
    let lang = ctx.lang;
    let auth = match by {
        Some(leader) => {
            PinAuth::Leader(leader.to_string(), source.next(&format!("{} {leader}", w::PIN_OF_LEADER.get(lang)))?)
        }
        None if has => PinAuth::Old(source.next(&format!("{} {}", w::CURRENT_PIN_OF.get(lang), person.name))?),
        None => PinAuth::Bootstrap,
    };
    let new = source.next(&format!("{} {}", w::NEW_PIN_FOR.get(lang), person.name))?;
    if !pin_stdin {
        let again = source.next(w::NEW_PIN_AGAIN.get(lang))?;
        if again != new {
            return Err(CliError::Fail("pin: the two new PINs differ; nothing was changed".into()));
        }
    }
    let actor = ctx.actor_flag().unwrap_or(by.unwrap_or(&person.name)).to_string();
    let action = op::set(&mut store, &ctx.op(&book, &actor), &person.name, &new, &auth)?;
    let what = match action {
        "pin.change" => w::CHANGED.get(lang),
        "pin.reset" => w::RESET.get(lang),
        _ => w::SET.get(lang),
    };
    out::saved(format!("{what}: {}", person.name));
    super::out::outln!("{what}: {}", person.name)?;
    Ok(())
}
