//! Each board's own intake draft, so two officers' typing never mixes: the board writes
//! `<db>.drafts/<pid>-<start-nanos>.json` on every change (to a temporary file, then renamed, so a
//! crash never leaves half a draft) and removes only that file once the incident is saved.
//!
//! Liveness: a board holds an exclusive `flock` on `<same name>.lock` for as long as it runs. The
//! kernel drops the lock when the process ends however it ends (quit, signal, panic, `kill -9`),
//! so a draft whose lock can be taken was left by a board that is gone; one whose lock is held
//! belongs to a running board and is never shown, adopted or touched by another terminal. PIDs are
//! reused, which is why liveness is the lock and not `/proc/PID`.
//!
//! At start-up the drafts left by boards that are gone are offered in a list (time and first
//! line); the one picked is renamed to this board's own name (and its lock removed), so it is
//! restored exactly once. While the list is open this board holds the orphans' locks, so a second
//! board starting at the same moment does not offer the same drafts. The single shared
//! `<db>.draft.json` of earlier versions is offered the same way.

use std::collections::BTreeMap;
use std::fs::File;
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::app::form::FieldKey;

/// The directory holding the boards' drafts of database `db`.
pub fn dir_for(db: &Path) -> PathBuf {
    let mut s = db.as_os_str().to_os_string();
    s.push(".drafts");
    PathBuf::from(s)
}

/// Where earlier versions kept the one shared draft.
fn legacy_path(db: &Path) -> PathBuf {
    let mut s = db.as_os_str().to_os_string();
    s.push(".draft.json");
    PathBuf::from(s)
}

/// Takes an exclusive `flock` without waiting; false when another process holds it.
fn try_lock(file: &File) -> bool {
    // SAFETY: flock on a descriptor this `File` owns; no memory is passed.
    unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) == 0 }
}

/// This board's draft slot.
#[derive(Debug)]
pub struct Drafts {
    dir: PathBuf,
    legacy: PathBuf,
    id: String,
    /// The held lock that marks this board alive (None if the lock file could not be made: the
    /// draft is still written, it is only offered to others after this board is gone… or never).
    lock: Option<File>,
}

/// A draft left by a board that is gone, with its lock held while it is being offered.
#[derive(Debug)]
pub struct Orphan {
    pub id: String,
    pub saved_at: SystemTime,
    pub values: BTreeMap<String, String>,
    path: PathBuf,
    lock_path: Option<PathBuf>,
    _lock: Option<File>,
}

impl Orphan {
    /// The first line worth showing: the title, else the first non-empty field.
    pub fn first_line(&self) -> String {
        let first = |v: &String| v.lines().map(str::trim).find(|l| !l.is_empty()).map(str::to_string);
        self.values
            .get(FieldKey::Title.code())
            .and_then(first)
            .or_else(|| self.values.iter().filter(|(k, _)| k.as_str() != "form").find_map(|(_, v)| first(v)))
            .unwrap_or_default()
    }
}

impl Drafts {
    /// This board's slot for `db`, named by pid and start time, its lock taken.
    pub fn new(db: &Path) -> Drafts {
        let nanos = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
        let id = format!("{}-{nanos}", std::process::id());
        let dir = dir_for(db);
        let mut d = Drafts { dir, legacy: legacy_path(db), id, lock: None };
        if std::fs::create_dir_all(&d.dir).is_ok()
            && let Ok(f) = File::create(d.lock_path(&d.id))
            && try_lock(&f)
        {
            d.lock = Some(f);
        }
        d
    }

    fn json_path(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}.json"))
    }

    fn lock_path(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}.lock"))
    }

    /// Keeps the form's typing in this board's own draft file.
    pub fn save(&self, values: &BTreeMap<String, String>) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let path = self.json_path(&self.id);
        let tmp = self.dir.join(format!("{}.json.tmp", self.id));
        let text = serde_json::to_string(values).map_err(std::io::Error::other)?;
        std::fs::write(&tmp, text)?;
        std::fs::rename(&tmp, &path)
    }

    /// Removes this board's draft (the incident was saved); other boards' drafts stay.
    pub fn clear(&self) {
        remove_logged(self.json_path(&self.id));
    }

    /// The drafts left by boards that are gone, oldest first, their locks held by this board.
    pub fn orphans(&self) -> Vec<Orphan> {
        let mut found = Vec::new();
        if let Some(o) = read_orphan(&self.legacy, "draft.json".into(), None, None) {
            found.push(o);
        }
        let Ok(entries) = std::fs::read_dir(&self.dir) else { return found };
        for entry in entries.flatten() {
            let path = entry.path();
            let Some(id) = path.file_name().and_then(|n| n.to_str()).and_then(|n| n.strip_suffix(".json")) else {
                continue;
            };
            if id == self.id {
                continue;
            }
            let lock_path = self.lock_path(id);
            let lock = match std::fs::OpenOptions::new().read(true).write(true).open(&lock_path) {
                Ok(f) if try_lock(&f) => Some(f),
                // Held: a running board's draft. Not ours to show.
                Ok(_) => continue,
                // No lock file: its board is gone (it never got one, or it was removed on exit).
                Err(_) => None,
            };
            if let Some(o) = read_orphan(&path, id.to_string(), Some(lock_path), lock) {
                found.push(o);
            }
        }
        found.sort_by_key(|o| o.saved_at);
        found
    }

    /// Makes `orphan` this board's own draft (renamed, so no other board can restore it too) and
    /// returns its values.
    pub fn adopt(&self, orphan: Orphan) -> BTreeMap<String, String> {
        let own = self.json_path(&self.id);
        if std::fs::rename(&orphan.path, &own).is_err() {
            // Another directory or filesystem (the legacy file): copy, then remove.
            if self.save(&orphan.values).is_ok() {
                remove_logged(&orphan.path);
            }
        }
        if let Some(l) = &orphan.lock_path {
            remove_logged(l);
        }
        orphan.values
    }
}

impl Drop for Drafts {
    /// A board that ends normally removes its lock file; a draft it leaves (quit with unsaved
    /// typing confirmed) is then offered at the next start, like one left by a crash.
    fn drop(&mut self) {
        if self.lock.take().is_some() {
            remove_logged(self.lock_path(&self.id));
        }
        let _ = std::fs::remove_dir(&self.dir);
    }
}

fn read_orphan(path: &Path, id: String, lock_path: Option<PathBuf>, lock: Option<File>) -> Option<Orphan> {
    let text = std::fs::read_to_string(path).ok()?;
    let values: BTreeMap<String, String> = serde_json::from_str(&text).ok()?;
    if !values.iter().any(|(k, v)| k != "form" && !v.trim().is_empty()) {
        return None;
    }
    let saved_at = std::fs::metadata(path).and_then(|m| m.modified()).unwrap_or(SystemTime::UNIX_EPOCH);
    Some(Orphan { id, saved_at, values, path: path.to_path_buf(), lock_path, _lock: lock })
}

/// Removes a draft's file. A file already gone is fine (another board took it); any other failure
/// leaves a stale draft behind, which the officer is not shown but the maintainer should see.
fn remove_logged(path: impl AsRef<std::path::Path>) {
    let path = path.as_ref();
    if let Err(e) = std::fs::remove_file(path)
        && e.kind() != std::io::ErrorKind::NotFound
    {
        tracing::warn!(path = %path.display(), "draft file not removed: {e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(title: &str) -> BTreeMap<String, String> {
        BTreeMap::from([("title".to_string(), title.to_string())])
    }

    #[test]
    fn own_drafts_are_separate_and_a_gone_boards_draft_is_offered_once() {
        let dir = std::env::temp_dir().join(format!("dw-draft-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let db = dir.join("x.db");
        let a = Drafts::new(&db);
        let b = Drafts::new(&db);
        a.save(&values("甲的草稿")).expect("save a");
        b.save(&values("乙的草稿")).expect("save b");
        // Both boards alive: neither sees the other's draft.
        assert!(a.orphans().is_empty() && b.orphans().is_empty());
        // a's lock is dropped (as when its process dies), its draft stays.
        let mut a = a;
        a.lock = None;
        let found = b.orphans();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].first_line(), "甲的草稿");
        // While b holds the orphan, a third board does not see it.
        let c = Drafts::new(&db);
        assert!(c.orphans().is_empty());
        let orphan = found.into_iter().next().expect("one");
        assert_eq!(b.adopt(orphan), values("甲的草稿"));
        assert!(c.orphans().is_empty(), "adopted once");
        b.clear();
        drop((a, b, c));
        let _ = std::fs::remove_dir_all(dir);
    }
}
