//! End to end (issue 20): the county's board open in tmux runs the link itself (no `link run`); a
//! township sends a report up by `system`; it appears in the board's 下级报送 pane with the sender,
//! `a` on it sends the receipt back and the township's step shows the ack; the server stops and the
//! board says "link down since …". A real `nats-server -js` on a random port, the clock not pinned.

use crate::common;

use std::path::Path;

use common::link::{COUNTY, Nats, Room, TOWN, nats_available, wait_until};
use common::{Tmux, quote, skip_without_tmux, write_script};

#[test]
fn the_board_receives_acknowledges_and_shows_the_link_state() {
    if skip_without_tmux() || !nats_available() {
        return;
    }
    let mut nats = Nats::start();
    let mut town = Room::town(&nats.url());
    let county = Room::county(&nats.url());
    let bin = env!("CARGO_BIN_EXE_dutywatch");
    let script = county.dir.path().join("board.sh");
    write_script(
        &script,
        &format!(
            "#!/bin/sh\n\
             export LANG=en_US.UTF-8 DUTYWATCH_CONFIG_DIR={cfg}\n\
             unset LC_ALL LC_CTYPE DUTYWATCH_DB DUTYWATCH_NOW\n\
             {bin} --db {db}\n\
             echo \"exit=$?\"\n\
             exec sleep 120\n",
            cfg = quote(&county.dir.path().join("cfg")),
            bin = quote(Path::new(bin)),
            db = quote(&county.db()),
        ),
    );
    let tmux = Tmux::new("dutywatch-e2e-link");
    tmux.start(160, 48, &script);
    tmux.wait_for("the link to come up on the board", 30, |s| s.contains("link ok"));
    let id = town.incident_sent_up("山体滑坡");
    town.start(&[]);
    let screen = tmux.wait_for("the report from below", 30, |s| s.contains(&format!("{TOWN} #")));
    assert!(screen.contains("Incoming from below"), "{screen}");
    assert!(screen.contains("to acknowledge (a)"), "{screen}");
    // The incident is also one of the county's open incidents: select it there and acknowledge.
    tmux.key("Tab");
    tmux.key("a");
    tmux.wait_for("the receipt recorded", 20, |s| s.contains("receipt acknowledged") || s.contains("acked by"));
    wait_until("the ack to reach the township", 30, || {
        town.json(&["incident", "show", &id])["escalations"][0]["acked_at"].is_string()
    });
    let _ = COUNTY;
    nats.stop();
    tmux.wait_for("the board to say the link is down", 40, |s| s.contains("link down since"));
    tmux.press("q");
    tmux.wait_for("the board to quit", 20, |s| s.contains("exit=0"));
    town.stop();
}
