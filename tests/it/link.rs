//! Watch rooms linked over NATS JetStream (issue 20), against a real `nats-server -js` started here on
//! 127.0.0.1 with a random port and a temp store. The clock is not pinned: the lease and the hold
//! time run on the real one (no test asserts a wall-clock time).
//!
//! Rooms: the township 520424101 (upper 520424) and the county 520424 (lower 520424101, 520424102).

use std::process::Command;
use std::time::Duration;

use tempfile::TempDir;

use crate::common;
use common::link::*;

#[test]
fn a_report_travels_up_and_its_ack_comes_back() {
    if !nats_available() {
        return;
    }
    let nats = Nats::start();
    let mut town = Room::town(&nats.url());
    let mut county = Room::county(&nats.url());
    let id = town.incident_sent_up("山体滑坡");
    // The outbox row was written with the step: queued before any link runs.
    assert_eq!(town.status()["queued"], 1);
    town.start(&[]);
    county.start(&[]);
    wait_until("the county to receive it", 30, || county.incoming().len() == 1);
    let inc = &county.incoming()[0];
    assert_eq!(inc["from"], TOWN);
    assert_eq!(inc["title"], "山体滑坡");
    let cid = inc["id"].as_i64().unwrap().to_string();
    let shown = county.json(&["incident", "show", &cid]);
    assert_eq!(shown["trapped"], 2);
    assert_eq!(shown["from"], TOWN);
    // The county's own duties by its own rules (a county owes the city).
    assert!(!shown["obligations"].as_array().unwrap().is_empty());
    // The county acknowledges (no --level): the township's step gets the ack with who.
    county.ok(&["ack", &cid, "--by", "李明"]);
    wait_until("the ack to reach the township", 30, || {
        town.json(&["incident", "show", &id])["escalations"][0]["acked_at"].is_string()
    });
    let step = &town.json(&["incident", "show", &id])["escalations"][0];
    let log = town.ok(&["log", "list"]);
    assert!(log.contains("李明"), "{step} {log}");
    // An update of the facts changes the same incident.
    town.ok(&["incident", "update", &id, "--trapped", "0", "--rescued", "2"]);
    wait_until("the update to reach the county", 30, || {
        let s = county.json(&["incident", "show", &cid]);
        s["rescued"] == 2 && s["trapped"] == 0
    });
    assert_eq!(county.incoming().len(), 1, "an update changes the same incident");
    let shown = county.json(&["incident", "show", &cid]);
    assert!(!shown["fact_updates"].as_array().unwrap().is_empty(), "the facts timeline shows it");
    wait_until("the township queue to drain", 30, || town.status()["queued"] == 0);
    let s = county.status();
    assert_eq!(s["dead_letters"], 0);
    assert_eq!(s["received"], 2);
    assert_eq!(s["connected"], true);
    let s = town.status();
    assert_eq!(s["received"], 1, "the ack");
    // The county keeps the township's record head as a witness; the township's record extends it.
    let witness = &county.status()["witness"][0];
    assert_eq!(witness["room"], TOWN);
    town.ok(&["check", "--head", witness["head"].as_str().unwrap()]);
    town.stop();
    county.stop();
    // Both files check clean with the link's records in them.
    town.ok(&["check"]);
    county.ok(&["check"]);
}

#[test]
fn server_stopped_30s_mid_stream_loses_and_duplicates_nothing() {
    if !nats_available() {
        return;
    }
    let mut nats = Nats::start();
    let mut town = Room::town(&nats.url());
    let mut county = Room::county(&nats.url());
    for i in 0..10 {
        town.incident_sent_up(&format!("事件{i:02}"));
    }
    town.start(&[]);
    county.start(&[]);
    wait_until("the first messages", 30, || !county.incoming().is_empty());
    nats.stop();
    for i in 10..20 {
        town.incident_sent_up(&format!("事件{i:02}"));
    }
    wait_until("the township to see the link down", 30, || {
        let s = town.status();
        s["connected"] == false && s["queued"].as_i64().unwrap() > 0
    });
    let line = town.ok(&["link", "status"]);
    assert!(line.contains("link down since") && line.contains("queued"), "{line}");
    std::thread::sleep(Duration::from_secs(30));
    nats.up();
    wait_until("everything delivered after the restart", 90, || county.incoming().len() >= 20);
    wait_until("the township queue to drain", 30, || town.status()["queued"] == 0);
    std::thread::sleep(Duration::from_secs(2));
    let got = refs(&county.incoming());
    let want: Vec<String> = (0..20).map(|i| format!("事件{i:02}")).collect();
    assert_eq!(got, want, "each exactly once");
    assert_eq!(county.status()["received"], 20);
    town.stop();
    county.stop();
}

#[test]
fn a_sender_killed_between_publish_and_mark_sent_is_delivered_once() {
    if !nats_available() {
        return;
    }
    let nats = Nats::start();
    let mut town = Room::town(&nats.url());
    let mut county = Room::county(&nats.url());
    for i in 0..5 {
        town.incident_sent_up(&format!("事件{i}"));
    }
    town.start(&[("DUTYWATCH_LINK_DIE_AFTER_PUBLISH", "1")]);
    town.wait_died();
    assert_eq!(town.status()["queued"], 5, "published, never marked sent");
    // The next sender waits out the dead one's lease, then publishes the same message ids again.
    town.start(&[]);
    county.start(&[]);
    wait_until("the township queue to drain", 60, || town.status()["queued"] == 0);
    wait_until("the county to have them", 30, || county.incoming().len() >= 5);
    std::thread::sleep(Duration::from_secs(2));
    assert_eq!(refs(&county.incoming()), (0..5).map(|i| format!("事件{i}")).collect::<Vec<_>>());
    assert_eq!(county.status()["received"], 5);
    town.stop();
    county.stop();
}

#[test]
fn a_receiver_killed_while_storing_stores_once() {
    if !nats_available() {
        return;
    }
    let nats = Nats::start();
    let mut town = Room::town(&nats.url());
    let mut county = Room::county(&nats.url());
    town.incident_sent_up("事件A");
    town.start(&[]);
    // Dies after its commit and before its ack: the server redelivers after the ack wait.
    county.start(&[("DUTYWATCH_LINK_DIE_BEFORE_ACK", "1")]);
    county.wait_died();
    assert_eq!(county.incoming().len(), 1);
    county.start(&[]);
    wait_until("the redelivery to be acked", 40, || {
        // Redelivered, found stored, acked: nothing more is stored.
        county.incoming().len() == 1 && town.status()["queued"] == 0
    });
    std::thread::sleep(Duration::from_secs(12));
    assert_eq!(county.incoming().len(), 1);
    assert_eq!(county.status()["received"], 1);
    town.stop();
    county.stop();
}

/// Publishes raw messages as a test client (no permissions on this server).
fn publish_raw(url: &str, msgs: &[(String, String, String)]) {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    rt.block_on(async {
        let client = async_nats::connect(url).await.unwrap();
        let js = async_nats::jetstream::new(client);
        for (subject, id, body) in msgs {
            let m = async_nats::jetstream::message::PublishMessage::build().payload(body.clone().into()).message_id(id);
            js.send_publish(subject.clone(), m).await.unwrap().await.unwrap();
        }
    });
}

fn cap_of(inc: &dutywatch::domain::Incident, kind: dutywatch::domain::cap::MsgType, id: &str, from: &str) -> String {
    cap_sent(inc, kind, id, from, chrono::Utc::now())
}

fn cap_sent(
    inc: &dutywatch::domain::Incident,
    kind: dutywatch::domain::cap::MsgType,
    id: &str,
    from: &str,
    sent: chrono::DateTime<chrono::Utc>,
) -> String {
    dutywatch::domain::link::incident_message(
        &dutywatch::domain::link::Outgoing {
            incident: inc,
            msg_type: kind,
            report: "first-phone",
            msg_id: id,
            sender: from,
            sender_name: "青山镇",
            contact: "",
            record_head: "00",
            sent,
            tz: chrono_tz::Asia::Shanghai,
            references: None,
        },
        &dutywatch::text::record::cap::BOTH,
    )
    .unwrap()
}

fn sample(reference: &str, rescued: u32) -> dutywatch::domain::Incident {
    let t = chrono::Utc::now() - chrono::Duration::minutes(5);
    dutywatch::domain::Incident {
        id: 1,
        reference: reference.into(),
        version: 1,
        title: "山体滑坡".into(),
        category: dutywatch::domain::Category::Natural,
        grade: dutywatch::domain::Grade::III,
        occurred_at: t,
        learned_at: t,
        place: "石门村".into(),
        source: dutywatch::domain::Source::Phone,
        caller_unit: String::new(),
        caller_name: String::new(),
        caller_title: String::new(),
        caller_phone: String::new(),
        informed: String::new(),
        dead: 0,
        injured: 1,
        missing: 0,
        trapped: 2,
        rescued,
        evacuated: 0,
        summary: "后山滑坡".into(),
        measures: String::new(),
        needs: String::new(),
        cause: String::new(),
        progress: String::new(),
        status: dutywatch::domain::IncidentStatus::Open,
        ended_at: None,
        closed_at: None,
    }
}

#[test]
fn spoofed_and_malformed_messages_go_to_dead_letters() {
    if !nats_available() {
        return;
    }
    use dutywatch::domain::cap::MsgType;
    let nats = Nats::start();
    let mut county = Room::county(&nats.url());
    county.start(&[]);
    wait_until("the county's consumer", 30, || county.status()["connected"] == true);
    let to_county = |from: &str| format!("dw.{COUNTY}.from.{from}");
    let good = cap_of(&sample("2026-0007", 0), MsgType::Alert, "520424101.7", TOWN);
    publish_raw(
        &nats.url(),
        &[
            // The sender in the CAP is another room than the subject's.
            (to_county(TOWN), "x.1".into(), cap_of(&sample("2026-0001", 0), MsgType::Alert, "520424102.1", TOWN2)),
            (to_county(TOWN), "x.2".into(), "<alert><broken".into()),
            (to_county(TOWN), "x.3".into(), "\u{1b}]52;c;aGk=\u{7} not xml".into()),
            // A room that is not linked to the county.
            (to_county("999999"), "x.4".into(), cap_of(&sample("2026-0002", 0), MsgType::Alert, "999999.1", "999999")),
            (to_county(TOWN), "520424101.7".into(), good),
        ],
    );
    wait_until("the good one to arrive", 30, || county.incoming().len() == 1);
    wait_until("four dead letters", 30, || county.status()["dead_letters"] == 4);
    let s = county.status();
    let reasons: Vec<&str> = s["dead"].as_array().unwrap().iter().map(|d| d["reason"].as_str().unwrap()).collect();
    assert!(reasons.iter().any(|r| r.contains("does not match")), "{reasons:?}");
    assert!(reasons.iter().any(|r| r.contains("not a room linked")), "{reasons:?}");
    assert_eq!(s["connected"], true, "the room is unaffected");
    assert_eq!(county.incoming().len(), 1);
    let human = county.ok(&["link", "status"]);
    assert!(!human.contains('\u{1b}'));
    county.stop();
}

#[test]
fn an_update_that_overtakes_its_alert_is_held_then_applied() {
    if !nats_available() {
        return;
    }
    use dutywatch::domain::cap::MsgType;
    let nats = Nats::start();
    let mut county = Room::county(&nats.url());
    county.start(&[]);
    wait_until("the county's consumer", 30, || county.status()["connected"] == true);
    let subject = format!("dw.{COUNTY}.from.{TOWN}");
    let update = cap_of(&sample("2026-0042", 2), MsgType::Update, "520424101.2", TOWN);
    publish_raw(&nats.url(), &[(subject.clone(), "520424101.2".into(), update)]);
    wait_until("the update to be held", 30, || county.status()["held"] == 1);
    assert!(county.incoming().is_empty());
    let alert = cap_of(&sample("2026-0042", 0), MsgType::Alert, "520424101.1", TOWN);
    publish_raw(&nats.url(), &[(subject, "520424101.1".into(), alert)]);
    wait_until("the held update to be applied", 30, || county.status()["held"] == 0);
    let list = county.incoming();
    assert_eq!(list.len(), 1);
    let id = list[0]["id"].as_i64().unwrap().to_string();
    assert_eq!(county.json(&["incident", "show", &id])["rescued"], 2, "the update applied after the alert");
    assert_eq!(county.status()["dead_letters"], 0);
    county.stop();
}

#[test]
fn the_credentials_file_must_be_mode_0600() {
    let room = Room::new(
        TOWN,
        "township",
        "code = \"520424101\"\nservers = [\"nats://127.0.0.1:1\"]\ncredentials = \"link.toml\"\n",
    );
    let creds = room.dir.path().join("cfg/link.toml");
    std::fs::write(&creds, "user = \"520424101\"\npassword = \"pw\"\n").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&creds, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = room.cmd(&["link", "run"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("error: ") && err.contains("0600") && err.contains("link.toml"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn a_bad_link_section_names_file_line_and_key() {
    let room_dir = TempDir::new().unwrap();
    let unit = format!("{SHIPPED_UNIT}\n[link]\ncode = \"5204.24\"\nservers = [\"nats://127.0.0.1:4222\"]\n");
    std::fs::write(room_dir.path().join("unit.toml"), unit).unwrap();
    let out = Command::new(assert_cmd::cargo::cargo_bin("dutywatch"))
        .env("DUTYWATCH_CONFIG_DIR", room_dir.path())
        .args(["--db"])
        .arg(room_dir.path().join("x.db"))
        .args(["incident", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unit.toml:") && err.contains("code") && err.contains("5204.24"), "{err}");
}

#[test]
fn serve_config_confines_each_room_to_itself() {
    if !nats_available() {
        return;
    }
    let dir = TempDir::new().unwrap();
    let rooms = dir.path().join("rooms.toml");
    std::fs::write(
        &rooms,
        format!(
            "admin_password = \"adm-secret\"\n\n[[room]]\ncode = \"{COUNTY}\"\npassword = \"c-pw\"\n\n\
             [[room]]\ncode = \"{TOWN}\"\npassword = \"t1-pw\"\nupper = \"{COUNTY}\"\n\n\
             [[room]]\ncode = \"{TOWN2}\"\npassword = \"t2-pw\"\nupper = \"{COUNTY}\"\n"
        ),
    )
    .unwrap();
    let port = free_port();
    let store = TempDir::new().unwrap();
    let conf = dir.path().join("nats.conf");
    let helper = Room::county("nats://127.0.0.1:1");
    helper.ok(&[
        "link",
        "serve-config",
        "--rooms",
        rooms.to_str().unwrap(),
        "--output",
        conf.to_str().unwrap(),
        "--listen",
        &format!("127.0.0.1:{port}"),
        "--store-dir",
        store.path().to_str().unwrap(),
    ]);
    let nats = Nats::with_config(conf, port, store);
    helper.ok(&["link", "serve-config", "--rooms", rooms.to_str().unwrap(), "--create", &nats.url()]);
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    rt.block_on(async {
        let t1 = async_nats::ConnectOptions::new()
            .user_and_password(TOWN.into(), "t1-pw".into())
            .custom_inbox_prefix(format!("_INBOX_{TOWN}"))
            .connect(nats.url())
            .await
            .unwrap();
        let mut js = async_nats::jetstream::new(t1);
        js.set_timeout(Duration::from_secs(2));
        // As itself: accepted.
        let ok = js.publish(format!("dw.{COUNTY}.from.{TOWN}"), "x".into()).await.unwrap().await;
        assert!(ok.is_ok(), "{ok:?}");
        // As another room: refused (no ack ever comes).
        let spoof = js.publish(format!("dw.{COUNTY}.from.{TOWN2}"), "x".into()).await;
        let refused = match spoof {
            Err(_) => true,
            Ok(f) => f.await.is_err(),
        };
        assert!(refused, "a room published as another");
        // Another room's inbox: refused; its own: readable.
        let stream = js.get_stream("DW").await.unwrap();
        let other = stream.get_consumer::<async_nats::jetstream::consumer::pull::Config>(&format!("in_{TOWN2}")).await;
        assert!(other.is_err(), "a room could read another's inbox");
        let own = stream.get_consumer::<async_nats::jetstream::consumer::pull::Config>(&format!("in_{TOWN}")).await;
        assert!(own.is_ok(), "{:?}", own.err());
        // And nobody but the admin creates streams.
        let made = js.create_stream(async_nats::jetstream::stream::Config {
            name: "EVIL".into(),
            subjects: vec!["evil.>".into()],
            ..Default::default()
        });
        assert!(made.await.is_err());
    });
    drop(nats);
}

#[test]
fn an_older_update_does_not_undo_a_newer_one() {
    if !nats_available() {
        return;
    }
    use dutywatch::domain::cap::MsgType;
    let nats = Nats::start();
    let mut county = Room::county(&nats.url());
    county.start(&[]);
    wait_until("the county's consumer", 30, || county.status()["connected"] == true);
    let subject = format!("dw.{COUNTY}.from.{TOWN}");
    let t = chrono::Utc::now() - chrono::Duration::minutes(10);
    let m = |rescued: u32, kind: MsgType, n: i64, minutes: i64| {
        let id = format!("{TOWN}.{n}");
        let body = cap_sent(&sample("2026-0050", rescued), kind, &id, TOWN, t + chrono::Duration::minutes(minutes));
        (subject.clone(), id, body)
    };
    // The alert, then the second update, then the first one (delivered out of order).
    publish_raw(&nats.url(), &[m(0, MsgType::Alert, 1, 0), m(2, MsgType::Update, 3, 5), m(1, MsgType::Update, 2, 3)]);
    wait_until("all three stored", 30, || county.status()["received"] == 3);
    let id = county.incoming()[0]["id"].as_i64().unwrap().to_string();
    assert_eq!(county.json(&["incident", "show", &id])["rescued"], 2, "the older update must not win");
    county.stop();
}
