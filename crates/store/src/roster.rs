//! Roster queries and batch writes beyond single shifts: importing and filling many shifts in one
//! transaction, and the details of a swap (who approved it, whom it replaced) for display.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

use super::shift::{NewShift, find_same, insert, longest};
use super::{Result, Store, StoreError};

/// What a batch insert did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BatchOutcome {
    pub added: usize,
    /// Rows identical to a live shift already in the database (an import run twice).
    pub unchanged: usize,
}

/// The swap behind a shift: who approved it and the assignment it replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SwapInfo {
    pub approved_by: String,
    pub replaced_id: i64,
    pub replaced_person: String,
    /// Id of the first assignment of this slot: stable across swaps (the iCalendar UID uses it).
    pub root_id: i64,
    /// How many swaps led to this assignment (the iCalendar SEQUENCE).
    pub swaps: u32,
}

/// `start: overlaps …` from the store becomes `file.csv:7: field `start`: overlaps …`.
fn locate(label: &str, message: &str) -> String {
    match message.split_once(": ") {
        Some((field, rest)) if !field.contains(' ') => format!("{label}: field `{field}`: {rest}"),
        _ => format!("{label}: {message}"),
    }
}

impl Store {
    /// Inserts all `shifts` in one transaction, skipping any identical to a live shift. The first
    /// failure aborts the whole batch; `label(i)` names the failing row (e.g. `file.csv:7`).
    pub fn add_shifts(
        &mut self,
        shifts: &[NewShift],
        now: DateTime<Utc>,
        actor: &str,
        label: &dyn Fn(usize) -> String,
    ) -> Result<BatchOutcome> {
        self.write(|tx| {
            let mut out = BatchOutcome::default();
            let mut longest = longest(tx)?;
            for (i, s) in shifts.iter().enumerate() {
                if find_same(tx, s)?.is_some() {
                    out.unchanged += 1;
                    continue;
                }
                insert(tx, s, now, actor, &mut longest).map_err(|e| match e {
                    StoreError::Invalid(m) => StoreError::Invalid(locate(&label(i), &m)),
                    other => other,
                })?;
                out.added += 1;
            }
            Ok(out)
        })
    }

    /// Swap details of a shift that replaced another, or `None` for an original assignment.
    pub fn swap_info(&self, shift_id: i64) -> Result<Option<SwapInfo>> {
        let row: Option<(String, i64, String)> = self
            .conn
            .query_row(
                "SELECT coalesce(s.swap_approved_by, ''), o.id, p.name FROM shift s \
                 JOIN shift o ON o.id = s.replaces JOIN person p ON p.id = o.person_id WHERE s.id = ?1",
                params![shift_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((approved_by, replaced_id, replaced_person)) = row else { return Ok(None) };
        let (root_id, swaps) = self.chain_root(shift_id)?;
        Ok(Some(SwapInfo { approved_by, replaced_id, replaced_person, root_id, swaps }))
    }

    /// The first assignment of a slot and the number of swaps since, following `replaces` back.
    pub fn chain_root(&self, shift_id: i64) -> Result<(i64, u32)> {
        let mut id = shift_id;
        let mut swaps = 0u32;
        // A chain is as long as the number of swaps of one slot; the bound only guards against a
        // cycle that a hand-edited file could contain.
        while swaps < 10_000 {
            let prev: Option<i64> = self
                .conn
                .query_row("SELECT replaces FROM shift WHERE id = ?1", params![id], |r| r.get(0))
                .optional()?
                .flatten();
            match prev {
                Some(p) => {
                    id = p;
                    swaps += 1;
                }
                None => break,
            }
        }
        Ok((id, swaps))
    }
}
