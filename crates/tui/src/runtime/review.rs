//! Review mode: the board as it stood at a past moment, read-only, rebuilt from the audit log.

use chrono::{DateTime, Utc};

use crate::app::BoardData;
use crate::ops::context::Ctx;
use crate::ops::outcome::{CommandError as CliError, CommandResult as CliResult};
use crate::ops::replay;
use crate::store::Store;

use super::error::{RuntimeError, RuntimeResult};

/// `dutywatch --at TIME`: checks the moment (not in the future, not before the first event), then
/// runs the board on the replayed data.
pub fn run_review(ctx: &Ctx, at: &str) -> CliResult {
    let t = ctx.time("at", Some(at))?.ok_or_else(|| CliError::Fail("--at: a time is required".into()))?;
    let store = ctx.open()?;
    replay::check_moment(&store, t, ctx.now(), ctx.lang)?;
    drop(store);
    super::run_board_at(ctx, Some(t))
}

/// Loads the replayed board for `t`, refusing moments review mode cannot show.
pub fn load(
    store: &Store,
    t: DateTime<Utc>,
    now: DateTime<Utc>,
    lang: crate::domain::Lang,
) -> RuntimeResult<BoardData> {
    replay::check_moment(store, t, now, lang)?;
    Ok(replay::board_at(store, t)?)
}

/// Writes the board as it stands on screen (review mode: the past moment) to a text file beside
/// the database, `board-YYYYMMDD-HHMM.txt` named after the reviewed moment; returns its path.
pub fn write_board(app: &crate::app::App, ctx: &Ctx, size: ratatui::layout::Size) -> RuntimeResult<std::path::PathBuf> {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    let t = app.data.review_at.unwrap_or(app.now);
    let mut term = Terminal::new(TestBackend::new(size.width.max(20), size.height.max(5)))?;
    term.draw(|f| crate::ui::draw(f, app))?;
    let buf = term.backend().buffer().clone();
    let mut text = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut skip = 0usize;
        for x in 0..buf.area.width {
            let sym = buf[(x, y)].symbol();
            if skip > 0 {
                skip -= 1;
                continue;
            }
            line.push_str(sym);
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
        }
        text.push_str(line.trim_end());
        text.push('\n');
    }
    let name = format!("board-{}.txt", t.with_timezone(&ctx.unit.timezone).format("%Y%m%d-%H%M"));
    let dir = ctx.db_path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
    let path = dir.join(name);
    if let Err(source) = std::fs::write(&path, text) {
        return Err(RuntimeError::File { path, source });
    }
    Ok(path)
}
