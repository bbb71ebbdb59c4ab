//! `roster::check` over five years of the usual pattern (a 24 h duty officer and a leader every day),
//! the size of the question `roster check --from … --to …` asks at its widest. Issue 3 wants it well
//! under 50 ms.

use chrono::{NaiveDate, NaiveTime};
use chrono_tz::Asia::Shanghai;
use criterion::{Criterion, criterion_group, criterion_main};
use dutywatch::domain::calendar::Calendar;
use dutywatch::domain::roster::{self, Pattern, RosterRules};
use dutywatch::domain::{Person, Role, Shift};

fn setup() -> (Vec<Shift>, Vec<Person>, Calendar) {
    let people: Vec<Person> = (1..=10)
        .map(|id| Person {
            id,
            name: format!("p{id}"),
            phone: String::new(),
            department: String::new(),
            roles: vec![if id <= 7 { Role::Officer } else { Role::Leader }],
            active: true,
        })
        .collect();
    let from = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
    let to = NaiveDate::from_ymd_opt(2030, 12, 31).expect("date");
    let change = NaiveTime::from_hms_opt(8, 30, 0).expect("time");
    let specs = roster::fill(Pattern::Daily24, from, to, change, Shanghai, &[1, 2, 3, 4, 5, 6, 7], &[8, 9, 10], &[])
        .expect("fill");
    let shifts = specs
        .into_iter()
        .enumerate()
        .map(|(i, s)| Shift {
            id: i as i64 + 1,
            person_id: s.person_id,
            person_name: format!("p{}", s.person_id),
            role: s.role,
            start: s.start,
            end: s.end,
            replaces: None,
            swap_reason: None,
        })
        .collect();
    (shifts, people, Calendar::shipped().expect("calendar"))
}

fn bench(c: &mut Criterion) {
    let (shifts, people, calendar) = setup();
    let from = shifts.first().map(|s| s.start).expect("shifts");
    let to = shifts.last().map(|s| s.end).expect("shifts");
    let rules = RosterRules::default();
    c.bench_function("roster_check_5y_daily", |b| {
        b.iter(|| {
            let p = roster::check(std::hint::black_box(&shifts), &people, from, to, Shanghai, &calendar, &rules);
            std::hint::black_box(p)
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
