//! The statistics screen (`s`, issue 16): a period (last 30 days, this week, this month, last
//! month), a breakdown by duty kind, by officer or by leader, a selected bar, and the drill-down
//! from a bar to its late and missed items, and from an item to its incident. Pure: it asks the
//! runtime for the reads.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use crossterm::event::KeyEvent;

use crate::keymap::{Action, Table};

use super::logscreen::{Load, STATS_DAYS};
use super::{App, Cmd, Screen};
use crate::domain::roster::local_day_start;

/// Which period the screen shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Period {
    #[default]
    Last30Days,
    ThisWeek,
    ThisMonth,
    LastMonth,
}

impl Period {
    fn next(self) -> Period {
        match self {
            Period::Last30Days => Period::ThisWeek,
            Period::ThisWeek => Period::ThisMonth,
            Period::ThisMonth => Period::LastMonth,
            Period::LastMonth => Period::Last30Days,
        }
    }
}

/// What the right-hand chart breaks the duties down by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum By {
    #[default]
    Kind,
    Officer,
    Leader,
}

impl By {
    fn next(self) -> By {
        match self {
            By::Kind => By::Officer,
            By::Officer => By::Leader,
            By::Leader => By::Kind,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct StatsView {
    pub period: Period,
    pub by: By,
    /// The selected bar group of the right-hand chart.
    pub selected: usize,
    /// The items behind the selected bar, once drilled into.
    pub drill: Option<Box<crate::ops::report::LateReport>>,
    pub drill_selected: usize,
}

/// `[from, to)` of `p` at `now` in the unit's zone.
pub fn range(p: Period, now: DateTime<Utc>, tz: chrono_tz::Tz) -> (DateTime<Utc>, DateTime<Utc>) {
    let today = now.with_timezone(&tz).date_naive();
    let start = |d: NaiveDate| local_day_start(d, tz).unwrap_or(now);
    let first = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap_or(today);
    match p {
        Period::Last30Days => (now - Duration::days(STATS_DAYS), now),
        Period::ThisWeek => (start(today - Duration::days(i64::from(today.weekday().num_days_from_monday()))), now),
        Period::ThisMonth => (start(first), now),
        Period::LastMonth => {
            let prev = first.checked_sub_months(chrono::Months::new(1)).unwrap_or(first);
            (start(prev), start(first))
        }
    }
}

/// The keys of the groups the right-hand chart shows, in order (duty kind, officer or leader name).
pub fn groups(app: &App) -> Vec<String> {
    let Some(s) = &app.log.stats else { return Vec::new() };
    let map = match app.log.view.by {
        By::Kind => &s.by_kind,
        By::Officer => &s.by_officer,
        By::Leader => &s.by_leader,
    };
    // The worst first (most late and missed), so that at 80×24 it is never the one cut off.
    let mut rows: Vec<(&String, u32)> =
        map.iter().map(|(k, t)| (k, t.done_late + t.open_overdue + t.missed_total)).collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    rows.into_iter().map(|(k, _)| k.clone()).collect()
}

/// The read for the screen's period.
pub fn load(app: &App) -> Cmd {
    let now = app.data.review_at.unwrap_or(app.now);
    let (from, to) = range(app.log.view.period, now, app.unit.timezone);
    Cmd::Load(Load::StatsFor { from, to })
}

pub fn key(app: &mut App, key: KeyEvent) -> Vec<Cmd> {
    if app.log.view.drill.is_some() {
        return drill_key(app, key);
    }
    let n = groups(app).len();
    // What a key means comes from the statistics table (keys.toml [stats]).
    let Some(action) = app.keymap.action(Table::Stats, &key) else { return vec![] };
    match action {
        Action::Back => app.screen = Screen::Board,
        Action::Help => return super::keys::open_help(app),
        Action::Reload => return vec![load(app)],
        Action::Period => {
            app.log.view.period = app.log.view.period.next();
            app.log.view.selected = 0;
            return vec![load(app)];
        }
        Action::Breakdown => {
            app.log.view.by = app.log.view.by.next();
            app.log.view.selected = 0;
        }
        Action::Left => app.log.view.selected = app.log.view.selected.saturating_sub(1),
        Action::Right if n > 0 => app.log.view.selected = (app.log.view.selected + 1).min(n - 1),
        Action::Open => {
            let Some(s) = &app.log.stats else { return vec![] };
            let Some(g) = groups(app).get(app.log.view.selected).cloned() else { return vec![] };
            let (kind, officer, leader) = match app.log.view.by {
                By::Kind => (Some(g), None, None),
                By::Officer => (None, Some(g).filter(|n| n != "-"), None),
                By::Leader => (None, None, Some(g).filter(|n| n != "-")),
            };
            return vec![Cmd::Load(Load::LateItems { from: s.from, to: s.to, kind, officer, leader })];
        }
        _ => {}
    }
    vec![]
}

fn drill_key(app: &mut App, key: KeyEvent) -> Vec<Cmd> {
    let n = app.log.view.drill.as_ref().map(|d| d.items.len()).unwrap_or(0);
    match app.keymap.action(Table::StatsItems, &key) {
        Some(Action::Back) => app.log.view.drill = None,
        Some(Action::Help) => return super::keys::open_help(app),
        Some(Action::Up) => app.log.view.drill_selected = app.log.view.drill_selected.saturating_sub(1),
        Some(Action::Down) if n > 0 => app.log.view.drill_selected = (app.log.view.drill_selected + 1).min(n - 1),
        Some(Action::Open) => {
            let id = app
                .log
                .view
                .drill
                .as_ref()
                .and_then(|d| d.items.get(app.log.view.drill_selected))
                .map(|i| i.incident.id);
            if let Some(id) = id {
                app.screen = Screen::Incident(Box::new(super::IncidentPage { id, detail: None, scroll: 0 }));
                return vec![Cmd::LoadIncident(id)];
            }
        }
        _ => {}
    }
    vec![]
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn periods_in_the_unit_zone() {
        let tz = chrono_tz::Asia::Shanghai;
        // Wednesday 25 Nov 2026, 12:00 local.
        let now = tz.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap().with_timezone(&Utc);
        let local = |d: u32, m: u32| tz.with_ymd_and_hms(2026, m, d, 0, 0, 0).unwrap().with_timezone(&Utc);
        assert_eq!(range(Period::ThisWeek, now, tz), (local(23, 11), now));
        assert_eq!(range(Period::ThisMonth, now, tz), (local(1, 11), now));
        assert_eq!(range(Period::LastMonth, now, tz), (local(1, 10), local(1, 11)));
        assert_eq!(range(Period::Last30Days, now, tz).0, now - Duration::days(30));
    }
}
