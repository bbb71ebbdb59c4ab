//! The contact directory (通讯录): own leaders and upper duty rooms, with phone, fax and the date
//! the numbers were last verified (docs/rules.md PR-17). Edits are versioned; a stale edit is refused.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Row, params};

use super::person::{NameTable, name_clash};
use super::{Result, Store, StoreError, audit, from_ts, ts};
use crate::domain::directory::{Contact, Directory};
use crate::domain::safe_text::check_name;

/// A contact row with its id and version (for editing).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ContactRow {
    pub id: i64,
    pub version: i64,
    pub active: bool,
    #[serde(flatten)]
    pub contact: Contact,
}

const COLS: &str = "id, version, active, name, level, org, phone, fax, last_verified";

fn from_row(r: &Row<'_>) -> rusqlite::Result<ContactRow> {
    let verified: String = r.get(8)?;
    Ok(ContactRow {
        id: r.get(0)?,
        version: r.get(1)?,
        active: r.get(2)?,
        contact: Contact {
            name: r.get(3)?,
            level: crate::codes::code(r, 4)?,
            org: r.get(5)?,
            phone: r.get(6)?,
            fax: r.get(7)?,
            last_verified: NaiveDate::parse_from_str(&verified, "%Y-%m-%d").unwrap_or_default(),
        },
    })
}

/// Checks a contact and returns it with the name to store (trimmed, NFC; see [`check_name`]).
fn validate(c: &Contact) -> Result<Contact> {
    let name = check_name(&c.name).map_err(|e| StoreError::Invalid(format!("name: {e}")))?;
    if c.phone.trim().is_empty() && c.fax.trim().is_empty() {
        return Err(StoreError::Invalid("phone: a contact needs a phone or a fax number".into()));
    }
    Ok(Contact { name, ..c.clone() })
}

/// Refuses a name the directory already holds, also when it differs only in width or invisible
/// characters (two entries that look alike would be picked by mistake on a call).
fn refuse_clash(tx: &rusqlite::Transaction<'_>, name: &str, except: Option<i64>) -> Result<()> {
    match name_clash(tx, NameTable::Contact, name, except)? {
        None => Ok(()),
        Some(stored) if stored == name => Err(StoreError::Invalid(format!("name: {name} is already in the directory"))),
        Some(stored) => Err(StoreError::Invalid(format!(
            "name: `{name}` is the same as `{stored}` already in the directory (they differ only in character width or invisible characters)"
        ))),
    }
}

impl Store {
    /// All contacts, active first, by level then name.
    pub fn contacts(&self) -> Result<Vec<ContactRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLS} FROM contact ORDER BY active DESC, CASE level \
             WHEN 'leader' THEN 0 WHEN 'village' THEN 1 WHEN 'township' THEN 2 WHEN 'county' THEN 3 \
             WHEN 'city' THEN 4 WHEN 'province' THEN 5 ELSE 6 END, name"
        ))?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }

    /// The active directory, as the rules use it.
    pub fn directory(&self) -> Result<Directory> {
        Ok(Directory { contacts: self.contacts()?.into_iter().filter(|c| c.active).map(|c| c.contact).collect() })
    }

    /// Seeds an empty directory from the configuration (first open). Returns how many were added.
    pub fn seed_contacts(&mut self, from: &[Contact], now: DateTime<Utc>, actor: &str) -> Result<usize> {
        if self.is_read_only() || from.is_empty() {
            return Ok(0);
        }
        let count: i64 = self.conn.query_row("SELECT count(*) FROM contact", [], |r| r.get(0))?;
        if count > 0 {
            return Ok(0);
        }
        self.write(|tx| {
            let again: i64 = tx.query_row("SELECT count(*) FROM contact", [], |r| r.get(0))?;
            if again > 0 {
                return Ok(0);
            }
            for c in from {
                insert(tx, c, now, actor)?;
            }
            Ok(from.len())
        })
    }

    pub fn add_contact(&mut self, c: &Contact, now: DateTime<Utc>, actor: &str) -> Result<ContactRow> {
        let c = validate(c)?;
        let id = self.write(|tx| {
            refuse_clash(tx, &c.name, None)?;
            insert(tx, &c, now, actor)
        })?;
        self.contact(id)?.ok_or_else(|| StoreError::NotFound(format!("contact {id}")))
    }

    pub fn contact(&self, id: i64) -> Result<Option<ContactRow>> {
        Ok(self
            .conn
            .query_row(&format!("SELECT {COLS} FROM contact WHERE id = ?1"), params![id], from_row)
            .optional()?)
    }

    /// Edits a contact. `expected_version` guards against overwriting another terminal's edit.
    pub fn update_contact(
        &mut self,
        id: i64,
        c: &Contact,
        active: bool,
        expected_version: i64,
        now: DateTime<Utc>,
        actor: &str,
    ) -> Result<ContactRow> {
        let c = validate(c)?;
        self.write(|tx| {
            let (version, by, at): (i64, String, i64) = tx
                .query_row("SELECT version, updated_by, updated_at FROM contact WHERE id = ?1", params![id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .optional()?
                .ok_or_else(|| StoreError::NotFound(format!("contact {id}")))?;
            if version != expected_version {
                return Err(StoreError::Conflict { what: c.name.clone(), by, at: from_ts(at).to_rfc3339() });
            }
            refuse_clash(tx, &c.name, Some(id))?;
            tx.execute(
                "UPDATE contact SET name = ?1, level = ?2, org = ?3, phone = ?4, fax = ?5, last_verified = ?6, \
                 active = ?7, version = version + 1, updated_at = ?8, updated_by = ?9 WHERE id = ?10",
                params![
                    c.name.trim(),
                    c.level.code(),
                    c.org.trim(),
                    c.phone.trim(),
                    c.fax.trim(),
                    c.last_verified.format("%Y-%m-%d").to_string(),
                    active,
                    ts(now),
                    actor,
                    id
                ],
            )?;
            audit::record(tx, now, actor, "contact.update", "contact", id)
        })?;
        self.contact(id)?.ok_or_else(|| StoreError::NotFound(format!("contact {id}")))
    }
}

fn insert(tx: &rusqlite::Transaction<'_>, c: &Contact, now: DateTime<Utc>, actor: &str) -> Result<i64> {
    tx.execute(
        "INSERT INTO contact (name, level, org, phone, fax, last_verified, created_at, updated_at, updated_by) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)",
        params![
            c.name.trim(),
            c.level.code(),
            c.org.trim(),
            c.phone.trim(),
            c.fax.trim(),
            c.last_verified.format("%Y-%m-%d").to_string(),
            ts(now),
            actor
        ],
    )?;
    let id = tx.last_insert_rowid();
    audit::record(tx, now, actor, "contact.add", "contact", id)?;
    Ok(id)
}
