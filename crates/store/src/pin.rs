//! PIN hashes and wrong attempts (issue 14). The hash lives only here; see migration 0007.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{OptionalExtension, params};

use super::{Result, Store, StoreError, audit, from_ts, ts};
use crate::domain::pin::{LOCK_AFTER, LOCK_MINUTES, LOCK_WINDOW_MINUTES};

impl Store {
    /// The stored hash of a person's PIN, `None` when they have none.
    pub fn pin_hash(&self, person_id: i64) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT hash FROM person_pin WHERE person_id = ?1", params![person_id], |r| r.get(0))
            .optional()?)
    }

    /// Whether any active person with the leader role has a PIN (until one has, a leader may set
    /// their own first PIN without another leader).
    pub fn any_leader_has_pin(&self) -> Result<bool> {
        let n: i64 = self.conn.query_row(
            "SELECT count(*) FROM person_pin p JOIN person r ON r.id = p.person_id \
             WHERE r.active = 1 AND (',' || r.roles || ',') LIKE '%,leader,%'",
            [],
            |r| r.get(0),
        )?;
        Ok(n > 0)
    }

    /// Sets (or replaces) a person's PIN hash; `action` says which (`pin.set`, `pin.change`,
    /// `pin.reset`). Audited like every change (the snapshot holds only the hash's SHA-256).
    pub fn set_pin(&mut self, person_id: i64, hash: &str, now: DateTime<Utc>, actor: &str, action: &str) -> Result<()> {
        if hash.is_empty() {
            return Err(StoreError::Invalid("pin: empty hash".into()));
        }
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE person_pin SET hash = ?2, set_at = ?3, set_by = ?4, version = version + 1 WHERE person_id = ?1",
                params![person_id, hash, ts(now), actor],
            )?;
            if changed == 0 {
                tx.execute(
                    "INSERT INTO person_pin (id, person_id, hash, set_at, set_by) VALUES (?1, ?1, ?2, ?3, ?4)",
                    params![person_id, hash, ts(now), actor],
                )?;
            }
            audit::record(tx, now, actor, action, "person_pin", person_id)
        })
    }

    /// Until when the person's PIN is locked, if it is locked at `now`.
    pub fn pin_locked_until(&self, person_id: i64, now: DateTime<Utc>) -> Result<Option<DateTime<Utc>>> {
        let last: Option<i64> = self.conn.query_row(
            "SELECT max(at) FROM pin_attempt WHERE person_id = ?1 AND kind = 'lock'",
            params![person_id],
            |r| r.get(0),
        )?;
        Ok(last.map(|t| from_ts(t) + Duration::minutes(LOCK_MINUTES)).filter(|until| *until > now))
    }

    /// Records a wrong PIN (committed even though the act is refused); the fifth in
    /// [`LOCK_WINDOW_MINUTES`] minutes also records the lock. Returns until when it is locked.
    pub fn record_wrong_pin(
        &mut self,
        person_id: i64,
        purpose: &str,
        now: DateTime<Utc>,
        actor: &str,
    ) -> Result<Option<DateTime<Utc>>> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO pin_attempt (person_id, at, kind, purpose) VALUES (?1, ?2, 'wrong', ?3)",
                params![person_id, ts(now), purpose],
            )?;
            let id = tx.last_insert_rowid();
            audit::record(tx, now, actor, "pin.wrong", "pin_attempt", id)?;
            // Wrong attempts since the window began, not counting those before the latest lock.
            let since = ts(now - Duration::minutes(LOCK_WINDOW_MINUTES));
            let n: i64 = tx.query_row(
                "SELECT count(*) FROM pin_attempt WHERE person_id = ?1 AND kind = 'wrong' AND at > ?2 \
                 AND at >= coalesce((SELECT max(at) FROM pin_attempt WHERE person_id = ?1 AND kind = 'lock'), 0) \
                 AND id > coalesce((SELECT max(id) FROM pin_attempt WHERE person_id = ?1 AND kind = 'lock'), 0)",
                params![person_id, since],
                |r| r.get(0),
            )?;
            if n as usize >= LOCK_AFTER {
                tx.execute(
                    "INSERT INTO pin_attempt (person_id, at, kind, purpose) VALUES (?1, ?2, 'lock', ?3)",
                    params![person_id, ts(now), purpose],
                )?;
                let id = tx.last_insert_rowid();
                audit::record(tx, now, actor, "pin.lock", "pin_attempt", id)?;
                return Ok(Some(now + Duration::minutes(LOCK_MINUTES)));
            }
            Ok(None)
        })
    }

    /// 16 random bytes for a PIN hash's salt.
    pub fn pin_salt() -> Result<[u8; 16]> {
        let mut salt = [0u8; 16];
        getrandom::fill(&mut salt).map_err(|e| StoreError::Invalid(format!("no random bytes: {e}")))?;
        Ok(salt)
    }
}
