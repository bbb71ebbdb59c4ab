//! The intake form's draft file, next to the database (`<db>.draft.json`): written on every change
//! (to a temporary file, then renamed, so a crash never leaves half a draft), read back at start-up,
//! removed once the incident is saved.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub fn path_for(db: &Path) -> PathBuf {
    let mut s = db.as_os_str().to_os_string();
    s.push(".draft.json");
    PathBuf::from(s)
}

pub fn save(db: &Path, values: &BTreeMap<String, String>) -> std::io::Result<()> {
    let path = path_for(db);
    let tmp = path.with_extension("json.tmp");
    let text = serde_json::to_string(values).map_err(std::io::Error::other)?;
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, &path)
}

pub fn load(db: &Path) -> Option<BTreeMap<String, String>> {
    let text = std::fs::read_to_string(path_for(db)).ok()?;
    let values: BTreeMap<String, String> = serde_json::from_str(&text).ok()?;
    values.values().any(|v| !v.trim().is_empty()).then_some(values)
}

pub fn clear(db: &Path) {
    let _ = std::fs::remove_file(path_for(db));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_clear() {
        let dir = std::env::temp_dir().join(format!("dw-draft-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let db = dir.join("x.db");
        let mut v = BTreeMap::new();
        v.insert("title".to_string(), "山体滑坡".to_string());
        save(&db, &v).expect("save");
        assert_eq!(load(&db), Some(v));
        clear(&db);
        assert_eq!(load(&db), None);
        let _ = std::fs::remove_dir_all(dir);
    }
}
