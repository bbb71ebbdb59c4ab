//! The text catalogue: every zh/en label of the domain's codes, and the width- and time-aware
//! formatting every screen and document shares (Chinese characters take two columns, times are
//! shown in the unit's zone).

/// The domain crate, under the path the catalogue's modules use for it.
pub use domain;

pub mod cli;
pub mod codes;
pub mod docs;
mod format;
pub mod labels;
pub mod levels;
pub mod log_events;
pub mod record;
mod words;

pub use codes::{Label, Severity};
pub use format::*;
pub use record::{Bilingual, Describe, DescribeAt, DisplayName, FiguresText, Named};
pub use words::Words;

/// A module of the catalogue: its name and its entries (the `ALL` of a [`words!`] block).
pub type Module = (&'static str, &'static [(&'static str, Words)]);

/// Every module of the catalogue declared with [`words!`]. A module added to the catalogue is
/// added here, so the consistency test sees it.
pub fn catalogue() -> Vec<Module> {
    let mut all = vec![
        ("labels::kind_words", labels::kind_words::ALL),
        ("labels::rule_kind_words", labels::rule_kind_words::ALL),
        ("record::facts::words", record::facts::words::ALL),
        ("record::describe::words", record::describe::words::ALL),
        ("record::ladder::words", record::ladder::words::ALL),
    ];
    all.extend(codes::modules());
    all.extend(cli::modules());
    all
}

/// What is wrong with a catalogue: two entries with the same Chinese and different English (the
/// review found one label worded twice), an empty entry, or a control character in one (they are
/// printed on terminals as they are).
pub fn inconsistencies(catalogue: &[Module]) -> Vec<String> {
    let mut seen: std::collections::HashMap<&str, (String, &str)> = std::collections::HashMap::new();
    let mut problems = Vec::new();
    for (module, entries) in catalogue {
        for (name, w) in entries.iter() {
            let at = format!("{module}::{name}");
            for t in [w.zh, w.en] {
                if t.trim().is_empty() || t.chars().any(|c| c.is_control() && c != '\n') {
                    problems.push(format!("{at}: empty or control character: {t:?}"));
                }
            }
            match seen.get(w.zh) {
                Some((first, en)) if *en != w.en => {
                    problems.push(format!("{at} says {:?} for {:?}, {first} says {en:?}", w.en, w.zh))
                }
                Some(_) => {}
                None => {
                    seen.insert(w.zh, (at, w.en));
                }
            }
        }
    }
    problems
}

#[cfg(test)]
mod catalogue_tests {
    use super::*;

    #[test]
    fn the_catalogue_has_one_english_per_chinese_and_no_empty_or_control_text() {
        let problems = inconsistencies(&catalogue());
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn a_label_worded_twice_an_empty_entry_and_an_escape_are_found() {
        const BAD: &[(&str, Words)] = &[
            ("A", Words::new("报本级领导", "tell own leader")),
            ("B", Words::new("报本级领导", "notify leader")),
            ("C", Words::new(" ", "x")),
            ("D", Words::new("y", "\u{1b}[2J")),
        ];
        let problems = inconsistencies(&[("bad", BAD)]);
        assert_eq!(problems.len(), 3, "{problems:#?}");
        assert!(problems[0].contains("bad::B"), "{problems:#?}");
    }
}
