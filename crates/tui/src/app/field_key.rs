//! The keys of the form fields, typed: a form is read back by [`FieldKey`], so a misspelt key is a
//! compile error instead of a field that silently reads as empty.
//!
//! Each key keeps a string code ([`FieldKey::code`]) for the places that must speak text: the
//! draft file (written as `{code: value}` JSON, which drafts of earlier versions must still
//! restore from), the error line under a form (which names the field by its code), and the
//! service's errors, which name a field by its code ([`FieldKey::from_code`]).

use std::fmt;

use crate::domain::facts::FactField;

/// Declares the keys with their codes, and [`FieldKey::ALL`], from one list (so a code cannot be
/// forgotten when a key is added).
macro_rules! field_keys {
    ($($key:ident = $code:literal,)*) => {
        /// Which field of a form (one key per distinct field name used by any form).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum FieldKey {
            $($key,)*
        }

        impl FieldKey {
            /// Every key, in declaration order.
            pub const ALL: &'static [FieldKey] = &[$(FieldKey::$key,)*];

            /// The key as text: what the draft file stores and the error line shows.
            pub fn code(self) -> &'static str {
                match self {
                    $(FieldKey::$key => $code,)*
                }
            }
        }
    };
}

field_keys! {
    Active = "active",
    Answered = "answered",
    Answers = "answers",
    ApprovedBy = "approved_by",
    At = "at",
    AtPost = "at_post",
    By = "by",
    CallerName = "caller_name",
    CallerPhone = "caller_phone",
    CallerTitle = "caller_title",
    CallerUnit = "caller_unit",
    Category = "category",
    Cause = "cause",
    Channel = "channel",
    Dead = "dead",
    Delay = "delay",
    Department = "department",
    Direction = "direction",
    DocNo = "doc_no",
    Entry = "entry",
    Evacuated = "evacuated",
    Fax = "fax",
    Findings = "findings",
    Forwarded = "forwarded",
    From = "from",
    Grade = "grade",
    Hours = "hours",
    Incident = "incident",
    Informed = "informed",
    Injured = "injured",
    Kind = "kind",
    Learned = "learned",
    Level = "level",
    Measures = "measures",
    Missing = "missing",
    Name = "name",
    Needs = "needs",
    Network = "network",
    Note = "note",
    NoteFax = "note_fax",
    NoteNetwork = "note_network",
    NotePhone = "note_phone",
    NoteRadio = "note_radio",
    Obligation = "obligation",
    Occurred = "occurred",
    Org = "org",
    Owner = "owner",
    Phone = "phone",
    Pin = "pin",
    Place = "place",
    Progress = "progress",
    Radio = "radio",
    Reason = "reason",
    Recipient = "recipient",
    Remarks = "remarks",
    Rescued = "rescued",
    Roles = "roles",
    Signer = "signer",
    Skip = "skip",
    Source = "source",
    Summary = "summary",
    Text = "text",
    Title = "title",
    To = "to",
    Trapped = "trapped",
    Unit = "unit",
    Unverified = "unverified",
    Verified = "verified",
}

impl FieldKey {
    /// The key a code names (a draft's key, a service error's field); None for a name that is no
    /// form field (the service also names fields no form shows).
    pub fn from_code(code: &str) -> Option<FieldKey> {
        FieldKey::ALL.iter().copied().find(|k| k.code() == code)
    }
}

/// Shows the code: the error line under a form names the field as it always has.
impl fmt::Display for FieldKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The facts form fills itself from the facts field by field; each fact has its own field.
impl From<FactField> for FieldKey {
    fn from(f: FactField) -> FieldKey {
        match f {
            FactField::Dead => FieldKey::Dead,
            FactField::Injured => FieldKey::Injured,
            FactField::Missing => FieldKey::Missing,
            FactField::Trapped => FieldKey::Trapped,
            FactField::Rescued => FieldKey::Rescued,
            FactField::Evacuated => FieldKey::Evacuated,
            FactField::Place => FieldKey::Place,
            FactField::Summary => FieldKey::Summary,
            FactField::Measures => FieldKey::Measures,
            FactField::Needs => FieldKey::Needs,
            FactField::Cause => FieldKey::Cause,
            FactField::Progress => FieldKey::Progress,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_distinct_and_read_back() {
        for k in FieldKey::ALL {
            assert_eq!(FieldKey::from_code(k.code()), Some(*k), "{k:?}");
        }
        assert_eq!(FieldKey::from_code("as"), None, "a service field no form shows");
    }

    #[test]
    fn each_fact_keeps_its_code() {
        for f in FactField::ALL {
            assert_eq!(FieldKey::from(*f).code(), f.code());
        }
    }
}
