//! Loads the board and draws `N` frames at 160×48 from a database, for counting instructions
//! (`valgrind --tool=callgrind`), which repeat on a noisy machine where wall time does not:
//!
//! ```sh
//! cargo build --release --example board_frames
//! valgrind --tool=callgrind target/release/examples/board_frames DB 0    # setup only
//! valgrind --tool=callgrind target/release/examples/board_frames DB 50   # setup + 50 loads and frames
//! ```
//! The difference of the two totals, divided by N, is one board load plus one frame.

use std::sync::Arc;

use chrono::Duration;
use dutywatch::app::{self, App, Msg};
use dutywatch::config::rules::Rulebook;
use dutywatch::domain::Lang;
use dutywatch::store::Store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let db = args.next().ok_or("usage: board_frames DB N")?;
    let n: usize = args.next().ok_or("usage: board_frames DB N")?.parse()?;
    let store = Store::open(std::path::Path::new(&db))?;
    let at: i64 = store.conn().query_row("SELECT max(at) FROM audit_event", [], |r| r.get(0))?;
    let now = dutywatch::store::from_ts(at);
    let unit = Arc::new(dutywatch::config::parse_toml(dutywatch::config::unit::SHIPPED_UNIT, "unit.toml")?);
    let book = Arc::new(Rulebook::shipped(&unit)?);
    let mut app = App::new(Lang::Zh, unit, now, false).with_book(book);
    let mut terminal = Terminal::new(TestBackend::new(160, 48))?;
    let mut t = now;
    for _ in 0..n {
        let data = dutywatch::runtime::load::board(&store, t)?;
        app::update(&mut app, Msg::Loaded(Box::new(data)));
        t += Duration::seconds(1);
        app::update(&mut app, Msg::Tick(t));
        terminal.draw(|f| dutywatch::ui::draw(f, &app))?;
    }
    println!("{n} loads and frames");
    Ok(())
}
