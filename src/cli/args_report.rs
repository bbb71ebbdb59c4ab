//! clap definitions of `report` (issue 16): item-level period reports for whoever reviews the watch.

use clap::{Args, Subcommand};

use super::coded::coded;
use crate::domain::{Category, Grade};

#[derive(Debug, Subcommand)]
pub enum ReportCmd {
    /// Every 迟报 and 漏报 duty due in the period: incident, kind, due, done (or never), how late,
    /// and the officer and leader on duty at the due time.
    Late {
        #[command(flatten)]
        common: ReportArgs,
        /// Only this kind of duty (first-phone, first-written, national, followup, final, …).
        #[arg(long, value_parser = super::coded::obligation_kind())]
        kind: Option<crate::domain::ObligationKind>,
    },
    /// Every escalation step to an upper room sent in the period and acknowledged late or never.
    Acks {
        #[command(flatten)]
        common: ReportArgs,
        /// How long an acknowledgement may take (e.g. 15m, 1h); default: the escalation rules'
        /// ack time-out.
        #[arg(long, value_name = "DURATION")]
        over: Option<String>,
    },
    /// Handover sheets of the period signed late, or by someone other than the roster's officer.
    Handovers {
        #[command(flatten)]
        common: ReportArgs,
        /// How long after the change a signature may come (e.g. 30m).
        #[arg(long, value_name = "DURATION", default_value = "30m")]
        late: String,
    },
    /// Spot checks (抽查) of the period: answered, delay, at post, forwarded.
    SpotChecks {
        #[command(flatten)]
        common: ReportArgs,
        /// Only checks outside office hours (unit.toml's working hours).
        #[arg(long)]
        outside_hours: bool,
        /// Only checks on a Saturday or Sunday.
        #[arg(long)]
        weekend: bool,
        /// Only checks on a holiday of the calendar.
        #[arg(long)]
        holiday: bool,
        /// Only checks in a sensitive period of the calendar (两会, 汛期 …).
        #[arg(long)]
        sensitive: bool,
    },
    /// Equipment faults of the period with their duration.
    Equipment {
        #[command(flatten)]
        common: ReportArgs,
    },
}

/// The period, the filters and the format every report takes.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Start: a day (2026-11-01), a month (2026-11), a time or -7d.
    #[arg(long, allow_hyphen_values = true)]
    pub from: String,
    /// End (a day or month is inclusive): same forms as --from.
    #[arg(long, allow_hyphen_values = true)]
    pub to: String,
    /// Only items when this person was the duty officer.
    #[arg(long)]
    pub officer: Option<String>,
    /// Only items when this person was the leader on duty (带班领导).
    #[arg(long)]
    pub leader: Option<String>,
    /// natural | accident | health | social
    #[arg(long, value_parser = coded::<Category>())]
    pub category: Option<Category>,
    /// I | II | III | IV | unknown
    #[arg(long, value_parser = coded::<Grade>())]
    pub grade: Option<Grade>,
    /// The reporting unit (the caller's unit, 报告单位), as recorded (contains).
    #[arg(long)]
    pub unit: Option<String>,
    /// One JSON document.
    #[arg(long, conflicts_with = "md")]
    pub json: bool,
    /// Markdown.
    #[arg(long)]
    pub md: bool,
}
