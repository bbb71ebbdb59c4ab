//! clap definitions of `log`, `handover` and `stats` (kept apart from `args.rs` so parallel
//! branches touch that file only to add the variants).

use clap::{Args, Subcommand};

use super::coded::coded;
use crate::domain::LogKind;

#[derive(Debug, Subcommand)]
pub enum LogCmd {
    /// Append an entry (entries are never changed; a correction is a new entry with --corrects).
    Add(Box<LogAddArgs>),
    /// List entries, newest first.
    List(LogListArgs),
    /// The day's duty record (值班记录) as filed: Markdown, or a Word file with --docx.
    Export {
        /// The duty day, YYYY-MM-DD (from its shift change to the next day's).
        #[arg(long, value_name = "D")]
        day: chrono::NaiveDate,
        /// A Word file (GB/T 9704 layout); needs -o.
        #[arg(long)]
        docx: bool,
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<std::path::PathBuf>,
        /// Replace the -o file if it exists.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Args)]
pub struct LogAddArgs {
    /// call-in | call-out | instruction | feedback | spot-check | equipment | note
    #[arg(long, value_parser = coded::<LogKind>())]
    pub kind: LogKind,
    /// When (TIME; default now).
    #[arg(long)]
    pub at: Option<String>,
    /// Who writes it (default: the duty officer on duty then).
    #[arg(long)]
    pub author: Option<String>,
    /// Link to an incident (id or reference).
    #[arg(long)]
    pub incident: Option<String>,
    /// The id of the entry this one corrects.
    #[arg(long)]
    pub corrects: Option<i64>,
    #[arg(long, default_value = "")]
    pub text: String,
    /// instruction: the leader who gave it.
    #[arg(long)]
    pub from: Option<String>,
    /// feedback: the id of the instruction answered.
    #[arg(long)]
    pub answers: Option<i64>,
    /// spot-check: received | made
    #[arg(long)]
    pub direction: Option<String>,
    /// spot-check: the checking (received) or checked (made) unit.
    #[arg(long)]
    pub unit: Option<String>,
    /// spot-check: yes | no
    #[arg(long)]
    pub answered: Option<String>,
    /// spot-check: seconds until answered.
    #[arg(long, default_value_t = 0)]
    pub delay_seconds: u32,
    /// spot-check: officer at post, yes | no
    #[arg(long)]
    pub at_post: Option<String>,
    /// spot-check: the call was forwarded (呼叫转移), yes | no
    #[arg(long)]
    pub forwarded: Option<String>,
    #[arg(long, default_value = "")]
    pub findings: String,
    /// equipment: ok | fault
    #[arg(long)]
    pub phone: Option<String>,
    #[arg(long)]
    pub fax: Option<String>,
    #[arg(long)]
    pub network: Option<String>,
    #[arg(long)]
    pub radio: Option<String>,
    /// equipment: the entry's general note (kept once on the entry, not copied onto each device).
    #[arg(long, default_value = "")]
    pub note: String,
    /// equipment: one device's own note, DEVICE=NOTE (phone, fax, network, radio; repeat per device),
    /// e.g. --device-note fax=传真机卡纸
    #[arg(long = "device-note", value_name = "DEVICE=NOTE")]
    pub device_note: Vec<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct LogListArgs {
    /// Start: a day (2026-11-01), a month (2026-11), a time or -7d.
    #[arg(long, allow_hyphen_values = true)]
    pub from: Option<String>,
    /// End (a day or month is inclusive): same forms as --from.
    #[arg(long, allow_hyphen_values = true)]
    pub to: Option<String>,
    #[arg(long, value_parser = coded::<LogKind>())]
    pub kind: Option<LogKind>,
    #[arg(long, default_value_t = 200)]
    pub limit: usize,
    /// Only leader instructions still awaiting feedback.
    #[arg(long)]
    pub open_instructions: bool,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum HandoverCmd {
    /// Generate (or regenerate) the sheet for the current watch.
    Draft {
        /// The outgoing officer's remarks.
        #[arg(long)]
        remarks: Option<String>,
        /// A moment inside the watch to hand over (default now).
        #[arg(long)]
        at: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Sign a sheet: the outgoing officer first, then the incoming one. The signer is the global
    /// `--as NAME`, which must be an officer of that side's shift on the roster.
    Sign {
        id: i64,
        #[arg(long, conflicts_with = "incoming", required_unless_present = "incoming")]
        outgoing: bool,
        #[arg(long)]
        incoming: bool,
        #[arg(long)]
        json: bool,
        /// Read the signer's PIN from stdin (one line).
        #[arg(long)]
        pin_stdin: bool,
        /// Sign without the PIN: recorded and flagged as "unverified (REASON)".
        #[arg(long, value_name = "REASON", conflicts_with = "pin_stdin")]
        unverified: Option<String>,
    },
    /// Show a sheet.
    Show {
        id: i64,
        #[arg(long, conflicts_with = "md")]
        json: bool,
        /// Markdown (in --lang).
        #[arg(long)]
        md: bool,
        /// The sheet as a Word file (GB/T 9704 layout, for printing and filing); needs -o.
        #[arg(long, conflicts_with_all = ["json", "md"])]
        docx: bool,
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<std::path::PathBuf>,
        /// Replace the -o file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// List sheets, newest first.
    List {
        /// Only sheets this person signed or led.
        #[arg(long)]
        person: Option<String>,
        #[arg(long, default_value_t = 200)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// Add an addendum (allowed on a locked sheet).
    Addendum {
        id: i64,
        #[arg(long)]
        text: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Start: a day (2026-11-01), a month (2026-11), a time or -7d.
    #[arg(long, allow_hyphen_values = true)]
    pub from: String,
    /// End (a day or month is inclusive): same forms as --from.
    #[arg(long, allow_hyphen_values = true)]
    pub to: String,
    #[arg(long, conflicts_with = "md")]
    pub json: bool,
    #[arg(long)]
    pub md: bool,
}
