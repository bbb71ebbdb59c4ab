//! The officer's time-input field: what can be typed for "occurred at", "learned at", "sent at" …
//!
//! On a night call the officer types `23:10` or `-20m`, not an RFC 3339 string, so the parser accepts the
//! short forms a watch room uses and the form always says back what it understood
//! (`text::record::time_input::describe_understood`) so that a misreading is caught on the form, not
//! in the 迟报 statistics a month later. Everything is relative to the
//! `now` passed in and to the unit's time zone; nothing reads the wall clock.

use chrono::{DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

/// How far in the future a bare `HH:MM` may lie before it is read as yesterday. A few minutes of slack
/// absorb a wall clock on the caller's phone that runs ahead of ours.
const FUTURE_SLACK_MINUTES: i64 = 5;

/// A bare `HH:MM` up to this far ahead is kept as today (and then refused by the caller as lying in
/// the future) rather than read as yesterday: typing 14:09 at 14:03 is a slip of the finger or a
/// skewed clock, and turning it into an incident a day old would make every deadline overdue at once.
const NEAR_FUTURE_MINUTES: i64 = 60;

/// Why a typed time was refused. Messages name the part of the input that is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimeInputError {
    #[error("time input is empty; type e.g. `14:05`, `2026-11-22 14:05`, `-20m` or `now`")]
    Empty,
    #[error(
        "time input `{0}` not understood; use `HH:MM`, `YYYY-MM-DD HH:MM`, RFC 3339, `-20m`/`-2h`/`-1d`/`-1h30m` or `now`"
    )]
    Unrecognised(String),
    #[error("time of day `{hour:02}:{minute:02}` does not exist (hour 0–23, minute 0–59)")]
    InvalidTimeOfDay { hour: u32, minute: u32 },
    #[error("date `{year:04}-{month:02}-{day:02}` does not exist")]
    InvalidDate { year: i32, month: u32, day: u32 },
    #[error("local time `{local}` does not exist in time zone {tz} (skipped by a daylight-saving change)")]
    NonexistentLocalTime { local: String, tz: String },
    #[error("relative offset `{0}` is too large")]
    OffsetTooLarge(String),
    #[error("time `{0}` is outside the accepted range: years 2000–2100")]
    OutOfRange(String),
}

/// The years a typed time may fall in. Nothing a watch room records lies outside them, and a typo
/// such as `0226-11-22` or `-900000h` is caught here rather than stored as a record from antiquity.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// Reads a typed time.
///
/// Accepted forms:
/// - RFC 3339 (`2026-11-22T14:05:00+08:00`);
/// - `YYYY-MM-DD HH:MM`, `YYYY-MM-DDTHH:MM`, `YYYY/MM/DD HH:MM` in `tz`;
/// - `HH:MM`, `HHMM` or `HH：MM` (full-width colon): today in `tz`, or yesterday when today's reading would lie
///   more than 5 minutes after `now` (a `23:10` typed at 00:20 is last night, not tonight);
/// - `-20m`, `-2h`, `-1d`, `-1h30m`: that long before `now`;
/// - `now` / `现在`.
///
/// Full-width digits and punctuation (as produced by Chinese input methods) are read as their ASCII forms.
/// A local time that falls twice (the hour repeated when daylight saving ends) is read as the first
/// occurrence; one that never happens is refused.
pub fn parse_time_input(input: &str, now: DateTime<Utc>, tz: Tz) -> Result<DateTime<Utc>, TimeInputError> {
    let t = parse_any_year(input, now, tz)?;
    if !YEARS.contains(&t.with_timezone(&tz).year()) {
        return Err(TimeInputError::OutOfRange(input.trim().to_string()));
    }
    Ok(t)
}

fn parse_any_year(input: &str, now: DateTime<Utc>, tz: Tz) -> Result<DateTime<Utc>, TimeInputError> {
    let s = normalise(input);
    let s = s.trim();
    if s.is_empty() {
        return Err(TimeInputError::Empty);
    }
    if s.eq_ignore_ascii_case("now") || s == "现在" {
        return Ok(now);
    }
    if let Some(rest) = s.strip_prefix('-') {
        return parse_relative(rest.trim(), input, now);
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&Utc));
    }
    if let Some((date, time)) = split_date_time(s) {
        let date = parse_date(date).ok_or_else(|| unrecognised(input))??;
        let time = parse_hm(time).ok_or_else(|| unrecognised(input))??;
        return resolve_local(date.and_time(time), tz);
    }
    if let Some(time) = parse_hm(s) {
        return time_today_or_yesterday(time?, now, tz);
    }
    Err(unrecognised(input))
}

fn unrecognised(input: &str) -> TimeInputError {
    TimeInputError::Unrecognised(input.trim().to_string())
}

/// Maps full-width ASCII (U+FF01–U+FF5E) and the ideographic space to ASCII, so `１４：０５` reads as `14:05`.
fn normalise(input: &str) -> String {
    input
        .chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Splits `YYYY-MM-DD HH:MM` / `YYYY-MM-DDTHH:MM` at the separator between date and time.
fn split_date_time(s: &str) -> Option<(&str, &str)> {
    let idx = s.find([' ', 'T', 't'])?;
    let (date, rest) = s.split_at(idx);
    // The separator is one ASCII byte, so slicing past it is on a char boundary.
    let time = rest.get(1..)?.trim();
    Some((date.trim(), time))
}

/// `None` when the text is not shaped like a date; `Some(Err)` when it is shaped like one but does not exist.
fn parse_date(s: &str) -> Option<Result<NaiveDate, TimeInputError>> {
    let sep = if s.contains('/') { '/' } else { '-' };
    let mut parts = s.split(sep);
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || !(1..=2).contains(&m.len()) {
        return None;
    }
    if !(1..=2).contains(&d.len()) {
        return None;
    }
    let year: i32 = digits(y)?.try_into().ok()?;
    let month: u32 = digits(m)?.try_into().ok()?;
    let day: u32 = digits(d)?.try_into().ok()?;
    Some(NaiveDate::from_ymd_opt(year, month, day).ok_or(TimeInputError::InvalidDate { year, month, day }))
}

/// Reads `H:MM`, `HH:MM` or `HHMM`. `None` when not shaped like a time; `Some(Err)` for `25:61`.
fn parse_hm(s: &str) -> Option<Result<NaiveTime, TimeInputError>> {
    let (h, m) = match s.split_once(':') {
        Some((h, m)) if (1..=2).contains(&h.len()) && m.len() == 2 => (h, m),
        Some(_) => return None,
        None if s.len() == 4 && s.is_ascii() => s.split_at(2),
        None => return None,
    };
    let hour: u32 = digits(h)?.try_into().ok()?;
    let minute: u32 = digits(m)?.try_into().ok()?;
    Some(NaiveTime::from_hms_opt(hour, minute, 0).ok_or(TimeInputError::InvalidTimeOfDay { hour, minute }))
}

/// Parses a short run of ASCII digits; `None` for anything else (signs, spaces, empty, overflow).
fn digits(s: &str) -> Option<u64> {
    if s.is_empty() || s.len() > 18 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Resolves a local reading in `tz`. A repeated reading takes its first occurrence, a skipped one is refused.
pub(crate) fn resolve_local(naive: NaiveDateTime, tz: Tz) -> Result<DateTime<Utc>, TimeInputError> {
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => Ok(t.with_timezone(&Utc)),
        LocalResult::None => Err(TimeInputError::NonexistentLocalTime {
            local: naive.format("%Y-%m-%d %H:%M").to_string(),
            tz: tz.name().to_string(),
        }),
    }
}

fn time_today_or_yesterday(time: NaiveTime, now: DateTime<Utc>, tz: Tz) -> Result<DateTime<Utc>, TimeInputError> {
    let now_local = now.with_timezone(&tz).naive_local();
    let slack = Duration::minutes(FUTURE_SLACK_MINUTES);
    let today = now_local.date().and_time(time);
    let in_future = match resolve_local(today, tz) {
        Ok(t) => now.checked_add_signed(slack).is_some_and(|limit| t > limit),
        // A reading skipped by DST today: judge by wall-clock readings instead of instants.
        Err(_) => now_local.checked_add_signed(slack).is_some_and(|limit| today > limit),
    };
    let near_future = match resolve_local(today, tz) {
        Ok(t) => now.checked_add_signed(Duration::minutes(NEAR_FUTURE_MINUTES)).is_some_and(|limit| t <= limit),
        Err(_) => false,
    };
    if !in_future || near_future {
        return resolve_local(today, tz);
    }
    let yesterday =
        now_local.date().pred_opt().ok_or_else(|| TimeInputError::Unrecognised(time.format("%H:%M").to_string()))?;
    resolve_local(yesterday.and_time(time), tz)
}

/// Reads the part after the leading `-`: one or more `<number><unit>` with unit d, h or m (also 天, 小时/时,
/// 分钟/分, min), e.g. `1h30m`.
fn parse_relative(rest: &str, input: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, TimeInputError> {
    const UNITS: &[(&str, i64)] =
        &[("min", 1), ("分钟", 1), ("小时", 60), ("d", 1440), ("天", 1440), ("h", 60), ("时", 60), ("m", 1), ("分", 1)];
    let too_large = || TimeInputError::OffsetTooLarge(input.trim().to_string());
    let mut remaining = rest;
    let mut total_minutes: i64 = 0;
    let mut parts = 0;
    while !remaining.is_empty() {
        let n_len = remaining.bytes().take_while(|b| b.is_ascii_digit()).count();
        if n_len == 0 {
            return Err(unrecognised(input));
        }
        let (num, after) = remaining.split_at(n_len);
        let n: i64 = num.parse().map_err(|_| too_large())?;
        let after = after.trim_start();
        let (unit_len, per) = UNITS
            .iter()
            .find(|(u, _)| after.starts_with(u))
            .map(|(u, per)| (u.len(), *per))
            .ok_or_else(|| unrecognised(input))?;
        let minutes = n.checked_mul(per).ok_or_else(too_large)?;
        total_minutes = total_minutes.checked_add(minutes).ok_or_else(too_large)?;
        remaining = after[unit_len..].trim_start();
        parts += 1;
    }
    if parts == 0 {
        return Err(unrecognised(input));
    }
    let offset = Duration::try_minutes(total_minutes).ok_or_else(too_large)?;
    now.checked_sub_signed(offset).ok_or_else(too_large)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Timelike;
    use chrono_tz::Asia::Shanghai;
    use chrono_tz::Europe::Berlin;
    use proptest::prelude::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).expect("test instant").with_timezone(&Utc)
    }

    /// 2026-11-22 14:30 in Shanghai.
    fn now() -> DateTime<Utc> {
        utc("2026-11-22T14:30:00+08:00")
    }

    fn sh(input: &str) -> Result<DateTime<Utc>, TimeInputError> {
        parse_time_input(input, now(), Shanghai)
    }

    #[test]
    fn accepted_forms() {
        let expect = utc("2026-11-22T14:05:00+08:00");
        for input in [
            "2026-11-22T14:05:00+08:00",
            "2026-11-22T06:05:00Z",
            "2026-11-22 14:05",
            "2026-11-22T14:05",
            "2026/11/22 14:05",
            "2026/11/22 1405",
            "14:05",
            "1405",
            "14：05",
            "１４：０５",
            "  14:05 ",
            "-25m",
            "-25 分钟",
        ] {
            assert_eq!(sh(input), Ok(expect), "input {input:?}");
        }
        assert_eq!(sh("now"), Ok(now()));
        assert_eq!(sh("NOW"), Ok(now()));
        assert_eq!(sh("现在"), Ok(now()));
        assert_eq!(sh("-2h"), Ok(now() - Duration::hours(2)));
        assert_eq!(sh("-1d"), Ok(now() - Duration::days(1)));
        assert_eq!(sh("-1h30m"), Ok(now() - Duration::minutes(90)));
        assert_eq!(sh("9:05"), Ok(utc("2026-11-22T09:05:00+08:00")));
    }

    #[test]
    fn bare_time_after_midnight_means_yesterday() {
        let at = utc("2026-11-23T00:20:00+08:00");
        assert_eq!(parse_time_input("23:10", at, Shanghai), Ok(utc("2026-11-22T23:10:00+08:00")));
        // Within the 5-minute slack it stays today; up to an hour ahead it stays today too (the caller
        // refuses it as lying in the future); further ahead, yesterday.
        assert_eq!(parse_time_input("00:25", at, Shanghai), Ok(utc("2026-11-23T00:25:00+08:00")));
        assert_eq!(parse_time_input("00:26", at, Shanghai), Ok(utc("2026-11-23T00:26:00+08:00")));
        assert_eq!(parse_time_input("01:20", at, Shanghai), Ok(utc("2026-11-23T01:20:00+08:00")));
        assert_eq!(parse_time_input("01:21", at, Shanghai), Ok(utc("2026-11-22T01:21:00+08:00")));
        // Across a month and year end.
        let new_year = utc("2027-01-01T00:05:00+08:00");
        assert_eq!(parse_time_input("23:50", new_year, Shanghai), Ok(utc("2026-12-31T23:50:00+08:00")));
    }

    #[test]
    fn impossible_times_are_refused_clearly() {
        assert_eq!(sh("25:61"), Err(TimeInputError::InvalidTimeOfDay { hour: 25, minute: 61 }));
        assert_eq!(sh("2026-02-30 10:00"), Err(TimeInputError::InvalidDate { year: 2026, month: 2, day: 30 }));
        let msg = sh("2026-02-30 10:00").expect_err("no such date").to_string();
        assert!(msg.contains("2026-02-30"), "{msg}");
        assert!(matches!(sh(""), Err(TimeInputError::Empty)));
        for bad in ["yesterday", "14", "14:5", "-", "-m", "-5x", "+5m", "2026-11-22", "1:2:3"] {
            assert!(matches!(sh(bad), Err(TimeInputError::Unrecognised(_))), "{bad:?} gave {:?}", sh(bad));
        }
        assert!(matches!(sh("-99999999999999999d"), Err(TimeInputError::OffsetTooLarge(_))));
    }

    #[test]
    fn daylight_saving_gap_and_overlap() {
        // Berlin springs forward on 2026-03-29 at 02:00 → 03:00.
        let now = utc("2026-03-29T12:00:00+02:00");
        let err = parse_time_input("2026-03-29 02:30", now, Berlin).expect_err("skipped");
        assert!(matches!(err, TimeInputError::NonexistentLocalTime { .. }));
        assert!(err.to_string().contains("Europe/Berlin"), "{err}");
        assert!(matches!(parse_time_input("02:30", now, Berlin), Err(TimeInputError::NonexistentLocalTime { .. })));
        // Typed before the gap on that day, 02:30 is in the future, so it is read as yesterday.
        let early = utc("2026-03-29T01:00:00+01:00");
        assert_eq!(parse_time_input("02:30", early, Berlin), Ok(utc("2026-03-28T02:30:00+01:00")));
        // Falls back on 2026-10-25 at 03:00 → 02:00: the first 02:30 (CEST) is taken.
        let autumn = utc("2026-10-25T12:00:00+01:00");
        assert_eq!(parse_time_input("2026-10-25 02:30", autumn, Berlin), Ok(utc("2026-10-25T02:30:00+02:00")));
    }

    proptest! {
        #[test]
        fn never_panics_on_any_string(s in ".*", secs in -2_000_000_000i64..4_000_000_000i64) {
            let now = DateTime::from_timestamp(secs, 0).unwrap_or_else(Utc::now);
            let _ = parse_time_input(&s, now, Shanghai);
            let _ = parse_time_input(&s, now, Berlin);
        }

        #[test]
        fn never_panics_on_time_shaped_strings(
            s in "[-0-9:：/ Tdhm天分钟现在now+Z.]{0,24}",
            secs in -2_000_000_000i64..4_000_000_000i64,
        ) {
            let now = DateTime::from_timestamp(secs, 0).unwrap_or_else(Utc::now);
            let _ = parse_time_input(&s, now, Berlin);
        }

        #[test]
        fn bare_time_is_never_more_than_slack_ahead_or_a_day_behind(
            h in 0u32..24, m in 0u32..60, secs in 1_600_000_000i64..2_000_000_000i64,
        ) {
            let now = DateTime::from_timestamp(secs, 0).unwrap_or_else(Utc::now);
            if let Ok(t) = parse_time_input(&format!("{h:02}:{m:02}"), now, Berlin) {
                prop_assert!(t <= now + Duration::minutes(NEAR_FUTURE_MINUTES));
                prop_assert!(t > now - Duration::hours(25) - Duration::minutes(FUTURE_SLACK_MINUTES));
                let local = t.with_timezone(&Berlin);
                prop_assert_eq!((local.hour(), local.minute()), (h, m));
            }
        }
    }
}
