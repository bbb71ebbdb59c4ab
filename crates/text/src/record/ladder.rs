//! The escalation ladder in words, as the board and the incident screen show it:
//! zh `本级领导 ✓14:05 · 县值班室 ✓14:06 确认14:09 · 市值班室 待确认 12m`;
//! en `own leader ✓14:05 · county duty room ✓14:06 acked 14:09 · city duty room awaiting ack 12m`.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::codes::Label;
use crate::domain::escalation::{EscalationRules, StepState, format_wait, ladder_steps};
use crate::domain::{Escalation, Lang, Level};

/// Words of the ladder.
pub mod words {
    crate::words! {
        NOT_SENT = ("未报", "not sent");
        /// Before the time of the acknowledgement (`确认14:09` / `acked 14:09`).
        ACKED = ("确认", "acked ");
        AWAITING_ACK = ("待确认", "awaiting ack");
        ACK_OVERDUE = ("超时未确认", "ack overdue");
        /// After a skip-level step.
        SKIP_LEVEL = ("(越级)", " (skip-level)");
    }
}

/// One rung of the escalation ladder shown on the board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LadderRung {
    pub level: Level,
    /// E.g. `县值班室 ✓14:06 确认14:09`.
    pub text: String,
    pub state: StepState,
}

fn hm(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%H:%M").to_string()
}

/// The ladder for one incident ([`ladder_steps`]), each rung in words. A skip-level step is marked
/// `(越级)` / `(skip-level)`.
pub fn ladder(
    own_level: Level,
    steps: &[Escalation],
    required_levels: &[Level],
    now: DateTime<Utc>,
    rules: &EscalationRules,
    lang: Lang,
    tz: Tz,
) -> Vec<LadderRung> {
    ladder_steps(own_level, steps, required_levels, now, rules)
        .into_iter()
        .map(|(level, step, state)| {
            // The name of a rung: the own leader, or the level's duty room.
            let name = level.label(lang);
            let sent = step.map(|s| hm(s.sent_at, tz)).unwrap_or_default();
            let mut text = match state {
                StepState::NotSent => format!("{name} {}", words::NOT_SENT.get(lang)),
                StepState::Acked { .. } if level == Level::Leader => format!("{name} ✓{sent}"),
                StepState::Acked { at } => format!("{name} ✓{sent} {}{}", words::ACKED.get(lang), hm(at, tz)),
                StepState::AwaitingAck { waiting } => {
                    format!("{name} {} {}", words::AWAITING_ACK.get(lang), format_wait(waiting))
                }
                StepState::AckOverdue { waiting } => {
                    format!("{name} {} {}", words::ACK_OVERDUE.get(lang), format_wait(waiting))
                }
            };
            if step.is_some_and(|s| s.skip_level) {
                text.push_str(words::SKIP_LEVEL.get(lang));
            }
            LadderRung { level, text, state }
        })
        .collect()
}

/// The ladder as one line, rungs joined with ` · `.
pub fn ladder_text(
    own_level: Level,
    steps: &[Escalation],
    required_levels: &[Level],
    now: DateTime<Utc>,
    rules: &EscalationRules,
    lang: Lang,
    tz: Tz,
) -> String {
    ladder(own_level, steps, required_levels, now, rules, lang, tz)
        .into_iter()
        .map(|r| r.text)
        .collect::<Vec<_>>()
        .join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Grade;
    use crate::domain::escalation::required_steps;
    use crate::domain::fixtures::{TZ, at, step};
    use chrono::Duration;

    fn demo_steps() -> Vec<Escalation> {
        vec![
            step(1, Level::Leader, at(14, 5), None),
            step(2, Level::County, at(14, 6), Some(at(14, 9))),
            step(3, Level::City, at(14, 8), None),
        ]
    }

    #[test]
    fn ladder_text_zh_and_en() {
        let r = EscalationRules::default();
        let required: Vec<Level> = required_steps(Level::Township, Grade::III, &r).iter().map(|s| s.level).collect();
        let steps = demo_steps();
        assert_eq!(
            ladder_text(Level::Township, &steps, &required, at(14, 20), &r, Lang::Zh, TZ),
            "本级领导 ✓14:05 · 县值班室 ✓14:06 确认14:09 · 市值班室 待确认 12m"
        );
        assert_eq!(
            ladder_text(Level::Township, &steps, &required, at(14, 20), &r, Lang::En, TZ),
            "own leader ✓14:05 · county duty room ✓14:06 acked 14:09 · city duty room awaiting ack 12m"
        );
        // Later: the city is overdue; before anything was sent: all rungs say not sent.
        assert_eq!(
            ladder_text(Level::Township, &steps, &required, at(15, 30), &r, Lang::Zh, TZ),
            "本级领导 ✓14:05 · 县值班室 ✓14:06 确认14:09 · 市值班室 超时未确认 1h22m"
        );
        assert_eq!(
            ladder_text(Level::Township, &steps, &required, at(14, 0), &r, Lang::En, TZ),
            "own leader not sent · county duty room not sent · city duty room not sent"
        );
    }

    #[test]
    fn ladder_marks_skip_level_and_extra_levels() {
        let r = EscalationRules::default();
        let mut skip = step(4, Level::Province, at(14, 10), None);
        skip.skip_level = true;
        skip.reason = "急".to_string();
        let rungs = ladder(Level::Township, &[skip], &[Level::Leader, Level::County], at(14, 12), &r, Lang::Zh, TZ);
        let levels: Vec<Level> = rungs.iter().map(|r| r.level).collect();
        assert_eq!(levels, vec![Level::Leader, Level::County, Level::Province]);
        assert_eq!(rungs[2].text, "省值班室 待确认 2m(越级)");
        assert_eq!(rungs[2].state, StepState::AwaitingAck { waiting: Duration::minutes(2) });
        assert_eq!(format_wait(Duration::minutes(125)), "2h05m");
    }
}
