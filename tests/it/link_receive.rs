//! The receiving rule of the link (issue 20) over random sequences, without a network: messages of a
//! few incidents from below (an Alert and updates each), shuffled, duplicated (JetStream redelivery,
//! a sender republishing) and cut into random batches, go through `ops::link::receive_batch` and
//! `retry_held` on a real SQLite file. Whatever the order: each message id is stored once, each
//! incident exists once, and its facts are those of the last message sent.

use chrono::{DateTime, Duration, Utc};
use dutywatch::config::rules::Rulebook;
use dutywatch::config::{UnitConfig, parse_toml, unit::SHIPPED_UNIT};
use dutywatch::domain::cap::MsgType;
use dutywatch::domain::link::{Outgoing, incident_message};
use dutywatch::domain::{Category, Grade, Incident, IncidentStatus, Lang, Source};
use dutywatch::ops::OpCtx;
use dutywatch::store::Store;
use proptest::prelude::*;

const TOWN: &str = "520424101";

fn unit() -> UnitConfig {
    let text = SHIPPED_UNIT.replace("level = \"township\"", "level = \"county\"");
    parse_toml(
        &format!("{text}\n[link]\ncode = \"520424\"\nservers = [\"nats://127.0.0.1:4222\"]\nlower = [\"{TOWN}\"]\n"),
        "unit.toml",
    )
    .unwrap()
}

fn incident(reference: &str, rescued: u32, t: DateTime<Utc>) -> Incident {
    Incident {
        id: 1,
        reference: reference.into(),
        version: 1,
        title: "山体滑坡".into(),
        category: Category::Natural,
        grade: Grade::III,
        occurred_at: t,
        learned_at: t,
        place: "石门村".into(),
        source: Source::Phone,
        caller_unit: String::new(),
        caller_name: String::new(),
        caller_title: String::new(),
        caller_phone: String::new(),
        informed: String::new(),
        dead: 0,
        injured: 0,
        missing: 0,
        trapped: 3,
        rescued,
        evacuated: 0,
        summary: String::new(),
        measures: String::new(),
        needs: String::new(),
        cause: String::new(),
        progress: String::new(),
        status: IncidentStatus::Open,
        ended_at: None,
        closed_at: None,
    }
}

/// Message `k` of incident `n`: k = 0 the Alert, then updates with `rescued = k`, one minute apart.
fn message(n: usize, k: u32, t0: DateTime<Utc>) -> (String, String, String) {
    let id = format!("{TOWN}.{}", n * 100 + k as usize);
    let inc = incident(&format!("2026-00{n:02}"), k, t0);
    let body = incident_message(
        &Outgoing {
            incident: &inc,
            msg_type: if k == 0 { MsgType::Alert } else { MsgType::Update },
            report: "facts",
            msg_id: &id,
            sender: TOWN,
            sender_name: "青山镇",
            contact: "",
            record_head: "00",
            sent: t0 + Duration::minutes(i64::from(k)),
            tz: chrono_tz::Asia::Shanghai,
            references: None,
        },
        &dutywatch::text::record::cap::BOTH,
    )
    .unwrap();
    (format!("dw.520424.from.{TOWN}"), id, body)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn any_order_stores_each_once_and_ends_on_the_latest_facts(
        updates in proptest::collection::vec(0u32..4, 1..4),
        order in proptest::collection::vec(any::<u32>(), 40),
        dups in proptest::collection::vec(0usize..16, 0..6),
        batch in 1usize..6,
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("county.db")).unwrap();
        let unit = unit();
        let book = Rulebook::load(&unit, None).unwrap();
        let now = Utc::now();
        let ctx = OpCtx { unit: &unit, book: &book, now, actor: "link", lang: Lang::En };
        let t0 = now - Duration::hours(1);
        let mut msgs: Vec<(String, String, String)> = Vec::new();
        for (n, &u) in updates.iter().enumerate() {
            for k in 0..=u {
                msgs.push(message(n, k, t0));
            }
        }
        let distinct = msgs.len();
        for d in &dups {
            let m = msgs[d % distinct].clone();
            msgs.push(m);
        }
        // A random permutation from the random keys.
        let mut keyed: Vec<(u32, (String, String, String))> =
            msgs.into_iter().enumerate().map(|(i, m)| (order[i % order.len()].wrapping_add(i as u32), m)).collect();
        keyed.sort_by_key(|(k, _)| *k);
        let msgs: Vec<(String, String)> = keyed.into_iter().map(|(_, (s, _, b))| (s, b)).collect();
        for chunk in msgs.chunks(batch) {
            dutywatch::ops::link::receive_batch(&mut store, &ctx, chunk).unwrap();
            dutywatch::ops::link::retry_held(&mut store, &ctx).unwrap();
        }
        dutywatch::ops::link::retry_held(&mut store, &ctx).unwrap();
        let conn = store.conn();
        let stored: i64 = conn.query_row("SELECT count(*) FROM link_inbox", [], |r| r.get(0)).unwrap();
        prop_assert_eq!(stored as usize, distinct, "each message id stored once");
        let held: i64 = conn.query_row("SELECT count(*) FROM link_inbox WHERE state = 'held'", [], |r| r.get(0)).unwrap();
        prop_assert_eq!(held, 0);
        let dead: i64 = conn.query_row("SELECT count(*) FROM link_dead", [], |r| r.get(0)).unwrap();
        prop_assert_eq!(dead, 0);
        let incidents: i64 = conn.query_row("SELECT count(*) FROM link_incident", [], |r| r.get(0)).unwrap();
        prop_assert_eq!(incidents as usize, updates.len(), "one incident per reference");
        for (n, &u) in updates.iter().enumerate() {
            let id = dutywatch::store::link::find_from(conn, TOWN, &format!("2026-00{n:02}")).unwrap().unwrap();
            let inc = store.incident(id).unwrap().unwrap();
            prop_assert_eq!(inc.rescued, u, "incident {} ends on the facts of its last message", n);
        }
    }
}
