//! The handover prompt: when the board asks for the shift handover (docs/rules.md PR-13).

use chrono::{DateTime, Duration, Utc};

/// Whether the board should prompt for the handover now: within `prompt_minutes` before the next
/// shift change, no sheet for the current watch yet, and not already prompted for this watch
/// (`prompted_for` is the change time last prompted for; the prompt shows once per watch).
pub fn should_prompt(
    now: DateTime<Utc>,
    next_change: Option<DateTime<Utc>>,
    prompt_minutes: u32,
    has_sheet: bool,
    prompted_for: Option<DateTime<Utc>>,
) -> bool {
    let Some(change) = next_change else { return false };
    if has_sheet || prompted_for == Some(change) {
        return false;
    }
    now < change && change - now <= Duration::minutes(i64::from(prompt_minutes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn prompt_once_per_watch_within_the_window() {
        let change = Utc.with_ymd_and_hms(2026, 11, 22, 0, 30, 0).single().expect("time");
        let at = |m: i64| change - Duration::minutes(m);
        assert!(!should_prompt(at(31), Some(change), 30, false, None), "too early");
        assert!(should_prompt(at(30), Some(change), 30, false, None), "at the window's start");
        assert!(should_prompt(at(1), Some(change), 30, false, None));
        assert!(!should_prompt(at(10), Some(change), 30, false, Some(change)), "already prompted this watch");
        assert!(
            should_prompt(at(10), Some(change), 30, false, Some(change - Duration::hours(24))),
            "prompted last watch"
        );
        assert!(!should_prompt(at(10), Some(change), 30, true, None), "a sheet exists");
        assert!(!should_prompt(change, Some(change), 30, false, None), "the change itself has passed");
        assert!(!should_prompt(at(10), None, 30, false, None), "no next change");
    }
}
