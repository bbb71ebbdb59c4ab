//! People who may stand duty.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, params};
use unicode_normalization::UnicodeNormalization;

use super::{Result, Store, StoreError, audit, from_ts, ts};
use crate::domain::safe_text::{check_name, name_key};
use crate::domain::{Person, Role};

/// What is typed to add or edit a person.
#[derive(Debug, Clone, Default)]
pub struct PersonInput {
    pub name: String,
    pub phone: String,
    pub department: String,
    pub roles: Vec<Role>,
    pub active: bool,
}

fn roles_to_text(roles: &[Role]) -> String {
    roles.iter().map(|r| r.code()).collect::<Vec<_>>().join(",")
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Person> {
    Ok(Person {
        id: r.get(0)?,
        name: r.get(1)?,
        phone: r.get(2)?,
        department: r.get(3)?,
        roles: crate::codes::codes(&r.get::<_, String>(4)?, 4)?,
        active: r.get(5)?,
    })
}

const COLS: &str = "id, name, phone, department, roles, active";

/// Checks the input and returns the name to store (trimmed, NFC; see [`check_name`]).
fn validate(input: &PersonInput) -> Result<String> {
    let name = check_name(&input.name).map_err(|e| StoreError::Invalid(format!("name: {e}")))?;
    if input.roles.is_empty() {
        return Err(StoreError::Invalid("roles: at least one of officer, leader, standby".into()));
    }
    Ok(name)
}

/// The stored name (in `table`, `person` or `contact`) that counts as the same as `name` under
/// [`name_key`] (width and invisible characters ignored), other than row `except`. Both tables
/// are small (people of one unit, its directory), so comparing every name costs nothing.
pub(super) fn name_clash(
    tx: &rusqlite::Transaction<'_>,
    table: NameTable,
    name: &str,
    except: Option<i64>,
) -> Result<Option<String>> {
    let sql = match table {
        NameTable::Person => "SELECT id, name FROM person",
        NameTable::Contact => "SELECT id, name FROM contact",
    };
    let key = name_key(name);
    let mut stmt = tx.prepare(sql)?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
    for row in rows {
        let (id, stored) = row?;
        if Some(id) != except && name_key(&stored) == key {
            return Ok(Some(stored));
        }
    }
    Ok(None)
}

/// The tables whose names must be unique.
#[derive(Debug, Clone, Copy)]
pub(super) enum NameTable {
    Person,
    Contact,
}

/// The duplicate-name error; says why when the two differ only in width or invisible characters.
fn clash_error(what: &str, name: &str, stored: &str) -> StoreError {
    if stored == name {
        StoreError::Invalid(format!("name: {what} {stored} already exists"))
    } else {
        StoreError::Invalid(format!(
            "name: `{name}` is the same as {what} `{stored}` already stored (they differ only in character width or invisible characters)"
        ))
    }
}

impl Store {
    /// Adds a person. Names are unique within the unit.
    pub fn add_person(&mut self, input: &PersonInput, now: DateTime<Utc>, actor: &str) -> Result<Person> {
        let name = validate(input)?;
        self.write(|tx| {
            if let Some(stored) = name_clash(tx, NameTable::Person, &name, None)? {
                return Err(clash_error("a person named", &name, &stored));
            }
            tx.execute(
                "INSERT INTO person (name, phone, department, roles, active, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                params![name, input.phone.trim(), input.department.trim(), roles_to_text(&input.roles), input.active, ts(now)],
            )?;
            let id = tx.last_insert_rowid();
            audit::record(tx, now, actor, "person.add", "person", id)?;
            Ok(())
        })?;
        self.person_by_name(&name)?.ok_or_else(|| StoreError::NotFound(name))
    }

    /// Edits a person in place (a new version; the audit log keeps the old one).
    ///
    /// `expected_version` is the version the editor read ([`Store::person_version`]): if another
    /// terminal saved the person since, the edit is refused with [`StoreError::Conflict`] naming who
    /// changed it and when, so two edits never silently overwrite each other.
    pub fn update_person(
        &mut self,
        id: i64,
        input: &PersonInput,
        expected_version: i64,
        now: DateTime<Utc>,
        actor: &str,
    ) -> Result<Person> {
        let name = validate(input)?;
        self.write(|tx| {
            let current: Option<(i64, String)> = tx
                .query_row("SELECT version, name FROM person WHERE id = ?1", params![id], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            let Some((version, old_name)) = current else {
                return Err(StoreError::NotFound(format!("person {id}")));
            };
            if version != expected_version {
                let (by, at) = audit::last_change(tx, "person", id)?;
                return Err(StoreError::Conflict { what: format!("person {old_name}"), by, at: from_ts(at).to_rfc3339() });
            }
            if let Some(stored) = name_clash(tx, NameTable::Person, &name, Some(id))? {
                return Err(clash_error("a person named", &name, &stored));
            }
            let n = tx.execute(
                "UPDATE person SET name = ?1, phone = ?2, department = ?3, roles = ?4, active = ?5, version = version + 1, updated_at = ?6 WHERE id = ?7",
                params![name, input.phone.trim(), input.department.trim(), roles_to_text(&input.roles), input.active, ts(now), id],
            )?;
            if n == 0 {
                return Err(StoreError::NotFound(format!("person {id}")));
            }
            audit::record(tx, now, actor, "person.update", "person", id)
        })?;
        self.person(id)?.ok_or_else(|| StoreError::NotFound(format!("person {id}")))
    }

    /// The current version of a person's row (bumped on every edit); pass it back to
    /// [`Store::update_person`].
    pub fn person_version(&self, id: i64) -> Result<i64> {
        self.conn
            .query_row("SELECT version FROM person WHERE id = ?1", params![id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("person {id}")))
    }

    pub fn person(&self, id: i64) -> Result<Option<Person>> {
        Ok(self
            .conn
            .query_row(&format!("SELECT {COLS} FROM person WHERE id = ?1"), params![id], from_row)
            .optional()?)
    }

    /// The person with this exact name, typed in either Unicode form: names are stored NFC, so
    /// `é` typed as `e` + U+0301 finds them too.
    pub fn person_by_name(&self, name: &str) -> Result<Option<Person>> {
        let by = |n: &str| {
            self.conn.query_row(&format!("SELECT {COLS} FROM person WHERE name = ?1"), params![n], from_row).optional()
        };
        let raw = name.trim();
        if let Some(p) = by(raw)? {
            return Ok(Some(p));
        }
        let nfc: String = raw.nfc().collect();
        if nfc == raw { Ok(None) } else { Ok(by(&nfc)?) }
    }

    /// Everyone, active first, by name.
    pub fn people(&self) -> Result<Vec<Person>> {
        let mut stmt = self.conn.prepare_cached(&format!("SELECT {COLS} FROM person ORDER BY active DESC, name"))?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }
}
