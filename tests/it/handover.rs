//! Duty log, handover, review replay and statistics on real SQLite files in temp dirs.
//! Operations are driven with explicit `now`s, so the scripted day is exact.

use std::path::PathBuf;

use assert_cmd::Command;
use chrono::{DateTime, Duration, TimeZone, Utc};
use dutywatch::config::rules::Rulebook;
use dutywatch::config::unit::SHIPPED_UNIT;
use dutywatch::config::{UnitConfig, parse_toml};
use dutywatch::domain::{Category, Channel, Grade, Lang, Level, LogKind, ReportKind, Role};
use dutywatch::ops::handover::{self as oh, Sheet};
use dutywatch::ops::log::{self as olog, DeviceCheck, Direction, LogInput, SpotCheck};
use dutywatch::ops::{OpCtx, OpError, escalation as oe, incident as oi, replay, stats};
use dutywatch::store::Store;
use dutywatch::store::handover::{HandoverContent, Side};
use dutywatch::store::incident::IncidentInput;
use dutywatch::store::person::PersonInput;
use dutywatch::store::shift::NewShift;
use tempfile::TempDir;

fn utc(d: u32, h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, d, h, m, 0).single().expect("valid time")
}

/// The watch changes at 08:30 Shanghai = 00:30 UTC.
fn change(d: u32) -> DateTime<Utc> {
    utc(d, 0, 30)
}

struct World {
    _dir: TempDir,
    path: PathBuf,
    store: Store,
    unit: UnitConfig,
    book: Rulebook,
}

impl World {
    /// People: 甲 and 乙 officers, 丙 leader, 丁 an officer of a later watch. Roster: 甲 on 22 Nov
    /// (08:30 → 08:30), 乙 on 23 Nov, 丁 on 24 Nov; 丙 leads 22 Nov. All recorded on 21 Nov 12:00 UTC.
    fn new() -> World {
        let dir = TempDir::new().expect("tmp");
        let path = dir.path().join("dw.db");
        let mut store = Store::open(&path).expect("open");
        let unit: UnitConfig = parse_toml(SHIPPED_UNIT, "unit.toml").expect("unit");
        let book = Rulebook::shipped(&unit).expect("rules");
        let setup = utc(21, 12, 0);
        let mut ids = Vec::new();
        for (name, role) in [("甲", Role::Officer), ("乙", Role::Officer), ("丙", Role::Leader), ("丁", Role::Officer)]
        {
            let p = store
                .add_person(
                    &PersonInput {
                        name: name.into(),
                        phone: String::new(),
                        department: String::new(),
                        roles: vec![role],
                        active: true,
                    },
                    setup,
                    "admin",
                )
                .expect("person");
            ids.push(p.id);
        }
        for (who, role, day) in
            [(0, Role::Officer, 22), (1, Role::Officer, 23), (2, Role::Leader, 22), (3, Role::Officer, 24)]
        {
            store
                .add_shift(
                    &NewShift { person_id: ids[who], role, start: change(day), end: change(day + 1) },
                    setup,
                    "admin",
                )
                .expect("shift");
        }
        World { _dir: dir, path, store, unit, book }
    }

    fn incident(&mut self, title: &str, category: Category, grade: Grade, now: DateTime<Utc>) -> i64 {
        let input = IncidentInput {
            title: title.into(),
            category: Some(category),
            grade: Some(grade),
            learned_at: Some(now),
            ..IncidentInput::default()
        };
        let (unit, book) = (self.unit.clone(), Rulebook::shipped(&self.unit).expect("rules"));
        let ctx = OpCtx { unit: &unit, book: &book, now, actor: "甲", lang: Lang::En };
        oi::add(&mut self.store, &ctx, &input).expect("incident").id
    }

    fn log(&mut self, input: LogInput, now: DateTime<Utc>) -> Result<i64, OpError> {
        let (unit, book) = (self.unit.clone(), Rulebook::shipped(&self.unit).expect("rules"));
        let ctx = OpCtx { unit: &unit, book: &book, now, actor: "甲", lang: Lang::En };
        olog::add(&mut self.store, &ctx, &input)
    }
}

fn due_soon() -> Duration {
    Duration::minutes(10)
}

/// The scripted 22 Nov watch of 甲, with board captures along the way.
fn script(w: &mut World) -> Vec<(DateTime<Utc>, replay::BoardSummary)> {
    let ack_timeout = w.book.escalation.ack_timeout();
    let mut captures = Vec::new();
    let mut capture = |w: &mut World, t: DateTime<Utc>| {
        let live = dutywatch::runtime::load::board(&w.store, t).expect("live board");
        captures.push((t, replay::summary(&live, t, due_soon(), ack_timeout)));
    };
    capture(w, utc(22, 1, 0));
    let a = w.incident("货车侧翻", Category::Accident, Grade::IV, utc(22, 2, 0));
    capture(w, utc(22, 2, 5));
    let mut eq = LogInput::new(LogKind::Equipment, "");
    eq.devices = vec![
        DeviceCheck { device: "phone".into(), ok: true, note: String::new() },
        DeviceCheck { device: "fax".into(), ok: false, note: "卡纸".into() },
    ];
    w.log(eq, utc(22, 2, 10)).expect("equipment");
    {
        let r = oi::ReportInput {
            kind: ReportKind::FirstPhone,
            to: "周建国".into(),
            channel: Channel::Phone,
            at: None,
            signer: String::new(),
            doc_no: String::new(),
            skip_level: false,
            reason: String::new(),
        };
        let (unit, book) = (w.unit.clone(), Rulebook::shipped(&w.unit).expect("rules"));
        let ctx2 = OpCtx { unit: &unit, book: &book, now: utc(22, 2, 20), actor: "甲", lang: Lang::En };
        oi::record_report(&mut w.store, &ctx2, a, &r).expect("report");
        let e = oe::EscalateInput {
            level: Level::County,
            recipient: "县政府总值班室".into(),
            channel: Channel::Phone,
            at: None,
            skip_level: false,
            reason: String::new(),
        };
        oe::escalate(&mut w.store, &ctx2, a, &e).expect("escalate");
    }
    capture(w, utc(22, 2, 25));
    capture(w, utc(22, 3, 0)); // the county step is now waiting longer than the ack timeout
    let mut ins = LogInput::new(LogKind::Instruction, "组织夜间巡查");
    ins.from_leader = Some("丙".into());
    let open_id = w.log(ins, utc(22, 5, 0)).expect("instruction");
    let mut ins2 = LogInput::new(LogKind::Instruction, "核实伤亡");
    ins2.from_leader = Some("丙".into());
    let answered_id = w.log(ins2, utc(22, 5, 5)).expect("instruction 2");
    let mut fb = LogInput::new(LogKind::Feedback, "已核实,无伤亡");
    fb.answers = Some(answered_id);
    w.log(fb, utc(22, 6, 0)).expect("feedback");
    assert_ne!(open_id, answered_id);
    let b = w.incident("山体滑坡", Category::Natural, Grade::III, utc(22, 6, 30));
    capture(w, utc(22, 6, 31));
    {
        let (unit, book) = (w.unit.clone(), Rulebook::shipped(&w.unit).expect("rules"));
        let ctx = OpCtx { unit: &unit, book: &book, now: utc(22, 7, 0), actor: "甲", lang: Lang::En };
        oe::ack(&mut w.store, &ctx, a, Level::County, "王科长", None).expect("ack");
    }
    let mut spot = LogInput::new(LogKind::SpotCheck, "");
    spot.spot = Some(SpotCheck {
        direction: Direction::Received,
        unit: "县应急局".into(),
        answered: true,
        delay_seconds: 6,
        at_post: true,
        forwarded: false,
        findings: "在岗".into(),
    });
    w.log(spot, utc(22, 8, 0)).expect("spot check");
    capture(w, utc(22, 8, 1));
    let _ = b;
    capture(w, utc(22, 12, 0)); // deadlines of B have passed unsent by now
    captures
}

#[test]
fn replay_at_each_moment_equals_what_the_live_board_showed() {
    let mut w = World::new();
    let captures = script(&mut w);
    let ack_timeout = w.book.escalation.ack_timeout();
    for (t, live) in &captures {
        let past = replay::board_at(&w.store, *t).expect("replay");
        assert_eq!(past.review_at, Some(*t));
        let got = replay::summary(&past, *t, due_soon(), ack_timeout);
        assert_eq!(&got, live, "replay at {t}");
    }
    // The captures are not trivially equal to each other: the script changed what the board showed.
    assert!(captures[0].1.open.is_empty());
    assert_eq!(captures[1].1.open.len(), 1);
    assert!(captures[2].1.escalations.iter().any(|e| e.ends_with("county awaiting-ack")), "{:?}", captures[2].1);
    assert!(captures[3].1.escalations.iter().any(|e| e.ends_with("county ack-overdue")), "{:?}", captures[3].1);
    assert!(captures[5].1.escalations.iter().any(|e| e.ends_with("county acked")), "{:?}", captures[5].1);
    assert!(captures[5].1.equipment.contains(&"fax fault".to_string()));
    assert!(captures.iter().all(|(_, c)| c.on_duty.contains(&"officer 甲".to_string())));
}

#[test]
fn review_moment_in_the_future_or_before_the_first_event_is_refused() {
    let w = World::new();
    let now = utc(22, 12, 0);
    assert!(replay::check_moment(&w.store, now - Duration::hours(1), now, Lang::En).is_ok());
    let e = replay::check_moment(&w.store, now + Duration::minutes(1), now, Lang::En).expect_err("future");
    assert!(e.to_string().contains("future"), "{e}");
    let e = replay::check_moment(&w.store, utc(21, 11, 59), now, Lang::En).expect_err("before first");
    assert!(e.to_string().contains("first event"), "{e}");
}

#[test]
fn log_rules_corrections_feedback_and_equipment() {
    let mut w = World::new();
    let now = utc(22, 3, 0);
    let id = w.log(LogInput::new(LogKind::CallIn, "村支书来电"), now).expect("call in");
    let row = w.store.log_entry(id).expect("read").expect("row");
    assert_eq!(row.entry.author, "甲", "defaults to the officer on duty");
    let mut c = LogInput::new(LogKind::Note, "更正:来电人为村主任");
    c.corrects = Some(id);
    let cid = w.log(c, now).expect("correction");
    assert_eq!(w.store.log_entry(cid).expect("read").expect("row").entry.corrects, Some(id));
    let mut bad = LogInput::new(LogKind::Note, "x");
    bad.corrects = Some(9999);
    assert_eq!(w.log(bad, now).expect_err("no such entry").field(), Some("corrects"));
    let mut fb = LogInput::new(LogKind::Feedback, "done");
    fb.answers = Some(id);
    assert_eq!(w.log(fb, now).expect_err("not an instruction").field(), Some("answers"));
    assert_eq!(w.log(LogInput::new(LogKind::Instruction, "x"), now).expect_err("no leader").field(), Some("from"));
    assert_eq!(w.log(LogInput::new(LogKind::Equipment, ""), now).expect_err("no device").field(), Some("phone"));
    // A fault stays until a later OK clears it.
    let mut f = LogInput::new(LogKind::Equipment, "");
    f.devices = vec![DeviceCheck { device: "fax".into(), ok: false, note: "卡纸".into() }];
    w.log(f, utc(22, 3, 0)).expect("fault");
    let mut p = LogInput::new(LogKind::Equipment, "");
    p.devices = vec![DeviceCheck { device: "phone".into(), ok: true, note: String::new() }];
    w.log(p, utc(22, 4, 0)).expect("phone ok");
    let st = w.store.equipment_status(utc(22, 4, 30)).expect("status");
    assert!(st.iter().any(|d| d.device == "fax" && !d.ok), "{st:?}");
    let mut ok = LogInput::new(LogKind::Equipment, "");
    ok.devices = vec![DeviceCheck { device: "fax".into(), ok: true, note: "已修复".into() }];
    w.log(ok, utc(22, 5, 0)).expect("fax ok");
    let st = w.store.equipment_status(utc(22, 5, 30)).expect("status");
    assert!(st.iter().all(|d| d.ok), "{st:?}");
    assert_eq!(w.store.equipment_status(utc(22, 3, 30)).expect("past").iter().filter(|d| !d.ok).count(), 1);
}

fn draft(
    w: &mut World,
    now: DateTime<Utc>,
    remarks: Option<&str>,
) -> Result<dutywatch::store::handover::HandoverRow, OpError> {
    let (unit, book) = (w.unit.clone(), Rulebook::shipped(&w.unit).expect("rules"));
    let ctx = OpCtx { unit: &unit, book: &book, now, actor: "甲", lang: Lang::En };
    oh::draft(&mut w.store, &ctx, None, remarks)
}

fn sign(
    w: &mut World,
    now: DateTime<Utc>,
    id: i64,
    name: &str,
    side: Side,
) -> Result<dutywatch::store::handover::HandoverRow, OpError> {
    let (unit, book) = (w.unit.clone(), Rulebook::shipped(&w.unit).expect("rules"));
    let ctx = OpCtx { unit: &unit, book: &book, now, actor: name, lang: Lang::En };
    oh::sign(&mut w.store, &ctx, id, name, side)
}

#[test]
fn handover_sheet_from_a_scripted_shift_item_by_item() {
    let mut w = World::new();
    script(&mut w);
    let now = utc(23, 0, 0); // 30 min before the change
    let h = draft(&mut w, now, Some("注意滑坡点夜间巡查")).expect("draft");
    let s: Sheet = oh::sheet_of(&h).expect("sheet");
    assert_eq!((s.period_start, s.period_end), (change(22), change(23)));
    assert_eq!(s.outgoing, vec!["甲"]);
    assert_eq!(s.incoming, vec!["乙"]);
    assert_eq!(s.leader, vec!["丙"]);
    let refs: Vec<&str> = s.received.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(refs, vec!["货车侧翻", "山体滑坡"]);
    // Every open obligation due before the change is listed as not sent.
    assert!(!s.unsent.is_empty());
    assert!(s.unsent.iter().all(|d| d.due_at < change(23) && d.done_at.is_none()));
    assert!(s.unsent.iter().any(|d| d.title == "山体滑坡" && d.kind.code() == "first-phone"), "{:?}", s.unsent);
    // Late items: B's first phone report was never sent and is overdue.
    assert!(s.late.iter().any(|d| d.title == "山体滑坡" && d.kind.code() == "first-phone" && d.late));
    // The first phone report of A went out on time: not late.
    assert!(!s.late.iter().any(|d| d.title == "货车侧翻" && d.kind.code() == "first-phone"));
    // The county step of A was acknowledged: not in the unacknowledged list.
    assert!(!s.unacked.iter().any(|x| x.level == "county" && x.reference.ends_with("0001")), "{:?}", s.unacked);
    // Next watch: daily follow-ups fall after the change.
    assert!(s.next_shift_due.iter().all(|d| d.due_at >= change(23) && d.due_at < change(24)));
    let ins: Vec<&str> = s.open_instructions.iter().map(|l| l.body.as_str()).collect();
    assert_eq!(ins, vec!["组织夜间巡查"], "the answered instruction is closed");
    assert_eq!(s.open_instructions[0].from.as_deref(), Some("丙"));
    assert_eq!(s.equipment_faults.len(), 1);
    assert_eq!(s.equipment_faults[0].device, "fax");
    assert_eq!(s.spot_checks.len(), 1);
    assert!(s.spot_checks[0].body.contains("县应急局"));
    assert_eq!(s.remarks, "注意滑坡点夜间巡查");
    let md_zh = oh::markdown(&h, Lang::Zh, w.unit.timezone);
    assert!(md_zh.contains("交接班记录") && md_zh.contains("未反馈的领导批示") && md_zh.contains("注意滑坡点夜间巡查"));
    let md_en = oh::markdown(&h, Lang::En, w.unit.timezone);
    assert!(md_en.contains("Shift handover") && md_en.contains("Equipment faults"));
    // Regenerating keeps the same sheet id and remarks.
    let again = draft(&mut w, now + Duration::minutes(5), None).expect("regenerate");
    assert_eq!(again.head.id, h.head.id);
    assert_eq!(again.head.remarks, "注意滑坡点夜间巡查");
}

#[test]
fn signatures_order_roster_names_and_locking() {
    let mut w = World::new();
    let now = utc(23, 0, 0);
    let h = draft(&mut w, now, Some("无异常")).expect("draft");
    let id = h.head.id;
    // Not on that shift (丁 is an officer, but of another watch; 丙 is the leader).
    for who in ["丁", "丙", "路人"] {
        let e = sign(&mut w, now, id, who, Side::Outgoing).expect_err("not outgoing");
        assert_eq!(e.field(), Some("as"), "{e}");
    }
    assert_eq!(sign(&mut w, now, id, "甲", Side::Incoming).expect_err("甲 is not incoming").field(), Some("as"));
    assert_eq!(sign(&mut w, now, id, "乙", Side::Incoming).expect_err("outgoing first").field(), Some("incoming"));
    sign(&mut w, now, id, "甲", Side::Outgoing).expect("outgoing signs");
    let e = sign(&mut w, now, id, "甲", Side::Outgoing).expect_err("twice");
    assert!(e.to_string().contains("already signed"), "{e}");
    let h = sign(&mut w, now + Duration::minutes(20), id, "乙", Side::Incoming).expect("incoming signs");
    assert!(h.locked);
    assert!(sign(&mut w, now, id, "乙", Side::Incoming).is_err(), "twice");
    // Editing a locked sheet is refused with a clear message; so is regenerating it.
    let (unit, book) = (w.unit.clone(), Rulebook::shipped(&w.unit).expect("rules"));
    let ctx = OpCtx { unit: &unit, book: &book, now, actor: "甲", lang: Lang::En };
    let e = oh::set_remarks(&mut w.store, &ctx, id, "改一下").expect_err("locked");
    assert!(e.to_string().contains("locked"), "{e}");
    let e = draft(&mut w, now, Some("再改")).expect_err("locked");
    assert!(e.to_string().contains("locked"), "{e}");
    // The database itself refuses an UPDATE of a signed sheet.
    let raw = w.store.conn().execute("UPDATE handover SET remarks = 'x' WHERE id = ?1", [id]);
    assert!(raw.is_err());
    // An addendum is allowed.
    let h = oh::addendum(&mut w.store, &ctx, id, "补记:传真已修复").expect("addendum");
    assert_eq!(h.addenda.len(), 1);
    assert_eq!(h.head.remarks, "无异常");
    // A sheet for a period overlapping the signed one is refused.
    let overlap = HandoverContent {
        period_start: change(22) + Duration::hours(6),
        period_end: change(23) + Duration::hours(6),
        outgoing: "甲".into(),
        incoming: "乙".into(),
        leader: String::new(),
        remarks: String::new(),
        sheet: serde_json::json!({}),
    };
    let e = w.store.save_handover_draft(&overlap, now, "甲").expect_err("overlap");
    assert!(e.to_string().contains("overlaps signed handover"), "{e}");
    // Review list, filtered by person.
    assert_eq!(w.store.handovers(Some("乙"), 10).expect("list").len(), 1);
    assert!(w.store.handovers(Some("丁"), 10).expect("list").is_empty());
}

/// A hand-computed fixture for the statistics, inserted as raw rows.
#[test]
fn stats_against_a_hand_computed_fixture() {
    let dir = TempDir::new().expect("tmp");
    let store = Store::open(&dir.path().join("s.db")).expect("open");
    let c = store.conn();
    let t = |s: &str| DateTime::parse_from_rfc3339(s).expect("time").timestamp();
    c.execute_batch(&format!(
        "INSERT INTO person (id, name, created_at, updated_at) VALUES (1, '甲', 0, 0), (2, '乙', 0, 0);
         INSERT INTO shift (person_id, role, start_at, end_at, created_at) VALUES
           (1, 'officer', {a}, {b}, 0), (2, 'officer', {b}, {c}, 0);",
        a = t("2026-11-21T16:00:00Z"),
        b = t("2026-11-22T04:00:00Z"),
        c = t("2026-11-22T16:00:00Z"),
    ))
    .expect("roster");
    for (id, cat, grade, learned) in [
        (1, "natural", "III", "2026-11-22T01:00:00Z"),
        (2, "accident", "IV", "2026-11-22T05:00:00Z"),
        (3, "natural", "unknown", "2026-11-22T10:00:00Z"),
        (4, "health", "II", "2026-11-23T01:00:00Z"),
    ] {
        c.execute(
            "INSERT INTO incident (id, ref, title, category, grade, occurred_at, learned_at, created_at, updated_at) \
             VALUES (?1, ?2, 't', ?3, ?4, ?5, ?5, ?5, ?5)",
            rusqlite::params![id, format!("2026-000{id}"), cat, grade, t(learned)],
        )
        .expect("incident");
    }
    for (inc, sent) in [(1, "2026-11-22T01:20:00Z"), (1, "2026-11-22T01:50:00Z"), (2, "2026-11-22T05:40:00Z")] {
        c.execute(
            "INSERT INTO report (incident_id, kind, sent_at, recipient, channel, created_at) VALUES (?1, 'first-phone', ?2, 'x', 'phone', ?2)",
            rusqlite::params![inc, t(sent)],
        )
        .expect("report");
    }
    for (inc, level, sent, ack) in [
        (1, "county", "2026-11-22T01:30:00Z", Some("2026-11-22T01:40:00Z")),
        (2, "county", "2026-11-22T05:45:00Z", Some("2026-11-22T06:15:00Z")),
        (2, "city", "2026-11-22T05:50:00Z", Some("2026-11-22T07:00:00Z")),
        (1, "leader", "2026-11-22T01:10:00Z", None),
    ] {
        c.execute(
            "INSERT INTO escalation (incident_id, level, recipient, channel, sent_at, ack_at, created_at) VALUES (?1, ?2, 'x', 'phone', ?3, ?4, ?3)",
            rusqlite::params![inc, level, t(sent), ack.map(t)],
        )
        .expect("escalation");
    }
    for (inc, kind, due, done, late, voided) in [
        (1, "first-phone", "2026-11-22T01:30:00Z", Some("2026-11-22T01:20:00Z"), 0, false), // on time, 甲
        (1, "first-written", "2026-11-22T02:00:00Z", Some("2026-11-22T02:30:00Z"), 0, false), // late, 甲
        (2, "first-phone", "2026-11-22T05:30:00Z", Some("2026-11-22T05:40:00Z"), 1, false), // late, 乙
        (2, "first-written", "2026-11-22T06:00:00Z", None, 0, false),                       // overdue, 乙
        (3, "first-phone", "2026-11-22T10:30:00Z", Some("2026-11-22T10:10:00Z"), 0, false), // on time, 乙
        (3, "followup", "2026-11-22T15:00:00Z", None, 0, true),                             // voided
        (3, "final", "2026-11-22T15:30:00Z", None, 0, false),                               // pending, 乙
        (4, "first-phone", "2026-11-23T01:30:00Z", None, 0, false),                         // outside
    ] {
        c.execute(
            "INSERT INTO obligation (incident_id, kind, anchor_at, due_at, done_at, late, voided_at, created_at) \
             VALUES (?1, ?2, ?3, ?3, ?4, ?5, ?6, 0)",
            rusqlite::params![inc, kind, t(due), done.map(t), late, voided.then_some(0)],
        )
        .expect("obligation");
    }
    let from = utc(21, 16, 0);
    let to = utc(22, 16, 0);
    let now = utc(22, 12, 0);
    let s = stats::compute(&store, from, to, now, Lang::En).expect("stats");
    assert_eq!(s.incidents, 3);
    assert_eq!(s.by_category["natural"], 2);
    assert_eq!(s.by_category["accident"], 1);
    assert_eq!(s.by_category["health"], 0);
    assert_eq!((s.by_grade["III"], s.by_grade["IV"], s.by_grade["unknown"], s.by_grade["II"]), (1, 1, 1, 0));
    let tally = |done, done_late, superseded, open, open_overdue| stats::Tally {
        done,
        done_late,
        missed: 0,
        waived: 0,
        superseded,
        open,
        open_overdue,
        missed_total: 0,
    };
    assert_eq!(s.obligations, tally(2, 2, 1, 2, 1));
    // done / (done + done-late + missed + open overdue) = 2 / 5
    assert_eq!(s.on_time_rate, Some(40.0));
    assert_eq!(s.by_kind["first-phone"], tally(2, 1, 0, 0, 0));
    assert_eq!(s.by_kind["first-written"], tally(0, 1, 0, 1, 1));
    assert_eq!(s.by_kind["final"], tally(0, 0, 0, 1, 0));
    assert_eq!(s.by_kind["followup"], tally(0, 0, 1, 0, 0), "an ended duty stays on the record");
    assert_eq!(s.by_officer["甲"], tally(1, 1, 0, 0, 0));
    assert_eq!(s.by_officer["乙"], tally(1, 1, 1, 2, 1));
    assert_eq!(s.median_first_phone_minutes, Some(30.0)); // 20 and 40 min
    assert_eq!(s.median_ack_minutes, Some(30.0)); // 10, 30, 70 min; the leader step needs no ack
    let e = stats::compute(&store, to, from, now, Lang::En).expect_err("start after end");
    assert_eq!(e.field(), Some("from"));
    let md = stats::markdown(&s, Lang::Zh, chrono_tz::Asia::Shanghai);
    assert!(md.contains("值班信息报送情况通报") && md.contains("40.0%"), "{md}");
}

// ---- the binary: bad inputs exit 2 with one `error:` line ----

fn bin(w: &World, now: &str, args: &[&str]) -> (i32, String, String) {
    let cfg = TempDir::new().expect("cfg");
    let o = Command::cargo_bin("dutywatch")
        .expect("binary")
        .env("DUTYWATCH_CONFIG_DIR", cfg.path())
        .env("LANG", "en_US.UTF-8")
        .env("DUTYWATCH_NOW", now)
        .env_remove("DUTYWATCH_DB")
        .arg("--db")
        .arg(&w.path)
        .args(args)
        .output()
        .expect("run");
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn assert_exit2(r: &(i32, String, String), needle: &str) {
    assert_eq!(r.0, 2, "stdout {} stderr {}", r.1, r.2);
    assert!(r.2.starts_with("error:") && r.2.trim_end().lines().count() == 1, "{}", r.2);
    assert!(r.2.contains(needle), "`{needle}` not in {}", r.2);
}

#[test]
fn cli_handover_round_trip_and_bad_inputs() {
    let w = World::new();
    let now = "2026-11-23T08:00:00+08:00";
    let r = bin(
        &w,
        now,
        &["log", "add", "--kind", "equipment", "--phone", "ok", "--fax", "fault", "--note", "卡纸", "--json"],
    );
    assert_eq!(r.0, 0, "{}", r.2);
    let r = bin(&w, now, &["log", "add", "--kind", "note", "--corrects", "999", "--text", "x"]);
    assert_exit2(&r, "--corrects");
    let r = bin(&w, now, &["handover", "draft", "--remarks", "一切正常", "--json"]);
    assert_eq!(r.0, 0, "{}", r.2);
    let h: serde_json::Value = serde_json::from_str(&r.1).expect("json");
    let id = h["id"].as_i64().expect("id").to_string();
    assert_eq!(h["sheet"]["equipment_faults"][0]["device"], "fax");
    assert_exit2(&bin(&w, now, &["--as", "丁", "handover", "sign", &id, "--outgoing"]), "not the");
    assert_eq!(bin(&w, now, &["--as", "甲", "handover", "sign", &id, "--outgoing"]).0, 0);
    assert_exit2(&bin(&w, now, &["--as", "甲", "handover", "sign", &id, "--outgoing"]), "already signed");
    assert_eq!(bin(&w, now, &["--as", "乙", "handover", "sign", &id, "--incoming"]).0, 0);
    assert_exit2(&bin(&w, now, &["handover", "draft", "--remarks", "改"]), "locked");
    let r = bin(&w, now, &["handover", "addendum", &id, "--text", "补记"]);
    assert_eq!(r.0, 0, "{}", r.2);
    let r = bin(&w, now, &["--lang", "zh", "handover", "show", &id, "--md"]);
    assert!(r.1.contains("双方已签字,已锁定") && r.1.contains("补记"), "{}", r.1);
    let r = bin(&w, now, &["handover", "list", "--person", "乙", "--json"]);
    let list: serde_json::Value = serde_json::from_str(&r.1).expect("json");
    assert_eq!(list[0]["locked"], true);
    // Review mode and statistics refuse impossible moments before opening any terminal.
    assert_exit2(&bin(&w, now, &["--at", "2026-11-23 09:00"]), "future");
    assert_exit2(&bin(&w, now, &["--at", "2026-11-20 09:00"]), "first event");
    assert_exit2(&bin(&w, now, &["stats", "--from", "2026-11-23", "--to", "2026-11-22"]), "after");
    let r = bin(&w, now, &["stats", "--from", "2026-11-22", "--to", "2026-11-23", "--json"]);
    assert_eq!(r.0, 0, "{}", r.2);
}
