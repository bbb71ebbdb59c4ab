//! The board of a linked unit (issue 20): the 下级报送 pane and the link state line, zh and en, at
//! 80×24 and 160×48 (borders are checked cell by cell in `tests/borders.rs`, "board linked").

use std::sync::Arc;

use crate::common;
use common::screen::{render, text};

use chrono::{DateTime, Duration, Utc};
use dutywatch::app::board::{FromBelowRow, LinkView};
use dutywatch::app::{self, App, BoardData, Msg};
use dutywatch::config::{UnitConfig, parse_toml, unit::SHIPPED_UNIT};
use dutywatch::domain::Lang;
use dutywatch::domain::clock::parse_pinned;
use dutywatch::ops::link::Status;

fn now() -> DateTime<Utc> {
    parse_pinned("2026-11-22T14:03:27+08:00").unwrap()
}

fn status(connected: bool, queued: i64) -> Status {
    Status {
        code: "520424".into(),
        upper: None,
        lower: vec!["520424101".into()],
        connected,
        since: Some(parse_pinned("2026-11-22T03:12:00+08:00").unwrap()),
        seen_at: Some(now()),
        queued,
        oldest_queued_at: None,
        last_sent_at: None,
        last_received_at: None,
        received: 1,
        held: 0,
        dead_letters: 0,
        dead: Vec::new(),
        sender_lease: None,
        witness: Vec::new(),
    }
}

fn app(lang: Lang, link: LinkView) -> App {
    let unit: Arc<UnitConfig> = Arc::new(parse_toml(SHIPPED_UNIT, "unit.toml").unwrap());
    let mut a = App::new(lang, unit, now(), false);
    let data = BoardData { link: Some(link), ..BoardData::default() };
    app::update(&mut a, Msg::Loaded(Box::new(data)));
    a
}

fn row() -> FromBelowRow {
    FromBelowRow {
        incident_id: 7,
        reference: "2026-0007".into(),
        title: "山体滑坡\u{1b}[2J".into(),
        from_room: "520424101".into(),
        remote_ref: "2026-0042".into(),
        acked_by: None,
    }
}

#[test]
fn the_link_state_is_on_the_board() {
    for (w, h) in [(80, 24), (160, 48)] {
        let down = LinkView { status: status(false, 4), from_below: vec![row()] };
        let t = text(&render(&app(Lang::En, down.clone()), w, h));
        assert!(t.contains("link down since 03:12 · 4 queued"), "{t}");
        assert!(t.contains("520424101 #2026-0042"), "{t}");
        assert!(!t.contains('\u{1b}'), "stored text is neutralised: {t}");
        let t = text(&render(&app(Lang::Zh, down), w, h));
        assert!(t.contains("下级报送") && t.contains("4 条待发"), "{t}");
        let ok = LinkView { status: status(true, 0), from_below: Vec::new() };
        let t = text(&render(&app(Lang::En, ok), w, h));
        assert!(t.contains("link ok"), "{t}");
        assert!(t.contains("Nothing from below yet"), "{t}");
    }
    let _ = Duration::zero();
}
