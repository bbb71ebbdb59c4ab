//! Duty days and weeks: the calendar that a roster is read in.
//!
//! A duty day (值班日) runs from the change time to the next day's change time, so a three-8 shift
//! that starts at 00:30 still belongs to the day before: it is the third watch of that day's roster.
//! Grids, the weekly plan and date ranges on the command line all count in duty days.

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;

use super::roster::local_to_utc;

/// The duty day an instant belongs to.
pub fn duty_date(t: DateTime<Utc>, tz: Tz, change: NaiveTime) -> NaiveDate {
    let local = t.with_timezone(&tz).naive_local();
    (local - (change - NaiveTime::MIN)).date()
}

/// The instant a duty day starts (its change time, placed with the DST policy of [`local_to_utc`]).
pub fn duty_day_start(date: NaiveDate, tz: Tz, change: NaiveTime) -> Option<DateTime<Utc>> {
    local_to_utc(date.and_time(change), tz)
}

/// `[start of from, start of the day after to)`: the instants of duty days `from..=to`.
pub fn duty_window(
    from: NaiveDate,
    to: NaiveDate,
    tz: Tz,
    change: NaiveTime,
) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let end = to.checked_add_days(Days::new(1))?;
    Some((duty_day_start(from, tz, change)?, duty_day_start(end, tz, change)?))
}

/// The Monday of the week containing `date` (weeks run Monday to Sunday, as 周值班计划 do).
pub fn week_start(date: NaiveDate) -> NaiveDate {
    date - chrono::Duration::days(i64::from(date.weekday().num_days_from_monday()))
}

/// The seven dates of the week starting `monday`.
pub fn week_days(monday: NaiveDate) -> Vec<NaiveDate> {
    monday.iter_days().take(7).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use chrono_tz::Asia::Shanghai;

    #[test]
    fn an_early_morning_watch_belongs_to_the_day_before() {
        let change = NaiveTime::from_hms_opt(8, 30, 0).expect("time");
        let t = Shanghai.with_ymd_and_hms(2026, 11, 23, 0, 30, 0).single().expect("t").with_timezone(&Utc);
        assert_eq!(duty_date(t, Shanghai, change), NaiveDate::from_ymd_opt(2026, 11, 22).expect("d"));
        let t = Shanghai.with_ymd_and_hms(2026, 11, 23, 8, 30, 0).single().expect("t").with_timezone(&Utc);
        assert_eq!(duty_date(t, Shanghai, change), NaiveDate::from_ymd_opt(2026, 11, 23).expect("d"));
        assert_eq!(
            week_start(NaiveDate::from_ymd_opt(2026, 11, 22).expect("d")),
            NaiveDate::from_ymd_opt(2026, 11, 16).expect("d")
        );
    }
}
