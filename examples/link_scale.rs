//! Scale of the link between watch rooms (issue 20), measured against a real `nats-server -js`:
//!
//! 1. **Latency.** 20 township rooms, each on its own thread with its own file and link tasks (as a
//!    board or `link run` would), each send 50 reports (an `Alert` by `system` to the county) with 2
//!    fact updates each (`Update`), one report a second per room, to one county room. Delivery
//!    latency = from the commit that queued the message (the step's transaction) to the county's
//!    commit that stored it (seen by polling the county file every 5 ms, so up to 5 ms high).
//! 2. **Drain.** With the server stopped, the townships queue 10,000 messages; the server is
//!    started again and the time is taken until every township's outbox is empty (sent, JetStream
//!    acked) and until the county has stored all of them.
//!
//! Both check: 0 lost, 0 duplicated (the county's stored message ids against the townships' outboxes).
//!
//! `cargo run --release --example link_scale [-- --rooms 20 --reports 50 --drain 10000]`

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use dutywatch::config::UnitConfig;
use dutywatch::config::rules::Rulebook;
use dutywatch::domain::facts::FactPatch;
use dutywatch::domain::{Category, Channel, Clock, Grade, Lang, Level, SystemClock};
use dutywatch::ops::OpCtx;
use dutywatch::ops::escalation::EscalateInput;
use dutywatch::store::Store;
use dutywatch::store::incident::IncidentInput;

const COUNTY: &str = "520424";
const SHIPPED_UNIT: &str = include_str!("../data/unit.toml");

fn arg(name: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok()).unwrap_or(default)
}

struct Nats {
    port: u16,
    dir: PathBuf,
    child: Option<Child>,
}

impl Nats {
    fn up(&mut self) {
        let child = Command::new("nats-server")
            .args(["-js", "-a", "127.0.0.1", "-p", &self.port.to_string(), "-sd"])
            .arg(&self.dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("nats-server (apt-get install nats-server)");
        self.child = Some(child);
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    fn down(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = Command::new("kill").arg(c.id().to_string()).status();
            let _ = c.wait();
        }
    }
}

fn unit(code: &str, level: &str, link: &str) -> UnitConfig {
    let text = SHIPPED_UNIT.replace("level = \"township\"", &format!("level = \"{level}\""));
    let text = format!("{text}\n[link]\ncode = \"{code}\"\n{link}\n");
    dutywatch::config::parse_toml(&text, code).expect("unit")
}

struct RoomRun {
    stop: tokio::sync::watch::Sender<bool>,
    thread: std::thread::JoinHandle<()>,
}

fn start(db: &Path, unit: &UnitConfig, book: &Rulebook) -> RoomRun {
    let setup = dutywatch::link::Setup {
        db_path: db.to_path_buf(),
        unit: unit.clone(),
        book: book.clone(),
        clock: Arc::new(SystemClock),
        lang: Lang::En,
        holder: format!("scale:{}", db.display()),
        create: true,
    };
    let (stop, rx) = tokio::sync::watch::channel(false);
    let thread = std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("rt");
        if let Err(e) = rt.block_on(dutywatch::link::run(setup, rx)) {
            eprintln!("link: {e}");
        }
    });
    RoomRun { stop, thread }
}

fn stop(r: RoomRun) {
    let _ = r.stop.send(true);
    let _ = r.thread.join();
}

/// One report: an incident, its escalation by system (Alert), two fact updates (Updates). Returns
/// the message ids queued with the commit time of each.
fn report(store: &mut Store, unit: &UnitConfig, book: &Rulebook, n: usize, updates: usize) -> Vec<(String, Instant)> {
    let ctx = OpCtx { unit, book, now: SystemClock.now(), actor: "scale", lang: Lang::En };
    let input = IncidentInput {
        title: format!("事件{n}"),
        category: Some(Category::Natural),
        grade: Some(Grade::IV),
        trapped: 2,
        place: "石门村".into(),
        ..Default::default()
    };
    let inc = dutywatch::ops::incident::add(store, &ctx, &input).expect("add");
    let mut out = Vec::new();
    let last = |store: &Store| {
        let id: String = store
            .conn()
            .query_row("SELECT msg_id FROM link_outbox ORDER BY id DESC LIMIT 1", [], |r| r.get(0))
            .expect("outbox row");
        (id, Instant::now())
    };
    let esc = EscalateInput {
        level: Level::County,
        recipient: "县政府总值班室".into(),
        channel: Channel::System,
        at: None,
        skip_level: false,
        reason: String::new(),
    };
    dutywatch::ops::escalation::escalate(store, &ctx, inc.id, &esc).expect("escalate");
    out.push(last(store));
    for u in 0..updates {
        let ctx = OpCtx { now: SystemClock.now(), ..ctx };
        let patch = FactPatch { rescued: Some(u as u32 + 1), ..Default::default() };
        dutywatch::ops::facts::update(store, &ctx, inc.id, &patch, None, None).expect("update");
        out.push(last(store));
    }
    out
}

fn pct(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

fn stored_ids(db: &Path) -> Vec<String> {
    let store = Store::open(db).expect("county");
    let mut st = store.conn().prepare("SELECT msg_id FROM link_inbox").expect("q");
    st.query_map([], |r| r.get::<_, String>(0)).expect("q").collect::<Result<_, _>>().expect("rows")
}

fn main() {
    let rooms = arg("--rooms", 20);
    let reports = arg("--reports", 50);
    let drain = arg("--drain", 10_000);
    let dir = tempfile::tempdir().expect("temp");
    let port = std::net::TcpListener::bind("127.0.0.1:0").expect("port").local_addr().expect("addr").port();
    let mut nats = Nats { port, dir: dir.path().join("js"), child: None };
    nats.up();
    let url = format!("servers = [\"nats://127.0.0.1:{port}\"]");
    let codes: Vec<String> = (1..=rooms).map(|i| format!("{COUNTY}{i:03}")).collect();
    let lower = codes.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ");
    let county_unit = unit(COUNTY, "county", &format!("{url}\nlower = [{lower}]"));
    let county_book = Rulebook::load(&county_unit, None).expect("rules");
    let county_db = dir.path().join("county.db");
    Store::open(&county_db).expect("county db");
    let county = start(&county_db, &county_unit, &county_book);

    // 1. Latency: every room reports at once a second while the links run.
    let queued: Arc<Mutex<HashMap<String, Instant>>> = Arc::default();
    let mut towns = Vec::new();
    for code in &codes {
        let u = unit(code, "township", &format!("{url}\nupper = \"{COUNTY}\""));
        let b = Rulebook::load(&u, None).expect("rules");
        let db = dir.path().join(format!("{code}.db"));
        Store::open(&db).expect("db");
        towns.push((u, b, db));
    }
    let runs: Vec<RoomRun> = towns.iter().map(|(u, b, db)| start(db, u, b)).collect();
    let seen: Arc<Mutex<HashMap<String, Instant>>> = Arc::default();
    let watching = Arc::new(std::sync::atomic::AtomicBool::new(true));
    let watcher = {
        let (seen, watching, db) = (Arc::clone(&seen), Arc::clone(&watching), county_db.clone());
        std::thread::spawn(move || {
            let store = Store::open(&db).expect("county");
            let mut last = 0i64;
            while watching.load(std::sync::atomic::Ordering::Relaxed) {
                let mut st = store.conn().prepare_cached("SELECT id, msg_id FROM link_inbox WHERE id > ?1").expect("q");
                let rows: Vec<(i64, String)> = st
                    .query_map([last], |r| Ok((r.get(0)?, r.get(1)?)))
                    .expect("q")
                    .collect::<Result<_, _>>()
                    .expect("rows");
                let now = Instant::now();
                let mut s = seen.lock().expect("lock");
                for (id, m) in rows {
                    last = last.max(id);
                    s.entry(m).or_insert(now);
                }
                drop(s);
                std::thread::sleep(Duration::from_millis(5));
            }
        })
    };
    let t0 = Instant::now();
    let producers: Vec<_> = towns
        .iter()
        .cloned()
        .enumerate()
        .map(|(i, (u, b, db))| {
            let queued = Arc::clone(&queued);
            std::thread::spawn(move || {
                let mut store = Store::open(&db).expect("db");
                // Rooms start spread over the first second.
                std::thread::sleep(Duration::from_millis((i * 1000 / rooms.max(1)) as u64));
                for n in 0..reports {
                    let start = Instant::now();
                    for (id, at) in report(&mut store, &u, &b, n, 2) {
                        queued.lock().expect("lock").insert(id, at);
                    }
                    std::thread::sleep(Duration::from_secs(1).saturating_sub(start.elapsed()));
                }
            })
        })
        .collect();
    for p in producers {
        p.join().expect("producer");
    }
    let total = queued.lock().expect("lock").len();
    while seen.lock().expect("lock").len() < total && t0.elapsed() < Duration::from_secs(600) {
        std::thread::sleep(Duration::from_millis(50));
    }
    let mut lat: Vec<f64> = {
        let q = queued.lock().expect("lock");
        let s = seen.lock().expect("lock");
        q.iter()
            .filter_map(|(id, at)| s.get(id).map(|t| t.saturating_duration_since(*at).as_secs_f64() * 1e3))
            .collect()
    };
    let delivered = lat.len();
    println!(
        "latency: {rooms} rooms x {reports} reports x (1 alert + 2 updates) = {total} messages in {:.1} s; delivered {delivered}; p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        t0.elapsed().as_secs_f64(),
        pct(&mut lat, 0.5),
        pct(&mut lat, 0.99),
        pct(&mut lat, 1.0)
    );

    // 2. Drain: the server goes away, the townships queue `drain` messages, the server comes back.
    nats.down();
    let per_room = drain.div_ceil(rooms * 3);
    let t_queue = Instant::now();
    let producers: Vec<_> = towns
        .iter()
        .cloned()
        .map(|(u, b, db)| {
            std::thread::spawn(move || {
                let mut store = Store::open(&db).expect("db");
                for n in 0..per_room {
                    report(&mut store, &u, &b, 1000 + n, 2);
                }
            })
        })
        .collect();
    for p in producers {
        p.join().expect("producer");
    }
    let queued_now: i64 = towns
        .iter()
        .map(|(_, _, db)| dutywatch::store::link::queue_len(Store::open(db).expect("db").conn()).expect("q").0)
        .sum();
    println!(
        "drain: {queued_now} messages queued while the server was down ({:.1} s to write)",
        t_queue.elapsed().as_secs_f64()
    );
    let want = seen.lock().expect("lock").len() + queued_now as usize;
    let t1 = Instant::now();
    nats.up();
    let mut sent_at = None;
    loop {
        let left: i64 = towns
            .iter()
            .map(|(_, _, db)| dutywatch::store::link::queue_len(Store::open(db).expect("db").conn()).expect("q").0)
            .sum();
        if left == 0 && sent_at.is_none() {
            sent_at = Some(t1.elapsed());
        }
        if seen.lock().expect("lock").len() >= want || t1.elapsed() > Duration::from_secs(900) {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let stored_in = t1.elapsed();
    std::thread::sleep(Duration::from_secs(3));
    watching.store(false, std::sync::atomic::Ordering::Relaxed);
    let _ = watcher.join();
    for r in runs {
        stop(r);
    }
    stop(county);
    nats.down();
    println!(
        "drain: outboxes empty (all JetStream-acked) {:.1} s after the restart; county stored all {:.1} s after",
        sent_at.map(|d| d.as_secs_f64()).unwrap_or(f64::NAN),
        stored_in.as_secs_f64()
    );
    // 0 lost, 0 duplicated.
    let ids = stored_ids(&county_db);
    let unique: HashSet<&String> = ids.iter().collect();
    let mut sent: HashSet<String> = HashSet::new();
    for (_, _, db) in &towns {
        let store = Store::open(db).expect("db");
        let mut st = store.conn().prepare("SELECT msg_id FROM link_outbox").expect("q");
        sent.extend(st.query_map([], |r| r.get::<_, String>(0)).expect("q").map(|r| r.expect("row")));
    }
    let lost = sent.iter().filter(|m| !unique.contains(m)).count();
    println!(
        "check: {} sent, {} stored, {} lost, {} duplicated",
        sent.len(),
        ids.len(),
        lost,
        ids.len() - unique.len()
    );
}
