//! Recurring and one-off duties (PR-12): `data/duties.toml` lists each duty with its schedule (daily at a
//! time, weekly on a day, half-yearly or yearly on dates, once on a date), the period it is active in
//! (always, flood season, a sensitive period, while a response level is active) and what happens on a
//! holiday. Each occurrence is a duty on the ledger, with the ledger's states; it comes to exist at the
//! start of its local day (nothing is due before it exists). The zero report (零报告) is a daily duty
//! that a report of an incident that day also fulfils.

use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::calendar::{Calendar, DayKind, PeriodKind};
use super::roster::local_day_start;

/// How a duty repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Every {
    Daily,
    Weekly,
    HalfYearly,
    Yearly,
    Once,
}

/// When a duty is owed at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Active {
    #[default]
    Always,
    /// A flood-season (汛期) period of the calendar covers the day.
    Flood,
    /// Any sensitive period of the calendar (两会, 汛期, 凝冻 …) covers the day.
    Sensitive,
    /// A response level is active on some incident that day.
    Response,
}

/// What a holiday (or a weekend that is not a make-up workday) does to an occurrence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OnHoliday {
    /// Owed as usual: the watch room works every day.
    #[default]
    Keep,
    /// Not owed that day.
    Skip,
    /// Owed on the last working day before.
    Before,
}

/// One `[[duty]]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DutyDef {
    /// Code typed as `duty done NAME`.
    pub name: String,
    pub label_zh: String,
    pub label_en: String,
    pub every: Every,
    /// `HH:MM`, local.
    pub at: String,
    /// Weekly: mon … sun.
    #[serde(default)]
    pub weekday: Option<String>,
    /// Half-yearly: two `MM-DD`; yearly: one `MM-DD`; once: one `YYYY-MM-DD`.
    #[serde(default)]
    pub dates: Vec<String>,
    #[serde(default)]
    pub active: Active,
    #[serde(default)]
    pub on_holiday: OnHoliday,
    /// A zero report (零报告): a report of an incident that day fulfils it.
    #[serde(default)]
    pub zero_report: bool,
    /// Next week's duty plan: filing the plan of the week after the occurrence's week fulfils it
    /// (`roster file --week D`).
    #[serde(default)]
    pub plan_filing: bool,
}

impl DutyDef {
    fn time(&self) -> Option<NaiveTime> {
        NaiveTime::parse_from_str(self.at.trim(), "%H:%M").ok()
    }

    fn weekday(&self) -> Option<Weekday> {
        self.weekday.as_deref()?.trim().parse::<Weekday>().ok()
    }

    fn month_days(&self) -> Vec<(u32, u32)> {
        self.dates
            .iter()
            .filter_map(|d| {
                let (m, dd) = d.trim().split_once('-')?;
                Some((m.parse().ok()?, dd.parse().ok()?))
            })
            .collect()
    }

    /// The nominal date falls on `date` (before holidays move it).
    fn nominal(&self, date: NaiveDate) -> bool {
        match self.every {
            Every::Daily => true,
            Every::Weekly => self.weekday() == Some(date.weekday()),
            Every::HalfYearly | Every::Yearly => self.month_days().contains(&(date.month(), date.day())),
            Every::Once => {
                self.dates.iter().any(|d| NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok() == Some(date))
            }
        }
    }
}

/// The whole `duties.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DutyFile {
    #[serde(default, rename = "duty")]
    pub duties: Vec<DutyDef>,
}

/// A `duties.toml` that parsed but makes no sense: `path` is the key, e.g. `duty[2].at`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {problem}")]
pub struct DutyError {
    pub path: String,
    pub problem: String,
}

impl DutyFile {
    pub fn validate(&self) -> Result<(), DutyError> {
        let mut names = BTreeSet::new();
        for (i, d) in self.duties.iter().enumerate() {
            let err = |key: &str, problem: String| Err(DutyError { path: format!("duty[{i}].{key}"), problem });
            let ok = !d.name.is_empty() && d.name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
            if !ok {
                return err("name", format!("`{}` must be a code of letters, digits and '-'", d.name));
            }
            if !names.insert(d.name.clone()) {
                return err("name", format!("`{}` is listed twice", d.name));
            }
            if d.label_zh.trim().is_empty() || d.label_en.trim().is_empty() {
                return err("label_zh", "label_zh and label_en are required".into());
            }
            if d.time().is_none() {
                return err("at", format!("`{}` is not a time HH:MM (00:00–23:59)", d.at));
            }
            match d.every {
                Every::Weekly if d.weekday().is_none() => {
                    return err(
                        "weekday",
                        "a weekly duty needs its weekday: mon, tue, wed, thu, fri, sat or sun".into(),
                    );
                }
                Every::Daily | Every::Weekly if !d.dates.is_empty() => {
                    return err("dates", "only half-yearly, yearly and once duties take dates".into());
                }
                Every::HalfYearly | Every::Yearly => {
                    let want = if d.every == Every::HalfYearly { 2 } else { 1 };
                    if d.dates.len() != want {
                        return err("dates", format!("needs {want} date(s) MM-DD"));
                    }
                    for (j, s) in d.dates.iter().enumerate() {
                        let ok = NaiveDate::parse_from_str(&format!("2028-{}", s.trim()), "%Y-%m-%d").is_ok();
                        if !ok {
                            return err(&format!("dates[{j}]"), format!("`{s}` is not a date MM-DD"));
                        }
                    }
                }
                Every::Once => {
                    if d.dates.len() != 1 {
                        return err("dates", "a one-off duty needs one date YYYY-MM-DD".into());
                    }
                    if NaiveDate::parse_from_str(d.dates[0].trim(), "%Y-%m-%d").is_err() {
                        return err("dates[0]", format!("`{}` is not a date YYYY-MM-DD", d.dates[0]));
                    }
                }
                _ => {}
            }
            if d.plan_filing && d.every != Every::Weekly {
                return err("plan_filing", "the plan filing is a weekly duty".into());
            }
            if d.zero_report && d.every != Every::Daily {
                return err("zero_report", "a zero report is a daily duty".into());
            }
        }
        Ok(())
    }

    pub fn get(&self, name: &str) -> Option<&DutyDef> {
        self.duties.iter().find(|d| d.name == name)
    }
}

/// A working day: a weekday that is not a holiday, or a make-up workday.
fn working(cal: &Calendar, date: NaiveDate) -> bool {
    matches!(cal.day_kind(date), DayKind::Workday | DayKind::MakeupWorkday(_))
}

/// Whether the duty's period holds on `date`.
fn active_on(def: &DutyDef, date: NaiveDate, cal: &Calendar, responding: &dyn Fn(NaiveDate) -> bool) -> bool {
    match def.active {
        Active::Always => true,
        Active::Flood => cal.periods_on(date).iter().any(|p| p.kind == PeriodKind::Flood),
        Active::Sensitive => !cal.periods_on(date).is_empty(),
        Active::Response => responding(date),
    }
}

/// The local dates in `from..=to` on which `def` is owed: its nominal dates moved or dropped by holidays,
/// kept where its period holds on the day it is owed.
pub fn dates_owed(
    def: &DutyDef,
    from: NaiveDate,
    to: NaiveDate,
    cal: &Calendar,
    responding: &dyn Fn(NaiveDate) -> bool,
) -> Vec<NaiveDate> {
    let mut out = BTreeSet::new();
    // A nominal date up to two weeks after `to` may move back into the range (a long holiday block).
    let mut d = from;
    let end = to.checked_add_days(Days::new(14)).unwrap_or(to);
    while d <= end {
        if def.nominal(d) {
            let owed = match def.on_holiday {
                OnHoliday::Keep => Some(d),
                OnHoliday::Skip => working(cal, d).then_some(d),
                OnHoliday::Before => {
                    let mut e = d;
                    let mut steps = 0;
                    while !working(cal, e) && steps < 30 {
                        e = e.pred_opt().unwrap_or(e);
                        steps += 1;
                    }
                    Some(e)
                }
            };
            if let Some(e) = owed
                && e >= from
                && e <= to
                && active_on(def, e, cal, responding)
            {
                out.insert(e);
            }
        }
        match d.succ_opt() {
            Some(n) => d = n,
            None => break,
        }
    }
    out.into_iter().collect()
}

/// One occurrence: when it came to exist (the start of its local day) and when it falls due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    pub name: String,
    pub day: NaiveDate,
    pub anchor_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
}

/// The occurrence of `def` owed on `day`, in the unit's zone.
pub fn occurrence(def: &DutyDef, day: NaiveDate, tz: Tz) -> Option<Occurrence> {
    let anchor_at = local_day_start(day, tz)?;
    let due_at = super::roster::local_to_utc(day.and_time(def.time()?), tz)?.max(anchor_at);
    Some(Occurrence { name: def.name.clone(), day, anchor_at, due_at })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHIPPED: &str = include_str!("../../../data/duties.toml");

    fn file() -> DutyFile {
        let f: DutyFile = toml::from_str(SHIPPED).unwrap_or_else(|e| panic!("{e}"));
        f.validate().unwrap_or_else(|e| panic!("{e}"));
        f
    }

    #[test]
    fn the_shipped_file_is_valid_and_has_every_kind() {
        let f = file();
        for every in [Every::Daily, Every::Weekly, Every::HalfYearly, Every::Yearly, Every::Once] {
            assert!(f.duties.iter().any(|d| d.every == every), "{every:?}");
        }
        assert!(f.duties.iter().any(|d| d.zero_report));
    }

    #[test]
    fn bad_schedules_name_their_key() {
        let bad = |text: &str| {
            let f: DutyFile = toml::from_str(text).unwrap_or_else(|e| panic!("{e}"));
            f.validate().expect_err("invalid").path
        };
        let head = "[[duty]]\nname = \"x\"\nlabel_zh = \"x\"\nlabel_en = \"x\"\n";
        assert_eq!(bad(&format!("{head}every = \"daily\"\nat = \"25:00\"\n")), "duty[0].at");
        assert_eq!(bad(&format!("{head}every = \"weekly\"\nat = \"17:00\"\n")), "duty[0].weekday");
        assert_eq!(
            bad(&format!("{head}every = \"yearly\"\nat = \"17:00\"\ndates = [\"13-40\"]\n")),
            "duty[0].dates[0]"
        );
        assert_eq!(bad(&format!("{head}every = \"once\"\nat = \"17:00\"\n")), "duty[0].dates");
    }
}
