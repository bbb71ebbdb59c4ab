//! The clock is injected so that tests, `DUTYWATCH_NOW` and review mode can pin time.

use chrono::{DateTime, Utc};

/// Source of the current instant. Deadlines are always compared against this, read afresh on each tick,
/// never against an accumulated monotonic timer (which stops while a laptop sleeps).
pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

/// The real wall clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock pinned to one instant (tests, `DUTYWATCH_NOW`).
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub DateTime<Utc>);

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
}

/// Parses the value of `DUTYWATCH_NOW` (RFC 3339).
pub fn parse_pinned(value: &str) -> Result<DateTime<Utc>, chrono::ParseError> {
    DateTime::parse_from_rfc3339(value.trim()).map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinned_clock_parses_offsets() {
        let t = parse_pinned("2026-11-22T14:03:27+08:00").expect("valid");
        assert_eq!(t.to_rfc3339(), "2026-11-22T06:03:27+00:00");
        assert!(parse_pinned("yesterday").is_err());
    }
}
