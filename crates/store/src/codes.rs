//! The domain's coded enums (category, grade, status, level, channel, role, log kind …) as SQL
//! values. A code read back that is not one of the enum's is damage made outside dutywatch: it is a
//! [`crate::StoreError::Corrupt`] naming the column and the code, never quietly read as a default
//! (which would hide the very edit `check` exists to find).
//!
//! The wrapper is needed because Rust lets only the crate of a trait or of a type implement one for
//! the other: `FromSql` is rusqlite's and `Category` is the domain's, and the domain stays free of SQL.

use std::str::FromStr;

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

use crate::domain::{ObligationKind, UnknownCode};

/// A coded enum read from or written to a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code<T>(pub T);

impl<T: FromStr<Err = UnknownCode>> FromSql for Code<T> {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let text = value.as_str()?;
        // Only the stored code: the Chinese label that `FromStr` also accepts from a person is not
        // what dutywatch writes.
        text.parse().map(Code).map_err(|e: UnknownCode| FromSqlError::Other(Box::new(e)))
    }
}

impl<T: std::fmt::Display> ToSql for Code<T> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.0.to_string()))
    }
}

/// Reads a coded column of a row.
pub(crate) fn code<T: FromStr<Err = UnknownCode>>(row: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<T> {
    row.get::<_, Code<T>>(idx).map(|c| c.0)
}

/// Reads a comma-separated list of codes (a person's roles).
pub(crate) fn codes<T: FromStr<Err = UnknownCode>>(text: &str, idx: usize) -> rusqlite::Result<Vec<T>> {
    text.split(',')
        .filter(|c| !c.trim().is_empty())
        .map(|c| {
            c.parse().map_err(|e: UnknownCode| {
                rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
            })
        })
        .collect()
}

/// Reads an obligation's kind: a kind of the incident ledger. A task's or a routine duty's kind is
/// what they read as on the board, never what the obligation table holds, so it is damage too.
pub(crate) fn ledger_kind(row: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<ObligationKind> {
    let kind: ObligationKind = code(row, idx)?;
    if kind.is_ledger() {
        return Ok(kind);
    }
    let text = kind.to_string();
    Err(rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(not_ledger(&text))))
}

/// Whether a stored obligation kind is one the ledger holds (what `check` accepts in the column).
pub(crate) fn is_ledger_kind(text: &str) -> bool {
    text.parse::<ObligationKind>().is_ok_and(|k| k.is_ledger())
}

/// The error for a code that is a kind, but not one of the ledger's.
fn not_ledger(text: &str) -> UnknownCode {
    UnknownCode {
        what: "obligation kind",
        given: text.to_string(),
        valid: format!("{}, ready-ITEM", ObligationKind::fixed_codes().join(", ")),
    }
}
