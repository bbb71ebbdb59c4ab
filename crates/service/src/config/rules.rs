//! The rule book: reporting deadlines (`rules.toml` or a named profile), escalation (`escalation.toml`)
//! and the contact directory (from `unit.toml`). Loaded once per process; every error names the
//! file, the line and the key.

use std::path::{Path, PathBuf};

use super::{ConfigError, UnitConfig, parse_toml, read_file, text_of, user_config_dir};
use crate::domain::directory::Directory;
use crate::domain::duties::DutyFile;
use crate::domain::escalation::{EscalationRules, RulesError as EscalationRulesError};
use crate::domain::rules::Rules;

pub const SHIPPED_RULES: &str = include_str!("../../../../data/rules.toml");
pub const SHIPPED_HENAN: &str = include_str!("../../../../data/rules/henan.toml");
pub const SHIPPED_ESCALATION: &str = include_str!("../../../../data/escalation.toml");
pub const SHIPPED_DUTIES: &str = include_str!("../../../../data/duties.toml");

/// Everything that turns a record into obligations.
#[derive(Debug, Clone)]
pub struct Rulebook {
    pub rules: Rules,
    pub escalation: EscalationRules,
    pub directory: Directory,
    /// Recurring and one-off duties (`duties.toml`, issue 18).
    pub duties: DutyFile,
    /// The calendar the duties' periods and holidays come from.
    pub calendar: crate::domain::calendar::Calendar,
}

/// Reads and validates a duties file; a schedule that cannot be used names the file, the line and the key.
pub fn parse_duties(text: &str, label: &str) -> Result<DutyFile, ConfigError> {
    let file: DutyFile = parse_toml(text, label)?;
    file.validate().map_err(|e| ConfigError {
        file: label.to_string(),
        line: line_of(text, &e.path),
        key: e.path.clone(),
        message: e.problem.clone(),
    })?;
    Ok(file)
}

/// Finds the line of `key` (a dotted path such as `deadline[2].within_minutes`) in a TOML text, so
/// errors from validation (after parsing) still point at a line.
pub fn line_of(text: &str, path: &str) -> usize {
    let mut from_line = 0;
    let mut key = path;
    for seg in path.split('.') {
        key = seg;
        if let Some((table, idx)) = seg.split_once('[') {
            let n: usize = idx.trim_end_matches(']').parse().unwrap_or(0);
            let header = format!("[[{table}]]");
            let found = text.lines().enumerate().filter(|(_, l)| l.trim() == header).nth(n).map(|(i, _)| i);
            if let Some(i) = found {
                from_line = i;
            }
            key = table;
        }
    }
    text.lines()
        .enumerate()
        .skip(from_line)
        .find(|(_, l)| l.trim_start().starts_with(key) && l.contains('='))
        .map(|(i, _)| i + 1)
        .unwrap_or(from_line + 1)
}

/// Reads and validates a deadline rules file.
pub fn parse_rules(text: &str, label: &str) -> Result<Rules, ConfigError> {
    let rules: Rules = parse_toml(text, label)?;
    rules.validate().map_err(|e| ConfigError {
        file: label.to_string(),
        line: line_of(text, &e.path),
        key: e.path.clone(),
        message: e.problem.clone(),
    })?;
    Ok(rules)
}

fn parse_escalation(text: &str, label: &str) -> Result<EscalationRules, ConfigError> {
    let rules: EscalationRules = parse_toml(text, label)?;
    rules.validate().map_err(|e| {
        let key = match &e {
            EscalationRulesError::NotPositive { field, .. } => field.clone(),
            EscalationRulesError::UnknownGrade(f) => (*f).to_string(),
            _ => "reach".to_string(),
        };
        ConfigError { file: label.to_string(), line: line_of(text, &key), key, message: e.to_string() }
    })?;
    Ok(rules)
}

/// The rule text for a profile name: `default` (user's `rules.toml` or the shipped one), `henan`, or
/// a path (relative paths are looked up in the config dir).
fn profile_text(profile: &str) -> Result<(String, String), ConfigError> {
    match profile {
        "default" | "national" | "" => text_of("rules.toml", SHIPPED_RULES),
        "henan" => Ok((SHIPPED_HENAN.to_string(), "data/rules/henan.toml (built in)".into())),
        path => {
            let p = PathBuf::from(path);
            let p = if p.is_relative() { user_config_dir().map(|d| d.join(&p)).unwrap_or(p) } else { p };
            read_file(&p).map(|t| (t, p.display().to_string()))
        }
    }
}

impl Rulebook {
    /// Loads the unit's rule profile (or `rules_override`, from `--rules`), escalation rules and directory.
    pub fn load(unit: &UnitConfig, rules_override: Option<&Path>) -> Result<Rulebook, ConfigError> {
        let (text, label) = match rules_override {
            Some(p) => (read_file(p)?, p.display().to_string()),
            None => profile_text(&unit.rules)?,
        };
        let rules = parse_rules(&text, &label)?;
        let (etext, elabel) = text_of("escalation.toml", SHIPPED_ESCALATION)?;
        let escalation = parse_escalation(&etext, &elabel)?;
        let (dtext, dlabel) = text_of("duties.toml", SHIPPED_DUTIES)?;
        let duties = parse_duties(&dtext, &dlabel)?;
        let calendar = super::calendar::load()?;
        Ok(Rulebook { rules, escalation, directory: unit.directory(), duties, calendar })
    }

    /// The shipped defaults (tests and benchmarks).
    pub fn shipped(unit: &UnitConfig) -> Result<Rulebook, ConfigError> {
        Ok(Rulebook {
            rules: parse_rules(SHIPPED_RULES, "data/rules.toml")?,
            escalation: parse_escalation(SHIPPED_ESCALATION, "data/escalation.toml")?,
            directory: unit.directory(),
            duties: parse_duties(SHIPPED_DUTIES, "data/duties.toml")?,
            calendar: super::calendar::load_shipped()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_profiles_load() {
        parse_rules(SHIPPED_RULES, "rules.toml").expect("default profile");
        let henan = parse_rules(SHIPPED_HENAN, "henan.toml").expect("henan profile");
        assert_eq!(henan.profile, "henan");
        parse_escalation(SHIPPED_ESCALATION, "escalation.toml").expect("escalation");
    }

    #[test]
    fn negative_limit_names_file_line_and_key() {
        let bad = SHIPPED_RULES.replacen("within_minutes = 60", "within_minutes = -5", 1);
        let e = parse_rules(&bad, "rules.toml").expect_err("negative");
        assert!(e.key.ends_with("within_minutes"), "{e}");
        assert!(bad.lines().nth(e.line - 1).unwrap_or("").contains("-5"), "{e}");
        let missing = SHIPPED_RULES.replacen("within_minutes = 30\n", "\n", 1);
        let e = parse_rules(&missing, "rules.toml").expect_err("missing");
        assert_eq!(e.key, "within_minutes", "{e}");
    }
}
