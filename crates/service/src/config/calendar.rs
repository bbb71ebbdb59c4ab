//! The calendar as the program uses it: the shipped `data/calendar.toml` extended by the user's own
//! `calendar.toml` in the config dir. Unlike `unit.toml`, the user's file does not replace the
//! shipped one: a watch room adds its provincial 两会 or corrects one holiday without copying the
//! whole national list (and so keeps receiving the shipped corrections).

use super::{ConfigError, parse_toml, read_file, user_config_dir};
use crate::domain::calendar::{Calendar, CalendarError, CalendarFile, SHIPPED_CALENDAR_TOML};

/// The file name looked for in the user's config dir.
pub const FILE_NAME: &str = "calendar.toml";

/// Parses one calendar file, with errors located by file, line and key.
pub fn parse_file(text: &str, label: &str) -> Result<CalendarFile, ConfigError> {
    let file: CalendarFile = parse_toml(text, label)?;
    // The range checks (end before start) come from the domain; find the line of the entry's name so
    // that the officer can go straight to it.
    CalendarFile::parse(text).map_err(|e| match e {
        CalendarError::Reversed { ref name, .. } => {
            let needle = format!("\"{name}\"");
            let line = text.lines().position(|l| l.contains(&needle)).map_or(0, |i| i + 1);
            ConfigError { file: label.to_string(), line, key: "end".into(), message: e.to_string() }
        }
        CalendarError::Parse(m) => ConfigError { file: label.to_string(), line: 0, key: String::new(), message: m },
    })?;
    Ok(file)
}

/// The shipped calendar alone (tests and benchmarks).
pub fn load_shipped() -> Result<Calendar, ConfigError> {
    Ok(Calendar::merge(&[parse_file(SHIPPED_CALENDAR_TOML, "data/calendar.toml (built in)")?]))
}

/// The shipped calendar merged with the user's `calendar.toml` if there is one (later wins on a date).
pub fn load() -> Result<Calendar, ConfigError> {
    let mut files = vec![parse_file(SHIPPED_CALENDAR_TOML, "data/calendar.toml (built in)")?];
    if let Some(path) = user_config_dir().map(|d| d.join(FILE_NAME)).filter(|p| p.exists()) {
        let text = read_file(&path)?;
        files.push(parse_file(&text, &path.display().to_string())?);
    }
    Ok(Calendar::merge(&files))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn user_file_extends_the_shipped_one() {
        let user = parse_file(
            "[[period]]\nkind = \"custom\"\nname = \"省两会\"\nstart = 2026-01-20\nend = 2026-01-25\nleader_required = true\n",
            "calendar.toml",
        )
        .expect("parses");
        let shipped = parse_file(SHIPPED_CALENDAR_TOML, "shipped").expect("shipped parses");
        let cal = Calendar::merge(&[shipped, user]);
        let d = NaiveDate::from_ymd_opt(2026, 1, 21).expect("date");
        assert!(cal.periods_on(d).iter().any(|p| p.name == "省两会"));
        assert!(cal.periods_on(d).iter().any(|p| p.name == "凝冻期"), "shipped periods stay");
    }

    #[test]
    fn errors_name_file_line_and_key() {
        let e = parse_file(
            "[[period]]\nkind = \"custom\"\nname = \"x\"\nstart = 2026-01-20\nend = 2026-01-25\nleader = true\n",
            "cal.toml",
        )
        .expect_err("unknown key");
        assert_eq!((e.line, e.key.as_str()), (6, "leader"), "{e}");
        let e = parse_file(
            "[[period]]\nkind = \"custom\"\nname = \"倒序\"\nstart = 2026-01-20\nend = 2026-01-10\nleader_required = true\n",
            "cal.toml",
        )
        .expect_err("reversed");
        assert_eq!((e.line, e.key.as_str()), (3, "end"), "{e}");
    }
}
