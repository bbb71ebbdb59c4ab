//! `[link]` in `unit.toml` (issue 20): this room's link code, the NATS servers, the credentials file,
//! and the rooms one level up and below. Without `[link]` nothing about the link exists.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Deserializer};

use super::ConfigError;
use crate::domain::link::valid_code;

/// The link section of `unit.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkConfig {
    /// This room: 行政区划代码 plus a suffix (letters, digits, `_`, `-`).
    #[serde(deserialize_with = "de_code")]
    pub code: String,
    /// NATS server URLs, e.g. `nats://127.0.0.1:4222`.
    #[serde(deserialize_with = "de_servers")]
    pub servers: Vec<String>,
    /// User and password file, relative to the config dir; refused unless mode 0600.
    #[serde(default)]
    pub credentials: Option<String>,
    /// The room one level up (omitted at the top).
    #[serde(default, deserialize_with = "de_opt_code")]
    pub upper: Option<String>,
    /// The rooms below.
    #[serde(default, deserialize_with = "de_codes")]
    pub lower: Vec<String>,
}

/// The credentials file: `user = "…"`, `password = "…"`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Credentials {
    pub user: String,
    pub password: String,
}

fn bad_code(s: &str) -> String {
    format!("`{s}` is not a room code (letters, digits, `_` or `-`, at most 32; e.g. 520424101)")
}

fn de_code<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let s = String::deserialize(d)?;
    if valid_code(&s) { Ok(s) } else { Err(serde::de::Error::custom(bad_code(&s))) }
}

fn de_opt_code<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    de_code(d).map(Some)
}

fn de_codes<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let v = Vec::<String>::deserialize(d)?;
    match v.iter().find(|s| !valid_code(s)) {
        Some(bad) => Err(serde::de::Error::custom(bad_code(bad))),
        None => Ok(v),
    }
}

fn de_servers<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let v = Vec::<String>::deserialize(d)?;
    if v.is_empty() {
        return Err(serde::de::Error::custom("at least one server URL is needed (e.g. nats://127.0.0.1:4222)"));
    }
    match v.iter().find(|s| !(s.starts_with("nats://") || s.starts_with("tls://"))) {
        Some(bad) => Err(serde::de::Error::custom(format!("`{bad}` is not a nats:// or tls:// URL"))),
        None => Ok(v),
    }
}

impl LinkConfig {
    /// The rooms this one exchanges messages with: the upper room and those below.
    pub fn linked(&self) -> Vec<&str> {
        self.upper.iter().map(String::as_str).chain(self.lower.iter().map(String::as_str)).collect()
    }

    /// Whether `code` is one of the rooms below.
    pub fn is_lower(&self, code: &str) -> bool {
        self.lower.iter().any(|c| c == code)
    }

    /// The credentials file's path: relative to the config dir.
    pub fn credentials_path(&self, config_dir: Option<&Path>) -> Option<PathBuf> {
        let name = self.credentials.as_deref()?;
        let p = Path::new(name);
        Some(if p.is_absolute() { p.to_path_buf() } else { config_dir.unwrap_or(Path::new(".")).join(p) })
    }

    /// Reads the credentials, refusing a file that others can read or write (mode must be 0600).
    pub fn load_credentials(&self) -> Result<Option<Credentials>, ConfigError> {
        let dir = super::user_config_dir();
        let Some(path) = self.credentials_path(dir.as_deref()) else { return Ok(None) };
        let err =
            |message: String| ConfigError { file: path.display().to_string(), line: 0, key: String::new(), message };
        let meta = std::fs::metadata(&path).map_err(|e| err(format!("cannot read the link credentials: {e}")))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = meta.permissions().mode() & 0o777;
            if mode != 0o600 {
                return Err(err(format!(
                    "the link credentials must have mode 0600 (owner read/write only), not {mode:04o}: chmod 600 {}",
                    path.display()
                )));
            }
        }
        #[cfg(not(unix))]
        let _ = meta;
        let text = super::read_file(&path)?;
        super::parse_toml(&text, &path.display().to_string()).map(Some)
    }
}
