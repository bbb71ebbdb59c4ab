//! The integration tests, one test binary for all of them.
//!
//! Each file below was its own test crate; linking some 45 release binaries against the whole
//! workspace took most of CI's time, so they are modules of one crate now. A test is still named
//! by its file: `cargo test --release -- review_desk::` runs that file's tests.

mod common;

mod bad_input;
mod board_2am;
mod borders;
mod cli;
mod cli_flags;
mod concurrency;
mod crash;
mod documents;
mod duties;
mod e2e_2am;
mod e2e_documents;
mod e2e_facts;
mod e2e_handover;
mod e2e_incident;
mod e2e_ledger;
mod e2e_link;
mod e2e_response;
mod e2e_roster;
mod e2e_tmux;
mod escalation;
mod facts_cli;
mod handover;
mod incident;
mod issue_numbers;
mod keymap;
mod ledger;
mod ledger_cli;
mod link;
mod link_receive;
mod log_language;
mod logging;
mod plan_filing;
mod query_plans;
mod response;
mod review_desk;
mod roster;
mod signatures;
mod store;
mod tamper;
mod tasks;
mod terminals;
mod ui_hostile;
mod ui_incident;
mod ui_link;
mod ui_snapshots;
