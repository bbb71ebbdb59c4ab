//! Configuration as data: the unit (`unit.toml`), the rule profile (`rules.toml`) and the calendar.
//!
//! The shipped defaults under `data/` are compiled into the binary so it runs anywhere; a file of the
//! same name in the user's config dir (`$DUTYWATCH_CONFIG_DIR`, else the platform config dir)
//! replaces the shipped one. Every parse error names the file, the line and the key.

pub mod calendar;
pub mod link;
pub mod review;
pub mod rules;
pub mod unit;

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

pub use unit::UnitConfig;

/// A configuration file that could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {}{message}", key_part(key))]
pub struct ConfigError {
    pub file: String,
    pub line: usize,
    pub key: String,
    pub message: String,
}

fn key_part(key: &str) -> String {
    if key.is_empty() { String::new() } else { format!("key `{key}`: ") }
}

/// What each configuration file should hold, for the error when it is not TOML at all.
fn expected(file: &str) -> &'static str {
    let name = Path::new(file).file_name().and_then(|n| n.to_str()).unwrap_or(file);
    match name.split(' ').next().unwrap_or(name) {
        "unit.toml" => "the unit's settings in TOML (name, time zone, shift change, contacts; see data/unit.toml)",
        "rules.toml" => "a reporting-deadline rule table in TOML (see data/rules.toml)",
        "escalation.toml" => "the escalation ladder in TOML (see data/escalation.toml)",
        "calendar.toml" => "holidays, make-up days and sensitive periods in TOML (see data/calendar.toml)",
        _ => "a TOML file",
    }
}

/// True for a TOML bare or dotted key (`shift_change`, `contact.name`, `"quoted"`): only then is
/// the start of an erroneous line worth naming. Anything else may be the content of a file that is
/// not TOML at all (a key, a certificate, someone's notes) and is never echoed.
fn looks_like_key(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '"' | ' '))
}

/// Parses TOML into `T`, turning the toml crate's error into file, line and key.
pub fn parse_toml<T: DeserializeOwned>(text: &str, file: &str) -> Result<T, ConfigError> {
    toml::from_str(text).map_err(|e| locate(text, file, &e))
}

fn locate(text: &str, file: &str, e: &toml::de::Error) -> ConfigError {
    let message = e.message().trim().to_string();
    let start = e.span().map(|s| s.start).unwrap_or(0).min(text.len());
    let line = text[..start].matches('\n').count() + 1;
    let line_text = text.lines().nth(line - 1).unwrap_or("");
    // The parser's span says where: on a key (an unknown or duplicate key) it is the key itself; on
    // a value (a wrong type, a bad code) the key is the left side of that line; on a table the
    // header. Only a missing key has nowhere to point, so its name comes from the message.
    let spanned = e.span().map(|s| text[s.start.min(text.len())..s.end.min(text.len())].trim()).unwrap_or("");
    let missing = message
        .strip_prefix("missing field `")
        .or_else(|| message.find("missing field `").map(|i| &message[i + "missing field `".len()..]))
        .and_then(|rest| rest.split('`').next());
    let key = if let Some(m) = missing {
        m.to_string()
    } else if looks_like_key(spanned) && line_text.trim_start().starts_with(spanned) {
        spanned.to_string()
    } else {
        let lhs = line_text.split('=').next().unwrap_or("").trim();
        if lhs.starts_with('[') { lhs.trim_matches(|c| c == '[' || c == ']').to_string() } else { lhs.to_string() }
    };
    if !looks_like_key(&key) || !line_text.contains(['=', '[']) {
        // Not a TOML line at all: say what the file should have been, quote nothing from it.
        return ConfigError {
            file: file.to_string(),
            line,
            key: String::new(),
            message: format!("this is not TOML; the file should hold {}", expected(file)),
        };
    }
    ConfigError { file: file.to_string(), line, key, message: message.replace('\n', " ") }
}

/// Where user overrides live: `$DUTYWATCH_CONFIG_DIR`, else the platform config dir.
pub fn user_config_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("DUTYWATCH_CONFIG_DIR") {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "dutywatch").map(|p| p.config_dir().to_path_buf())
}

/// Reads the user's override of `name` if there is one, else returns the shipped text.
/// Returns the text and the label to name in errors.
pub fn text_of(name: &str, shipped: &'static str) -> Result<(String, String), ConfigError> {
    if let Some(dir) = user_config_dir() {
        let path = dir.join(name);
        if path.exists() {
            return read_file(&path).map(|t| (t, path.display().to_string()));
        }
    }
    Ok((shipped.to_string(), format!("data/{name} (built in)")))
}

/// Reads a config file from disk with a located error.
pub fn read_file(path: &Path) -> Result<String, ConfigError> {
    std::fs::read_to_string(path).map_err(|e| ConfigError {
        file: path.display().to_string(),
        line: 0,
        key: String::new(),
        message: format!("cannot read: {e}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct T {
        a: u32,
        b: String,
    }

    #[test]
    fn errors_name_line_and_key() {
        let e = parse_toml::<T>("a = 1\nb = \"x\"\nc = 2\n", "t.toml").expect_err("unknown key");
        assert_eq!((e.line, e.key.as_str()), (3, "c"), "{e}");
        let e = parse_toml::<T>("a = -1\nb = \"x\"\n", "t.toml").expect_err("negative");
        assert_eq!((e.line, e.key.as_str()), (1, "a"), "{e}");
        let e = parse_toml::<T>("a = 1\n", "t.toml").expect_err("missing");
        assert_eq!(e.key, "b", "{e}");
        let e = parse_toml::<T>("a = = 1\n", "t.toml").expect_err("malformed");
        assert_eq!(e.line, 1, "{e}");
        assert!(e.to_string().starts_with("t.toml:1: key `a`"), "{e}");
    }
}
