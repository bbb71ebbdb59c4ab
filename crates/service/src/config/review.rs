//! `data/review.toml`: the office hours the spot-check report uses (issue 16).

use chrono::NaiveTime;
use serde::Deserialize;

use super::ConfigError;
use crate::domain::period::OfficeHours;

/// The shipped file.
pub const SHIPPED_REVIEW: &str = include_str!("../../../../data/review.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReviewFile {
    office_hours: Vec<String>,
}

fn fail(message: String) -> ConfigError {
    ConfigError { file: "data/review.toml".into(), line: 0, key: "office_hours".into(), message }
}

/// Reads the office hours from a review.toml text.
pub fn office_hours(text: &str) -> Result<OfficeHours, ConfigError> {
    let f: ReviewFile = toml::from_str(text).map_err(|e| fail(e.message().to_string()))?;
    let mut out = Vec::new();
    for r in &f.office_hours {
        let (a, b) = r.split_once('-').ok_or_else(|| fail(format!("`{r}` is not HH:MM-HH:MM")))?;
        let t = |s: &str| {
            NaiveTime::parse_from_str(s.trim(), "%H:%M").map_err(|_| fail(format!("`{r}` is not HH:MM-HH:MM")))
        };
        let (a, b) = (t(a)?, t(b)?);
        if a >= b {
            return Err(fail(format!("`{r}`: the start is not before the end")));
        }
        out.push((a, b));
    }
    Ok(OfficeHours(out))
}

/// The shipped office hours.
pub fn load() -> Result<OfficeHours, ConfigError> {
    office_hours(SHIPPED_REVIEW)
}

#[cfg(test)]
mod tests {
    #[test]
    fn shipped_file_reads() {
        let h = super::load().expect("shipped review.toml");
        assert_eq!(h.0.len(), 2);
        assert!(super::office_hours("office_hours = [\"9-8\"]").is_err());
    }
}
