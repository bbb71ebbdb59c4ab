//! Small forms that act on one incident: record a report, escalate, record an acknowledgement,
//! change the grade. Recipients are offered only from the directory (docs/rules.md PR-17), so the officer cannot
//! pick one that the save would refuse.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::form::{Choice, Field, FieldKey, Form};
use super::intake::choices;
use crate::domain::directory::Directory;
use crate::domain::escalation::next_level;
use crate::domain::time_input::parse_time_input;
use crate::domain::{Channel, Grade, Lang, Level, ReportKind};
use crate::ops::escalation::EscalateInput;
use crate::ops::incident::ReportInput;
use text::console::forms::{self, actions as words, facts};
use text::{Label, Words};

/// Which action a modal form performs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionKind {
    Report,
    Escalate,
    Ack,
    Grade,
    /// Handling ended (处置结束), with its time.
    End,
    /// Waive open duties (免报) with a leader's decision.
    Waive,
    /// Update the facts (figures, place, texts, cause, progress): a new version with who and when.
    Update,
    /// Correct a report, step or ack recorded by mistake (更正).
    Correct,
}

impl ActionKind {
    pub fn title(self, lang: Lang) -> &'static str {
        use text::console::forms::title as T;
        use text::console::keys::action as A;
        let words = match self {
            ActionKind::Report => T::REPORT,
            ActionKind::Escalate => T::ESCALATE,
            ActionKind::Ack => T::ACK,
            ActionKind::Grade => T::GRADE,
            ActionKind::End => A::END_HANDLING,
            ActionKind::Waive => T::WAIVE,
            ActionKind::Update => A::UPDATE_FACTS,
            ActionKind::Correct => T::CORRECT,
        };
        words.get(lang)
    }
}

/// A modal action form bound to one incident.
#[derive(Debug, Clone)]
pub struct ActionForm {
    pub kind: ActionKind,
    pub incident_id: i64,
    pub incident_ref: String,
    pub version: i64,
    pub form: Form,
}

fn contact_choices(dir: &Directory, keep: impl Fn(Level) -> bool) -> Vec<Choice> {
    dir.contacts
        .iter()
        .filter(|c| keep(c.level))
        .map(|c| {
            let label_zh = format!("{} ({})", c.name, c.level.label(Lang::Zh));
            let label_en = format!("{} ({})", c.name, c.level.label(Lang::En));
            Choice::new(c.name.clone(), label_zh, label_en)
        })
        .collect()
}

fn yes_no() -> Vec<Choice> {
    vec![Choice::fixed("no", forms::NO), Choice::fixed("yes", forms::YES)]
}

impl ActionForm {
    /// The report form. `next_kind` pre-selects the report most likely owed next.
    pub fn report(
        id: i64,
        reference: &str,
        version: i64,
        dir: &Directory,
        next_kind: ReportKind,
        signer: &str,
    ) -> ActionForm {
        let kinds = choices(ReportKind::ALL, |k| k.code());
        let kind_idx = ReportKind::ALL.iter().position(|k| *k == next_kind).unwrap_or(0);
        let channels = choices(Channel::ALL, |c| c.code());
        // A written report goes by fax unless the officer says otherwise (written means written).
        let written = crate::ops::incident::is_written_kind(next_kind);
        let channel_idx = if written { Channel::ALL.iter().position(|c| *c == Channel::Fax).unwrap_or(0) } else { 0 };
        let mut form = Form::new(vec![
            Field::choice(FieldKey::Kind, words::REPORT_KIND, kinds, kind_idx).required(),
            Field::choice(FieldKey::To, words::REPORT_TO, contact_choices(dir, |l| l != Level::Leader), 0).required(),
            Field::choice(FieldKey::Channel, words::CHANNEL, channels, channel_idx).required(),
            Field::time(FieldKey::At, words::REPORT_AT),
            Field::text(FieldKey::Signer, words::SIGNER),
            Field::text(FieldKey::DocNo, words::DOC_NO),
            pin_field(words::SIGNER_PIN),
            unverified_field(),
        ])
        .with_help(forms::REQUIRED_EMPTY_TIME_NOW, forms::CANCEL);
        form.set(FieldKey::Signer, signer);
        ActionForm { kind: ActionKind::Report, incident_id: id, incident_ref: reference.into(), version, form }
    }

    /// The escalation form. `owed` is the level still owed (the own leader, the next room up …):
    /// its first directory recipient is pre-selected; without one, the next upper room.
    pub fn escalate(
        id: i64,
        reference: &str,
        version: i64,
        dir: &Directory,
        own: Level,
        owed: Option<Level>,
    ) -> ActionForm {
        let channels = choices(Channel::ALL, |c| c.code());
        let recipients = contact_choices(dir, |l| l == Level::Leader || l > own);
        // Pre-select the level owed, else the next upper room: the ordinary route.
        let next = owed.or_else(|| next_level(own));
        let idx = dir
            .contacts
            .iter()
            .filter(|c| c.level == Level::Leader || c.level > own)
            .position(|c| Some(c.level) == next)
            .unwrap_or(0);
        let form = Form::new(vec![
            Field::choice(FieldKey::Recipient, words::STEP_TO, recipients, idx).required(),
            Field::choice(FieldKey::Channel, words::CHANNEL, channels, 0).required(),
            Field::time(FieldKey::At, words::STEP_AT),
            Field::choice(FieldKey::Skip, words::SKIP_LEVEL, yes_no(), 0),
            Field::text(FieldKey::Reason, words::SKIP_REASON),
        ]);
        ActionForm { kind: ActionKind::Escalate, incident_id: id, incident_ref: reference.into(), version, form }
    }

    /// The acknowledgement form, offering only levels that have a step awaiting confirmation.
    pub fn ack(id: i64, reference: &str, version: i64, waiting: &[Level]) -> ActionForm {
        let levels = choices(waiting, |l| l.code());
        let form = Form::new(vec![
            Field::choice(FieldKey::Level, words::ACK_LEVEL, levels, 0).required(),
            Field::text(FieldKey::By, words::ACK_BY).required(),
            Field::time(FieldKey::At, words::ACK_AT),
        ]);
        ActionForm { kind: ActionKind::Ack, incident_id: id, incident_ref: reference.into(), version, form }
    }

    /// The grade form: the decision's maker defaults to the leader on duty, its time to now.
    pub fn grade(id: i64, reference: &str, version: i64, current: Grade, by: &str) -> ActionForm {
        let grades: Vec<Grade> = Grade::ALL.iter().copied().filter(|g| *g != Grade::Unknown).collect();
        let opts = choices(&grades, |g| g.code());
        let idx = grades.iter().position(|g| *g == current).unwrap_or(2);
        let mut form = Form::new(vec![
            Field::choice(FieldKey::Grade, words::NEW_GRADE, opts, idx).required(),
            Field::text(FieldKey::By, words::DECIDED_BY).required(),
            Field::time(FieldKey::At, words::DECIDED_AT),
            pin_field(words::DECIDER_PIN),
            unverified_field(),
        ])
        .with_help(words::GRADE_HELP, forms::CANCEL);
        form.set(FieldKey::By, by);
        ActionForm { kind: ActionKind::Grade, incident_id: id, incident_ref: reference.into(), version, form }
    }

    /// Handling ended (处置结束): asks when, prefilled with now; the 终报 counts from it.
    pub fn end(id: i64, reference: &str, version: i64, now_text: &str) -> ActionForm {
        let mut form = Form::new(vec![Field::time(FieldKey::At, words::ENDED_AT).required()])
            .with_help(words::END_HELP, forms::CANCEL);
        form.set(FieldKey::At, now_text);
        ActionForm { kind: ActionKind::End, incident_id: id, incident_ref: reference.into(), version, form }
    }

    /// Waive one open duty: which, why, and the leader who decides (default: the leader on duty).
    pub fn waive(id: i64, reference: &str, version: i64, duties: &[(i64, String)], by: &str) -> ActionForm {
        let opts: Vec<Choice> =
            duties.iter().map(|(oid, label)| Choice::untranslated(oid.to_string(), label.clone())).collect();
        let mut form = Form::new(vec![
            Field::choice(FieldKey::Obligation, words::WAIVED_DUTY, opts, 0).required(),
            Field::multi(FieldKey::Reason, words::WAIVE_REASON).required(),
            Field::text(FieldKey::By, words::WAIVE_BY).required(),
            pin_field(words::WAIVE_PIN),
            unverified_field(),
        ])
        .with_help(words::WAIVE_HELP, forms::CANCEL);
        form.set(FieldKey::By, by);
        ActionForm { kind: ActionKind::Waive, incident_id: id, incident_ref: reference.into(), version, form }
    }
}

/// The masked PIN of the person an act names (issue 14): required once they have one.
fn pin_field(label: Words) -> Field {
    Field::secret(FieldKey::Pin, label)
}

/// Why no PIN is given: the act goes on, recorded "unverified (REASON)".
fn unverified_field() -> Field {
    Field::text(FieldKey::Unverified, forms::NO_PIN_REASON)
}

/// The PIN proof a form carries ([`crate::ops::pin::authorize`] applies the rule).
pub fn pin_proof(form: &Form) -> crate::ops::pin::PinProof {
    let pin = form.value(FieldKey::Pin);
    let why = form.value(FieldKey::Unverified).trim().to_string();
    crate::ops::pin::PinProof {
        pin: Some(pin).filter(|p| !p.is_empty()),
        unverified: Some(why).filter(|w| !w.is_empty()),
    }
}

impl ActionForm {
    /// The facts form, filled with the facts as they stand: the officer changes what is new (被困 2 → 0,
    /// 获救 0 → 2); only what differs is recorded. Saved against the version it was opened on.
    pub fn update(inc: &crate::domain::Incident) -> ActionForm {
        let mut form = Form::new(vec![
            Field::number(FieldKey::Dead, facts::DEAD),
            Field::number(FieldKey::Injured, facts::INJURED),
            Field::number(FieldKey::Missing, facts::MISSING),
            Field::number(FieldKey::Trapped, facts::TRAPPED),
            Field::number(FieldKey::Rescued, facts::RESCUED),
            Field::number(FieldKey::Evacuated, facts::EVACUATED),
            Field::text(FieldKey::Place, facts::PLACE),
            Field::multi(FieldKey::Summary, facts::SUMMARY),
            Field::multi(FieldKey::Measures, facts::MEASURES),
            Field::multi(FieldKey::Needs, facts::NEEDS),
            Field::multi(FieldKey::Cause, facts::CAUSE),
            Field::multi(FieldKey::Progress, facts::PROGRESS),
            Field::time(FieldKey::At, words::KNOWN_AT),
        ])
        .with_help(words::UPDATE_HELP, forms::CANCEL);
        let f = crate::domain::facts::Facts::of(inc);
        for field in crate::domain::facts::FactField::ALL {
            form.set(FieldKey::from(*field), &f.get(*field));
        }
        form.mark_prefilled();
        ActionForm {
            kind: ActionKind::Update,
            incident_id: inc.id,
            incident_ref: inc.reference.clone(),
            version: inc.version,
            form,
        }
    }
}

impl ActionForm {
    /// The correction form: which entry (`report:N`, `step:N`, `ack:N` with a readable label), why, who.
    pub fn correct(id: i64, reference: &str, version: i64, entries: &[(String, String)], by: &str) -> ActionForm {
        let opts: Vec<Choice> =
            entries.iter().map(|(code, label)| Choice::untranslated(code.clone(), label.clone())).collect();
        let mut form = Form::new(vec![
            Field::choice(FieldKey::Entry, words::CORRECTED_ENTRY, opts, 0).required(),
            Field::multi(FieldKey::Reason, words::CORRECT_REASON).required(),
            Field::text(FieldKey::By, words::CORRECTED_BY).required(),
        ])
        .with_help(words::CORRECT_HELP, forms::CANCEL);
        form.set(FieldKey::By, by);
        ActionForm { kind: ActionKind::Correct, incident_id: id, incident_ref: reference.into(), version, form }
    }
}

/// The correction form's entry: `report:N`, `step:N` or `ack:N`.
pub fn correct_target(form: &Form) -> Result<crate::ops::correct::Target, FieldError> {
    use crate::ops::correct::Target;
    let v = form.value(FieldKey::Entry);
    let (kind, n) = v.split_once(':').unwrap_or_default();
    let n: i64 = n.parse().map_err(|_| FieldError { field: FieldKey::Entry, message: "required".into() })?;
    match kind {
        "report" => Ok(Target::Report(n)),
        "step" => Ok(Target::Step(n)),
        "ack" => Ok(Target::Ack(n)),
        _ => Err(FieldError { field: FieldKey::Entry, message: "required".into() }),
    }
}

/// The facts form's content: every field (the save records only what differs) and the time.
pub fn update_input(
    form: &Form,
    now: DateTime<Utc>,
    tz: Tz,
) -> Result<(crate::domain::facts::FactPatch, Option<DateTime<Utc>>), FieldError> {
    use super::intake::count;
    let patch = crate::domain::facts::FactPatch {
        dead: Some(count(form, FieldKey::Dead)?),
        injured: Some(count(form, FieldKey::Injured)?),
        missing: Some(count(form, FieldKey::Missing)?),
        trapped: Some(count(form, FieldKey::Trapped)?),
        rescued: Some(count(form, FieldKey::Rescued)?),
        evacuated: Some(count(form, FieldKey::Evacuated)?),
        place: Some(form.value(FieldKey::Place)),
        summary: Some(form.value(FieldKey::Summary)),
        measures: Some(form.value(FieldKey::Measures)),
        needs: Some(form.value(FieldKey::Needs)),
        cause: Some(form.value(FieldKey::Cause)),
        progress: Some(form.value(FieldKey::Progress)),
    };
    Ok((patch, opt_time(form, FieldKey::At, now, tz)?))
}

/// A field-level problem, to focus and show.
pub type FieldError = super::intake::FieldError;

fn opt_time(form: &Form, key: FieldKey, now: DateTime<Utc>, tz: Tz) -> Result<Option<DateTime<Utc>>, FieldError> {
    let v = form.value(key);
    if v.trim().is_empty() {
        return Ok(None);
    }
    parse_time_input(&v, now, tz).map(Some).map_err(|e| FieldError { field: key, message: e.to_string() })
}

fn parsed<T: std::str::FromStr>(form: &Form, key: FieldKey) -> Result<T, FieldError> {
    form.value(key).parse().map_err(|_| FieldError { field: key, message: "required".into() })
}

pub fn report_input(form: &Form, now: DateTime<Utc>, tz: Tz) -> Result<ReportInput, FieldError> {
    Ok(ReportInput {
        kind: parsed(form, FieldKey::Kind)?,
        to: form.value(FieldKey::To),
        channel: parsed(form, FieldKey::Channel)?,
        at: opt_time(form, FieldKey::At, now, tz)?,
        signer: form.value(FieldKey::Signer),
        doc_no: form.value(FieldKey::DocNo),
        skip_level: false,
        reason: String::new(),
    })
}

/// The time field of a form, required.
pub fn required_time(form: &Form, key: FieldKey, now: DateTime<Utc>, tz: Tz) -> Result<DateTime<Utc>, FieldError> {
    opt_time(form, key, now, tz)?.ok_or_else(|| FieldError { field: key, message: "required".into() })
}

/// The optional time field of a form.
pub fn optional_time(
    form: &Form,
    key: FieldKey,
    now: DateTime<Utc>,
    tz: Tz,
) -> Result<Option<DateTime<Utc>>, FieldError> {
    opt_time(form, key, now, tz)
}

pub fn escalate_input(form: &Form, dir: &Directory, now: DateTime<Utc>, tz: Tz) -> Result<EscalateInput, FieldError> {
    let recipient = form.value(FieldKey::Recipient);
    let level = dir
        .find(&recipient)
        .map(|c| c.level)
        .ok_or_else(|| FieldError { field: FieldKey::Recipient, message: "required".into() })?;
    Ok(EscalateInput {
        level,
        recipient,
        channel: parsed(form, FieldKey::Channel)?,
        at: opt_time(form, FieldKey::At, now, tz)?,
        skip_level: form.value(FieldKey::Skip) == "yes",
        reason: form.value(FieldKey::Reason),
    })
}

pub fn ack_input(
    form: &Form,
    now: DateTime<Utc>,
    tz: Tz,
) -> Result<(Level, String, Option<DateTime<Utc>>), FieldError> {
    Ok((parsed(form, FieldKey::Level)?, form.value(FieldKey::By), opt_time(form, FieldKey::At, now, tz)?))
}
