//! A keyboard form: labelled fields, one focused, typed text kept exactly as typed.
//!
//! Single-line fields use tui-input (its `visual_cursor` is width-aware, so the terminal cursor —
//! where the Chinese input method opens its candidate window — lands on the right column).
//! Multi-line fields use ratatui-textarea. Choice fields cycle with ←/→ or take a typed code.

use std::collections::{BTreeMap, HashMap};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;
use tui_input::{Input, InputRequest};

use text::Words;
use text::console::forms::{self, Label};

pub use super::field_key::FieldKey;
use crate::domain::Lang;

/// One option of a choice field: stored code and labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub code: String,
    pub label: Label,
}

impl Choice {
    /// A choice labelled by the catalogue (yes/no, a state, a domain value's [`text::Label`]).
    pub fn fixed(code: impl Into<String>, words: Words) -> Choice {
        Choice::new(code, words.zh, words.en)
    }

    /// A choice whose label is data made at run time (a contact and its level): not catalogue text.
    pub fn new(code: impl Into<String>, zh: impl Into<String>, en: impl Into<String>) -> Choice {
        Choice { code: code.into(), label: Label::new(zh, en) }
    }

    /// A choice labelled by data that reads the same in both languages (an incident, an entry).
    pub fn untranslated(code: impl Into<String>, label: String) -> Choice {
        Choice::new(code, label.clone(), label)
    }

    pub fn label(&self, lang: Lang) -> &str {
        self.label.get(lang)
    }
}

#[derive(Debug, Clone)]
pub enum FieldKind {
    Text,
    /// A time as the officer types it (`14:05`, `-20m` …); the view shows what was understood.
    Time,
    Number,
    Multi(Box<TextArea<'static>>),
    Choice {
        options: Vec<Choice>,
        index: usize,
    },
}

#[derive(Debug, Clone)]
pub struct Field {
    pub key: FieldKey,
    /// The field's label in both languages.
    pub words: Words,
    pub required: bool,
    pub kind: FieldKind,
    pub input: Input,
    /// What an empty field means (e.g. "now"), shown dimmed.
    pub empty_hint: Option<Words>,
    /// A PIN: shown as `•` per character, never as typed.
    pub masked: bool,
}

impl Field {
    pub fn text(key: FieldKey, words: Words) -> Field {
        Field {
            key,
            words,
            required: false,
            kind: FieldKind::Text,
            input: Input::default(),
            empty_hint: None,
            masked: false,
        }
    }
    /// A masked one-line field (a PIN): what is typed is never drawn.
    pub fn secret(key: FieldKey, words: Words) -> Field {
        Field { masked: true, ..Field::text(key, words) }
    }

    /// The value as drawn: a masked field shows one `•` per character.
    pub fn shown_value(&self) -> String {
        if self.masked { "•".repeat(self.input.value().chars().count()) } else { self.value() }
    }
    pub fn time(key: FieldKey, words: Words) -> Field {
        Field { kind: FieldKind::Time, ..Field::text(key, words) }
    }
    pub fn number(key: FieldKey, words: Words) -> Field {
        Field { kind: FieldKind::Number, ..Field::text(key, words) }
    }
    pub fn multi(key: FieldKey, words: Words) -> Field {
        Field { kind: FieldKind::Multi(Box::new(TextArea::default())), ..Field::text(key, words) }
    }
    pub fn choice(key: FieldKey, words: Words, options: Vec<Choice>, index: usize) -> Field {
        Field { kind: FieldKind::Choice { options, index }, ..Field::text(key, words) }
    }
    /// What an empty time field means, when not "now".
    pub fn hint(mut self, words: Words) -> Field {
        self.empty_hint = Some(words);
        self
    }

    pub fn required(mut self) -> Field {
        self.required = true;
        self
    }

    pub fn label(&self, lang: Lang) -> &'static str {
        self.words.get(lang)
    }

    /// The field's value as text (a choice gives its code; multi-line joins with newlines).
    pub fn value(&self) -> String {
        match &self.kind {
            FieldKind::Multi(area) => area.lines().join("\n"),
            FieldKind::Choice { options, index } => options.get(*index).map(|c| c.code.clone()).unwrap_or_default(),
            _ => self.input.value().to_string(),
        }
    }

    pub fn set_value(&mut self, value: &str) {
        match &mut self.kind {
            FieldKind::Multi(area) => {
                **area = TextArea::new(value.split('\n').map(str::to_string).collect());
            }
            FieldKind::Choice { options, index } => {
                if let Some(i) = options.iter().position(|c| c.code == value || c.label.zh == value) {
                    *index = i;
                }
            }
            _ => self.input = Input::new(value.to_string()),
        }
    }
}

/// What a key did to the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormEvent {
    /// Nothing the caller must act on (focus moved, or the key was ignored).
    None,
    /// The typed content changed: save the draft.
    Changed,
    /// Ctrl+S (or Enter on the last field): validate and save.
    Submit,
    /// Esc: close the form; the draft stays.
    Close,
}

#[derive(Debug, Clone)]
pub struct Form {
    pub fields: Vec<Field>,
    pub focus: usize,
    /// The last validation or save error, shown under the form; the typing is kept.
    pub error: Option<String>,
    /// A one-off notice shown instead of the help line (e.g. "draft restored"), cleared by typing.
    pub notice: Option<String>,
    /// The help line under the form.
    pub help: Words,
    /// What Esc does, for the key hints.
    pub esc: Words,
    /// Values filled in by the program (e.g. 获知时间 = when the form opened): not the officer's typing.
    pub prefilled: HashMap<FieldKey, String>,
}

fn input_request(key: &KeyEvent) -> Option<InputRequest> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    Some(match key.code {
        KeyCode::Char('a') if ctrl => InputRequest::GoToStart,
        KeyCode::Char('e') if ctrl => InputRequest::GoToEnd,
        KeyCode::Char('u') if ctrl => InputRequest::DeleteLine,
        KeyCode::Char('w') if ctrl => InputRequest::DeletePrevWord,
        KeyCode::Char('k') if ctrl => InputRequest::DeleteTillEnd,
        KeyCode::Char(_) if ctrl => return None,
        KeyCode::Char(c) => InputRequest::InsertChar(c),
        KeyCode::Backspace => InputRequest::DeletePrevChar,
        KeyCode::Delete => InputRequest::DeleteNextChar,
        KeyCode::Left => InputRequest::GoToPrevChar,
        KeyCode::Right => InputRequest::GoToNextChar,
        KeyCode::Home => InputRequest::GoToStart,
        KeyCode::End => InputRequest::GoToEnd,
        _ => return None,
    })
}

impl Form {
    /// A form whose guidance says what `*` means and, when it asks for a time, how to type one; a
    /// form with more to say sets its own ([`Form::with_help`]).
    pub fn new(fields: Vec<Field>) -> Form {
        let timed = fields.iter().any(|f| matches!(f.kind, FieldKind::Time));
        Form {
            fields,
            focus: 0,
            error: None,
            notice: None,
            help: if timed { forms::REQUIRED_EMPTY_TIME_NOW } else { forms::REQUIRED },
            esc: forms::CANCEL,
            prefilled: HashMap::new(),
        }
    }

    /// Sets the help line and the meaning of Esc.
    pub fn with_help(mut self, help: Words, esc: Words) -> Form {
        self.help = help;
        self.esc = esc;
        self
    }

    pub fn field(&self, key: FieldKey) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    pub fn field_mut(&mut self, key: FieldKey) -> Option<&mut Field> {
        self.fields.iter_mut().find(|f| f.key == key)
    }

    pub fn value(&self, key: FieldKey) -> String {
        self.field(key).map(Field::value).unwrap_or_default()
    }

    pub fn set(&mut self, key: FieldKey, value: &str) {
        if let Some(f) = self.field_mut(key) {
            f.set_value(value);
        }
    }

    /// Moves focus to the named field (after a validation error names it).
    pub fn focus_on(&mut self, key: FieldKey) {
        if let Some(i) = self.fields.iter().position(|f| f.key == key) {
            self.focus = i;
        }
    }

    /// All values by key code: what the draft file keeps (its format predates [`FieldKey`]).
    pub fn values(&self) -> BTreeMap<String, String> {
        self.fields.iter().map(|f| (f.key.code().to_string(), f.value())).collect()
    }

    /// Fills the fields from a draft's values by key code; codes no field has are ignored.
    pub fn restore(&mut self, values: &BTreeMap<String, String>) {
        for f in &mut self.fields {
            if let Some(v) = values.get(f.key.code()) {
                f.set_value(v);
            }
        }
    }

    fn next(&mut self) {
        self.focus = (self.focus + 1) % self.fields.len().max(1);
    }

    fn prev(&mut self) {
        let n = self.fields.len().max(1);
        self.focus = (self.focus + n - 1) % n;
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> FormEvent {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => return FormEvent::Close,
            KeyCode::Char('s') if ctrl => return FormEvent::Submit,
            KeyCode::F(2) => return FormEvent::Submit,
            KeyCode::Tab => {
                self.next();
                return FormEvent::None;
            }
            KeyCode::BackTab => {
                self.prev();
                return FormEvent::None;
            }
            _ => {}
        }
        let last = self.focus + 1 == self.fields.len();
        let Some(field) = self.fields.get_mut(self.focus) else { return FormEvent::None };
        match &mut field.kind {
            FieldKind::Multi(area) => {
                // Enter makes a new line here; Tab leaves the field.
                if area.input(key) { FormEvent::Changed } else { FormEvent::None }
            }
            FieldKind::Choice { options, index } => match key.code {
                KeyCode::Left => {
                    *index = (*index + options.len() - 1) % options.len().max(1);
                    FormEvent::Changed
                }
                KeyCode::Right | KeyCode::Char(' ') => {
                    *index = (*index + 1) % options.len().max(1);
                    FormEvent::Changed
                }
                KeyCode::Char(c) if c.is_ascii_digit() => {
                    let n = c.to_digit(10).unwrap_or(0) as usize;
                    if (1..=options.len()).contains(&n) {
                        *index = n - 1;
                        FormEvent::Changed
                    } else {
                        FormEvent::None
                    }
                }
                KeyCode::Enter | KeyCode::Down => {
                    if last && key.code == KeyCode::Enter {
                        return FormEvent::Submit;
                    }
                    self.next();
                    FormEvent::None
                }
                KeyCode::Up => {
                    self.prev();
                    FormEvent::None
                }
                _ => FormEvent::None,
            },
            _ => match key.code {
                KeyCode::Enter | KeyCode::Down => {
                    if last && key.code == KeyCode::Enter {
                        return FormEvent::Submit;
                    }
                    self.next();
                    FormEvent::None
                }
                KeyCode::Up => {
                    self.prev();
                    FormEvent::None
                }
                _ => match input_request(&key).and_then(|r| field.input.handle(r)) {
                    Some(changed) if changed.value => FormEvent::Changed,
                    _ => FormEvent::None,
                },
            },
        }
    }

    /// True when any field holds typing (the quit prompt asks first).
    pub fn has_typing(&self) -> bool {
        self.fields.iter().any(|f| match &f.kind {
            FieldKind::Choice { .. } => false,
            _ => {
                let v = f.value();
                !v.trim().is_empty() && self.prefilled.get(&f.key) != Some(&v)
            }
        })
    }

    /// Records the current values as the program's own, so they do not count as typing.
    pub fn mark_prefilled(&mut self) {
        self.prefilled = self.fields.iter().map(|f| (f.key, f.value())).collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> Form {
        Form::new(vec![
            Field::text(FieldKey::Title, forms::intake::TITLE).required(),
            Field::choice(
                FieldKey::Grade,
                forms::intake::GRADE,
                vec![Choice::fixed("I", text::codes::grade::I), Choice::fixed("II", text::codes::grade::II)],
                0,
            ),
            Field::multi(FieldKey::Summary, forms::facts::SUMMARY),
        ])
    }

    fn k(code: KeyCode) -> KeyEvent {
        KeyEvent::from(code)
    }

    #[test]
    fn typing_chinese_and_moving_between_fields() {
        let mut f = form();
        for c in "山体滑坡".chars() {
            assert_eq!(f.handle_key(k(KeyCode::Char(c))), FormEvent::Changed);
        }
        assert_eq!(f.value(FieldKey::Title), "山体滑坡");
        assert_eq!(f.fields[0].input.visual_cursor(), 8, "wide characters take two columns");
        f.handle_key(k(KeyCode::Enter));
        f.handle_key(k(KeyCode::Right));
        assert_eq!(f.value(FieldKey::Grade), "II");
        f.handle_key(k(KeyCode::Tab));
        for c in "第一行".chars() {
            f.handle_key(k(KeyCode::Char(c)));
        }
        f.handle_key(k(KeyCode::Enter));
        f.handle_key(k(KeyCode::Char('2')));
        assert_eq!(f.value(FieldKey::Summary), "第一行\n2");
        let saved = f.values();
        // The draft file keeps the key codes of earlier versions, so their drafts still restore.
        assert_eq!(saved.keys().map(String::as_str).collect::<Vec<_>>(), ["grade", "summary", "title"]);
        let mut g = form();
        g.restore(&saved);
        assert_eq!(g.values(), saved);
        assert!(g.has_typing());
    }

    #[test]
    fn ctrl_s_submits_and_esc_closes() {
        let mut f = form();
        assert_eq!(f.handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)), FormEvent::Submit);
        assert_eq!(f.handle_key(k(KeyCode::Esc)), FormEvent::Close);
    }
}
