//! `unit.toml`: who we are, where, and when shifts change.

use chrono::NaiveTime;
use chrono_tz::Tz;
use serde::{Deserialize, Deserializer};

use super::{ConfigError, parse_toml, text_of};
use crate::domain::directory::{Contact, Directory};
use crate::domain::{Lang, Level};

/// Roster checks that are policy, not law.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct RosterPolicy {
    pub max_continuous_hours: u32,
    pub leader_every_day: bool,
    /// The longest one shift may be; a longer row is refused at import. It also bounds how far
    /// back the overlap check and "who is on duty" look, so it keeps those index range scans short.
    pub max_shift_hours: u32,
}

/// Default for `max_shift_hours`: three 24 h watches back to back (a long-holiday arrangement).
pub const DEFAULT_MAX_SHIFT_HOURS: u32 = 72;

impl Default for RosterPolicy {
    fn default() -> Self {
        RosterPolicy { max_continuous_hours: 24, leader_every_day: false, max_shift_hours: DEFAULT_MAX_SHIFT_HOURS }
    }
}

/// The unit's configuration.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitConfig {
    pub name: String,
    #[serde(default)]
    pub name_en: String,
    pub level: Level,
    #[serde(deserialize_with = "de_tz")]
    pub timezone: Tz,
    #[serde(deserialize_with = "de_hhmm")]
    pub shift_change: NaiveTime,
    /// Rule profile: `default`, `henan`, or a path to a rules TOML file.
    #[serde(default = "default_rules")]
    pub rules: String,
    /// Minutes before the shift change at which the board prompts for the handover.
    #[serde(default = "default_handover_prompt")]
    pub handover_prompt_minutes: u32,
    /// Minutes after the shift change during which the handover may still be signed (issue 14);
    /// an incoming signature after the change is recorded as late.
    #[serde(default = "default_handover_grace")]
    pub handover_grace_minutes: u32,
    /// PINs mandatory for acts that carry a person's responsibility (issue 14). Without it a person
    /// with no PIN signs by name and the record marks the signature unverified.
    #[serde(default)]
    pub require_pin: bool,
    /// Ring the terminal bell on due-soon and overdue alerts.
    #[serde(default = "yes")]
    pub bell: bool,
    /// While a duty is overdue and its alert is not acknowledged, the bell and banner come back
    /// every this many minutes (issue 17; 0 = ring once).
    #[serde(default = "default_alert_repeat")]
    pub alert_repeat_minutes: u32,
    /// The duty room's own phone (值班电话), printed on written reports and CAP messages.
    #[serde(default)]
    pub duty_phone: String,
    /// CAP `sender`: a unique id of this duty room (no spaces, commas, `<` or `&`).
    #[serde(default = "default_sender")]
    pub cap_sender: String,
    /// Days after which a directory entry's numbers count as stale and are flagged for re-checking.
    #[serde(default = "default_stale_days")]
    pub contact_stale_days: u32,
    /// What closing an incident with duties still open does: refuse (the default) or end them as missed.
    #[serde(default)]
    pub close_with_open: CloseWithOpen,
    #[serde(default)]
    pub roster: RosterPolicy,
    #[serde(default, rename = "contact")]
    pub contacts: Vec<Contact>,
    /// Watch rooms linked over NATS JetStream (issue 20); `None`: not linked, nothing changes.
    #[serde(default)]
    pub link: Option<super::link::LinkConfig>,
}

/// `close_with_open` in unit.toml.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CloseWithOpen {
    /// A close is refused while any duty is open; each must be sent or waived first.
    #[default]
    Refuse,
    /// A close ends the open duties as missed (漏报), with the reason recorded.
    Missed,
}

fn default_rules() -> String {
    "default".into()
}
fn default_stale_days() -> u32 {
    180
}
fn default_sender() -> String {
    "dutywatch@localhost".into()
}
fn default_handover_prompt() -> u32 {
    30
}
fn default_handover_grace() -> u32 {
    120
}
fn default_alert_repeat() -> u32 {
    5
}
fn yes() -> bool {
    true
}

fn de_tz<'de, D: Deserializer<'de>>(d: D) -> Result<Tz, D::Error> {
    let s = String::deserialize(d)?;
    s.parse::<Tz>().map_err(|_| serde::de::Error::custom(format!("unknown time zone `{s}` (e.g. Asia/Shanghai)")))
}

fn de_hhmm<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveTime, D::Error> {
    let s = String::deserialize(d)?;
    NaiveTime::parse_from_str(&s, "%H:%M").map_err(|_| serde::de::Error::custom(format!("`{s}` is not a time HH:MM")))
}

pub const SHIPPED_UNIT: &str = include_str!("../../../../data/unit.toml");

impl UnitConfig {
    /// Loads the user's `unit.toml` if present, else the shipped one.
    pub fn load() -> Result<UnitConfig, ConfigError> {
        let (text, label) = text_of("unit.toml", SHIPPED_UNIT)?;
        parse_toml(&text, &label)
    }

    /// The contact directory (own leaders and upper duty rooms) from `[[contact]]`.
    pub fn directory(&self) -> Directory {
        Directory { contacts: self.contacts.clone() }
    }

    /// The unit's name in the chosen language (falls back to the Chinese name).
    pub fn display_name(&self, lang: Lang) -> &str {
        match lang {
            Lang::En if !self.name_en.is_empty() => &self.name_en,
            _ => &self.name,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_unit_parses() {
        let u: UnitConfig = parse_toml(SHIPPED_UNIT, "unit.toml").expect("shipped unit.toml is valid");
        assert_eq!(u.timezone, chrono_tz::Asia::Shanghai);
        assert_eq!(u.shift_change, NaiveTime::from_hms_opt(8, 30, 0).expect("time"));
        assert!(!u.contacts.is_empty());
    }

    #[test]
    fn bad_timezone_names_key() {
        let text = SHIPPED_UNIT.replace("timezone = \"Asia/Shanghai\"", "timezone = \"Mars/Olympus\"");
        let e = parse_toml::<UnitConfig>(&text, "unit.toml").expect_err("bad tz");
        assert_eq!(e.key, "timezone", "{e}");
    }
}
