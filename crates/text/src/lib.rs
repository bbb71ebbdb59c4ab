//! The text catalogue: every zh/en label of the domain's codes, and the width- and time-aware
//! formatting every screen and document shares (Chinese characters take two columns, times are
//! shown in the unit's zone).

/// The domain crate, under the path the catalogue's modules use for it.
pub use domain;

pub mod cli;
pub mod codes;
pub mod console;
pub mod docs;
mod format;
pub mod labels;
pub mod levels;
pub mod log_events;
pub mod record;
pub mod screens;
pub mod service;
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
        // The screens of the board (issue 13).
        ("screens::report", screens::report::ALL),
        ("screens::link", screens::link::ALL),
        ("screens::incident", screens::incident::ALL),
        ("screens::board", screens::board::ALL),
        ("screens::stats", screens::stats::ALL),
        ("screens::handover", screens::handover::ALL),
        ("screens::roster", screens::roster::ALL),
        ("screens::directory", screens::directory::ALL),
        ("screens::shell", screens::shell::ALL),
        ("screens::history", screens::history::ALL),
        ("screens::help", screens::help::ALL),
        ("screens::form", screens::form::ALL),
        ("screens::log", screens::log::ALL),
        ("screens::alerts", screens::alerts::ALL),
        ("screens::widgets", screens::widgets::ALL),
        ("screens::stats::variants", screens::stats::variants::ALL),
        ("screens::shell::variants", screens::shell::variants::ALL),
        ("screens::history::variants", screens::history::variants::ALL),
        ("screens::alerts::variants", screens::alerts::variants::ALL),
        ("screens::board::variants", screens::board::variants::ALL),
        ("screens::directory::variants", screens::directory::variants::ALL),
        ("screens::report::variants", screens::report::variants::ALL),
        ("screens::incident::variants", screens::incident::variants::ALL),
        ("screens::link::variants", screens::link::variants::ALL),
        // The console (crates/tui outside its drawing code).
        ("console::keys::action", console::keys::action::ALL),
        ("console::keys::table", console::keys::table::ALL),
        ("console::keys::pair", console::keys::pair::ALL),
        ("console::forms", console::forms::ALL),
        ("console::forms::title", console::forms::title::ALL),
        ("console::forms::facts", console::forms::facts::ALL),
        ("console::forms::intake", console::forms::intake::ALL),
        ("console::forms::actions", console::forms::actions::ALL),
        ("console::forms::log", console::forms::log::ALL),
        ("console::forms::directory", console::forms::directory::ALL),
        ("console::forms::roster", console::forms::roster::ALL),
        ("console::forms::handover", console::forms::handover::ALL),
        ("console::refused", console::refused::ALL),
        ("console::saved", console::saved::ALL),
        ("console::history", console::history::ALL),
        ("console::roster", console::roster::ALL),
        ("console::roster::marks", console::roster::marks::ALL),
        ("service::checks", service::checks::ALL),
        ("service::correct", service::correct::ALL),
        ("service::daylog", service::daylog::ALL),
        ("service::duties", service::duties::ALL),
        ("service::escalation", service::escalation::ALL),
        ("service::facts", service::facts::ALL),
        ("service::handover", service::handover::ALL),
        ("service::incident", service::incident::ALL),
        ("service::ledger", service::ledger::ALL),
        ("service::link", service::link::ALL),
        ("service::log", service::log::ALL),
        ("service::pin", service::pin::ALL),
        ("service::plan", service::plan::ALL),
        ("service::replay", service::replay::ALL),
        ("service::response", service::response::ALL),
        ("service::roster", service::roster::ALL),
        ("service::shared", service::shared::ALL),
        ("service::stats", service::stats::ALL),
        ("service::task", service::task::ALL),
        ("labels::rule_kind_words", labels::rule_kind_words::ALL),
        ("record::facts::words", record::facts::words::ALL),
        ("record::describe::words", record::describe::words::ALL),
        ("record::ladder::words", record::ladder::words::ALL),
    ];
    all.extend(codes::modules());
    all.extend(cli::modules());
    all
}

/// What is wrong with a catalogue: within one module (one screen, one command, one service), the
/// same text declared twice, the same Chinese with the same English up to letter case (the review
/// found one label worded twice: it must be one entry); an empty entry; a control character in one
/// (they are printed on terminals as they are).
///
/// One Chinese word may read differently in English where it means different things or stands in
/// a different place: 报送 is the key "report" on the board and the column "Done" in the report
/// table, 确认 is the key "ack" and the state "Acked", 时限 is a pane's title "Deadlines" and a
/// column "due". Those are separate entries on purpose.
pub fn inconsistencies(catalogue: &[Module]) -> Vec<String> {
    let mut problems = Vec::new();
    for (module, entries) in catalogue {
        let mut seen: std::collections::HashMap<(&str, String), &str> = std::collections::HashMap::new();
        for (name, w) in entries.iter() {
            let at = format!("{module}::{name}");
            for t in [w.zh, w.en] {
                if t.trim().is_empty() || t.chars().any(|c| c.is_control() && c != '\n') {
                    problems.push(format!("{at}: empty or control character: {t:?}"));
                }
            }
            match seen.get(&(w.zh, w.en.to_lowercase())) {
                Some(first) => problems.push(format!("{at}: {:?} / {:?} is already {module}::{first}", w.zh, w.en)),
                None => {
                    seen.insert((w.zh, w.en.to_lowercase()), name);
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
    fn each_module_names_a_text_once_and_none_is_empty_or_holds_a_control_character() {
        let problems = inconsistencies(&catalogue());
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn a_label_worded_twice_an_empty_entry_and_an_escape_are_found() {
        const BAD: &[(&str, Words)] = &[
            ("A", Words::new("报本级领导", "tell own leader")),
            ("B", Words::new("报本级领导", "Tell own leader")),
            ("E", Words::new("报本级领导", "the own leader")),
            ("C", Words::new(" ", "x")),
            ("D", Words::new("y", "\u{1b}[2J")),
        ];
        let problems = inconsistencies(&[("bad", BAD), ("other", &BAD[..1])]);
        assert_eq!(problems.len(), 3, "{problems:#?}");
        assert!(problems[0].contains("bad::B") && problems[0].contains("bad::A"), "{problems:#?}");
    }
}
