//! The words of the service crate (its errors, log lines and documents), one module per service module,
//! so the service names its texts instead of choosing between two literals (issue 13).

pub mod checks;
pub mod correct;
pub mod daylog;
pub mod duties;
pub mod escalation;
pub mod facts;
pub mod handover;
pub mod incident;
pub mod ledger;
pub mod link;
pub mod log;
pub mod pin;
pub mod plan;
pub mod replay;
pub mod response;
pub mod roster;
pub mod shared;
pub mod stats;
pub mod task;
pub mod written;
