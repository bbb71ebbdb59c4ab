//! clap definitions. Flag names and values here are a contract (README, *Command line*).

use super::coded::{WarnLevel, coded, known_grade, obligation_kind, resp_level, warn_level};
use crate::domain::response::{FindingKind, RespLevel};
use crate::domain::{Category, Channel, Grade, Level, ReportKind, Source};
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "dutywatch", version, about = "应急值守 duty-watch console / 应急值守终端", long_about = None)]
pub struct Cli {
    /// Database file (else $DUTYWATCH_DB, else the platform data dir).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Language of the interface: zh or en (else $LANG).
    #[arg(long, global = true, value_name = "zh|en")]
    pub lang: Option<String>,
    /// Who is acting (recorded in the audit log); default: the duty officer on duty now.
    #[arg(long = "as", global = true, value_name = "NAME")]
    pub actor: Option<String>,
    /// Reporting-deadline rules file (overrides the profile named in unit.toml).
    #[arg(long, global = true, value_name = "FILE")]
    pub rules: Option<PathBuf>,
    /// How much goes to the log file beside the database (error, warn, info, debug, trace, or a
    /// tracing filter such as `dutywatch_store=debug`); else $DUTYWATCH_LOG, else info.
    #[arg(long, global = true, value_name = "LEVEL")]
    pub log_level: Option<String>,
    /// Review: the board, or a read command given after it (incident list/show, log list, handover
    /// list/show, roster now, stats), as it stood at this past moment; refused for commands that write.
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub at: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create or migrate the database.
    Init,
    /// Build a demo database from data/ with its times moved to now, then open the board.
    Demo(DemoArgs),
    /// People who stand duty.
    #[command(subcommand)]
    Person(PersonCmd),
    /// The duty roster (值班表): import, export, check, fill, now, swap, list.
    #[command(subcommand)]
    Roster(super::roster_args::RosterCmd),
    /// Check the database: SQLite integrity, dutywatch's invariants, the audit hash chain, every
    /// row against its last audit snapshot, valid times and codes. Exit 1 when anything is found.
    Check(CheckArgs),
    /// Consistent copy of the database through SQLite's online backup (after a quick check).
    Backup {
        path: PathBuf,
        /// Copy a source the quick check found damaged; the copy is marked damaged.
        #[arg(long)]
        force: bool,
    },
    /// Incidents: intake, reports, grade, end of handling, close.
    #[command(subcommand)]
    Incident(Box<IncidentCmd>),
    /// Record an escalation step up the chain.
    Escalate(EscalateArgs),
    /// Record the acknowledgement of the latest step to a level.
    Ack(AckArgs),
    /// The contact directory (own leaders, upper duty rooms).
    #[command(subcommand)]
    Contact(ContactCmd),
    /// Export an incident: written report draft (信息专报) or CAP 1.2 XML.
    #[command(subcommand)]
    Export(ExportCmd),
    /// Test aid: N incident saves, printing each id after its commit (tests/it/crash.rs).
    #[command(hide = true)]
    StressWriter(super::stress::StressArgs),
    /// The duty log (值班日志): add entries, list them.
    #[command(subcommand)]
    Log(Box<super::args_handover::LogCmd>),
    /// Shift handover (交接班): draft, sign, show, list, addendum.
    #[command(subcommand)]
    Handover(super::args_handover::HandoverCmd),
    /// Statistics for a period (通报): incidents, on-time rate, medians.
    Stats(super::args_handover::StatsArgs),
    /// Recurring and one-off duties (duties.toml): done, waive, list.
    #[command(subcommand)]
    Duty(super::duty::DutyCmd),
    /// 督办 tasks: add, done, waive, list.
    #[command(subcommand)]
    Task(super::task::TaskCmd),
    /// Item-level period reports: late and missed duties, late acks, late handovers, spot checks,
    /// equipment faults.
    #[command(subcommand)]
    Report(super::args_report::ReportCmd),
    /// Watch rooms linked over NATS JetStream: run the link, its status, the server config.
    #[command(subcommand)]
    Link(super::link::LinkCmd),
}

#[derive(Debug, Subcommand)]
pub enum IncidentCmd {
    /// Record a new incident (信息接报).
    Add(Box<IncidentAddArgs>),
    /// List incidents, newest first: the archive, closed ones included, with filters.
    List(ListArgs),
    /// Show one incident with its obligations, reports and escalation steps.
    Show {
        /// Id or reference (2026-0042).
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Record a report in the chain (首报 / 续报 / 终报).
    Report(ReportArgs),
    /// Update the facts (figures, place, summary, measures, needs, cause, progress): a new version with
    /// who and when; a closed incident takes --cause and --progress only, as addenda.
    Update(Box<UpdateArgs>),
    /// Correct a report, an escalation step or an ack recorded by mistake (更正): it stays on the record,
    /// struck through with the reason; the duties it fulfilled are open again at their original due times.
    Correct(CorrectArgs),
    /// Change the grade (等级调整): no due time moves; duties the new grade adds count from --at, open
    /// duties it no longer requires end superseded.
    Grade {
        id: String,
        /// I, II, III, IV (or Ⅰ–Ⅳ).
        #[arg(value_parser = known_grade())]
        grade: Grade,
        /// Who decided the change (决定人): an active person with the leader role.
        #[arg(long)]
        by: String,
        /// When the decision was made (default now; earlier when it is entered late).
        #[arg(long, allow_hyphen_values = true)]
        at: Option<String>,
        #[arg(long)]
        json: bool,
        /// Read the leader's PIN from stdin (one line).
        #[arg(long)]
        pin_stdin: bool,
        /// Proceed without the leader's PIN: recorded and flagged "unverified (REASON)".
        #[arg(long, value_name = "REASON", conflicts_with = "pin_stdin")]
        unverified: Option<String>,
    },
    /// Mark handling as ended (处置结束): follow-up slots not yet due stop, the final report becomes due.
    End {
        id: String,
        #[arg(long, allow_hyphen_values = true)]
        at: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Close the incident (办结); refused (exit 1) while any duty is open, listing each.
    Close {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Waive open duties (免报): a leader decides they are not needed, with a reason.
    Waive(WaiveArgs),
    /// Activate, raise or lower the response level (启动/调整应急响应, --level), or end it (--end
    /// --conditions): readiness timers start from rules.toml; an end creates the 总结评估 duty.
    Respond(RespondArgs),
    /// Set or lift the warning level (预警级别): I–IV (red, orange, yellow, blue) or `none`.
    Warn {
        id: String,
        /// I | II | III | IV (Ⅰ–Ⅳ, 1–4, or red, orange, yellow, blue), or none to lift it.
        #[arg(long, value_parser = warn_level())]
        level: WarnLevel,
        #[arg(long)]
        reason: String,
        /// The leader who decided (an active person with the leader role).
        #[arg(long)]
        by: String,
        #[arg(long, allow_hyphen_values = true)]
        at: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Confirm a readiness item of the active response (e.g. township-squad) was ready at --at.
    Ready {
        id: String,
        #[arg(long)]
        item: String,
        #[arg(long, allow_hyphen_values = true)]
        at: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Record a 谎报 (false) or 瞒报 (concealed) finding from review; never deleted.
    Finding {
        id: String,
        /// false | concealed (谎报 | 瞒报)
        #[arg(long, value_parser = coded::<FindingKind>())]
        kind: FindingKind,
        #[arg(long)]
        text: String,
        /// The leader who found it.
        #[arg(long)]
        by: String,
        #[arg(long)]
        json: bool,
    },
    /// Confirm that the chain reached a level (what the upper room said): closes that tracking item.
    Relay {
        id: String,
        /// county | city | province | national
        #[arg(long, value_parser = coded::<Level>())]
        level: Level,
        /// Who said so (at the upper room).
        #[arg(long)]
        by: String,
        #[arg(long, allow_hyphen_values = true)]
        at: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("act").required(true).args(["level", "end"])))]
pub struct RespondArgs {
    pub id: String,
    /// I | II | III | IV (Ⅰ–Ⅳ, 1–4, or red, orange, yellow, blue).
    #[arg(long, value_parser = resp_level())]
    pub level: Option<RespLevel>,
    /// Why the response is activated or changed (the trigger).
    #[arg(long, requires = "level")]
    pub reason: Option<String>,
    /// End the response; needs --conditions.
    #[arg(long)]
    pub end: bool,
    /// The end conditions (终止条件) that are met.
    #[arg(long, requires = "end")]
    pub conditions: Option<String>,
    /// The leader who decided (an active person with the leader role).
    #[arg(long)]
    pub by: String,
    #[arg(long, allow_hyphen_values = true)]
    pub at: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("which").required(true).args(["obligation", "kind"])))]
pub struct WaiveArgs {
    pub id: String,
    /// The duty's id (`incident show --json` → obligations[].id).
    #[arg(long)]
    pub obligation: Option<i64>,
    /// Every open duty of this kind (e.g. followup, first-written; a readiness item's is ready-ITEM).
    #[arg(long, value_parser = obligation_kind())]
    pub kind: Option<crate::domain::ObligationKind>,
    #[arg(long)]
    pub reason: String,
    /// The leader who decides (an active person with the leader role).
    #[arg(long)]
    pub by: String,
    #[arg(long)]
    pub json: bool,
    /// Read the leader's PIN from stdin (one line).
    #[arg(long)]
    pub pin_stdin: bool,
    /// Proceed without the leader's PIN: recorded and flagged "unverified (REASON)".
    #[arg(long, value_name = "REASON", conflicts_with = "pin_stdin")]
    pub unverified: Option<String>,
}

#[derive(Debug, Args)]
pub struct IncidentAddArgs {
    #[arg(long)]
    pub title: String,
    /// The category (事件类别).
    #[arg(long, value_parser = coded::<Category>())]
    pub category: Category,
    /// The grade (事件等级); unknown until assessed.
    #[arg(long, default_value = "unknown", value_parser = coded::<Grade>())]
    pub grade: Grade,
    /// When it happened (TIME: RFC 3339, `YYYY-MM-DD HH:MM`, `HH:MM`, `-20m`).
    #[arg(long, allow_hyphen_values = true)]
    pub occurred: Option<String>,
    /// When the duty room learned of it (default: now).
    #[arg(long, allow_hyphen_values = true)]
    pub learned: Option<String>,
    #[arg(long, default_value = "")]
    pub place: String,
    /// How the duty room learned of it (信息来源).
    #[arg(long, default_value = "phone", value_parser = coded::<Source>())]
    pub source: Source,
    #[arg(long, default_value = "")]
    pub caller_unit: String,
    #[arg(long, default_value = "")]
    pub caller_name: String,
    #[arg(long, default_value = "")]
    pub caller_title: String,
    #[arg(long, default_value = "")]
    pub caller_phone: String,
    /// Whom the caller has already informed.
    #[arg(long, default_value = "")]
    pub informed: String,
    #[arg(long, default_value_t = 0, allow_negative_numbers = true)]
    pub dead: i64,
    #[arg(long, default_value_t = 0, allow_negative_numbers = true)]
    pub injured: i64,
    #[arg(long, default_value_t = 0, allow_negative_numbers = true)]
    pub missing: i64,
    #[arg(long, default_value_t = 0, allow_negative_numbers = true)]
    pub trapped: i64,
    #[arg(long, default_value = "")]
    pub summary: String,
    #[arg(long, default_value = "")]
    pub measures: String,
    #[arg(long, default_value = "")]
    pub needs: String,
    #[arg(long, default_value = "")]
    pub cause: String,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("entry").required(true).args(["report", "step", "ack"])))]
pub struct CorrectArgs {
    pub id: String,
    /// The report's id (`incident show --json` → reports[].id).
    #[arg(long)]
    pub report: Option<i64>,
    /// The escalation step's id (escalations[].id).
    #[arg(long)]
    pub step: Option<i64>,
    /// The acknowledgement of step N.
    #[arg(long)]
    pub ack: Option<i64>,
    #[arg(long)]
    pub reason: String,
    /// Who corrects it.
    #[arg(long)]
    pub by: String,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only incidents not yet closed.
    #[arg(long)]
    pub open: bool,
    /// Learned on or after: a day (2026-11-01), a month (2026-11), a time or -7d (the unit's zone).
    #[arg(long, allow_hyphen_values = true)]
    pub from: Option<String>,
    /// Learned before the end of: a day or month (inclusive), or a time; same forms as --from.
    #[arg(long, allow_hyphen_values = true)]
    pub to: Option<String>,
    #[arg(long, value_parser = coded::<Category>())]
    pub category: Option<Category>,
    #[arg(long, value_parser = coded::<Grade>())]
    pub grade: Option<Grade>,
    /// open | ended | closed
    #[arg(long)]
    pub status: Option<String>,
    /// Only incidents with a 迟报 (a duty done late or overdue).
    #[arg(long)]
    pub late: bool,
    /// Only incidents with a 漏报 (a duty that ended missed).
    #[arg(long)]
    pub missed: bool,
    /// Only incidents with a written report sent with elements missing (要素不全).
    #[arg(long)]
    pub incomplete: bool,
    /// In the title, place, reference or summary (two Chinese characters are enough: 火灾).
    #[arg(long)]
    pub text: Option<String>,
    /// At most this many.
    #[arg(long, default_value_t = 200)]
    pub limit: usize,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// Id or reference (2026-0042).
    pub id: String,
    #[arg(long, allow_negative_numbers = true)]
    pub dead: Option<i64>,
    #[arg(long, allow_negative_numbers = true)]
    pub injured: Option<i64>,
    #[arg(long, allow_negative_numbers = true)]
    pub missing: Option<i64>,
    #[arg(long, allow_negative_numbers = true)]
    pub trapped: Option<i64>,
    /// 获救: people rescued so far.
    #[arg(long, allow_negative_numbers = true)]
    pub rescued: Option<i64>,
    /// 转移安置: people evacuated so far.
    #[arg(long, allow_negative_numbers = true)]
    pub evacuated: Option<i64>,
    #[arg(long)]
    pub place: Option<String>,
    #[arg(long)]
    pub summary: Option<String>,
    #[arg(long)]
    pub measures: Option<String>,
    #[arg(long)]
    pub needs: Option<String>,
    #[arg(long)]
    pub cause: Option<String>,
    /// 处置进展: how handling stands now.
    #[arg(long)]
    pub progress: Option<String>,
    /// When the facts became known (default now).
    #[arg(long, allow_hyphen_values = true)]
    pub at: Option<String>,
    /// Refuse the update if the incident is no longer at this version (`incident show --json` →
    /// version): another terminal changed it since you read it.
    #[arg(long)]
    pub expected_version: Option<i64>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    pub id: String,
    /// Which report (首报, 续报, 终报 …).
    #[arg(long, value_parser = coded::<ReportKind>())]
    pub kind: ReportKind,
    /// Recipient, from the directory (name or organisation).
    #[arg(long)]
    pub to: String,
    #[arg(long, value_parser = coded::<Channel>())]
    pub channel: Channel,
    #[arg(long, allow_hyphen_values = true)]
    pub at: Option<String>,
    /// Who signed the written report off (签发).
    #[arg(long, default_value = "")]
    pub signer: String,
    /// Document number (文号).
    #[arg(long, default_value = "")]
    pub doc_no: String,
    /// The recipient is above a level not yet told (越级上报); needs --reason.
    #[arg(long)]
    pub skip_level: bool,
    #[arg(long, default_value = "")]
    pub reason: String,
    #[arg(long)]
    pub json: bool,
    /// Read the 签发 leader's PIN from stdin (one line).
    #[arg(long)]
    pub pin_stdin: bool,
    /// Proceed without the signer's PIN: recorded and flagged "unverified (REASON)".
    #[arg(long, value_name = "REASON", conflicts_with = "pin_stdin")]
    pub unverified: Option<String>,
}

#[derive(Debug, Args)]
pub struct EscalateArgs {
    pub id: String,
    /// leader | village | township | county | city | province | national
    #[arg(long, value_parser = coded::<Level>())]
    pub to: Level,
    /// Recipient from the directory at that level.
    #[arg(long)]
    pub recipient: String,
    #[arg(long, default_value = "phone", value_parser = coded::<Channel>())]
    pub channel: Channel,
    #[arg(long, allow_hyphen_values = true)]
    pub at: Option<String>,
    /// Skip-level report (越级上报); needs --reason.
    #[arg(long)]
    pub skip_level: bool,
    #[arg(long, default_value = "")]
    pub reason: String,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct AckArgs {
    pub id: String,
    /// The level whose step is acknowledged. Without it (a linked room): the receipt of an incident
    /// that came in from below, sent back to its room.
    #[arg(long, value_parser = coded::<Level>())]
    pub level: Option<Level>,
    /// Name of the person at the upper room who confirmed.
    #[arg(long)]
    pub by: String,
    #[arg(long, allow_hyphen_values = true)]
    pub at: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum ExportCmd {
    /// The written report draft (信息专报) in the usual layout.
    Written {
        id: String,
        /// md | txt | docx (docx: a Word file laid out per GB/T 9704-2012; needs -o)
        #[arg(long, default_value = "md")]
        format: String,
        /// Signer (签发人); default: the leader on duty now.
        #[arg(long)]
        signer: Option<String>,
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Draft the report already recorded with this id (`incident show --json` → reports[].id), from
        /// the facts it carried; default: the next written report owed, from the facts now.
        #[arg(long)]
        report: Option<i64>,
        /// Replace the -o file if it exists (otherwise an existing file is refused).
        #[arg(long)]
        force: bool,
    },
    /// OASIS CAP 1.2 XML.
    Cap {
        id: String,
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Print one JSON document (with the chain's head).
    #[arg(long)]
    pub json: bool,
    /// Skip SQLite's full integrity_check and the row-by-row comparison.
    #[arg(long)]
    pub quick: bool,
    /// Say whether the record still extends this head (64 hex digits, from a sheet or export).
    #[arg(long, value_name = "HASH")]
    pub head: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct JsonFlag {
    /// Print one JSON document.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Rebuild the demo database from scratch.
    #[arg(long)]
    pub reset: bool,
    /// Build the database only; do not open the board.
    #[arg(long)]
    pub no_board: bool,
}

#[derive(Debug, Subcommand)]
pub enum PersonCmd {
    /// Add a person.
    Add(PersonFields),
    /// Edit a person (by name or id); only the given fields change.
    Edit {
        /// Name or id of the person.
        who: String,
        #[command(flatten)]
        fields: PersonEdit,
    },
    /// List people.
    List(JsonFlag),
    /// Set a person's first PIN (needs a leader's PIN: --by), change it (needs the old PIN), or
    /// reset a forgotten one (--by LEADER). Asked twice without echo; never taken from argv.
    Pin {
        /// Name or id of the person.
        who: String,
        /// The leader authorising a first PIN or a reset (their PIN is asked first).
        #[arg(long, value_name = "LEADER")]
        by: Option<String>,
        /// Read the PINs from stdin, one per line, in the order asked (leader's or old, then new).
        #[arg(long)]
        pin_stdin: bool,
    },
}

#[derive(Debug, Args)]
pub struct PersonFields {
    #[arg(long)]
    pub name: String,
    #[arg(long, default_value = "")]
    pub phone: String,
    #[arg(long, default_value = "")]
    pub department: String,
    /// Roles the person may take: officer, leader, standby (comma-separated).
    #[arg(long, default_value = "officer", value_delimiter = ',')]
    pub roles: Vec<String>,
    /// Add as inactive.
    #[arg(long)]
    pub inactive: bool,
}

#[derive(Debug, Args)]
pub struct PersonEdit {
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    #[arg(long)]
    pub department: Option<String>,
    #[arg(long, value_delimiter = ',')]
    pub roles: Option<Vec<String>>,
    /// Mark active (true) or inactive (false).
    #[arg(long)]
    pub active: Option<bool>,
    /// Refuse the edit if the person was changed since this version (what you read); default:
    /// the version read just before saving.
    #[arg(long, value_name = "N")]
    pub if_version: Option<i64>,
}

#[derive(Debug, Subcommand)]
pub enum ContactCmd {
    /// List the directory.
    List(JsonFlag),
    /// Add a contact.
    Add(ContactFields),
    /// Edit a contact (by name); only the given fields change.
    Edit {
        who: String,
        #[command(flatten)]
        fields: ContactEdit,
    },
    /// Record that the numbers were checked today (last verified = today).
    Verify { who: String },
}

#[derive(Debug, Args)]
pub struct ContactFields {
    #[arg(long)]
    pub name: String,
    /// leader | village | township | county | city | province | national
    #[arg(long, value_parser = coded::<Level>())]
    pub level: Level,
    #[arg(long, default_value = "")]
    pub org: String,
    #[arg(long, default_value = "")]
    pub phone: String,
    #[arg(long, default_value = "")]
    pub fax: String,
    /// Date the numbers were last verified (YYYY-MM-DD); default today.
    #[arg(long)]
    pub verified: Option<String>,
}

#[derive(Debug, Args)]
pub struct ContactEdit {
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long, value_parser = coded::<Level>())]
    pub level: Option<Level>,
    #[arg(long)]
    pub org: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    #[arg(long)]
    pub fax: Option<String>,
    #[arg(long)]
    pub verified: Option<String>,
    #[arg(long)]
    pub active: Option<bool>,
}
