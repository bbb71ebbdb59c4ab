//! The command line: a contract that scripts and tests depend on (README, *Command line*).
//!
//! Exit codes: 0 ok; 1 the command ran and found problems; 2 bad input or an error, with one
//! `error:` line on stderr.

pub mod admin;
pub mod args;
pub mod args_handover;
pub mod args_report;
pub mod coded;
pub mod contact;
pub mod demo;
pub mod demo_incidents;
pub mod duty;
pub mod escalation;
pub mod export;
pub mod handover;
pub mod incident;
pub mod link;
pub mod log;
pub mod logging;
pub mod out;
pub mod person;
pub mod pin;
pub mod report;
pub mod review;
pub mod roster;
pub mod roster_args;
pub mod roster_io;
pub mod stats;
pub mod stress;
pub mod task;

use std::process::ExitCode;

pub use args::{Cli, Command};
pub use service::context::Ctx;

/// The context of a command from the global flags; the unit's zone is kept for the JSON printer.
pub fn context(cli: &Cli) -> Result<Ctx, CliError> {
    let filter = logging::filter(cli.log_level.as_deref()).map_err(|e| CliError::Fail(e.to_string()))?;
    let ctx = Ctx::new(cli.db.clone(), cli.lang.as_deref(), cli.actor.clone(), cli.rules.clone())?;
    let _ = UNIT_TZ.set(ctx.unit.timezone);
    // A file from before the audit chain links every event when first opened: a long backfill says
    // how far it is on stderr (before the board takes the screen), in the command's language.
    let _ = LANG.set(ctx.lang);
    crate::store::audit::on_backfill_progress(migration_progress);
    logging::init(&ctx.db_path, filter);
    Ok(ctx)
}

pub use service::outcome::{CommandError as CliError, CommandResult as CliResult};

/// Maps a command's outcome to the process exit code, printing the `error:` line. A failed write
/// to stdout (see [`out`]) turns success into exit 2 with its own `error:` line.
pub fn finish(result: CliResult) -> ExitCode {
    let output = out::finish();
    // A message may quote stored or typed text: it is neutralised like any output. stderr may be
    // gone too: nothing more can be said then (err_line ignores that failure instead of panicking).
    let say = |text: String| out::err_line(&text);
    match result {
        Ok(()) => match output {
            None => ExitCode::SUCCESS,
            Some(msg) => {
                say(format!("error: {}", msg.replace('\n', " ")));
                ExitCode::from(2)
            }
        },
        Err(CliError::Problems(msg)) => {
            if !msg.is_empty() {
                say(msg);
            }
            match output {
                Some(out) => {
                    say(format!("error: {}", out.replace('\n', " ")));
                    ExitCode::from(2)
                }
                None => ExitCode::from(1),
            }
        }
        Err(CliError::Fail(msg)) => {
            say(format!("error: {}", msg.replace('\n', " ")));
            ExitCode::from(2)
        }
        Err(CliError::Hinted { msg, hint }) => {
            say(format!("error: {}", msg.replace('\n', " ")));
            say(format!("hint: {}", hint.replace('\n', " ")));
            ExitCode::from(2)
        }
        // The board ended on a signal: already said on stderr; 128 + its number.
        Err(CliError::Signal(sig)) => ExitCode::from(u8::try_from(128 + sig).unwrap_or(u8::MAX)),
    }
}

/// Prints a value as one JSON document.
///
/// Every time in it is in the unit's offset, to the second, like `incident show` (issue 11): a value
/// under a time key (`at`, `*_at`, `start`, `end`, `from`, `to`) that reads as RFC 3339 is rewritten.
/// Stored text is under other keys and stays exact.
pub fn print_json<T: serde::Serialize>(value: &T) -> CliResult {
    let mut v = serde_json::to_value(value).map_err(|e| CliError::Fail(e.to_string()))?;
    if let Some(tz) = UNIT_TZ.get() {
        localize_times(&mut v, *tz);
    }
    let mut text = serde_json::to_string_pretty(&v).map_err(|e| CliError::Fail(e.to_string()))?;
    text.push('\n');
    out::raw(&text)
}

/// Prints a report as one JSON document: its head (`head` serialised, without its items), then
/// `"items": [...]` written one item at a time, so that five years of items never exist as one JSON
/// tree (issue 16: `report late` over five years took 528 MB that way). Times as [`print_json`].
pub fn print_json_items<H: serde::Serialize, I: serde::Serialize>(head: &H, items: &[I]) -> CliResult {
    let tz = UNIT_TZ.get().copied();
    let value = |x: serde_json::Value| {
        let mut x = x;
        if let Some(tz) = tz {
            localize_times(&mut x, tz);
        }
        x
    };
    let head = value(serde_json::to_value(head).map_err(|e| CliError::Fail(e.to_string()))?);
    let text = serde_json::to_string_pretty(&head).map_err(|e| CliError::Fail(e.to_string()))?;
    // `{ …fields… }` without its closing brace, then the items as its last field.
    let open = text.trim_end().strip_suffix('}').unwrap_or("{").trim_end();
    let sep = if open.ends_with('{') { "\n" } else { ",\n" };
    out::raw(&format!("{open}{sep}  \"items\": ["))?;
    for (n, item) in items.iter().enumerate() {
        let v = value(serde_json::to_value(item).map_err(|e| CliError::Fail(e.to_string()))?);
        let text = serde_json::to_string_pretty(&v).map_err(|e| CliError::Fail(e.to_string()))?;
        let mut chunk = String::with_capacity(text.len() + 64);
        chunk.push_str(if n == 0 { "\n" } else { ",\n" });
        for (i, line) in text.lines().enumerate() {
            if i > 0 {
                chunk.push('\n');
            }
            chunk.push_str("    ");
            chunk.push_str(line);
        }
        out::raw(&chunk)?;
    }
    out::raw(if items.is_empty() { "]\n}\n" } else { "\n  ]\n}\n" })
}

/// The unit's time zone, for JSON times (set once the unit's configuration is read).
/// The command's language, for messages printed from hooks that cannot carry it (see [`context`]).
static LANG: std::sync::OnceLock<crate::domain::Lang> = std::sync::OnceLock::new();

/// "migrating… N of M events" on stderr (the store's backfill hook).
fn migration_progress(done: u64, total: u64) {
    let lang = LANG.get().copied().unwrap_or(crate::domain::Lang::En);
    let n = |v: u64| out::thousands(usize::try_from(v).unwrap_or(usize::MAX));
    out::err_line(&crate::text::labels::migrating(&n(done), &n(total), lang));
}

pub(crate) static UNIT_TZ: std::sync::OnceLock<chrono_tz::Tz> = std::sync::OnceLock::new();

fn is_time_key(k: &str) -> bool {
    k == "at" || k.ends_with("_at") || matches!(k, "start" | "end" | "from" | "to")
}

/// Rewrites RFC 3339 values under time keys into `tz`'s offset, to the second.
pub fn localize_times(v: &mut serde_json::Value, tz: chrono_tz::Tz) {
    use serde_json::Value;
    match v {
        Value::Object(m) => {
            for (k, val) in m.iter_mut() {
                match val {
                    Value::String(s) if is_time_key(k) => {
                        if let Ok(t) = chrono::DateTime::parse_from_rfc3339(s) {
                            *s = t.with_timezone(&tz).to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
                        }
                    }
                    other => localize_times(other, tz),
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| localize_times(x, tz)),
        _ => {}
    }
}

/// Parses the command line. A usage error is the CLI contract's one `error:` line plus one `hint:`
/// line and exit 2, not clap's several paragraphs (scripts read the first line, people the hint);
/// `--help` and `--version` print as clap does and exit 0. `Err` carries the exit code.
pub fn parse_args() -> Result<Cli, ExitCode> {
    use clap::Parser;
    use clap::error::ErrorKind;
    match Cli::try_parse() {
        Ok(cli) => Ok(cli),
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            let _ = e.print();
            Err(ExitCode::SUCCESS)
        }
        // A bad value of an enumerated flag: the one `error:` line names the flag and the valid values.
        Err(e) if e.kind() == ErrorKind::ValueValidation => {
            let rendered = e.render().to_string();
            let line = rendered.lines().find(|l| l.starts_with("error:")).unwrap_or("error: bad value");
            out::err_line(line.trim_end());
            Err(ExitCode::from(2))
        }
        Err(e) => {
            let missing = e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand;
            let args: Vec<String> = std::env::args_os().map(|a| a.to_string_lossy().into_owned()).collect();
            let (error, hint) = usage_lines(&e.render().to_string(), missing, &command_path(&args));
            out::err_line(&error);
            out::err_line(&hint);
            Err(ExitCode::from(2))
        }
    }
}

/// The subcommand the command line reached, e.g. `dutywatch incident add`, for the `--help` hint.
/// clap's error names it only for some kinds of error, so the arguments are walked: options (and
/// the values of those that take one) are stepped over, names of subcommands followed.
pub fn command_path(args: &[String]) -> String {
    use clap::CommandFactory;
    let mut root = Cli::command();
    root.build();
    fn option<'a>(c: &'a clap::Command, flag: &str) -> Option<&'a clap::Arg> {
        c.get_arguments().find(|a| match flag.strip_prefix("--") {
            Some(long) => a.get_long() == Some(long),
            None => flag.chars().count() == 2 && a.get_short().is_some_and(|s| flag.ends_with(s)),
        })
    }
    let takes_value = |cmd: &clap::Command, flag: &str| {
        option(cmd, flag).or_else(|| option(&root, flag)).is_some_and(|a| a.get_action().takes_values())
    };
    let mut path = vec![root.get_name().to_string()];
    let mut cur = &root;
    let mut skip = false;
    for a in args.iter().skip(1) {
        if std::mem::take(&mut skip) {
            continue;
        }
        if a == "--" {
            break;
        }
        if a.starts_with('-') && a.len() > 1 {
            skip = !a.contains('=') && takes_value(cur, a);
            continue;
        }
        match cur.find_subcommand(a) {
            Some(sub) => {
                path.push(sub.get_name().to_string());
                cur = sub;
            }
            None if cur.has_subcommands() => break,
            None => {}
        }
    }
    path.join(" ")
}

/// The `error:` and `hint:` lines for clap's rendered error (or, when a subcommand is missing,
/// its rendered help) about `command`: the error's first line, then clap's tips and where to read
/// more, e.g. `hint: a similar argument exists: '--title'; see dutywatch incident add --help`.
pub fn usage_lines(rendered: &str, missing_subcommand: bool, command: &str) -> (String, String) {
    let error = if missing_subcommand {
        format!("error: `{command}` needs a subcommand")
    } else {
        // The `error:` line and its indented continuation ("…were not provided:" / "  --id <ID>").
        let mut lines = rendered.lines().skip_while(|l| !l.starts_with("error:"));
        match lines.next() {
            Some(first) => {
                let more = lines.take_while(|l| l.starts_with(' ') && !l.trim().starts_with("tip:"));
                std::iter::once(first).chain(more).map(str::trim).collect::<Vec<_>>().join(" ")
            }
            None => format!("error: `{command}`: {}", rendered.lines().next().unwrap_or("bad usage")),
        }
    };
    let mut hint: Vec<String> =
        rendered.lines().filter_map(|l| l.trim().strip_prefix("tip:")).map(|t| t.trim().to_string()).collect();
    hint.push(format!("see {command} --help"));
    (error, format!("hint: {}", hint.join("; ")))
}
