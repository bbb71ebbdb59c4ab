//! `dutywatch duty done|waive|list` (recurring and one-off duties, issue 18).

use clap::Subcommand;

use super::out::outln;
use super::{CliResult, Ctx, print_json};
use crate::ops::{self, duties as oduty};
use crate::ui::{labels, text, text_levels};

#[derive(Debug, Subcommand)]
pub enum DutyCmd {
    /// Fulfil the earliest open occurrence of a duty from duties.toml (e.g. zero-report, weekly-plan).
    Done {
        name: String,
        /// When it was done (default now).
        #[arg(long, allow_hyphen_values = true)]
        at: Option<String>,
        /// The document it was done with (文号).
        #[arg(long = "ref")]
        reference: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Waive the earliest open occurrence (a leader decides it is not owed), with the reason.
    Waive {
        name: String,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        by: String,
        #[arg(long)]
        json: bool,
    },
    /// List occurrences by due time with their states (the latest 200; --open: only those still owed).
    List {
        #[arg(long)]
        open: bool,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(ctx: &Ctx, cmd: &DutyCmd) -> CliResult {
    match cmd {
        DutyCmd::Done { name, at, reference, json } => {
            let at = ctx.time("at", at.as_deref())?;
            let mut store = ctx.open_rw()?;
            let book = ctx.book(&store)?;
            let actor = ctx.actor(&store)?;
            let op = ctx.op(&book, &actor);
            ops::ledger::advance(&mut store, &op)?;
            let d = oduty::done(&mut store, &op, name, at, reference.as_deref())?;
            one(ctx, &oduty::to_json(&d, &op), *json)
        }
        DutyCmd::Waive { name, reason, by, json } => {
            let mut store = ctx.open_rw()?;
            let book = ctx.book(&store)?;
            let actor = ctx.actor(&store)?;
            let op = ctx.op(&book, &actor);
            ops::ledger::advance(&mut store, &op)?;
            let d = oduty::waive(&mut store, &op, name, reason, by)?;
            one(ctx, &oduty::to_json(&d, &op), *json)
        }
        DutyCmd::List { open, json } => {
            let mut store = ctx.open()?;
            let book = ctx.book(&store)?;
            let actor = ctx.actor(&store)?;
            let op = ctx.op(&book, &actor);
            ops::ledger::advance(&mut store, &op)?;
            let rows: Vec<oduty::DutyJson> = store.duties(*open, 200)?.iter().map(|d| oduty::to_json(d, &op)).collect();
            if *json {
                return print_json(&rows);
            }
            if rows.is_empty() {
                outln!("{}", text_levels::no_duties(ctx.lang))?;
            }
            for r in &rows {
                line(ctx, r)?;
            }
            Ok(())
        }
    }
}

fn one(ctx: &Ctx, d: &oduty::DutyJson, json: bool) -> CliResult {
    if json {
        return print_json(d);
    }
    line(ctx, d)
}

fn line(ctx: &Ctx, d: &oduty::DutyJson) -> CliResult {
    let lang = ctx.lang;
    let due = chrono::DateTime::parse_from_rfc3339(&d.due_at)
        .map(|t| text::short(t.with_timezone(&chrono::Utc), ctx.unit.timezone))
        .unwrap_or_else(|_| d.due_at.clone());
    let late = if d.late { text::cli::duties::LATE_DUTY.get(lang) } else { "" };
    let doc = d.reference.as_deref().map(|r| format!(" [{r}]")).unwrap_or_default();
    outln!(
        "[{}] {} {}  {}{late}{doc}",
        d.id,
        due,
        text::pad(&labels::obligation_state(&d.state, lang), 12),
        text::pad(&d.label, 28)
    )
}
