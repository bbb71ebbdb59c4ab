//! What a typed time was understood as, said back under the field (`domain::time_input` reads it).

use chrono::{DateTime, Datelike, Utc};
use chrono_tz::Tz;

use crate::domain::Lang;

/// What the form shows under the field so the officer can check it: `2026-11-22 14:05 (周日)` or
/// `2026-11-22 14:05 (Sun)`, in the unit's time zone.
pub fn describe_understood(t: DateTime<Utc>, tz: Tz, lang: Lang) -> String {
    let local = t.with_timezone(&tz);
    let day = crate::weekday(local.weekday(), lang);
    format!("{} ({day})", local.format("%Y-%m-%d %H:%M"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Asia::Shanghai;

    #[test]
    fn describes_what_it_understood() {
        let t = DateTime::parse_from_rfc3339("2026-11-22T14:05:00+08:00").expect("time").with_timezone(&Utc);
        assert_eq!(describe_understood(t, Shanghai, Lang::Zh), "2026-11-22 14:05 (周日)");
        assert_eq!(describe_understood(t, Shanghai, Lang::En), "2026-11-22 14:05 (Sun)");
    }
}
