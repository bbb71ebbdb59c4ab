//! The roster screen (`r` on the board): a week of duty days × roles, its problems, and the keys
//! to move, swap, fill and edit people. Pure like the rest of `app`: loading is asked for with
//! [`Cmd::LoadRoster`] and every change is a [`Write`] that the runtime saves at once.

use std::collections::HashSet;

use chrono::{DateTime, Days, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use crossterm::event::KeyEvent;

use crate::keymap::{Action, Table};
use text::Words;
use text::console::forms::{self, roster as form_words};
use text::console::roster as says;

use super::form::{Choice, Field, FieldKey, Form, FormEvent};
use super::{App, Cmd, Screen, Write};
use crate::domain::roster::{self, Pattern, Problem, ShiftSpec};
use crate::domain::roster_week::{duty_date, duty_window, week_start};
use crate::domain::safe_text::{NameError, check_name};
use crate::domain::{Lang, Person, Role, Shift};
use crate::store::roster::SwapInfo;
use text::{Describe, DescribeAt, Label};

/// The roles in grid order (rows).
pub const ROLES: [Role; 3] = [Role::Officer, Role::Leader, Role::Standby];

/// One duty day's calendar marks, already in the interface language.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DayInfo {
    pub date: NaiveDate,
    /// Short marks for the grid (休, 班, 末, 汛期 …).
    pub marks: Vec<String>,
    /// True on a holiday or in a sensitive period: the column is highlighted.
    pub special: bool,
}

/// What the roster screen shows for one week, as loaded from the store.
#[derive(Debug, Clone, PartialEq)]
pub struct RosterData {
    pub monday: NaiveDate,
    pub tz: Tz,
    pub change: NaiveTime,
    /// Live shifts of the week (and a margin either side, for chains that reach into it).
    pub shifts: Vec<Shift>,
    pub people: Vec<Person>,
    /// Each person's row version, so an edit made elsewhere meanwhile is refused, not overwritten.
    pub versions: Vec<(i64, i64)>,
    /// Swap details of the shifts that replaced another.
    pub swaps: Vec<(i64, SwapInfo)>,
    pub days: Vec<DayInfo>,
    pub problems: Vec<Problem>,
}

impl RosterData {
    /// The shifts of one grid cell, earliest first.
    pub fn cell(&self, day: usize, role: Role) -> Vec<&Shift> {
        let Some(date) = self.days.get(day).map(|d| d.date) else { return Vec::new() };
        let mut v: Vec<&Shift> =
            self.shifts.iter().filter(|s| s.role == role && duty_date(s.start, self.tz, self.change) == date).collect();
        v.sort_by_key(|s| (s.start, s.id));
        v
    }

    fn day_window(&self, day: usize) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        let date = self.days.get(day)?.date;
        duty_window(date, date, self.tz, self.change)
    }

    /// True when some minute of the duty day has no duty officer.
    pub fn gap_on(&self, day: usize) -> bool {
        let Some((ds, de)) = self.day_window(day) else { return false };
        self.problems.iter().any(|p| matches!(p, Problem::Gap { from, to } if *from < de && *to > ds))
    }

    /// True when the day needs a leader on duty and has none.
    pub fn no_leader_on(&self, day: usize) -> bool {
        let Some(date) = self.days.get(day).map(|d| d.date) else { return false };
        self.problems.iter().any(|p| matches!(p, Problem::NoLeader { date: d, .. } if *d == date))
    }

    /// Shifts involved in a double booking, an over-long chain or held by an inactive person.
    pub fn flagged(&self) -> HashSet<i64> {
        let mut out = HashSet::new();
        for p in &self.problems {
            match p {
                Problem::Overlap { a, b, .. } => {
                    out.insert(*a);
                    out.insert(*b);
                }
                Problem::Inactive { shift_id, .. } => {
                    out.insert(*shift_id);
                }
                Problem::OverLong { person_id, from, to, .. } => {
                    out.extend(
                        self.shifts
                            .iter()
                            .filter(|s| s.person_id == *person_id && s.start < *to && s.end > *from)
                            .map(|s| s.id),
                    );
                }
                Problem::Gap { .. } | Problem::NoLeader { .. } => {}
            }
        }
        out
    }

    pub fn swap_of(&self, shift_id: i64) -> Option<&SwapInfo> {
        self.swaps.iter().find(|(id, _)| *id == shift_id).map(|(_, s)| s)
    }

    /// Problems whose start lies in the shown week, in order (the chains that only reach into it from
    /// outside are still listed: they were checked over the week's window).
    pub fn problem_lines(&self, lang: Lang) -> Vec<String> {
        self.problems.iter().map(|p| p.describe(lang, self.tz)).collect()
    }
}

/// What the roster screen is doing.
#[derive(Debug, Clone)]
pub enum Mode {
    Grid,
    /// Choosing who takes over a shift.
    PickPerson {
        shift_id: i64,
        /// Id, name, and whether taking the shift would chain it to another of theirs.
        candidates: Vec<(i64, String, bool)>,
        index: usize,
        /// Set when assigning an empty cell (`a`): the new shift's role and span; the pick saves it.
        assign: Option<(Role, chrono::DateTime<chrono::Utc>, chrono::DateTime<chrono::Utc>)>,
    },
    /// Reason and approver of a swap.
    SwapForm {
        shift_id: i64,
        person_id: i64,
        person_name: String,
        form: Box<Form>,
    },
    /// The people list (`p`).
    People {
        index: usize,
    },
    /// Editing (or adding, `id: None`) a person: id and the version the form was opened on.
    PersonForm {
        id: Option<(i64, i64)>,
        form: Box<Form>,
    },
}

/// State of the roster screen.
#[derive(Debug, Clone)]
pub struct RosterState {
    pub monday: NaiveDate,
    /// Selected duty day (0 = Monday) and role row.
    pub day: usize,
    pub role: usize,
    /// Selected shift within a cell that holds several (day/night, three shifts).
    pub sub: usize,
    /// `None` until the first load answers.
    pub data: Option<RosterData>,
    pub mode: Mode,
}

impl RosterState {
    /// Opens on the week containing `date`, with `date` selected.
    pub fn new(date: NaiveDate) -> RosterState {
        let monday = week_start(date);
        let day = (date - monday).num_days().clamp(0, 6) as usize;
        RosterState { monday, day, role: 0, sub: 0, data: None, mode: Mode::Grid }
    }

    pub fn selected_role(&self) -> Role {
        ROLES[self.role.min(ROLES.len() - 1)]
    }

    /// True while a swap or person form holds typing (quitting asks first).
    pub fn has_typing(&self) -> bool {
        match &self.mode {
            Mode::SwapForm { form, .. } | Mode::PersonForm { form, .. } => form.has_typing(),
            _ => false,
        }
    }

    /// The selected shift, if the cell holds one.
    pub fn selected_shift(&self) -> Option<&Shift> {
        let data = self.data.as_ref()?;
        let cell = data.cell(self.day, self.selected_role());
        cell.get(self.sub.min(cell.len().saturating_sub(1))).copied()
    }
}

/// Opens the roster screen on the duty day of `app.now`.
pub fn open(app: &mut App) -> Vec<Cmd> {
    let today = duty_date(app.now, app.unit.timezone, app.unit.shift_change);
    let state = RosterState::new(today);
    let monday = state.monday;
    app.screen = Screen::Roster(Box::new(state));
    vec![Cmd::LoadRoster(monday)]
}

/// A week's data arrived; ignored when the officer has moved on to another week meanwhile.
pub fn loaded(app: &mut App, data: RosterData) -> Vec<Cmd> {
    if let Screen::Roster(state) = &mut app.screen
        && state.monday == data.monday
    {
        state.data = Some(data);
    }
    vec![]
}

/// A status line or form error from the catalogue.
fn msg(words: Words, lang: Lang) -> Option<String> {
    Some(words.get(lang).to_string())
}

/// The roster screen's keys.
pub fn on_key(app: &mut App, key: KeyEvent) -> Vec<Cmd> {
    let lang = app.lang;
    let (tz, change) = (app.unit.timezone, app.unit.shift_change);
    let Screen::Roster(state) = &mut app.screen else { return vec![] };
    let mut status = None;
    let mut cmds = Vec::new();
    let mut leave = false;
    let mut quit = false;
    let mut help = false;
    let keymap = app.keymap.clone();
    let mode = std::mem::replace(&mut state.mode, Mode::Grid);
    // What a key means comes from the roster's tables (keys.toml [roster], [pick], [people]); the
    // swap and person forms keep their own typing keys.
    state.mode = match mode {
        Mode::Grid => match keymap.action(Table::Roster, &key) {
            Some(Action::Back) => {
                leave = true;
                Mode::Grid
            }
            Some(Action::Quit) => {
                quit = true;
                Mode::Grid
            }
            Some(Action::Help) => {
                help = true;
                Mode::Grid
            }
            Some(Action::Left) => {
                state.day = state.day.saturating_sub(1);
                state.sub = 0;
                Mode::Grid
            }
            Some(Action::Right) => {
                state.day = (state.day + 1).min(6);
                state.sub = 0;
                Mode::Grid
            }
            Some(Action::Up) => {
                state.role = state.role.saturating_sub(1);
                state.sub = 0;
                Mode::Grid
            }
            Some(Action::Down) => {
                state.role = (state.role + 1).min(ROLES.len() - 1);
                state.sub = 0;
                Mode::Grid
            }
            Some(Action::CellNext) => {
                let n = state.data.as_ref().map_or(0, |d| d.cell(state.day, state.selected_role()).len());
                state.sub = if n == 0 { 0 } else { (state.sub + 1) % n };
                Mode::Grid
            }
            Some(step @ (Action::WeekBack | Action::WeekForward | Action::ThisWeek)) => {
                state.monday = match step {
                    Action::WeekBack => state.monday - Days::new(7),
                    Action::WeekForward => state.monday + Days::new(7),
                    _ => {
                        let today = duty_date(app.now, tz, change);
                        state.day = (today - week_start(today)).num_days().clamp(0, 6) as usize;
                        week_start(today)
                    }
                };
                state.data = None;
                state.sub = 0;
                cmds.push(Cmd::LoadRoster(state.monday));
                Mode::Grid
            }
            Some(Action::Swap) => start_swap(state, lang, &mut status),
            Some(Action::Assign) => start_assign(state, lang, &mut status),
            Some(Action::Fill) => {
                match state.data.as_ref().map(fill_specs) {
                    Some(specs) if !specs.is_empty() => cmds.push(Cmd::Write(Write::AddShifts(specs))),
                    Some(_) => status = msg(says::NOTHING_TO_FILL, lang),
                    None => {}
                }
                Mode::Grid
            }
            Some(Action::People) => Mode::People { index: 0 },
            _ => Mode::Grid,
        },
        Mode::PickPerson { shift_id, candidates, index, assign } => match keymap.action(Table::Pick, &key) {
            Some(Action::Back) => Mode::Grid,
            Some(Action::Up) => Mode::PickPerson { shift_id, index: index.saturating_sub(1), candidates, assign },
            Some(Action::Down) => {
                let index = (index + 1).min(candidates.len().saturating_sub(1));
                Mode::PickPerson { shift_id, candidates, index, assign }
            }
            Some(Action::Choose) if assign.is_some() => {
                if let (Some((role, start, end)), Some((person_id, _, _))) = (assign, candidates.get(index)) {
                    cmds.push(Cmd::Write(Write::AddShifts(vec![ShiftSpec {
                        person_id: *person_id,
                        role,
                        start,
                        end,
                    }])));
                }
                Mode::Grid
            }
            Some(Action::Choose) => match candidates.get(index) {
                Some((person_id, name, _)) => Mode::SwapForm {
                    shift_id,
                    person_id: *person_id,
                    person_name: name.clone(),
                    form: Box::new(swap_form()),
                },
                None => Mode::Grid,
            },
            _ => Mode::PickPerson { shift_id, candidates, index, assign },
        },
        Mode::SwapForm { shift_id, person_id, person_name, mut form } => match form.handle_key(key) {
            FormEvent::Close => Mode::Grid,
            FormEvent::Submit => {
                let (reason, approved_by) = (
                    form.value(FieldKey::Reason).trim().to_string(),
                    form.value(FieldKey::ApprovedBy).trim().to_string(),
                );
                if reason.is_empty() || approved_by.is_empty() {
                    form.error = msg(says::SWAP_NEEDS_REASON_AND_APPROVER, lang);
                    form.focus_on(if reason.is_empty() { FieldKey::Reason } else { FieldKey::ApprovedBy });
                    Mode::SwapForm { shift_id, person_id, person_name, form }
                } else {
                    let proof = super::actions::pin_proof(&form);
                    cmds.push(Cmd::Write(Write::SwapShift { shift_id, person_id, reason, approved_by, proof }));
                    Mode::Grid
                }
            }
            FormEvent::Changed | FormEvent::None => Mode::SwapForm { shift_id, person_id, person_name, form },
        },
        Mode::People { index } => {
            let n = state.data.as_ref().map_or(0, |d| d.people.len());
            match keymap.action(Table::People, &key) {
                Some(Action::Back) => Mode::Grid,
                Some(Action::Up) => Mode::People { index: index.saturating_sub(1) },
                Some(Action::Down) => Mode::People { index: (index + 1).min(n.saturating_sub(1)) },
                Some(Action::Edit) => match state.data.as_ref().and_then(|d| d.people.get(index)) {
                    Some(p) => {
                        let version = state
                            .data
                            .as_ref()
                            .and_then(|d| d.versions.iter().find(|(id, _)| *id == p.id).map(|(_, v)| *v))
                            .unwrap_or(1);
                        Mode::PersonForm { id: Some((p.id, version)), form: Box::new(person_form(Some(p))) }
                    }
                    None => Mode::People { index },
                },
                Some(Action::Add) => Mode::PersonForm { id: None, form: Box::new(person_form(None)) },
                _ => Mode::People { index },
            }
        }
        Mode::PersonForm { id, mut form } => match form.handle_key(key) {
            FormEvent::Close => Mode::People { index: 0 },
            FormEvent::Submit => match person_write(id, &form, lang) {
                Ok(w) => {
                    cmds.push(Cmd::Write(w));
                    Mode::People { index: 0 }
                }
                Err((field, msg)) => {
                    form.error = Some(msg);
                    form.focus_on(field);
                    Mode::PersonForm { id, form }
                }
            },
            FormEvent::Changed | FormEvent::None => Mode::PersonForm { id, form },
        },
    };
    app.unsaved_typing = state.has_typing();
    if status.is_some() {
        app.status = status;
    }
    if leave {
        app.screen = Screen::Board;
    }
    if quit {
        return super::keys::request_quit(app);
    }
    if help {
        return super::keys::open_help(app);
    }
    cmds
}

fn start_swap(state: &RosterState, lang: Lang, status: &mut Option<String>) -> Mode {
    let (Some(shift), Some(data)) = (state.selected_shift(), state.data.as_ref()) else {
        *status = msg(says::NOTHING_TO_SWAP, lang);
        return Mode::Grid;
    };
    // Whoever is on another shift at the same time cannot take it (the store would refuse); whoever
    // stands right before or after would chain two watches, so they come last, marked.
    let holds = |pid: i64, touching: bool| {
        data.shifts.iter().any(|s| {
            s.person_id == pid
                && s.id != shift.id
                && if touching {
                    s.start <= shift.end && s.end >= shift.start
                } else {
                    s.start < shift.end && s.end > shift.start
                }
        })
    };
    let mut candidates: Vec<(i64, String, bool)> = data
        .people
        .iter()
        .filter(|p| p.active && p.roles.contains(&shift.role) && p.id != shift.person_id && !holds(p.id, false))
        .map(|p| (p.id, p.name.clone(), holds(p.id, true)))
        .collect();
    candidates.sort_by_key(|c| c.2);
    if candidates.is_empty() {
        *status = msg(says::NOBODY_ELSE, lang);
        return Mode::Grid;
    }
    Mode::PickPerson { shift_id: shift.id, candidates, index: 0, assign: None }
}

/// Assigns a person to an empty cell: a 24 h duty from the change time of that duty day.
fn start_assign(state: &RosterState, lang: Lang, status: &mut Option<String>) -> Mode {
    let Some(data) = state.data.as_ref() else { return Mode::Grid };
    let role = state.selected_role();
    if !data.cell(state.day, role).is_empty() {
        *status = msg(says::CELL_TAKEN, lang);
        return Mode::Grid;
    }
    let Some(day) = data.days.get(state.day) else { return Mode::Grid };
    let slot = roster::fill(Pattern::Daily24, day.date, day.date, data.change, data.tz, &[0], &[0], &[0])
        .ok()
        .and_then(|slots| slots.into_iter().find(|s| s.role == Role::Officer));
    let Some(slot) = slot else { return Mode::Grid };
    let (start, end) = (slot.start, slot.end);
    let holds = |pid: i64, touching: bool| {
        data.shifts.iter().any(|s| {
            s.person_id == pid
                && if touching { s.start <= end && s.end >= start } else { s.start < end && s.end > start }
        })
    };
    let mut candidates: Vec<(i64, String, bool)> = data
        .people
        .iter()
        .filter(|p| p.active && p.roles.contains(&role) && !holds(p.id, false))
        .map(|p| (p.id, p.name.clone(), holds(p.id, true)))
        .collect();
    candidates.sort_by_key(|c| c.2);
    if candidates.is_empty() {
        *status = msg(says::NOBODY_FREE, lang);
        return Mode::Grid;
    }
    Mode::PickPerson { shift_id: 0, candidates, index: 0, assign: Some((role, start, end)) }
}

fn swap_form() -> Form {
    Form::new(vec![
        Field::text(FieldKey::Reason, form_words::REASON).required(),
        Field::text(FieldKey::ApprovedBy, form_words::APPROVED_BY).required(),
        Field::secret(FieldKey::Pin, form_words::APPROVER_PIN),
        Field::text(FieldKey::Unverified, forms::NO_PIN_REASON),
    ])
}

/// The active flag as a choice field.
fn yes_no() -> Vec<Choice> {
    vec![Choice::fixed("yes", form_words::ACTIVE), Choice::fixed("no", forms::INACTIVE)]
}

fn person_form(p: Option<&Person>) -> Form {
    let mut form = Form::new(vec![
        Field::text(FieldKey::Name, form_words::NAME).required(),
        Field::text(FieldKey::Phone, forms::PHONE),
        Field::text(FieldKey::Department, form_words::DEPARTMENT),
        Field::text(FieldKey::Roles, form_words::ROLES),
        Field::choice(FieldKey::Active, forms::STATUS, yes_no(), 0),
    ]);
    match p {
        Some(p) => {
            form.set(FieldKey::Name, &p.name);
            form.set(FieldKey::Phone, &p.phone);
            form.set(FieldKey::Department, &p.department);
            form.set(FieldKey::Roles, &p.roles.iter().map(|r| r.label(Lang::Zh)).collect::<Vec<_>>().join(","));
            form.set(FieldKey::Active, if p.active { "yes" } else { "no" });
        }
        None => form.set(FieldKey::Roles, Role::Officer.label(Lang::Zh)),
    }
    form
}

/// Roles typed as codes or labels, separated by commas, 、 or spaces.
pub fn parse_roles(text: &str) -> Result<Vec<Role>, crate::domain::UnknownCode> {
    let mut roles = Vec::new();
    for part in text.split([',', ',', '、', ' ', '/']).map(str::trim).filter(|p| !p.is_empty()) {
        let role: Role = part.parse()?;
        if !roles.contains(&role) {
            roles.push(role);
        }
    }
    Ok(roles)
}

fn person_write(id: Option<(i64, i64)>, form: &Form, lang: Lang) -> Result<Write, (FieldKey, String)> {
    // The same check the store makes, here so the form can point at the field and keep the typing.
    let name = match check_name(&form.value(FieldKey::Name)) {
        Ok(name) => name,
        Err(NameError::Empty) => {
            return Err((FieldKey::Name, says::NAME_EMPTY.get(lang).to_string()));
        }
        Err(e) => return Err((FieldKey::Name, e.describe(lang))),
    };
    let roles = parse_roles(&form.value(FieldKey::Roles)).map_err(|e| (FieldKey::Roles, e.to_string()))?;
    if roles.is_empty() {
        return Err((FieldKey::Roles, says::NO_ROLE.get(lang).to_string()));
    }
    Ok(Write::SavePerson {
        id: id.map(|(id, _)| id),
        version: id.map(|(_, v)| v).unwrap_or(0),
        name,
        phone: form.value(FieldKey::Phone).trim().to_string(),
        department: form.value(FieldKey::Department).trim().to_string(),
        roles,
        active: form.value(FieldKey::Active) != "no",
    })
}

/// Daily 24 h shifts for the week's days that have no duty officer yet: an officer, and a leader and
/// a standby where those cells are empty too. People rotate by date (so a refill gives the same
/// answer) and nobody is given a shift that overlaps or touches one they already hold, so the fill
/// never creates a double booking or a chained 48 h watch.
pub fn fill_specs(data: &RosterData) -> Vec<ShiftSpec> {
    let mut planned: Vec<ShiftSpec> = Vec::new();
    for (i, day) in data.days.iter().enumerate() {
        if !data.cell(i, Role::Officer).is_empty() {
            continue;
        }
        let Ok(slots) = roster::fill(Pattern::Daily24, day.date, day.date, data.change, data.tz, &[0], &[0], &[0])
        else {
            continue;
        };
        let Some(officer_slot) = slots.iter().find(|s| s.role == Role::Officer) else { continue };
        let (start, end) = (officer_slot.start, officer_slot.end);
        let busy = |pid: i64, planned: &[ShiftSpec]| {
            data.shifts.iter().any(|s| s.person_id == pid && s.start <= end && s.end >= start)
                || planned.iter().any(|s| s.person_id == pid && s.start <= end && s.end >= start)
        };
        let ordinal = day.date.signed_duration_since(NaiveDate::MIN).num_days().unsigned_abs() as usize;
        for role in ROLES {
            if role != Role::Officer && !data.cell(i, role).is_empty() {
                continue;
            }
            let pool: Vec<i64> =
                data.people.iter().filter(|p| p.active && p.roles.contains(&role)).map(|p| p.id).collect();
            let pick = (0..pool.len()).map(|k| pool[(ordinal + k) % pool.len()]).find(|pid| !busy(*pid, &planned));
            match pick {
                Some(person_id) => planned.push(ShiftSpec { person_id, role, start, end }),
                None if role == Role::Officer => break,
                None => {}
            }
        }
    }
    planned
}
