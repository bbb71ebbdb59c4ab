//! The holiday and sensitive-period calendar (节假日 / 调休 / 敏感时期).
//!
//! Why it exists: a leader must be on duty (领导带班) on holidays and in major sensitive periods
//! (docs/rules.md PR-02: D4, D5), and the higher duty office spot-checks weekends, holidays, 两会, 汛期, 凝冻
//! and 特防期 (docs/rules.md PR-03: D6, D7). The dates change every year and differ by province, so they are data
//! (`data/calendar.toml` plus a user's own file), not code.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::types::UnknownCode;

/// The calendar shipped with the program. Kept in the binary so that a fresh install works offline.
pub const SHIPPED_CALENDAR_TOML: &str = include_str!("../../../data/calendar.toml");

coded_enum!(
    /// Kind of sensitive period (docs/rules.md PR-03).
    PeriodKind, "period kind" {
        Lianghui => "lianghui", "两会";
        Flood => "flood", "汛期";
        Freeze => "freeze", "凝冻";
        ForestFire => "forest-fire", "森林防火期";
        Special => "special", "特防期";
        Event => "event", "重大活动";
        Custom => "custom", "自定义";
    }
);

/// A public holiday, possibly several days long (the 调休 block as published, not only the statutory days).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Holiday {
    pub name: String,
    pub name_en: String,
    #[serde(with = "toml_date")]
    pub start: NaiveDate,
    /// Inclusive, as the State Council notices write it (「1月1日至3日」).
    #[serde(with = "toml_date")]
    pub end: NaiveDate,
}

/// A make-up working day (调休上班): a Saturday or Sunday that is a working day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MakeupWorkday {
    #[serde(with = "toml_date")]
    pub date: NaiveDate,
    pub name: String,
    /// English name; the Chinese one is shown when it is missing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
}

/// A sensitive period: 两会, 汛期, 凝冻, 森林防火期, 特防期, a major event, or anything custom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SensitivePeriod {
    pub kind: PeriodKind,
    pub name: String,
    /// English name; the Chinese one is shown when it is missing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    #[serde(with = "toml_date")]
    pub start: NaiveDate,
    /// Inclusive.
    #[serde(with = "toml_date")]
    pub end: NaiveDate,
    /// Whether every day of the period needs a named 带班领导 (docs/rules.md D5). Long seasonal periods usually don't.
    pub leader_required: bool,
}

impl SensitivePeriod {
    /// True when `date` is within the period (both ends inclusive).
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }
}

/// Dates as TOML writes them natively (`start = 2026-10-01`, a TOML local date) or as a
/// `"2026-10-01"` string. chrono alone only accepts the string, and a calendar written by hand
/// naturally uses TOML's own date syntax.
mod toml_date {
    use chrono::NaiveDate;
    use serde::de::{self, MapAccess, Visitor};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&date.format("%Y-%m-%d"))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        d.deserialize_any(DateVisitor)
    }

    struct DateVisitor;

    /// The calendar covers the years a typed time may fall in (see `time_input::YEARS`): a date
    /// outside them is a typo (`20226-10-01`, `1026-10-01`), not a holiday to plan around.
    fn in_range<E: de::Error>(d: NaiveDate) -> Result<NaiveDate, E> {
        use chrono::Datelike;
        let years = crate::time_input::YEARS;
        if years.contains(&d.year()) {
            Ok(d)
        } else {
            Err(E::custom(format!(
                "the year {} is outside the accepted range {}–{}",
                d.year(),
                years.start(),
                years.end()
            )))
        }
    }

    impl<'de> Visitor<'de> for DateVisitor {
        type Value = NaiveDate;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a date such as 2026-10-01")
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<NaiveDate, E> {
            NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d").map_err(E::custom).and_then(in_range)
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<NaiveDate, A::Error> {
            let dt = toml::value::Datetime::deserialize(de::value::MapAccessDeserializer::new(map))?;
            match (dt.date, dt.time, dt.offset) {
                (Some(date), None, None) => {
                    NaiveDate::from_ymd_opt(i32::from(date.year), u32::from(date.month), u32::from(date.day))
                        .ok_or_else(|| de::Error::custom(format!("invalid date {dt}")))
                        .and_then(in_range)
                }
                _ => Err(de::Error::custom(format!("expected a date without time, got {dt}"))),
            }
        }
    }
}

/// One calendar file as written in TOML (`[[holiday]]`, `[[makeup_workday]]`, `[[period]]`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarFile {
    #[serde(default)]
    pub holiday: Vec<Holiday>,
    #[serde(default)]
    pub makeup_workday: Vec<MakeupWorkday>,
    #[serde(default)]
    pub period: Vec<SensitivePeriod>,
}

/// Why a calendar file was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    #[error("calendar file is not valid: {0}")]
    Parse(String),
    #[error("{what} `{name}` ends ({end}) before it starts ({start})")]
    Reversed { what: &'static str, name: String, start: NaiveDate, end: NaiveDate },
}

impl CalendarFile {
    /// Parses and checks one file. Unknown keys are errors so that a misspelt key is not silently ignored.
    pub fn parse(text: &str) -> Result<CalendarFile, CalendarError> {
        let file: CalendarFile = toml::from_str(text).map_err(|e| CalendarError::Parse(e.to_string()))?;
        file.validate()?;
        Ok(file)
    }

    fn validate(&self) -> Result<(), CalendarError> {
        for h in &self.holiday {
            if h.end < h.start {
                return Err(reversed("holiday", &h.name, h.start, h.end));
            }
        }
        for p in &self.period {
            if p.end < p.start {
                return Err(reversed("period", &p.name, p.start, p.end));
            }
        }
        Ok(())
    }
}

fn reversed(what: &'static str, name: &str, start: NaiveDate, end: NaiveDate) -> CalendarError {
    CalendarError::Reversed { what, name: name.to_string(), start, end }
}

/// What kind of day a date is, for duty purposes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayKind<'a> {
    Workday,
    Weekend,
    Holiday(&'a Holiday),
    /// A working day although it may fall on a Saturday or Sunday (调休上班).
    MakeupWorkday(&'a MakeupWorkday),
}

/// A date's mark from the files. Holidays and make-up days share one map so that a later file can
/// turn a shipped holiday into a working day and back.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Mark {
    Holiday(usize),
    Makeup(usize),
}

/// Why a day needs a leader on duty. Owned, so that it can travel inside a roster problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeaderReason {
    Holiday {
        name: String,
        name_en: String,
    },
    Period {
        kind: PeriodKind,
        name: String,
        name_en: Option<String>,
    },
    Weekend,
    /// The unit's rules ask for a leader every day (`leader_every_day`).
    EveryDay,
}

/// The merged calendar of one or more files.
#[derive(Debug, Clone, Default)]
pub struct Calendar {
    holidays: Vec<Holiday>,
    makeups: Vec<MakeupWorkday>,
    periods: Vec<SensitivePeriod>,
    /// Per date, the last file's word on it.
    marks: BTreeMap<NaiveDate, Mark>,
}

impl Calendar {
    /// Merges files in order: on the same date a later file wins (so a user's file can correct the
    /// shipped one, e.g. once the 2027 notice is out); sensitive periods of all files add up.
    pub fn merge(files: &[CalendarFile]) -> Calendar {
        let mut cal = Calendar::default();
        for file in files {
            cal.add(file);
        }
        cal
    }

    /// The shipped calendar alone.
    pub fn shipped() -> Result<Calendar, CalendarError> {
        Ok(Calendar::merge(&[CalendarFile::parse(SHIPPED_CALENDAR_TOML)?]))
    }

    fn add(&mut self, file: &CalendarFile) {
        for h in &file.holiday {
            let idx = self.holidays.len();
            self.holidays.push(h.clone());
            for d in h.start.iter_days().take_while(|d| *d <= h.end) {
                self.marks.insert(d, Mark::Holiday(idx));
            }
        }
        for m in &file.makeup_workday {
            let idx = self.makeups.len();
            self.makeups.push(m.clone());
            self.marks.insert(m.date, Mark::Makeup(idx));
        }
        for p in &file.period {
            if !self.periods.contains(p) {
                self.periods.push(p.clone());
            }
        }
        self.periods.sort_by_key(|p| (p.start, p.end));
    }

    /// Classifies a date. A make-up workday is a working day even on a Saturday or Sunday.
    pub fn day_kind(&self, date: NaiveDate) -> DayKind<'_> {
        match self.marks.get(&date) {
            Some(Mark::Holiday(i)) => match self.holidays.get(*i) {
                Some(h) => DayKind::Holiday(h),
                None => plain_day(date),
            },
            Some(Mark::Makeup(i)) => match self.makeups.get(*i) {
                Some(m) => DayKind::MakeupWorkday(m),
                None => plain_day(date),
            },
            None => plain_day(date),
        }
    }

    /// The sensitive periods that include `date`, earliest start first.
    pub fn periods_on(&self, date: NaiveDate) -> Vec<&SensitivePeriod> {
        self.periods.iter().filter(|p| p.contains(date)).collect()
    }

    /// All sensitive periods, earliest start first.
    pub fn periods(&self) -> &[SensitivePeriod] {
        &self.periods
    }

    /// Whether `date` needs a 带班领导 and why (docs/rules.md PR-02; D4, D5): a holiday, a period that requires
    /// one, a weekend that is not a make-up workday, or the unit's every-day rule. The strongest
    /// reason is returned: holiday, then period, then weekend, then every-day.
    pub fn leader_required(&self, date: NaiveDate, leader_every_day: bool) -> Option<LeaderReason> {
        let kind = self.day_kind(date);
        if let DayKind::Holiday(h) = kind {
            return Some(LeaderReason::Holiday { name: h.name.clone(), name_en: h.name_en.clone() });
        }
        if let Some(p) = self.periods_on(date).into_iter().find(|p| p.leader_required) {
            return Some(LeaderReason::Period { kind: p.kind, name: p.name.clone(), name_en: p.name_en.clone() });
        }
        if kind == DayKind::Weekend {
            return Some(LeaderReason::Weekend);
        }
        leader_every_day.then_some(LeaderReason::EveryDay)
    }
}

fn plain_day(date: NaiveDate) -> DayKind<'static> {
    match date.weekday() {
        Weekday::Sat | Weekday::Sun => DayKind::Weekend,
        _ => DayKind::Workday,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }

    fn shipped() -> Calendar {
        Calendar::shipped().expect("shipped calendar parses")
    }

    #[test]
    fn shipped_calendar_parses_and_knows_national_day() {
        let cal = shipped();
        assert!(matches!(cal.day_kind(d(2026, 10, 1)), DayKind::Holiday(h) if h.name == "国庆节"));
        assert!(matches!(cal.day_kind(d(2026, 10, 10)), DayKind::MakeupWorkday(_)));
        assert_eq!(cal.day_kind(d(2026, 10, 8)), DayKind::Workday);
        assert_eq!(cal.day_kind(d(2026, 10, 11)), DayKind::Weekend);
    }

    #[test]
    fn shipped_makeup_days_fall_on_weekends_and_holidays_do_not_overlap_them() {
        let file = CalendarFile::parse(SHIPPED_CALENDAR_TOML).expect("parses");
        for m in &file.makeup_workday {
            assert!(matches!(m.date.weekday(), Weekday::Sat | Weekday::Sun), "{} is not a weekend", m.date);
            for h in &file.holiday {
                assert!(!(h.start <= m.date && m.date <= h.end), "{}", m.date);
            }
        }
        assert_eq!(d(2026, 1, 1).weekday(), Weekday::Thu);
    }

    #[test]
    fn unknown_keys_are_rejected() {
        let err =
            CalendarFile::parse("[[holiday]]\nname='x'\nname_en='x'\nstart=2026-01-01\nend=2026-01-01\ncolour='red'\n")
                .expect_err("unknown key");
        assert!(err.to_string().contains("colour"), "{err}");
        assert!(CalendarFile::parse("[[holidays]]\n").is_err());
    }

    #[test]
    fn unknown_period_kind_lists_valid_codes() {
        let err = CalendarFile::parse(
            "[[period]]\nkind='storm'\nname='x'\nstart=2026-01-01\nend=2026-01-02\nleader_required=true\n",
        )
        .expect_err("unknown kind");
        assert!(err.to_string().contains("lianghui"), "{err}");
    }

    #[test]
    fn reversed_ranges_are_rejected() {
        let err = CalendarFile::parse("[[holiday]]\nname='x'\nname_en='x'\nstart=2026-01-03\nend=2026-01-01\n")
            .expect_err("reversed");
        assert!(matches!(err, CalendarError::Reversed { .. }));
    }

    #[test]
    fn leader_required_reasons() {
        let cal = shipped();
        // Holiday.
        assert!(matches!(cal.leader_required(d(2026, 10, 2), false), Some(LeaderReason::Holiday { .. })));
        // Make-up workday on a Saturday: no leader needed.
        assert_eq!(cal.leader_required(d(2026, 10, 10), false), None);
        assert_eq!(cal.leader_required(d(2026, 10, 10), true), Some(LeaderReason::EveryDay));
        // Plain weekend.
        assert_eq!(cal.leader_required(d(2026, 10, 17), false), Some(LeaderReason::Weekend));
        // Plain workday.
        assert_eq!(cal.leader_required(d(2026, 10, 15), false), None);
        // 两会 on a weekday.
        let r = cal.leader_required(d(2026, 3, 10), false);
        assert!(matches!(r, Some(LeaderReason::Period { kind: PeriodKind::Lianghui, .. })), "{r:?}");
        // Flood season alone does not require a leader on a workday.
        assert_eq!(cal.leader_required(d(2026, 7, 15), false), None);
        assert_eq!(cal.periods_on(d(2026, 7, 15)).iter().map(|p| p.kind).collect::<Vec<_>>(), vec![PeriodKind::Flood]);
    }

    #[test]
    fn later_file_wins_and_periods_add_up() {
        let user = CalendarFile::parse(
            r#"
            [[makeup_workday]]
            date = 2026-10-07
            name = "本单位调整"

            [[period]]
            kind = "event"
            name = "数博会"
            name_en = "Big Data Expo"
            start = 2026-05-26
            end = 2026-05-28
            leader_required = true
            "#,
        )
        .expect("parses");
        let base = CalendarFile::parse(SHIPPED_CALENDAR_TOML).expect("parses");
        let cal = Calendar::merge(&[base, user]);
        assert!(matches!(cal.day_kind(d(2026, 10, 7)), DayKind::MakeupWorkday(_)));
        let r = cal.leader_required(d(2026, 5, 27), false).expect("event needs a leader");
        assert!(matches!(r, LeaderReason::Period { kind: PeriodKind::Event, .. }), "{r:?}");
    }
}
