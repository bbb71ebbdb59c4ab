//! What every command needs: where the database is, the language, the unit, the clock, who acts.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::OpCtx;
use crate::config::UnitConfig;
use crate::config::rules::Rulebook;
use crate::domain::{Clock, FixedClock, Lang, Role, SystemClock, clock::parse_pinned};
use crate::outcome::CommandError as CliError;
use crate::store::Store;

pub struct Ctx {
    pub db_path: PathBuf,
    pub lang: Lang,
    pub unit: UnitConfig,
    pub clock: Arc<dyn Clock>,
    actor: Option<String>,
    rules_override: Option<PathBuf>,
    /// The global `--at T` (review): read commands show the record as it stood at T (issue 16).
    pub review: Option<DateTime<Utc>>,
}

/// The database path: `--db`, else `$DUTYWATCH_DB`, else the platform data dir.
pub fn resolve_db_path(flag: Option<PathBuf>) -> Result<PathBuf, CliError> {
    if let Some(p) = flag {
        return Ok(p);
    }
    if let Some(p) = std::env::var_os("DUTYWATCH_DB").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    directories::ProjectDirs::from("", "", "dutywatch")
        .map(|d| d.data_dir().join("dutywatch.db"))
        .ok_or_else(|| CliError::Fail("no home directory to keep the database in; pass --db PATH".into()))
}

/// A clock pinned by a file (`DUTYWATCH_NOW=@FILE`): the RFC 3339 time in the file, read afresh at
/// every reading, so a test can move a running board's clock by rewriting the file. A file that
/// cannot be read keeps the last time read.
struct FileClock {
    path: PathBuf,
    last: std::sync::Mutex<chrono::DateTime<chrono::Utc>>,
}

impl Clock for FileClock {
    fn now(&self) -> chrono::DateTime<chrono::Utc> {
        let read = std::fs::read_to_string(&self.path).ok().and_then(|s| parse_pinned(&s).ok());
        match self.last.lock() {
            Ok(mut last) => {
                if let Some(t) = read {
                    *last = t;
                }
                *last
            }
            Err(poisoned) => *poisoned.into_inner(),
        }
    }
}

/// The clock: pinned by `DUTYWATCH_NOW` (RFC 3339, or `@FILE` holding one, read at each tick),
/// else the system clock.
pub fn clock_from_env() -> Result<Arc<dyn Clock>, CliError> {
    match std::env::var("DUTYWATCH_NOW") {
        Ok(v) if v.starts_with('@') => {
            let path = PathBuf::from(&v[1..]);
            let text = std::fs::read_to_string(&path)
                .map_err(|e| CliError::Fail(format!("DUTYWATCH_NOW: cannot read `{}`: {e}", path.display())))?;
            let t = parse_pinned(&text).map_err(|e| {
                CliError::Fail(format!("DUTYWATCH_NOW: `{}` is not an RFC 3339 time ({e})", path.display()))
            })?;
            Ok(Arc::new(FileClock { path, last: std::sync::Mutex::new(t) }))
        }
        Ok(v) if !v.trim().is_empty() => {
            let t = parse_pinned(&v)
                .map_err(|e| CliError::Fail(format!("DUTYWATCH_NOW: `{v}` is not an RFC 3339 time ({e})")))?;
            Ok(Arc::new(FixedClock(t)))
        }
        _ => Ok(Arc::new(SystemClock)),
    }
}

/// `--lang`, else `$LANG`.
pub fn resolve_lang(flag: Option<&str>) -> Result<Lang, CliError> {
    match flag {
        Some("zh") | Some("zh-CN") => Ok(Lang::Zh),
        Some("en") => Ok(Lang::En),
        Some(other) => Err(CliError::Fail(format!("--lang: `{other}` is not zh or en"))),
        None => Ok(Lang::from_env_lang(std::env::var("LANG").ok().as_deref())),
    }
}

impl Ctx {
    /// The context from the global flags: `--db`, `--lang`, `--as` and `--rules` (each `None` when
    /// not given), the unit from unit.toml and the clock from `DUTYWATCH_NOW`.
    pub fn new(
        db: Option<PathBuf>,
        lang: Option<&str>,
        actor: Option<String>,
        rules: Option<PathBuf>,
    ) -> Result<Ctx, CliError> {
        let unit = UnitConfig::load()?;
        Ok(Ctx {
            db_path: resolve_db_path(db)?,
            lang: resolve_lang(lang)?,
            unit,
            clock: clock_from_env()?,
            actor,
            rules_override: rules,
            review: None,
        })
    }

    /// The rule book (deadline profile, escalation rules), with located errors, and the contact
    /// directory from the database (seeded from unit.toml on first open).
    pub fn book(&self, store: &Store) -> Result<Rulebook, CliError> {
        let mut book = Rulebook::load(&self.unit, self.rules_override.as_deref())?;
        let directory = store.directory()?;
        if !directory.contacts.is_empty() {
            book.directory = directory;
        }
        Ok(book)
    }

    /// The context an operation needs.
    pub fn op<'a>(&'a self, book: &'a Rulebook, actor: &'a str) -> OpCtx<'a> {
        OpCtx { unit: &self.unit, book, now: self.now(), actor, lang: self.lang }
    }

    /// Parses a TIME flag (RFC 3339, `YYYY-MM-DD HH:MM`, `HH:MM`, `-20m`) in the unit's zone.
    pub fn time(&self, flag: &str, value: Option<&str>) -> Result<Option<DateTime<Utc>>, CliError> {
        let Some(v) = value else { return Ok(None) };
        crate::domain::time_input::parse_time_input(v, self.now(), self.unit.timezone)
            .map(Some)
            .map_err(|e| CliError::Fail(format!("--{flag}: `{v}`: {e}")))
    }

    /// The `--as NAME` given on the command line, if any (a handover signature names its signer).
    pub fn actor_flag(&self) -> Option<&str> {
        self.actor.as_deref().map(str::trim).filter(|a| !a.is_empty())
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// The moment a read command shows: the review time (global `--at`), else now.
    pub fn seen_at(&self) -> DateTime<Utc> {
        self.review.unwrap_or_else(|| self.now())
    }

    /// Opens the database; an empty contact directory is seeded from unit.toml.
    pub fn open(&self) -> Result<Store, CliError> {
        let mut store = Store::open(&self.db_path)?;
        store.seed_contacts(&self.unit.contacts, self.now(), "config")?;
        Ok(store)
    }

    /// Opens the database for a write, refusing a read-only one up front with a clear message.
    pub fn open_rw(&self) -> Result<Store, CliError> {
        let store = self.open()?;
        if store.is_read_only() {
            return Err(CliError::Fail(format!("{} is read-only; nothing was changed", self.db_path.display())));
        }
        Ok(store)
    }

    /// Who is acting: `--as NAME` (an active person; an unknown or inactive name is refused, never
    /// replaced), else the duty officer on duty now, else the login name. While the person table is still
    /// empty (a file being set up) any `--as` name is taken as given.
    pub fn actor(&self, store: &Store) -> Result<String, CliError> {
        if let Some(a) = self.actor_flag() {
            return match store.person_by_name(a)? {
                Some(p) if p.active => Ok(p.name),
                Some(_) => Err(CliError::Fail(format!("--as: `{a}` is not an active person (dutywatch person list)"))),
                None if store.people()?.is_empty() => Ok(a.to_string()),
                None => {
                    Err(CliError::Fail(format!("--as: `{a}` is not a person on the roster (dutywatch person list)")))
                }
            };
        }
        if let Ok(shifts) = store.shifts_at(self.now())
            && let Some(name) = crate::domain::roster::on_duty(&shifts, Role::Officer)
        {
            return Ok(name.to_string());
        }
        Ok(std::env::var("USER").unwrap_or_else(|_| "dutywatch".into()))
    }
}
