//! PINs (issue 14): setting one, and the single rule every act that carries a person's
//! responsibility goes through ([`authorize`]). The CLI and the board call these, never the store
//! directly, so the rule cannot differ between them.

use crate::text::service::pin as say;
use crate::text::service::shared;
use chrono::{DateTime, Utc};

use super::{OpCtx, OpError, OpResult};
use crate::domain::pin::{hash_pin, pin_problem, verify_pin};
use crate::domain::{Lang, Person, Role};
use crate::store::Store;

/// What the person signing gave besides their name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PinProof {
    /// The PIN typed (a masked field, or a line of `--pin-stdin`).
    pub pin: Option<String>,
    /// `--unverified REASON`: the act goes on without a PIN, recorded and flagged.
    pub unverified: Option<String>,
}

impl PinProof {
    pub fn pin(pin: &str) -> PinProof {
        PinProof { pin: Some(pin.to_string()), unverified: None }
    }
}

/// How a signature was made, as the record shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Signed {
    /// The person's PIN was given and right.
    Pin,
    /// No PIN: the reason (given with `--unverified`, or "no PIN set").
    Unverified(String),
}

impl Signed {
    /// Appended to the act's duty-log line and audit action: empty for a verified signature.
    pub fn mark(&self, lang: Lang) -> String {
        match self {
            Signed::Pin => String::new(),
            Signed::Unverified(why) => format!(" ({} {why})", say::UNVERIFIED.get(lang)),
        }
    }

    /// Why the signature was not verified by a PIN (None when it was), for the line's event.
    pub fn unverified(&self) -> Option<String> {
        match self {
            Signed::Pin => None,
            Signed::Unverified(why) => Some(why.to_string()),
        }
    }

    pub fn verified(&self) -> bool {
        matches!(self, Signed::Pin)
    }

    /// What the act's duty-log line carries (`data.signature`): who, whether verified, and why not.
    /// `stats` counts unverified signatures from it; the handover sheet flags them.
    pub fn data(&self, by: &str) -> serde_json::Value {
        match self {
            Signed::Pin => serde_json::json!({ "by": by, "verified": true }),
            Signed::Unverified(why) => serde_json::json!({ "by": by, "verified": false, "unverified": why }),
        }
    }
}

fn person(store: &Store, field: &str, name: &str, lang: Lang) -> OpResult<Person> {
    store
        .person_by_name(name)?
        .ok_or_else(|| OpError::invalid(field, format!("`{}` {}", name.trim(), shared::NOT_A_PERSON.get(lang))))
}

/// Checks `pin` against the person's stored hash: refused while locked; a wrong PIN is recorded
/// (and the fifth in 10 minutes locks the PIN) before the refusal.
fn check_pin(
    store: &mut Store,
    p: &Person,
    hash: &str,
    pin: &str,
    field: &str,
    purpose: &str,
    ctx: &OpCtx<'_>,
) -> OpResult<()> {
    let lang = ctx.lang;
    if let Some(until) = store.pin_locked_until(p.id, ctx.now)? {
        return Err(locked(field, p, until, ctx));
    }
    if verify_pin(pin, hash) {
        return Ok(());
    }
    let lock = store.record_wrong_pin(p.id, purpose, ctx.now, ctx.actor)?;
    if let Some(until) = lock {
        return Err(locked(field, p, until, ctx));
    }
    Err(OpError::invalid(field, format!("{} {}", say::WRONG_PIN_FOR.get(lang), p.name)))
}

fn locked(field: &str, p: &Person, until: DateTime<Utc>, ctx: &OpCtx<'_>) -> OpError {
    let t = until.with_timezone(&ctx.tz()).format("%H:%M");
    OpError::invalid(
        field,
        format!(
            "{} {} {t}{}",
            p.name,
            say::PIN_LOCKED_UNTIL.get(ctx.lang),
            say::UNVERIFIED_LETS_ACT_GO_ON.get(ctx.lang)
        ),
    )
}

/// The rule for every act that carries `name`'s responsibility (`field` is the form field / flag
/// naming them, `purpose` what the act is, for the record of wrong PINs):
/// - a PIN given must be theirs (wrong ones are recorded; five in 10 minutes lock it);
/// - `--unverified REASON` lets the act go on, recorded as "unverified (REASON)";
/// - with neither: refused if they have a PIN, or `require_pin` is set; otherwise the act goes on
///   and is marked unverified ("no PIN set").
pub fn authorize(
    store: &mut Store,
    ctx: &OpCtx<'_>,
    field: &str,
    name: &str,
    purpose: &str,
    proof: &PinProof,
) -> OpResult<Signed> {
    let lang = ctx.lang;
    let p = person(store, field, name, lang)?;
    let hash = store.pin_hash(p.id)?;
    if let Some(pin) = proof.pin.as_deref().filter(|s| !s.is_empty()) {
        let Some(hash) = hash else {
            return Err(OpError::invalid("pin", format!("{} {}", p.name, say::HAS_NO_PIN_SET_ONE.get(lang))));
        };
        check_pin(store, &p, &hash, pin, "pin", purpose, ctx)?;
        return Ok(Signed::Pin);
    }
    if let Some(why) = proof.unverified.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        return Ok(Signed::Unverified(why.to_string()));
    }
    if hash.is_some() || ctx.unit.require_pin {
        return Err(OpError::invalid("pin", format!("{} {}", p.name, say::PIN_OR_UNVERIFIED_REQUIRED.get(lang))));
    }
    // The record's language, whatever the terminal's: readers see it in theirs
    // (`text::service::pin::unverified_reason`).
    Ok(Signed::Unverified(say::NO_PIN_SET.zh.to_string()))
}

/// How `person pin` is authorised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PinAuth {
    /// A change: the person's old PIN.
    Old(String),
    /// A first PIN or a reset: a leader's name and PIN.
    Leader(String, String),
    /// A leader's own first PIN while no leader has one.
    Bootstrap,
}

/// Sets `name`'s PIN (first, change or reset), as the rules say (issue 14).
pub fn set(store: &mut Store, ctx: &OpCtx<'_>, name: &str, new_pin: &str, auth: &PinAuth) -> OpResult<&'static str> {
    let lang = ctx.lang;
    let p = person(store, "name", name, lang)?;
    if let Some(why) = pin_problem(new_pin) {
        return Err(OpError::invalid("pin", why));
    }
    let has = store.pin_hash(p.id)?;
    let action = match (auth, &has) {
        (PinAuth::Old(old), Some(hash)) => {
            check_pin(store, &p, hash, old, "pin", "pin.change", ctx)?;
            "pin.change"
        }
        (PinAuth::Old(_), None) => {
            return Err(OpError::invalid("pin", say::FIRST_PIN_NEEDS_LEADER.get(lang)));
        }
        (PinAuth::Leader(leader, leader_pin), _) => {
            let l = person(store, "by", leader, lang)?;
            if !(l.active && l.roles.contains(&Role::Leader)) {
                return Err(OpError::invalid(
                    "by",
                    format!("`{}` {}", l.name, say::DOES_NOT_HAVE_LEADER_ROLE.get(lang)),
                ));
            }
            let Some(lhash) = store.pin_hash(l.id)? else {
                return Err(OpError::invalid("by", format!("{} {}", l.name, say::HAS_NO_PIN_YET.get(lang))));
            };
            check_pin(store, &l, &lhash, leader_pin, "by", "pin.authorise", ctx)?;
            if has.is_some() { "pin.reset" } else { "pin.set" }
        }
        (PinAuth::Bootstrap, None) if p.roles.contains(&Role::Leader) && !store.any_leader_has_pin()? => "pin.set",
        (PinAuth::Bootstrap, _) => {
            return Err(OpError::invalid("by", say::FIRST_PIN_OR_RESET_NEEDS.get(lang)));
        }
    };
    let salt = Store::pin_salt()?;
    let hash = hash_pin(new_pin, &salt).map_err(|e| OpError::invalid("pin", e.to_string()))?;
    store.set_pin(p.id, &hash, ctx.now, ctx.actor, action)?;
    Ok(action)
}
