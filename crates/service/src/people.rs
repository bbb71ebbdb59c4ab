//! The writes of the people, contact and shift records (the roster's rows): the board and the
//! command line save through these, never through the store directly, so that a rule added here
//! (who may edit, what a name must be) holds on both. Swaps have their own rules: [`crate::roster`].

use chrono::{DateTime, Utc};

use crate::domain::Person;
use crate::domain::directory::Contact;
use crate::store::contact::ContactRow;
use crate::store::person::PersonInput;
use crate::store::roster::BatchOutcome;
use crate::store::shift::NewShift;
use crate::store::{Result, Store};

/// Which record a save is for: a new one, or an existing one at the version the edit was based on
/// (a save by another terminal in between is refused by the store as stale).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    New,
    Existing { id: i64, version: i64 },
}

/// Adds or edits a person who stands duty.
pub fn save_person(
    store: &mut Store,
    target: Target,
    input: &PersonInput,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<Person> {
    match target {
        Target::New => store.add_person(input, now, actor),
        Target::Existing { id, version } => store.update_person(id, input, version, now, actor),
    }
}

/// Adds or edits a contact of the directory (`active` false retires it: contacts are never deleted).
pub fn save_contact(
    store: &mut Store,
    target: Target,
    contact: &Contact,
    active: bool,
    now: DateTime<Utc>,
    actor: &str,
) -> Result<ContactRow> {
    match target {
        Target::New => store.add_contact(contact, now, actor),
        Target::Existing { id, version } => store.update_contact(id, contact, active, version, now, actor),
    }
}

/// Adds shifts in one transaction (an import, a fill); `label` names each in a refusal.
pub fn add_shifts(
    store: &mut Store,
    shifts: &[NewShift],
    now: DateTime<Utc>,
    actor: &str,
    label: &dyn Fn(usize) -> String,
) -> Result<BatchOutcome> {
    store.add_shifts(shifts, now, actor, label)
}
