//! The intake form (信息接报, `n` on the board): a call becomes a record in under a minute.
//! Only the title and the category are required; everything else can follow. Times accept what an
//! officer types on the phone (`14:05`, `-20m`, `2026-11-22 14:05`) and the view shows what was understood.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::form::{Choice, Field, Form};
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
        Field::text("title", intake::TITLE).required(),
        Field::choice("category", intake::CATEGORY, cat, 0).required(),
        Field::choice("grade", intake::GRADE, grade, unknown),
        Field::time("learned", intake::LEARNED),
        Field::time("occurred", intake::OCCURRED).hint(intake::OCCURRED_HINT),
        Field::text("place", facts::PLACE),
        Field::choice("source", intake::SOURCE, src, 0),
        Field::text("caller_unit", intake::CALLER_UNIT),
        Field::text("caller_name", intake::CALLER_NAME),
        Field::text("caller_title", intake::CALLER_TITLE),
        Field::text("caller_phone", intake::CALLER_PHONE),
        Field::text("informed", intake::INFORMED),
        Field::number("dead", facts::DEAD),
        Field::number("injured", facts::INJURED),
        Field::number("missing", facts::MISSING),
        Field::number("trapped", facts::TRAPPED),
        Field::multi("summary", facts::SUMMARY),
        Field::multi("measures", facts::MEASURES),
        Field::multi("needs", facts::NEEDS),
    ])
    .with_help(intake::HELP, intake::BACK_DRAFT_KEPT)
}

/// A new intake form whose 获知时间 is `now` (the call is taken as the form opens), in the unit's zone.
pub fn new_form_at(now: DateTime<Utc>, tz: Tz) -> Form {
    let mut form = new_form();
    form.set("learned", &now.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string());
    form.mark_prefilled();
    form
}

/// A field-level problem with the typed content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub message: String,
}

fn time(form: &Form, key: &'static str, now: DateTime<Utc>, tz: Tz) -> Result<Option<DateTime<Utc>>, FieldError> {
    let v = form.value(key);
    if v.trim().is_empty() {
        return Ok(None);
    }
    parse_time_input(&v, now, tz).map(Some).map_err(|e| FieldError { field: key, message: e.to_string() })
}

pub(super) fn count(form: &Form, key: &'static str) -> Result<u32, FieldError> {
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
        title: form.value("title"),
        category: form.value("category").parse().ok(),
        grade: form.value("grade").parse().ok(),
        occurred_at: time(form, "occurred", now, tz)?,
        learned_at: time(form, "learned", now, tz)?,
        place: form.value("place"),
        source: form.value("source").parse().ok(),
        caller_unit: form.value("caller_unit"),
        caller_name: form.value("caller_name"),
        caller_title: form.value("caller_title"),
        caller_phone: form.value("caller_phone"),
        informed: form.value("informed"),
        dead: count(form, "dead")?,
        injured: count(form, "injured")?,
        missing: count(form, "missing")?,
        trapped: count(form, "trapped")?,
        summary: form.value("summary"),
        measures: form.value("measures"),
        needs: form.value("needs"),
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
        f.set("title", "山体滑坡");
        f.set("category", "natural");
        f.set("learned", "13:50");
        f.set("trapped", "2");
        f.set("summary", "第一行\n第二行");
        let i = to_input(&f, now, tz).expect("valid");
        assert_eq!(i.category, Some(Category::Natural));
        assert_eq!(i.grade, Some(Grade::Unknown));
        assert_eq!(i.trapped, 2);
        assert_eq!(i.summary, "第一行\n第二行");
        assert_eq!(i.learned_at, Some(now - chrono::Duration::minutes(13)));
        f.set("dead", "-1");
        assert_eq!(to_input(&f, now, tz).expect_err("negative").field, "dead");
        f.set("dead", "99999999999");
        let e = to_input(&f, now, tz).expect_err("too large");
        assert!(e.field == "dead" && e.message.contains("too large"), "{e:?}");
        f.set("dead", "");
        f.set("occurred", "25:61");
        assert_eq!(to_input(&f, now, tz).expect_err("bad time").field, "occurred");
    }
}
