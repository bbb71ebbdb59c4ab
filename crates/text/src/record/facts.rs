//! An incident's facts in words: the figures line, what an update changed, and the elements a
//! written report still lacks (要素不全).

use crate::codes::Label;
use crate::domain::Lang;
use crate::domain::facts::{Element, FactChange, FactField, Facts};

/// Words of this module.
pub mod words {
    crate::words! {
        /// A text field emptied by an update.
        CLEARED = ("(清空)", "(cleared)");
    }
}

/// The figures of the facts as people read them.
pub trait FiguresText {
    /// `死亡 1  受伤 3  失踪 0  被困 2  获救 0  转移 56`.
    fn figures_text(&self, lang: Lang) -> String;
}

impl FiguresText for Facts {
    fn figures_text(&self, lang: Lang) -> String {
        FactField::FIGURES
            .iter()
            .map(|f| format!("{} {}", f.label(lang), self.figure(*f)))
            .collect::<Vec<_>>()
            .join("  ")
    }
}

/// A change as one short phrase: `被困 2 → 0` for a figure, `原因: 新文本` (first line, cut) for a text.
pub fn change_phrase(c: &FactChange, lang: Lang, max_text: usize) -> String {
    let Some(f) = FactField::parse(&c.field) else { return c.field.clone() };
    if f.is_figure() {
        return format!("{} {} → {}", f.label(lang), c.old, c.new);
    }
    let first = c.new.lines().next().unwrap_or("");
    let mut shown: String = first.chars().take(max_text).collect();
    if first.chars().count() > max_text || c.new.lines().nth(1).is_some() {
        shown.push('…');
    }
    if c.new.trim().is_empty() {
        shown = words::CLEARED.get(lang).to_string();
    }
    format!("{}: {shown}", f.label(lang))
}

/// The changes as one line: `被困 2 → 0, 获救 0 → 2`.
pub fn changes_text(changes: &[FactChange], lang: Lang, max_text: usize) -> String {
    changes.iter().map(|c| change_phrase(c, lang, max_text)).collect::<Vec<_>>().join(", ")
}

/// `要素不全：发生地点、联系方式` (empty when complete).
pub fn missing_text(missing: &[Element], lang: Lang) -> String {
    if missing.is_empty() {
        return String::new();
    }
    let names: Vec<&str> = missing.iter().map(|e| e.label(lang)).collect();
    match lang {
        Lang::Zh => format!("要素不全：{}", names.join("、")),
        Lang::En => format!("elements missing: {}", names.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::facts::{FactPatch, diff};

    #[test]
    fn changes_read_as_short_phrases() {
        let old = Facts { trapped: 2, summary: "滑坡".into(), ..Facts::default() };
        let patch = FactPatch { trapped: Some(0), rescued: Some(2), ..FactPatch::default() };
        let d = diff(&old, &patch.apply(&old));
        assert_eq!(changes_text(&d, Lang::Zh, 20), "被困 2 → 0, 获救 0 → 2");
        let cause =
            FactChange { field: "cause".into(), old: String::new(), new: "连续强降雨\n致山体失稳".into() };
        assert_eq!(change_phrase(&cause, Lang::Zh, 20), "原因: 连续强降雨…");
    }
}
