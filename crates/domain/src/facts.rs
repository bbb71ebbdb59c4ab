//! The facts of an incident as they are known at one moment (issue 15): the figures, where, what
//! happened, what is done, what is needed, the cause and the progress. Facts evolve: each update is a
//! new version of the record with who and when, and each report keeps the facts it carried, so a 续报
//! can lead with what changed since the previous report and a draft never shows stale figures.

use serde::{Deserialize, Serialize};

use super::types::{Incident, Lang};

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

    /// The figures as people read them: `死亡 1  受伤 3  失踪 0  被困 2  获救 0  转移 56`.
    pub fn figures_text(&self, lang: Lang) -> String {
        FactField::FIGURES
            .iter()
            .map(|f| format!("{} {}", f.label(lang), self.figure(*f)))
            .collect::<Vec<_>>()
            .join("  ")
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

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            FactField::Dead => lang.pick("死亡", "dead"),
            FactField::Injured => lang.pick("受伤", "injured"),
            FactField::Missing => lang.pick("失踪", "missing"),
            FactField::Trapped => lang.pick("被困", "trapped"),
            FactField::Rescued => lang.pick("获救", "rescued"),
            FactField::Evacuated => lang.pick("转移", "evacuated"),
            FactField::Place => lang.pick("地点", "place"),
            FactField::Summary => lang.pick("概要", "summary"),
            FactField::Measures => lang.pick("措施", "measures"),
            FactField::Needs => lang.pick("需求", "needs"),
            FactField::Cause => lang.pick("原因", "cause"),
            FactField::Progress => lang.pick("进展", "progress"),
        }
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

/// A change as one short phrase: `被困 2 → 0` for a figure, `原因: 新文本` (first line, cut) for a text.
pub fn change_phrase(c: &FactChange, lang: Lang, max_text: usize) -> String {
    let Some(f) = FactField::parse(&c.field) else { return c.field.clone() };
    if f.is_figure() {
        return format!("{} {} → {}", f.label(lang), c.old, c.new);
    }
    let first = c.new.lines().next().unwrap_or("");
    let mut shown: String = first.chars().take(max_text).collect();
    if first.chars().count() > max_text || c.new.lines().nth(1).is_some() {
        shown.push('…');
    }
    if c.new.trim().is_empty() {
        shown = lang.pick("(清空)", "(cleared)").to_string();
    }
    format!("{}: {shown}", f.label(lang))
}

/// The changes as one line: `被困 2 → 0, 获救 0 → 2`.
pub fn changes_text(changes: &[FactChange], lang: Lang, max_text: usize) -> String {
    changes.iter().map(|c| change_phrase(c, lang, max_text)).collect::<Vec<_>>().join(", ")
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

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Element::Place => lang.pick("发生地点", "place"),
            Element::Caller => lang.pick("报告单位及报告人", "reporting unit and caller"),
            Element::Contact => lang.pick("联系方式", "contact"),
            Element::Scope => lang.pick("事件经过及范围", "course and scope"),
            Element::Measures => lang.pick("已采取措施", "measures taken"),
            Element::Needs => lang.pick("需求", "needs"),
            Element::Outlook => lang.pick("发展趋势", "outlook"),
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

/// `要素不全: 发生地点、联系方式` (empty when complete).
pub fn missing_text(missing: &[Element], lang: Lang) -> String {
    if missing.is_empty() {
        return String::new();
    }
    let names: Vec<&str> = missing.iter().map(|e| e.label(lang)).collect();
    match lang {
        Lang::Zh => format!("要素不全：{}", names.join("、")),
        Lang::En => format!("elements missing: {}", names.join(", ")),
    }
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
        assert_eq!(changes_text(&d, Lang::Zh, 20), "被困 2 → 0, 获救 0 → 2");
        let cause =
            FactChange { field: "cause".into(), old: String::new(), new: "连续强降雨\n致山体失稳".into() };
        assert_eq!(change_phrase(&cause, Lang::Zh, 20), "原因: 连续强降雨…");
        assert!(FactPatch::default().is_empty());
    }
}
