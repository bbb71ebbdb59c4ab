//! `dutywatch task add|done|waive|list` (督办, issue 18).

use clap::{Args, Subcommand};

use super::out::outln;
use super::{CliResult, Ctx, print_json};
use crate::ops::{self, task as otask};
use crate::ui::{labels, text, text_levels};

#[derive(Debug, Subcommand)]
pub enum TaskCmd {
    /// Set a task (督办): title, owner (a person), due time; from a leader, on an incident, or from a
    /// leader's instruction (批示) in the log with --from-log ENTRY (its text is the title by default).
    Add(TaskAddArgs),
    /// Mark a task done with its result (late when after its due time).
    Done {
        id: i64,
        #[arg(long)]
        result: String,
        #[arg(long, allow_hyphen_values = true)]
        at: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Waive an open task (a leader decides it is no longer needed), with the reason.
    Waive {
        id: i64,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        by: String,
        #[arg(long)]
        json: bool,
    },
    /// List tasks by due time, each with its state.
    List {
        /// Only those still open.
        #[arg(long)]
        open: bool,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct TaskAddArgs {
    #[arg(long, default_value = "")]
    pub title: String,
    /// Who carries it out: a person on the roster.
    #[arg(long)]
    pub owner: String,
    /// TIME: RFC 3339, `YYYY-MM-DD HH:MM`, `HH:MM`, `+2h`.
    #[arg(long, allow_hyphen_values = true)]
    pub due: String,
    /// Id or reference of the incident it belongs to.
    #[arg(long)]
    pub incident: Option<String>,
    /// The leader who set it (督办人).
    #[arg(long)]
    pub from: Option<String>,
    /// The id of the leader's instruction (批示) in the duty log it comes from.
    #[arg(long)]
    pub from_log: Option<i64>,
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Ctx, cmd: &TaskCmd) -> CliResult {
    match cmd {
        TaskCmd::Add(a) => {
            let due = due_time(ctx, &a.due)?;
            let mut store = ctx.open_rw()?;
            let book = ctx.book(&store)?;
            let actor = ctx.actor(&store)?;
            let incident_id = match &a.incident {
                Some(key) => Some(super::incident::find(&store, key)?.id),
                None => None,
            };
            let op = ctx.op(&book, &actor);
            let input = otask::TaskInput {
                title: a.title.clone(),
                owner: a.owner.clone(),
                due,
                incident_id,
                from: a.from.clone(),
                log_entry: a.from_log,
            };
            let t = otask::add(&mut store, &op, &input)?;
            one(ctx, &op, &t, a.json)
        }
        TaskCmd::Done { id, result, at, json } => {
            let at = ctx.time("at", at.as_deref())?;
            let mut store = ctx.open_rw()?;
            let book = ctx.book(&store)?;
            let actor = ctx.actor(&store)?;
            let op = ctx.op(&book, &actor);
            ops::ledger::advance(&mut store, &op)?;
            let t = otask::done(&mut store, &op, *id, result, at)?;
            one(ctx, &op, &t, *json)
        }
        TaskCmd::Waive { id, reason, by, json } => {
            let mut store = ctx.open_rw()?;
            let book = ctx.book(&store)?;
            let actor = ctx.actor(&store)?;
            let op = ctx.op(&book, &actor);
            ops::ledger::advance(&mut store, &op)?;
            let t = otask::waive(&mut store, &op, *id, reason, by)?;
            one(ctx, &op, &t, *json)
        }
        TaskCmd::List { open, json } => {
            let mut store = ctx.open()?;
            let book = ctx.book(&store)?;
            let actor = ctx.actor(&store)?;
            let op = ctx.op(&book, &actor);
            ops::ledger::advance(&mut store, &op)?;
            let tasks = store.tasks(*open)?;
            if *json {
                let v: Vec<otask::TaskJson> = tasks.iter().map(|t| otask::to_json(t, &op)).collect();
                return print_json(&v);
            }
            for t in &tasks {
                line(ctx, &otask::to_json(t, &op))?;
            }
            if tasks.is_empty() {
                outln!("{}", text_levels::no_tasks(ctx.lang))?;
            }
            Ok(())
        }
    }
}

/// A due time: any TIME, or `+2h` / `+30m` / `+1d` from now (a due time lies ahead).
fn due_time(ctx: &Ctx, v: &str) -> Result<Option<chrono::DateTime<chrono::Utc>>, super::CliError> {
    match v.trim().strip_prefix('+') {
        Some(ahead) => {
            let now = ctx.now();
            let back = ctx.time("due", Some(&format!("-{ahead}")))?;
            Ok(back.map(|b| now + (now - b)))
        }
        None => ctx.time("due", Some(v)),
    }
}

fn one(ctx: &Ctx, op: &ops::OpCtx<'_>, t: &crate::domain::task::Task, json: bool) -> CliResult {
    let v = otask::to_json(t, op);
    if json {
        return print_json(&v);
    }
    line(ctx, &v)
}

fn line(ctx: &Ctx, t: &otask::TaskJson) -> CliResult {
    let lang = ctx.lang;
    let tz = ctx.unit.timezone;
    let due = chrono::DateTime::parse_from_rfc3339(&t.due_at)
        .map(|d| text::short(d.with_timezone(&chrono::Utc), tz))
        .unwrap_or_else(|_| t.due_at.clone());
    let late = if t.late { text::cli::duties::LATE_TASK.get(lang) } else { "" };
    outln!(
        "[{}] {} {}  {} → {}  {}{late}",
        t.id,
        due,
        text::pad(&labels::obligation_state(&t.state, lang), 12),
        t.title,
        t.owner,
        t.result.as_deref().unwrap_or("")
    )
}
