//! The directory screen (`d` on the board): own leaders and upper duty rooms with phone, fax and
//! the date last verified. The officer edits an entry, adds one, or marks it verified today.

use chrono::NaiveDate;
use crossterm::event::KeyEvent;

use crate::keymap::{Action, Table};

use super::form::{Choice, Field, FieldKey, Form, FormEvent};
use super::{App, Cmd, Screen, Write};
use crate::domain::directory::Contact;
use crate::domain::safe_text::check_name;
use crate::domain::{Lang, Level};
use crate::store::contact::ContactRow;
use text::Describe;

#[derive(Debug, Clone, Default)]
pub struct DirectoryScreen {
    pub selected: usize,
    /// The open edit form: which contact (None = a new one), its version, the form.
    pub editing: Option<(Option<i64>, i64, Box<Form>)>,
}

fn contact_form(c: Option<&ContactRow>, today: NaiveDate) -> Form {
    use text::console::forms::{self, directory as words};
    let levels = super::intake::choices(Level::ALL, |l| l.code());
    let yes_no = vec![Choice::fixed("yes", words::ACTIVE), Choice::fixed("no", forms::INACTIVE)];
    let mut f = Form::new(vec![
        Field::text(FieldKey::Name, words::NAME).required(),
        Field::choice(FieldKey::Level, words::LEVEL, levels, 3).required(),
        Field::text(FieldKey::Org, words::ORG),
        Field::text(FieldKey::Phone, forms::PHONE),
        Field::text(FieldKey::Fax, forms::FAX),
        Field::text(FieldKey::Verified, words::VERIFIED).required(),
        Field::choice(FieldKey::Active, forms::STATUS, yes_no, 0),
    ]);
    match c {
        Some(c) => {
            f.set(FieldKey::Name, &c.contact.name);
            f.set(FieldKey::Level, c.contact.level.code());
            f.set(FieldKey::Org, &c.contact.org);
            f.set(FieldKey::Phone, &c.contact.phone);
            f.set(FieldKey::Fax, &c.contact.fax);
            f.set(FieldKey::Verified, &c.contact.last_verified.format("%Y-%m-%d").to_string());
            f.set(FieldKey::Active, if c.active { "yes" } else { "no" });
        }
        None => f.set(FieldKey::Verified, &today.format("%Y-%m-%d").to_string()),
    }
    f
}

fn from_form(f: &Form, lang: Lang) -> Result<(Contact, bool), (FieldKey, String)> {
    // The same check the store makes, here so the form can point at the field and keep the typing.
    let name = check_name(&f.value(FieldKey::Name)).map_err(|e| (FieldKey::Name, e.describe(lang)))?;
    let verified = NaiveDate::parse_from_str(f.value(FieldKey::Verified).trim(), "%Y-%m-%d")
        .map_err(|_| (FieldKey::Verified, "YYYY-MM-DD".to_string()))?;
    let level = f.value(FieldKey::Level).parse::<Level>().map_err(|e| (FieldKey::Level, e.to_string()))?;
    Ok((
        Contact {
            name,
            level,
            org: f.value(FieldKey::Org),
            phone: f.value(FieldKey::Phone),
            fax: f.value(FieldKey::Fax),
            last_verified: verified,
        },
        f.value(FieldKey::Active) != "no",
    ))
}

pub fn on_key(app: &mut App, key: KeyEvent) -> Vec<Cmd> {
    let today = app.now.with_timezone(&app.unit.timezone).date_naive();
    let read_only = app.read_only;
    let lang = app.lang;
    let len = app.data.contacts.len();
    let Screen::Directory(screen) = &mut app.screen else { return vec![] };
    if let Some((id, version, form)) = &mut screen.editing {
        return match form.handle_key(key) {
            FormEvent::Close => {
                screen.editing = None;
                vec![]
            }
            FormEvent::Submit => match from_form(form, lang) {
                Ok((contact, active)) => {
                    vec![Cmd::Write(Write::SaveContact {
                        id: *id,
                        version: *version,
                        contact: Box::new(contact),
                        active,
                    })]
                }
                Err((field, msg)) => {
                    form.focus_on(field);
                    form.error = Some(format!("{field}: {msg}"));
                    vec![Cmd::Bell]
                }
            },
            FormEvent::Changed => {
                form.error = None;
                vec![]
            }
            FormEvent::None => vec![],
        };
    }
    // What a key means comes from the directory's table (keys.toml [directory]).
    let Some(action) = app.keymap.action(Table::Directory, &key) else { return vec![] };
    match action {
        Action::Back => {
            app.screen = Screen::Board;
            vec![]
        }
        Action::Help => super::keys::open_help(app),
        Action::Down => {
            screen.selected = (screen.selected + 1).min(len.saturating_sub(1));
            vec![]
        }
        Action::Up => {
            screen.selected = screen.selected.saturating_sub(1);
            vec![]
        }
        Action::Edit if !read_only => {
            let row = app.data.contacts.get(screen.selected).cloned();
            if let Some(row) = row {
                screen.editing = Some((Some(row.id), row.version, Box::new(contact_form(Some(&row), today))));
            }
            vec![]
        }
        Action::Add if !read_only => {
            screen.editing = Some((None, 0, Box::new(contact_form(None, today))));
            vec![]
        }
        Action::Verify if !read_only => match app.data.contacts.get(screen.selected) {
            Some(row) => {
                let contact = Contact { last_verified: today, ..row.contact.clone() };
                vec![Cmd::Write(Write::SaveContact {
                    id: Some(row.id),
                    version: row.version,
                    contact: Box::new(contact),
                    active: row.active,
                })]
            }
            None => vec![],
        },
        _ => vec![],
    }
}

/// Called after a save: the edit form closes.
pub fn saved(app: &mut App) {
    if let Screen::Directory(screen) = &mut app.screen {
        screen.editing = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The contact form refuses what the store refuses, naming the field, so the form can keep the
    /// typing; a good name comes back NFC.
    #[test]
    fn the_form_checks_the_name_like_the_store() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
        let mut f = contact_form(None, today);
        f.set(FieldKey::Phone, "0851-1");
        f.set(FieldKey::Name, "县应急局\u{202e}值班室");
        let (field, msg) = from_form(&f, Lang::En).expect_err("bidi refused");
        assert_eq!(field, FieldKey::Name);
        assert!(msg.contains("U+202E"), "{msg}");
        f.set(FieldKey::Name, "县\u{200b}应急局");
        let (_, msg) = from_form(&f, Lang::Zh).expect_err("zero width refused");
        assert!(msg.contains("U+200B") && msg.contains("零宽"), "{msg}");
        f.set(FieldKey::Name, " Cafe\u{301} ");
        let (c, _) = from_form(&f, Lang::En).expect("a good name");
        assert_eq!(c.name, "Caf\u{e9}");
    }
}
