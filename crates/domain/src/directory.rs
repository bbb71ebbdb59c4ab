//! The contact directory (通讯录) of the duty rooms and leaders a unit reports to.
//!
//! docs/rules.md PR-17: escalation screens pick recipients only from this directory, so that a report is never
//! sent to a number typed from memory at 3 a.m. Phone and fax are stored separately (docs/rules.md E2: the
//! 总值班室 and the 应急局 are each listed with a phone *and* a fax number), with the date the entry was last
//! verified.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::types::Level;

/// One recipient a step up the chain can go to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// How the recipient is named on the escalation record (a person or a room, e.g. 县应急管理局总值班室).
    pub name: String,
    /// The level the recipient sits at; `leader` is the unit's own leader (本级领导).
    pub level: Level,
    /// The organisation and desk, e.g. 县应急管理局总值班室.
    pub org: String,
    pub phone: String,
    /// Empty when the recipient has no fax.
    #[serde(default)]
    pub fax: String,
    /// When somebody last rang the number and confirmed it (docs/rules.md PR-17): stale numbers are a known failure.
    pub last_verified: NaiveDate,
}

impl Contact {
    /// True when the entry has not been verified within `max_age_days` of `today`.
    pub fn is_stale(&self, today: NaiveDate, max_age_days: i64) -> bool {
        (today - self.last_verified).num_days() > max_age_days
    }
}

/// All contacts of the unit, in the order they were entered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Directory {
    #[serde(default)]
    pub contacts: Vec<Contact>,
}

/// A recipient that is not in the directory (or not at the level asked for). It carries the valid choices so
/// the officer can pick one at once instead of hunting for them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("recipient `{name}` is not in the directory for level {level}; candidates: {}", list_or_none(.candidates))]
pub struct NotInDirectory {
    pub name: String,
    pub level: Level,
    /// Names of the directory entries at that level.
    pub candidates: Vec<String>,
}

fn list_or_none(names: &[String]) -> String {
    if names.is_empty() { "(none)".to_string() } else { names.join(", ") }
}

impl Directory {
    /// The contacts at `level`, in directory order.
    pub fn candidates(&self, level: Level) -> Vec<&Contact> {
        self.contacts.iter().filter(|c| c.level == level).collect()
    }

    /// The contact whose name (or, failing that, whose org) equals `name`, ignoring surrounding blanks.
    /// The org is accepted because officers often type the room (县应急管理局总值班室) rather than its label.
    pub fn find(&self, name: &str) -> Option<&Contact> {
        let n = name.trim();
        if n.is_empty() {
            return None;
        }
        self.contacts.iter().find(|c| c.name.trim() == n).or_else(|| self.contacts.iter().find(|c| c.org.trim() == n))
    }

    /// The contact named `name` at `level`; else an error listing that level's candidates (docs/rules.md PR-17).
    pub fn resolve(&self, level: Level, name: &str) -> Result<&Contact, NotInDirectory> {
        match self.find(name) {
            Some(c) if c.level == level => Ok(c),
            _ => Err(NotInDirectory {
                name: name.trim().to_string(),
                level,
                candidates: self.candidates(level).iter().map(|c| c.name.clone()).collect(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOML: &str = r#"
[[contacts]]
name = "李四"
level = "leader"
org = "某某镇人民政府"
phone = "0851-1000001"
last_verified = "2026-10-01"

[[contacts]]
name = "县应急管理局总值班室"
level = "county"
org = "某某县应急管理局"
phone = "0851-2000001"
fax = "0851-2000002"
last_verified = "2026-09-15"

[[contacts]]
name = "县政府总值班室"
level = "county"
org = "某某县人民政府办公室"
phone = "0851-2000003"
fax = "0851-2000004"
last_verified = "2026-09-15"
"#;

    fn dir() -> Directory {
        toml::from_str(TOML).expect("fixture parses")
    }

    #[test]
    fn candidates_and_find() {
        let d = dir();
        assert_eq!(d.candidates(Level::County).len(), 2);
        assert!(d.candidates(Level::City).is_empty());
        assert_eq!(d.find(" 李四 ").map(|c| c.level), Some(Level::Leader));
        assert_eq!(d.find("某某县应急管理局").map(|c| c.name.as_str()), Some("县应急管理局总值班室"));
        assert!(d.find("王五").is_none());
        assert!(d.find("").is_none());
    }

    #[test]
    fn resolve_lists_candidates_for_the_level() {
        let d = dir();
        assert!(d.resolve(Level::County, "县政府总值班室").is_ok());
        let err = d.resolve(Level::County, "市值班室").expect_err("not in directory");
        assert_eq!(
            err.to_string(),
            "recipient `市值班室` is not in the directory for level county; candidates: 县应急管理局总值班室, 县政府总值班室"
        );
        // Right name, wrong level: still refused.
        let err = d.resolve(Level::City, "李四").expect_err("wrong level");
        assert!(err.candidates.is_empty());
    }

    #[test]
    fn unknown_fields_are_refused_and_staleness() {
        let bad = "[[contacts]]\nname='x'\nlevel='city'\norg='o'\nphone='1'\nlast_verified='2026-01-01'\nmobile='2'\n";
        assert!(toml::from_str::<Directory>(bad).is_err());
        let d = dir();
        let today = NaiveDate::from_ymd_opt(2027, 1, 1).expect("date");
        assert!(d.contacts[1].is_stale(today, 90));
        assert!(!d.contacts[1].is_stale(today, 120));
    }
}
