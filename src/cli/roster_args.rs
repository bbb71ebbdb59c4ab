//! clap definitions of `dutywatch roster …` (README, *Command line*). Kept beside `args.rs` so that the roster
//! flags can grow without touching the shared file.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum};

#[derive(Debug, Subcommand)]
pub enum RosterCmd {
    /// Import shifts from CSV (header `date,role,person,start,end`; one transaction).
    Import {
        /// The CSV file.
        file: PathBuf,
    },
    /// Export shifts as CSV, iCalendar, or the weekly duty plan (周值班计划) in Markdown.
    Export(ExportArgs),
    /// File the weekly duty plan with the upper duty room (its Markdown and SHA-256 on record; refused
    /// with the gaps named unless --with-gaps), or record its acknowledgement (--ack --by NAME).
    File(FileArgs),
    /// Check coverage, leaders, double bookings, long duty and inactive people; exit 1 on problems.
    Check {
        #[command(flatten)]
        range: DayRange,
        /// Print one JSON document.
        #[arg(long)]
        json: bool,
    },
    /// Generate shifts from a pattern over a rotation of people (one transaction).
    Fill(FillArgs),
    /// Who is on duty now, and the next change.
    Now {
        /// Print one JSON document.
        #[arg(long)]
        json: bool,
    },
    /// Replace the person on a shift (a swap or cover); the old assignment stays in the history.
    Swap {
        /// Id of the shift (see `roster list`).
        shift_id: i64,
        /// Name (or id) of the person taking the shift.
        #[arg(long)]
        to: String,
        /// Why (illness, official trip …).
        #[arg(long)]
        reason: String,
        /// Who approved the swap.
        #[arg(long = "approved-by")]
        approved_by: String,
        /// Read the approver's PIN from stdin (one line).
        #[arg(long)]
        pin_stdin: bool,
        /// Proceed without the approver's PIN: recorded and flagged "unverified (REASON)".
        #[arg(long, value_name = "REASON", conflicts_with = "pin_stdin")]
        unverified: Option<String>,
    },
    /// List shifts with their ids; swapped shifts are marked.
    List {
        #[command(flatten)]
        range: DayRange,
        /// Print one JSON document.
        #[arg(long)]
        json: bool,
    },
}

/// Duty days `from..=to`; a duty day starts at the unit's change time.
#[derive(Debug, Clone, Copy, Default)]
pub struct DateRange {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// `--from` / `--to` of the roster commands, read by the one period parser every command shares
/// (issue 16): a day (2026-11-23), a month (2026-11: its first or last day), a time, or -7d; each
/// names the duty day it falls on.
#[derive(Debug, Args, Clone, Default)]
pub struct DayRange {
    /// First duty day: a day (2026-11-23), a month (2026-11), a time or -7d.
    #[arg(long, value_name = "D", allow_hyphen_values = true)]
    pub from: Option<String>,
    /// Last duty day (inclusive): same forms; a month is its last day.
    #[arg(long, value_name = "D", allow_hyphen_values = true)]
    pub to: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Ics,
    Md,
    /// The weekly plan (周值班计划) as a Word file (GB/T 9704 layout); needs -o.
    Docx,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    #[command(flatten)]
    pub range: DayRange,
    /// For `--format md|docx`: a date in the week to plan (default: this week).
    #[arg(long, value_name = "D")]
    pub week: Option<NaiveDate>,
    /// Write to this file (required for docx).
    #[arg(long, short)]
    pub output: Option<std::path::PathBuf>,
    /// Replace the -o file if it exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct FileArgs {
    /// A date in the week whose plan is filed.
    #[arg(long, value_name = "D")]
    pub week: NaiveDate,
    /// The upper duty room it is filed with.
    #[arg(long, required_unless_present = "ack")]
    pub to: Option<String>,
    /// When it was filed, or acknowledged (default now).
    #[arg(long, allow_hyphen_values = true)]
    pub at: Option<String>,
    /// File a week that has coverage gaps anyway (the gaps are recorded with it).
    #[arg(long)]
    pub with_gaps: bool,
    /// Record the upper room's acknowledgement of the week's plan instead.
    #[arg(long, requires = "by", conflicts_with_all = ["to", "with_gaps"])]
    pub ack: bool,
    /// Who acknowledged it (at the upper room).
    #[arg(long)]
    pub by: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct FillArgs {
    /// daily24 | day-night-12 | three-8
    #[arg(long)]
    pub pattern: String,
    #[arg(long, value_name = "D")]
    pub from: NaiveDate,
    #[arg(long, value_name = "D")]
    pub to: NaiveDate,
    /// Duty officers in rotation order (names, comma-separated).
    #[arg(long, value_delimiter = ',', required = true)]
    pub officers: Vec<String>,
    /// Leaders on duty, one per duty day in rotation.
    #[arg(long, value_delimiter = ',')]
    pub leaders: Vec<String>,
    /// Standby, one per duty day in rotation.
    #[arg(long, value_delimiter = ',')]
    pub standby: Vec<String>,
}
