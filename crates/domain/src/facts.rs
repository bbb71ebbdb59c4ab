//! The facts of an incident as they are known at one moment (issue 15): the figures, where, what
//! happened, what is done, what is needed, the cause and the progress. Facts evolve: each update is a
//! new version of the record with who and when, and each report keeps the facts it carried, so a 续报
//! can lead with what changed since the previous report and a draft never shows stale figures.

use serde::{Deserialize, Serialize};

use super::types::Incident;

/// The largest figure accepted: more people than any incident a township or county reports on; a
/// larger number is a typing error, refused with the field named.
pub const MAX_FIGURE: u32 = 1_000_000;

/// The facts carried by a report or shown as "now". Keys are the `incident update` flag names, so the
/// JSON (`reports[].facts`) reads the same as the command line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Facts {
    pub dead: u32,
    pub injured: u32,
    pub missing: u32,
    pub trapped: u32,
    pub rescued: u32,
    pub evacuated: u32,
    pub place: String,
    pub summary: String,
    pub measures: String,
    pub needs: String,
    pub cause: String,
    pub progress: String,
}

impl Facts {
    /// The facts of an incident record as it stands.
    pub fn of(i: &Incident) -> Facts {
        Facts {
            dead: i.dead,
            injured: i.injured,
            missing: i.missing,
            trapped: i.trapped,
            rescued: i.rescued,
            evacuated: i.evacuated,
            place: i.place.clone(),
            summary: i.summary.clone(),
            measures: i.measures.clone(),
            needs: i.needs.clone(),
            cause: i.cause.clone(),
            progress: i.progress.clone(),
        }
    }

    /// The value of one field, as text (figures in digits).
    pub fn get(&self, f: FactField) -> String {
        match f {
            FactField::Dead => self.dead.to_string(),
            FactField::Injured => self.injured.to_string(),
            FactField::Missing => self.missing.to_string(),
            FactField::Trapped => self.trapped.to_string(),
            FactField::Rescued => self.rescued.to_string(),
            FactField::Evacuated => self.evacuated.to_string(),
            FactField::Place => self.place.clone(),
            FactField::Summary => self.summary.clone(),
            FactField::Measures => self.measures.clone(),
            FactField::Needs => self.needs.clone(),
            FactField::Cause => self.cause.clone(),
            FactField::Progress => self.progress.clone(),
        }
    }

    /// The figure of a figure field (0 for a text field).
    pub fn figure(&self, f: FactField) -> u32 {
        match f {
            FactField::Dead => self.dead,
            FactField::Injured => self.injured,
            FactField::Missing => self.missing,
            FactField::Trapped => self.trapped,
            FactField::Rescued => self.rescued,
            FactField::Evacuated => self.evacuated,
            _ => 0,
        }
    }
}

/// One field of the facts; its code is the `incident update` flag name and the JSON key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FactField {
    Dead,
    Injured,
    Missing,
    Trapped,
    Rescued,
    Evacuated,
    Place,
    Summary,
    Measures,
    Needs,
    Cause,
    Progress,
}

impl FactField {
    pub const ALL: &'static [FactField] = &[
        FactField::Dead,
        FactField::Injured,
        FactField::Missing,
        FactField::Trapped,
        FactField::Rescued,
        FactField::Evacuated,
        FactField::Place,
        FactField::Summary,
        FactField::Measures,
        FactField::Needs,
        FactField::Cause,
        FactField::Progress,
    ];
    pub const FIGURES: &'static [FactField] = &[
        FactField::Dead,
        FactField::Injured,
        FactField::Missing,
        FactField::Trapped,
        FactField::Rescued,
        FactField::Evacuated,
    ];

    pub fn code(self) -> &'static str {
        match self {
            FactField::Dead => "dead",
            FactField::Injured => "injured",
            FactField::Missing => "missing",
            FactField::Trapped => "trapped",
            FactField::Rescued => "rescued",
            FactField::Evacuated => "evacuated",
            FactField::Place => "place",
            FactField::Summary => "summary",
            FactField::Measures => "measures",
            FactField::Needs => "needs",
            FactField::Cause => "cause",
            FactField::Progress => "progress",
        }
    }

    pub fn parse(code: &str) -> Option<FactField> {
        FactField::ALL.iter().copied().find(|f| f.code() == code)
    }

    pub fn is_figure(self) -> bool {
        FactField::FIGURES.contains(&self)
    }

    /// Fields a closed incident still takes, as addenda (补记): what was learned after the close.
    pub fn allowed_after_close(self) -> bool {
        matches!(self, FactField::Cause | FactField::Progress)
    }
}

/// What an update gives; `None` leaves the field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FactPatch {
    pub dead: Option<u32>,
    pub injured: Option<u32>,
    pub missing: Option<u32>,
    pub trapped: Option<u32>,
    pub rescued: Option<u32>,
    pub evacuated: Option<u32>,
    pub place: Option<String>,
    pub summary: Option<String>,
    pub measures: Option<String>,
    pub needs: Option<String>,
    pub cause: Option<String>,
    pub progress: Option<String>,
}

impl FactPatch {
    /// The figures given, by field, to check their range.
    pub fn figures(&self) -> Vec<(FactField, u32)> {
        [
            (FactField::Dead, self.dead),
            (FactField::Injured, self.injured),
            (FactField::Missing, self.missing),
            (FactField::Trapped, self.trapped),
            (FactField::Rescued, self.rescued),
            (FactField::Evacuated, self.evacuated),
        ]
        .into_iter()
        .filter_map(|(f, v)| v.map(|v| (f, v)))
        .collect()
    }

    pub fn is_empty(&self) -> bool {
        *self == FactPatch::default()
    }

    /// The facts after this patch. Texts are trimmed at the ends (a stray newline is not a change).
    pub fn apply(&self, base: &Facts) -> Facts {
        let text = |p: &Option<String>, old: &String| p.as_ref().map(|s| s.trim().to_string()).unwrap_or(old.clone());
        Facts {
            dead: self.dead.unwrap_or(base.dead),
            injured: self.injured.unwrap_or(base.injured),
            missing: self.missing.unwrap_or(base.missing),
            trapped: self.trapped.unwrap_or(base.trapped),
            rescued: self.rescued.unwrap_or(base.rescued),
            evacuated: self.evacuated.unwrap_or(base.evacuated),
            place: text(&self.place, &base.place),
            summary: text(&self.summary, &base.summary),
            measures: text(&self.measures, &base.measures),
            needs: text(&self.needs, &base.needs),
            cause: text(&self.cause, &base.cause),
            progress: text(&self.progress, &base.progress),
        }
    }
}

/// One field that changed: `field` is the flag name; `old` and `new` as text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactChange {
    pub field: String,
    pub old: String,
    pub new: String,
}

/// The fields that differ between two sets of facts, in the order of [`FactField::ALL`].
pub fn diff(old: &Facts, new: &Facts) -> Vec<FactChange> {
    FactField::ALL
        .iter()
        .filter(|f| old.get(**f) != new.get(**f))
        .map(|f| FactChange { field: f.code().to_string(), old: old.get(*f), new: new.get(*f) })
        .collect()
}

/// One recorded update of the facts: a new version of the incident (or, for a closed incident, an
/// addendum beside it), with who, when and what changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactUpdate {
    pub id: i64,
    pub incident_id: i64,
    /// The incident's version this update made (for an addendum: the version it was added to).
    pub version: i64,
    /// When the facts became known (`--at`).
    pub at: chrono::DateTime<chrono::Utc>,
    pub by: String,
    /// When it was recorded.
    pub recorded_at: chrono::DateTime<chrono::Utc>,
    /// Recorded after the close (补记): cause or progress only, the closed record itself unchanged.
    pub addendum: bool,
    pub changes: Vec<FactChange>,
}

/// The elements a written report should carry (docs/rules.md PR-05) that may be missing from the record:
/// when and how it was received, and when it happened, are always on the record (the intake requires
/// them); the casualty figures always have a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Element {
    /// 地点: where it happened.
    Place,
    /// 报告单位及报告人: who reported it.
    Caller,
    /// 联系方式: how to reach them.
    Contact,
    /// 事件经过及影响范围: what happened and its scope.
    Scope,
    /// 已采取措施.
    Measures,
    /// 需求: what is needed (none is also an answer, but it must be said).
    Needs,
    /// 发展趋势: the outlook (the progress of handling).
    Outlook,
}

impl Element {
    pub const ALL: &'static [Element] = &[
        Element::Place,
        Element::Caller,
        Element::Contact,
        Element::Scope,
        Element::Measures,
        Element::Needs,
        Element::Outlook,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Element::Place => "place",
            Element::Caller => "caller",
            Element::Contact => "contact",
            Element::Scope => "scope",
            Element::Measures => "measures",
            Element::Needs => "needs",
            Element::Outlook => "outlook",
        }
    }
}

/// The elements missing from a report drawn from `facts` for `incident` (要素不全). 边核实边报告: this never
/// blocks a report; it is said, and recorded with the report.
pub fn missing_elements(incident: &Incident, facts: &Facts) -> Vec<Element> {
    let empty = |s: &str| s.trim().is_empty();
    Element::ALL
        .iter()
        .copied()
        .filter(|e| match e {
            Element::Place => empty(&facts.place),
            Element::Caller => empty(&incident.caller_unit) && empty(&incident.caller_name),
            Element::Contact => empty(&incident.caller_phone),
            Element::Scope => empty(&facts.summary),
            Element::Measures => empty(&facts.measures),
            Element::Needs => empty(&facts.needs),
            Element::Outlook => empty(&facts.progress),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_patch_changes_only_what_it_gives_and_diff_names_it() {
        let old = Facts { trapped: 2, summary: "滑坡".into(), ..Facts::default() };
        let patch =
            FactPatch {
                trapped: Some(0), rescued: Some(2), summary: Some(" 滑坡 \n".into()), ..FactPatch::default()
            };
        let new = patch.apply(&old);
        let d = diff(&old, &new);
        assert_eq!(d.iter().map(|c| c.field.as_str()).collect::<Vec<_>>(), ["trapped", "rescued"]);
        assert!(FactPatch::default().is_empty());
    }
}
