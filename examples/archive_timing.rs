//! Query times of the archive (issue 15) on a generated database: a page of the history screen, filtered
//! `incident list` pages and their counts, and text searches of two Chinese characters.
//! `cargo run --release --example archive_timing -- y5.db` (after `--example gen`). Median of 20 runs each.

use std::time::Instant;

use chrono::{Duration, Utc};
use dutywatch::domain::{Category, Grade, IncidentStatus};
use dutywatch::store::Store;
use dutywatch::store::archive::IncidentFilter;

fn time(label: &str, mut f: impl FnMut() -> usize) {
    let mut runs: Vec<f64> = (0..20)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    runs.sort_by(f64::total_cmp);
    println!("{label:<58} median {:>8.3} ms   max {:>8.3} ms   ({} rows)", runs[10], runs[19], f());
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: archive_timing DB")?;
    let store = Store::open(std::path::Path::new(&path))?;
    let newest: i64 = store.conn().query_row("SELECT max(learned_at) FROM incident", [], |r| r.get(0))?;
    let now = chrono::DateTime::<Utc>::from_timestamp(newest, 0).ok_or("no incidents")?;
    let month = IncidentFilter { from: Some(now - Duration::days(30)), to: Some(now), ..Default::default() };
    let filters: Vec<(&str, IncidentFilter)> = vec![
        ("history page: no filter", IncidentFilter::default()),
        ("history page: status closed", IncidentFilter { status: Some(IncidentStatus::Closed), ..Default::default() }),
        ("list: category natural", IncidentFilter { category: Some(Category::Natural), ..Default::default() }),
        ("list: grade II", IncidentFilter { grade: Some(Grade::II), ..Default::default() }),
        ("list: last 30 days", month.clone()),
        ("list: last 30 days, had 迟报", IncidentFilter { late: true, ..month.clone() }),
        ("list: had 漏报 (all years)", IncidentFilter { missed: true, ..Default::default() }),
        ("text 滑坡, last 30 days", IncidentFilter { text: Some("滑坡".into()), ..month.clone() }),
        ("text 火灾, all years", IncidentFilter { text: Some("火灾".into()), ..Default::default() }),
        ("text 滑坡, all years", IncidentFilter { text: Some("滑坡".into()), ..Default::default() }),
    ];
    for (label, f) in &filters {
        time(&format!("{label} (page of 50)"), || store.search_incidents(f, 50).map(|r| r.len()).unwrap_or(0));
    }
    for (label, f) in &filters {
        time(&format!("{label} (count)"), || store.count_incidents(f).unwrap_or(0));
    }
    Ok(())
}
