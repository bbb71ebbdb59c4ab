//! The intake form (信息接报, `n` on the board): a call becomes a record in under a minute.
//! Only the title and the category are required; everything else can follow. Times accept what an
//! officer types on the phone (`14:05`, `-20m`, `2026-11-22 14:05`) and the view shows what was understood.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::form::{Choice, Field, FieldKey, Form};
use crate::domain::time_input::parse_time_input;
use crate::domain::{Category, Grade, Source};
use crate::store::incident::IncidentInput;
use text::Label;

/// One choice per coded value, labelled as the catalogue names it.
pub fn choices<T: Label>(all: &[T], code: impl Fn(T) -> &'static str) -> Vec<Choice> {
    all.iter().map(|v| Choice::fixed(code(*v), v.words())).collect()
}

/// The empty intake form. Grade starts as "unknown" (treated under the rules' fallback grade).
pub fn new_form() -> Form {
    use text::console::forms::{facts, intake};
    let cat = choices(Category::ALL, |c| c.code());
    let grade = choices(Grade::ALL, |g| g.code());
    let src = choices(Source::ALL, |s| s.code());
    let unknown = Grade::ALL.iter().position(|g| *g == Grade::Unknown).unwrap_or(0);
    Form::new(vec![
        Field::text(FieldKey::Title, intake::TITLE).required(),
        Field::choice(FieldKey::Category, intake::CATEGORY, cat, 0).required(),
        Field::choice(FieldKey::Grade, intake::GRADE, grade, unknown),
        Field::time(FieldKey::Learned, intake::LEARNED),
        Field::time(FieldKey::Occurred, intake::OCCURRED).hint(intake::OCCURRED_HINT),
        Field::text(FieldKey::Place, facts::PLACE),
        Field::choice(FieldKey::Source, intake::SOURCE, src, 0),
        Field::text(FieldKey::CallerUnit, intake::CALLER_UNIT),
        Field::text(FieldKey::CallerName, intake::CALLER_NAME),
        Field::text(FieldKey::CallerTitle, intake::CALLER_TITLE),
        Field::text(FieldKey::CallerPhone, intake::CALLER_PHONE),
        Field::text(FieldKey::Informed, intake::INFORMED),
        Field::number(FieldKey::Dead, facts::DEAD),
        Field::number(FieldKey::Injured, facts::INJURED),
        Field::number(FieldKey::Missing, facts::MISSING),
        Field::number(FieldKey::Trapped, facts::TRAPPED),
        Field::multi(FieldKey::Summary, facts::SUMMARY),
        Field::multi(FieldKey::Measures, facts::MEASURES),
        Field::multi(FieldKey::Needs, facts::NEEDS),
    ])
    .with_help(intake::HELP, intake::BACK_DRAFT_KEPT)
}

/// A new intake form whose 获知时间 is `now` (the call is taken as the form opens), in the unit's zone.
pub fn new_form_at(now: DateTime<Utc>, tz: Tz) -> Form {
    let mut form = new_form();
    form.set(FieldKey::Learned, &now.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string());
    form.mark_prefilled();
    form
}

/// A field-level problem with the typed content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: FieldKey,
    pub message: String,
}

fn time(form: &Form, key: FieldKey, now: DateTime<Utc>, tz: Tz) -> Result<Option<DateTime<Utc>>, FieldError> {
    let v = form.value(key);
    if v.trim().is_empty() {
        return Ok(None);
    }
    parse_time_input(&v, now, tz).map(Some).map_err(|e| FieldError { field: key, message: e.to_string() })
}

pub(super) fn count(form: &Form, key: FieldKey) -> Result<u32, FieldError> {
    let v = form.value(key);
    let v = v.trim();
    if v.is_empty() {
        return Ok(0);
    }
    v.parse::<u32>().map_err(|_| {
        // All digits but no fit: say so, rather than suggest the number was negative.
        let message = if v.chars().all(|c| c.is_ascii_digit()) {
            format!("`{v}`: too large (at most {})", u32::MAX)
        } else {
            format!("`{v}`: a whole number ≥ 0")
        };
        FieldError { field: key, message }
    })
}

/// Reads the form into the store's input type; typed times are resolved against `now`.
pub fn to_input(form: &Form, now: DateTime<Utc>, tz: Tz) -> Result<IncidentInput, FieldError> {
    Ok(IncidentInput {
        title: form.value(FieldKey::Title),
        category: form.value(FieldKey::Category).parse().ok(),
        grade: form.value(FieldKey::Grade).parse().ok(),
        occurred_at: time(form, FieldKey::Occurred, now, tz)?,
        learned_at: time(form, FieldKey::Learned, now, tz)?,
        place: form.value(FieldKey::Place),
        source: form.value(FieldKey::Source).parse().ok(),
        caller_unit: form.value(FieldKey::CallerUnit),
        caller_name: form.value(FieldKey::CallerName),
        caller_title: form.value(FieldKey::CallerTitle),
        caller_phone: form.value(FieldKey::CallerPhone),
        informed: form.value(FieldKey::Informed),
        dead: count(form, FieldKey::Dead)?,
        injured: count(form, FieldKey::Injured)?,
        missing: count(form, FieldKey::Missing)?,
        trapped: count(form, FieldKey::Trapped)?,
        summary: form.value(FieldKey::Summary),
        measures: form.value(FieldKey::Measures),
        needs: form.value(FieldKey::Needs),
        cause: String::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn reads_typed_values_and_names_bad_fields() {
        let tz = chrono_tz::Asia::Shanghai;
        let now = tz.with_ymd_and_hms(2026, 11, 22, 14, 3, 0).single().expect("t").with_timezone(&Utc);
        let mut f = new_form();
        f.set(FieldKey::Title, "山体滑坡");
        f.set(FieldKey::Category, "natural");
        f.set(FieldKey::Learned, "13:50");
        f.set(FieldKey::Trapped, "2");
        f.set(FieldKey::Summary, "第一行\n第二行");
        let i = to_input(&f, now, tz).expect("valid");
        assert_eq!(i.category, Some(Category::Natural));
        assert_eq!(i.grade, Some(Grade::Unknown));
        assert_eq!(i.trapped, 2);
        assert_eq!(i.summary, "第一行\n第二行");
        assert_eq!(i.learned_at, Some(now - chrono::Duration::minutes(13)));
        f.set(FieldKey::Dead, "-1");
        assert_eq!(to_input(&f, now, tz).expect_err("negative").field, FieldKey::Dead);
        f.set(FieldKey::Dead, "99999999999");
        let e = to_input(&f, now, tz).expect_err("too large");
        assert!(e.field == FieldKey::Dead && e.message.contains("too large"), "{e:?}");
        f.set(FieldKey::Dead, "");
        f.set(FieldKey::Occurred, "25:61");
        assert_eq!(to_input(&f, now, tz).expect_err("bad time").field, FieldKey::Occurred);
    }
}
