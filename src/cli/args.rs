//! clap definitions. Flag names and values here are a contract (DESIGN.md §5).

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
    /// Check the database: SQLite integrity plus dutywatch's own invariants.
    Check(JsonFlag),
    /// Consistent copy of the database through SQLite's online backup.
    Backup { path: PathBuf },
}

#[derive(Debug, Args)]
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
}
