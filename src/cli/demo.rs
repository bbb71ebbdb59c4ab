//! `dutywatch demo`: a live demo database built from the files in `data/demo/`, its times moved so
//! that "now" is the middle of a real watch.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use serde::Deserialize;

use super::{CliError, CliResult, Ctx};
use crate::config::parse_toml;
use crate::domain::{LogKind, Role};
use crate::store::{
    Store,
    log::NewLogEntry,
    person::PersonInput,
    shift::{self, NewShift},
};

const PEOPLE_CSV: &str = include_str!("../../data/demo/people.csv");
const LOG_TOML: &str = include_str!("../../data/demo/log.toml");

/// The demo's actor in the audit log.
const DEMO_ACTOR: &str = "demo";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LogFile {
    entry: Vec<LogLine>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LogLine {
    minutes_ago: i64,
    kind: LogKind,
    body: String,
}

fn remove_db(path: &std::path::Path) -> Result<(), CliError> {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_os_string();
        p.push(suffix);
        let p = std::path::PathBuf::from(p);
        if p.exists() {
            std::fs::remove_file(&p).map_err(|e| CliError::Fail(format!("cannot remove {}: {e}", p.display())))?;
        }
    }
    Ok(())
}

/// Builds the demo database unless one with data is already there (`--reset` rebuilds it).
pub fn build(ctx: &Ctx, reset: bool) -> CliResult {
    if reset {
        // Only ever remove a dutywatch database: refuse anything else the path may name.
        let is_file = ctx.db_path.metadata().map(|m| m.is_file() && m.len() > 0).unwrap_or(false);
        if is_file {
            drop(crate::store::Store::open(&ctx.db_path)?);
        }
        remove_db(&ctx.db_path)?;
    }
    let mut store = ctx.open_rw()?;
    if !store.people()?.is_empty() {
        return Ok(());
    }
    let now = ctx.now();
    let built = (|| {
        load_people(&mut store, now)?;
        load_roster(ctx, &mut store, now)?;
        load_log(&mut store, now)?;
        crate::cli::demo_incidents::load(ctx, &mut store, now)
    })();
    if built.is_err() {
        // A half-built demo is worse than none: the next `demo` starts again from scratch.
        drop(store);
        remove_db(&ctx.db_path)?;
    }
    built
}

fn load_people(store: &mut Store, now: DateTime<Utc>) -> CliResult {
    let mut rdr = csv::Reader::from_reader(PEOPLE_CSV.as_bytes());
    for (i, row) in rdr.records().enumerate() {
        let row = row.map_err(|e| CliError::Fail(format!("data/demo/people.csv:{}: {e}", i + 2)))?;
        let roles = row.get(3).unwrap_or("officer").split(';').filter_map(|r| r.parse::<Role>().ok()).collect();
        let input = PersonInput {
            name: row.get(0).unwrap_or("").into(),
            phone: row.get(1).unwrap_or("").into(),
            department: row.get(2).unwrap_or("").into(),
            roles,
            active: true,
        };
        store.add_person(&input, now, DEMO_ACTOR)?;
    }
    Ok(())
}

/// Two weeks of the usual pattern around today: a 24 h duty officer from the change time, a leader
/// on duty and a standby for the same span, rotating through the people who may take each role.
fn load_roster(ctx: &Ctx, store: &mut Store, now: DateTime<Utc>) -> CliResult {
    let tz = ctx.unit.timezone;
    let people = store.people()?;
    let by_role =
        |role: Role| -> Vec<i64> { people.iter().filter(|p| p.roles.contains(&role)).map(|p| p.id).collect() };
    let officers = by_role(Role::Officer);
    let leaders = by_role(Role::Leader);
    let standby = by_role(Role::Standby);
    let local_now = now.with_timezone(&tz);
    // Today's watch started at the last change time at or before now.
    let mut today: NaiveDate = local_now.date_naive();
    if local_now.time() < ctx.unit.shift_change {
        today = today.pred_opt().unwrap_or(today);
    }
    let start_of = |d: NaiveDate| -> Result<DateTime<Utc>, CliError> {
        tz.from_local_datetime(&d.and_time(ctx.unit.shift_change))
            .earliest()
            .map(|t| t.with_timezone(&Utc))
            .ok_or_else(|| CliError::Fail(format!("no local time {d} {} in {tz}", ctx.unit.shift_change)))
    };
    store.write(|tx| {
        let mut longest = shift::longest(tx)?;
        let mut yesterday: Vec<i64> = Vec::new();
        for (n, offset) in (-7i64..=7).enumerate() {
            let day = today + Duration::days(offset);
            let (Ok(start), Ok(end)) = (start_of(day), start_of(day + Duration::days(1))) else { continue };
            let mut taken: Vec<i64> = Vec::new();
            for (role, list) in [(Role::Officer, &officers), (Role::Leader, &leaders), (Role::Standby, &standby)] {
                // Rotate through the list, skipping whoever already holds another role that day, and
                // preferably whoever stood the day before (two watches in a row is a 48 h chain).
                let rotation = || (0..list.len()).map(|k| list[(n + k) % list.len()]);
                let pick = rotation()
                    .find(|id| !taken.contains(id) && !yesterday.contains(id))
                    .or_else(|| rotation().find(|id| !taken.contains(id)));
                let Some(person_id) = pick else { continue };
                taken.push(person_id);
                shift::insert(tx, &NewShift { person_id, role, start, end }, now, DEMO_ACTOR, &mut longest)?;
            }
            yesterday = taken;
        }
        Ok(())
    })?;
    Ok(())
}

fn load_log(store: &mut Store, now: DateTime<Utc>) -> CliResult {
    let file: LogFile = parse_toml(LOG_TOML, "data/demo/log.toml")?;
    for line in file.entry {
        let at = now - Duration::minutes(line.minutes_ago);
        let author = store
            .shifts_at(at)?
            .into_iter()
            .find(|s| s.role == Role::Officer)
            .map(|s| s.person_name)
            .unwrap_or_else(|| DEMO_ACTOR.into());
        let e =
            NewLogEntry { at, author, kind: line.kind, incident_id: None, body: line.body, corrects: None, data: None };
        store.add_log(&e, now)?;
    }
    Ok(())
}
