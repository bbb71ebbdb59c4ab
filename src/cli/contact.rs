//! `dutywatch contact list|add|edit|verify`: the directory that reports and escalations pick from.

use crate::ops::people::{self, Target};
use chrono::NaiveDate;

use super::args::{ContactCmd, ContactEdit, ContactFields};
use super::out::outln;
use super::{CliError, CliResult, Ctx, print_json};
use crate::domain::directory::Contact;
use crate::store::Store;
use crate::store::contact::ContactRow;
use text::Label;
use text::cli::people as w;

fn date(flag: &str, v: &str) -> Result<NaiveDate, CliError> {
    NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d")
        .map_err(|_| CliError::Fail(format!("--{flag}: `{v}` is not a date YYYY-MM-DD")))
}

fn find(store: &Store, who: &str) -> Result<ContactRow, CliError> {
    let all = store.contacts()?;
    if let Some(c) = all.iter().find(|c| c.contact.name == who.trim()) {
        return Ok(c.clone());
    }
    let names: Vec<String> = all.into_iter().map(|c| c.contact.name).collect();
    Err(CliError::Fail(format!("no contact named `{who}`; known: {}", names.join(", "))))
}

pub fn run(ctx: &Ctx, cmd: &ContactCmd) -> CliResult {
    let today = ctx.now().with_timezone(&ctx.unit.timezone).date_naive();
    match cmd {
        ContactCmd::List(j) => {
            let store = ctx.open()?;
            let rows = store.contacts()?;
            if j.json {
                return print_json(&rows);
            }
            for c in rows {
                let stale = (today - c.contact.last_verified).num_days() > i64::from(ctx.unit.contact_stale_days);
                outln!(
                    "{} {} {} {} {} {}{}{}",
                    text::pad(c.contact.level.label(ctx.lang), 14),
                    text::pad(&c.contact.name, 20),
                    text::pad(&c.contact.phone, 16),
                    text::pad(&c.contact.fax, 16),
                    c.contact.last_verified,
                    c.contact.org,
                    if stale { w::TO_VERIFY.get(ctx.lang) } else { "" },
                    if c.active { "" } else { w::INACTIVE.get(ctx.lang) }
                )?;
            }
            Ok(())
        }
        ContactCmd::Add(f) => add(ctx, f, today),
        ContactCmd::Edit { who, fields } => edit(ctx, who, fields),
        ContactCmd::Verify { who } => {
            let mut store = ctx.open_rw()?;
            let row = find(&store, who)?;
            let actor = ctx.actor(&store)?;
            let c = Contact { last_verified: today, ..row.contact.clone() };
            let target = Target::Existing { id: row.id, version: row.version };
            people::save_contact(&mut store, target, &c, row.active, ctx.now(), &actor)?;
            super::out::saved(format!("contact {} (id {})", c.name, row.id));
            outln!("{} {} {today}", w::VERIFIED.get(ctx.lang), c.name)?;
            Ok(())
        }
    }
}

fn add(ctx: &Ctx, f: &ContactFields, today: NaiveDate) -> CliResult {
    let c = Contact {
        name: f.name.trim().to_string(),
        level: f.level,
        org: f.org.clone(),
        phone: f.phone.clone(),
        fax: f.fax.clone(),
        last_verified: match &f.verified {
            Some(v) => date("verified", v)?,
            None => today,
        },
    };
    let mut store = ctx.open_rw()?;
    let actor = ctx.actor(&store)?;
    let row = people::save_contact(&mut store, Target::New, &c, true, ctx.now(), &actor)?;
    super::out::saved(format!("contact {} (id {})", row.contact.name, row.id));
    outln!("{} {} ({})", w::ADDED.get(ctx.lang), row.contact.name, row.id)?;
    Ok(())
}

fn edit(ctx: &Ctx, who: &str, f: &ContactEdit) -> CliResult {
    let mut store = ctx.open_rw()?;
    let row = find(&store, who)?;
    let old = &row.contact;
    let c = Contact {
        name: f.name.clone().unwrap_or(old.name.clone()),
        level: match &f.level {
            Some(l) => *l,
            None => old.level,
        },
        org: f.org.clone().unwrap_or(old.org.clone()),
        phone: f.phone.clone().unwrap_or(old.phone.clone()),
        fax: f.fax.clone().unwrap_or(old.fax.clone()),
        last_verified: match &f.verified {
            Some(v) => date("verified", v)?,
            None => old.last_verified,
        },
    };
    let actor = ctx.actor(&store)?;
    let target = Target::Existing { id: row.id, version: row.version };
    let row = people::save_contact(&mut store, target, &c, f.active.unwrap_or(row.active), ctx.now(), &actor)?;
    super::out::saved(format!("contact {} (id {})", row.contact.name, row.id));
    outln!("{} {}", w::UPDATED.get(ctx.lang), row.contact.name)?;
    Ok(())
}
