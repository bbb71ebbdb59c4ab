//! The global `--at T` (review, issue 16): given before the subcommand it means "show the record as
//! it stood at T". Read commands that can show a past moment take it; a write command is refused
//! (review is read-only), and so is a read command that cannot show the past: never silently ignored.
//! A subcommand's own `--at` (after it) stays the time of the event being recorded.

use super::args::{Command, IncidentCmd};
use super::args_handover::{HandoverCmd, LogCmd};
use super::roster_args::RosterCmd;
use super::{Cli, CliError, Ctx};

/// What the global `--at` does with a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AtUse {
    /// The command shows the record as it stood at T.
    Review,
    /// The command writes: refused.
    Write,
    /// A read command that cannot show a past moment: refused.
    NoPast,
}

/// How `cmd` treats the global `--at`, and its name for the message.
pub fn classify(cmd: &Command) -> (AtUse, &'static str) {
    use AtUse::*;
    match cmd {
        Command::Incident(c) => match c.as_ref() {
            IncidentCmd::List(_) => (Review, "incident list"),
            IncidentCmd::Show { .. } => (Review, "incident show"),
            IncidentCmd::Add(_) => (Write, "incident add"),
            IncidentCmd::Report(_) => (Write, "incident report"),
            IncidentCmd::Update(_) => (Write, "incident update"),
            IncidentCmd::Correct(_) => (Write, "incident correct"),
            IncidentCmd::Grade { .. } => (Write, "incident grade"),
            IncidentCmd::End { .. } => (Write, "incident end"),
            IncidentCmd::Close { .. } => (Write, "incident close"),
            IncidentCmd::Waive(_) => (Write, "incident waive"),
            IncidentCmd::Relay { .. } => (Write, "incident relay"),
            IncidentCmd::Respond(_) => (Write, "incident respond"),
            IncidentCmd::Warn { .. } => (Write, "incident warn"),
            IncidentCmd::Ready { .. } => (Write, "incident ready"),
            IncidentCmd::Finding { .. } => (Write, "incident finding"),
        },
        Command::Log(c) => match c.as_ref() {
            LogCmd::List(_) => (Review, "log list"),
            LogCmd::Add(_) => (Write, "log add"),
            LogCmd::Export { .. } => (NoPast, "log export"),
        },
        Command::Handover(c) => match c {
            HandoverCmd::List { .. } => (Review, "handover list"),
            HandoverCmd::Show { .. } => (Review, "handover show"),
            HandoverCmd::Draft { .. } => (Write, "handover draft"),
            HandoverCmd::Sign { .. } => (Write, "handover sign"),
            HandoverCmd::Addendum { .. } => (Write, "handover addendum"),
        },
        Command::Roster(c) => match c {
            RosterCmd::Now { .. } => (Review, "roster now"),
            RosterCmd::Import { .. } => (Write, "roster import"),
            RosterCmd::Fill(_) => (Write, "roster fill"),
            RosterCmd::Swap { .. } => (Write, "roster swap"),
            RosterCmd::Export(_) => (NoPast, "roster export"),
            RosterCmd::Check { .. } => (NoPast, "roster check"),
            RosterCmd::List { .. } => (NoPast, "roster list"),
            RosterCmd::File(_) => (Write, "roster file"),
        },
        Command::Stats(_) => (Review, "stats"),
        Command::Init => (Write, "init"),
        Command::Demo(_) => (Write, "demo"),
        Command::Person(c) => match c {
            super::args::PersonCmd::List(_) => (NoPast, "person list"),
            _ => (Write, "person"),
        },
        Command::Contact(c) => match c {
            super::args::ContactCmd::List(_) => (NoPast, "contact list"),
            _ => (Write, "contact"),
        },
        Command::Check(_) => (NoPast, "check"),
        Command::Backup { .. } => (NoPast, "backup"),
        Command::Escalate(_) => (Write, "escalate"),
        Command::Ack(_) => (Write, "ack"),
        Command::Export(_) => (NoPast, "export"),
        Command::StressWriter(_) => (Write, "stress-writer"),
        Command::Report(_) => (Review, "report"),
        Command::Link(_) => (NoPast, "link"),
        Command::Duty(c) => match c {
            super::duty::DutyCmd::List { .. } => (NoPast, "duty list"),
            _ => (Write, "duty"),
        },
        Command::Task(c) => match c {
            super::task::TaskCmd::List { .. } => (NoPast, "task list"),
            _ => (Write, "task"),
        },
    }
}

/// Applies the global `--at`: sets the review moment on `ctx` for a command that can show the
/// past (checked: not in the future, not before the first recorded event), refuses any other.
pub fn gate(cli: &Cli, ctx: &mut Ctx) -> Result<(), CliError> {
    let (Some(at), Some(cmd)) = (cli.at.as_deref(), cli.command.as_ref()) else { return Ok(()) };
    let (usage, name) = classify(cmd);
    match usage {
        AtUse::Write => Err(CliError::Fail(format!(
            "--at: review is read-only and `{name}` writes; nothing was changed (to give the time of the \
             event, put --at after the subcommand: dutywatch {name} … --at TIME)"
        ))),
        AtUse::NoPast => Err(CliError::Fail(format!(
            "--at: `{name}` cannot show a past moment; review (--at before the subcommand) works with incident \
             list/show, log list, handover list/show, roster now, stats and report"
        ))),
        AtUse::Review => {
            let t = ctx.time("at", Some(at))?.ok_or_else(|| CliError::Fail("--at: a time is required".into()))?;
            let store = ctx.open()?;
            crate::ops::replay::check_moment(&store, t, ctx.now(), ctx.lang)?;
            ctx.review = Some(t);
            Ok(())
        }
    }
}
