//! The one reading of a period bound (`--from` / `--to`) shared by every command (issue 16): a day
//! (`2026-11-25`), a month (`2026-11`), a time (`2026-11-25 08:30`, RFC 3339, `14:05`) or a
//! relative one (`-7d`, `-12h`). A day or a month given as `--to` is inclusive: the bound is the
//! start of the next day or month. Everything is in the unit's time zone; nothing reads a clock.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Tz;

use super::roster::local_day_start;
use super::time_input::{TimeInputError, YEARS, parse_time_input};

/// Which end of a period a bound is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// `--from`: the start of a day or month given.
    From,
    /// `--to`: the end (exclusive) of a day or month given, i.e. the next one's start.
    To,
}

/// Why a bound was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    #[error("`{0}` is not a day (2026-11-25), a month (2026-11), a time (2026-11-25 08:30) or a relative time (-7d)")]
    Unrecognised(String),
    #[error("`{0}`: no such day or month in the years 2000–2100")]
    NoSuchDay(String),
    #[error("{0}")]
    Time(#[from] TimeInputError),
    #[error("`{0}` is not a length of time (15m, 1h, 1h30m, 90s)")]
    Duration(String),
}

fn full_width_to_ascii(s: &str) -> String {
    s.trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '－' | '—' => '-',
            '／' => '/',
            other => other,
        })
        .collect()
}

/// A month `YYYY-MM` or `YYYY/MM`.
fn month(s: &str) -> Option<(i32, u32)> {
    let (y, m) = s.split_once(['-', '/'])?;
    if y.len() != 4 || !(1..=2).contains(&m.len()) || !y.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((y.parse().ok()?, m.parse().ok()?))
}

/// A day `YYYY-MM-DD` or `YYYY/MM/DD`.
fn day(s: &str) -> Option<Result<NaiveDate, ()>> {
    let parts: Vec<&str> = s.split(['-', '/']).collect();
    if parts.len() != 3
        || parts[0].len() != 4
        || !parts.iter().all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let n = |i: usize| parts[i].parse::<u32>().unwrap_or(0);
    Some(NaiveDate::from_ymd_opt(n(0) as i32, n(1), n(2)).ok_or(()))
}

/// Reads one bound of a period. See the module documentation for the forms.
pub fn parse_bound(input: &str, end: End, now: DateTime<Utc>, tz: Tz) -> Result<DateTime<Utc>, PeriodError> {
    let s = full_width_to_ascii(input);
    if s.is_empty() {
        return Err(PeriodError::Unrecognised(input.to_string()));
    }
    let no_such = || PeriodError::NoSuchDay(input.trim().to_string());
    if let Some(d) = day(&s) {
        let d = d.map_err(|_| no_such())?;
        let d = if end == End::To { d.succ_opt().ok_or_else(no_such)? } else { d };
        if !(YEARS.contains(&d.year()) || end == End::To && d.year() == YEARS.end() + 1) {
            return Err(no_such());
        }
        return local_day_start(d, tz).ok_or_else(no_such);
    }
    if let Some((y, m)) = month(&s) {
        let first = NaiveDate::from_ymd_opt(y, m, 1).filter(|_| YEARS.contains(&y)).ok_or_else(no_such)?;
        let d = match end {
            End::From => first,
            End::To => first.checked_add_months(chrono::Months::new(1)).ok_or_else(no_such)?,
        };
        return local_day_start(d, tz).ok_or_else(no_such);
    }
    parse_time_input(&s, now, tz).map_err(|e| match e {
        TimeInputError::Unrecognised(_) => PeriodError::Unrecognised(input.trim().to_string()),
        other => PeriodError::Time(other),
    })
}

/// The office hours of a working day (local), for "outside hours" (PR-15).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficeHours(pub Vec<(chrono::NaiveTime, chrono::NaiveTime)>);

/// A length of time: `15m`, `30m`, `1h`, `1h30m`, `90s`, `2d` (or a bare number of minutes).
pub fn parse_duration(input: &str) -> Result<chrono::Duration, PeriodError> {
    let s = full_width_to_ascii(input).to_lowercase();
    let bad = || PeriodError::Duration(input.trim().to_string());
    if s.is_empty() {
        return Err(bad());
    }
    if let Ok(n) = s.parse::<i64>() {
        return (0..=1_000_000).contains(&n).then(|| chrono::Duration::minutes(n)).ok_or_else(bad);
    }
    let mut total = 0i64;
    let mut num = String::new();
    for c in s.chars() {
        if c.is_ascii_digit() {
            num.push(c);
            continue;
        }
        let unit = match c {
            'd' => 86_400,
            'h' => 3_600,
            'm' => 60,
            's' => 1,
            _ => return Err(bad()),
        };
        let n: i64 = num.parse().map_err(|_| bad())?;
        total = n.checked_mul(unit).and_then(|v| v.checked_add(total)).ok_or_else(bad)?;
        num.clear();
    }
    if !num.is_empty() || total > 366 * 86_400 {
        return Err(bad());
    }
    Ok(chrono::Duration::seconds(total))
}

/// A period `[from, to)`.
pub type Period = (DateTime<Utc>, DateTime<Utc>);

/// A whole period `[from, to)`; `from` must come before `to`.
pub fn parse_period(from: &str, to: &str, now: DateTime<Utc>, tz: Tz) -> Result<Period, (&'static str, PeriodError)> {
    let f = parse_bound(from, End::From, now, tz).map_err(|e| ("from", e))?;
    let t = parse_bound(to, End::To, now, tz).map_err(|e| ("to", e))?;
    Ok((f, t))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 30, 4, 0, 0).unwrap()
    }
    fn tz() -> Tz {
        chrono_tz::Asia::Shanghai
    }
    fn local(y: i32, m: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        tz().with_ymd_and_hms(y, m, d, h, mi, 0).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn forms_table() {
        let cases: &[(&str, End, DateTime<Utc>)] = &[
            ("2026-11-25", End::From, local(2026, 11, 25, 0, 0)),
            ("2026-11-25", End::To, local(2026, 11, 26, 0, 0)),
            ("2026/11/25", End::From, local(2026, 11, 25, 0, 0)),
            ("２０２６-１１-２５", End::From, local(2026, 11, 25, 0, 0)),
            ("2026-11", End::From, local(2026, 11, 1, 0, 0)),
            ("2026-11", End::To, local(2026, 12, 1, 0, 0)),
            ("2026-12", End::To, local(2027, 1, 1, 0, 0)),
            ("2026-2", End::From, local(2026, 2, 1, 0, 0)),
            ("2026-11-25 08:30", End::From, local(2026, 11, 25, 8, 30)),
            ("2026-11-25 08:30", End::To, local(2026, 11, 25, 8, 30)),
            ("-7d", End::From, now() - Duration::days(7)),
            ("-12h", End::To, now() - Duration::hours(12)),
            ("now", End::To, now()),
            ("2026-11-25T08:30:00+08:00", End::From, local(2026, 11, 25, 8, 30)),
        ];
        for (input, end, want) in cases {
            assert_eq!(parse_bound(input, *end, now(), tz()).as_ref(), Ok(want), "{input} {end:?}");
        }
    }

    #[test]
    fn refusals_name_the_input() {
        for bad in ["", "yesterday", "2026-13", "2026-02-30", "1999-01", "11-25"] {
            let e = parse_bound(bad, End::From, now(), tz());
            assert!(e.is_err(), "{bad} should be refused");
        }
        let e = parse_bound("2026-02-30", End::From, now(), tz()).unwrap_err().to_string();
        assert!(e.contains("2026-02-30"), "{e}");
    }

    #[test]
    fn durations() {
        for (s, secs) in [("15m", 900), ("1h", 3600), ("1h30m", 5400), ("90s", 90), ("30", 1800), ("2d", 172_800)] {
            assert_eq!(parse_duration(s), Ok(Duration::seconds(secs)), "{s}");
        }
        for bad in ["", "m", "15x", "1h3", "-5m"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_period_of_one_month_given_twice() {
        let (f, t) = parse_period("2026-11", "2026-11", now(), tz()).unwrap();
        assert_eq!((f, t), (local(2026, 11, 1, 0, 0), local(2026, 12, 1, 0, 0)));
    }
}
