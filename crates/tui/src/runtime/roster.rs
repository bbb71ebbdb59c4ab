//! Loads what the roster screen and the board's header need from the roster and the calendar.

use chrono::{DateTime, Days, NaiveDate, Utc};

use crate::app::roster::{DayInfo, RosterData};
use crate::config::{self, UnitConfig};
use crate::domain::calendar::{Calendar, DayKind, SensitivePeriod};
use crate::domain::roster::{self, RosterRules};
use crate::domain::roster_week::{duty_window, week_days};
use crate::domain::{Lang, Person};
use crate::store::Store;
use text::console::roster::marks as mark;

use super::error::{RuntimeError, RuntimeResult};
use text::DisplayName;

/// One week of the roster (duty days Monday–Sunday), checked against the calendar and the unit's policy.
pub fn week(store: &Store, unit: &UnitConfig, lang: Lang, monday: NaiveDate) -> RuntimeResult<RosterData> {
    let calendar = config::calendar::load()?;
    week_with(store, unit, lang, monday, &calendar)
}

/// [`week`] with a given calendar (tests and snapshots pin it).
pub fn week_with(
    store: &Store,
    unit: &UnitConfig,
    lang: Lang,
    monday: NaiveDate,
    calendar: &Calendar,
) -> RuntimeResult<RosterData> {
    let (tz, change) = (unit.timezone, unit.shift_change);
    let sunday = monday.checked_add_days(Days::new(6)).unwrap_or(monday);
    let (from, to) = duty_window(monday, sunday, tz, change).ok_or(RuntimeError::Unplaceable { monday, tz })?;
    // A margin either side: a chain or double booking reaching into the week is still found.
    let margin = chrono::Duration::days(2);
    let shifts = store.shifts_between(from - margin, to + margin)?;
    let people: Vec<Person> = store.people()?;
    let rules = RosterRules {
        max_continuous_hours: unit.roster.max_continuous_hours,
        leader_every_day: unit.roster.leader_every_day,
    };
    let problems = roster::check(&shifts, &people, from, to, tz, calendar, &rules);
    let mut swaps = Vec::new();
    for s in shifts.iter().filter(|s| s.replaces.is_some()) {
        if let Some(info) = store.swap_info(s.id)? {
            swaps.push((s.id, info));
        }
    }
    let days = week_days(monday).into_iter().map(|d| day_info(calendar, d, lang)).collect();
    let mut versions = Vec::with_capacity(people.len());
    for p in &people {
        versions.push((p.id, store.person_version(p.id)?));
    }
    Ok(RosterData { monday, tz, change, shifts, people, versions, swaps, days, problems })
}

/// Short marks for a grid column: 休 (holiday), 班 (make-up workday), 末 (weekend) and the periods.
fn day_info(calendar: &Calendar, date: NaiveDate, lang: Lang) -> DayInfo {
    let mut marks = Vec::new();
    let mut special = false;
    match calendar.day_kind(date) {
        DayKind::Holiday(h) => {
            special = true;
            marks.push(mark::holiday(&h.name, &h.name_en, lang));
        }
        DayKind::MakeupWorkday(_) => marks.push(mark::MAKEUP_WORKDAY.get(lang).to_string()),
        DayKind::Weekend => marks.push(mark::WEEKEND.get(lang).to_string()),
        DayKind::Workday => {}
    }
    for p in calendar.periods_on(date) {
        special |= p.leader_required;
        marks.push(short_period(p, lang));
    }
    DayInfo { date, marks, special }
}

/// A period's name short enough for a grid column (the full name is in the weekly plan).
fn short_period(p: &SensitivePeriod, lang: Lang) -> String {
    use crate::domain::calendar::PeriodKind as K;
    let short = match p.kind {
        K::Lianghui => mark::LIANGHUI.get(lang),
        K::Flood => mark::FLOOD.get(lang),
        K::Freeze => mark::FREEZE.get(lang),
        K::ForestFire => mark::FOREST_FIRE.get(lang),
        K::Special => mark::SPECIAL.get(lang),
        K::Event | K::Custom => p.display_name(lang),
    };
    short.to_string()
}

/// The sensitive periods in force on today's local date, for the board's header. A broken user
/// calendar must not stop the board: it is logged, and `roster check` reports it with its line.
pub fn sensitive_today(unit: &UnitConfig, now: DateTime<Utc>) -> Vec<SensitivePeriod> {
    match config::calendar::load() {
        Ok(cal) => {
            let today = now.with_timezone(&unit.timezone).date_naive();
            cal.periods_on(today).into_iter().cloned().collect()
        }
        Err(e) => {
            tracing::warn!("calendar for the header: {e}");
            Vec::new()
        }
    }
}
