//! `dutywatch person add|edit|list`.

use super::args::{PersonCmd, PersonEdit, PersonFields};
use super::out::outln;
use super::{CliError, CliResult, Ctx, print_json};
use crate::domain::{Person, Role};
use crate::ops::people::{self, Target};
use crate::store::{Store, person::PersonInput};
use text::Label;
use text::cli::people as w;

fn parse_roles(raw: &[String]) -> Result<Vec<Role>, CliError> {
    let mut roles = Vec::new();
    for r in raw.iter().map(|r| r.trim()).filter(|r| !r.is_empty()) {
        let role: Role = r.parse().map_err(|e| CliError::Fail(format!("--roles: {e}")))?;
        if !roles.contains(&role) {
            roles.push(role);
        }
    }
    Ok(roles)
}

/// Finds a person by exact name or numeric id.
pub fn find_person(store: &Store, who: &str) -> Result<Person, CliError> {
    if let Some(p) = store.person_by_name(who)? {
        return Ok(p);
    }
    if let Ok(id) = who.trim().parse::<i64>()
        && let Some(p) = store.person(id)?
    {
        return Ok(p);
    }
    let known: Vec<String> = store.people()?.into_iter().map(|p| p.name).collect();
    Err(CliError::Fail(format!("no person named `{who}`; known: {}", known.join(", "))))
}

pub fn run(ctx: &Ctx, cmd: &PersonCmd) -> CliResult {
    match cmd {
        PersonCmd::Add(f) => add(ctx, f),
        PersonCmd::Edit { who, fields } => edit(ctx, who, fields),
        PersonCmd::List(j) => list(ctx, j.json),
        PersonCmd::Pin { who, by, pin_stdin } => super::pin::person_pin(ctx, who, by.as_deref(), *pin_stdin),
    }
}

fn add(ctx: &Ctx, f: &PersonFields) -> CliResult {
    let input = PersonInput {
        name: f.name.clone(),
        phone: f.phone.clone(),
        department: f.department.clone(),
        roles: parse_roles(&f.roles)?,
        active: !f.inactive,
    };
    let mut store = ctx.open_rw()?;
    let actor = ctx.actor(&store)?;
    let p = people::save_person(&mut store, Target::New, &input, ctx.now(), &actor)?;
    super::out::saved(format!("person {} (id {})", p.name, p.id));
    outln!("{} {} ({})", w::ADDED.get(ctx.lang), p.name, p.id)?;
    Ok(())
}

fn edit(ctx: &Ctx, who: &str, f: &PersonEdit) -> CliResult {
    let mut store = ctx.open_rw()?;
    let p = find_person(&store, who)?;
    // The version this edit is based on: a save by another terminal in between is refused.
    let read_version = match f.if_version {
        Some(v) => v,
        None => store.person_version(p.id)?,
    };
    let input = PersonInput {
        name: f.name.clone().unwrap_or(p.name.clone()),
        phone: f.phone.clone().unwrap_or(p.phone.clone()),
        department: f.department.clone().unwrap_or(p.department.clone()),
        roles: match &f.roles {
            Some(r) => parse_roles(r)?,
            None => p.roles.clone(),
        },
        active: f.active.unwrap_or(p.active),
    };
    let actor = ctx.actor(&store)?;
    let p = people::save_person(
        &mut store,
        Target::Existing { id: p.id, version: read_version },
        &input,
        ctx.now(),
        &actor,
    )?;
    super::out::saved(format!("person {} (id {})", p.name, p.id));
    outln!("{} {} ({})", w::UPDATED.get(ctx.lang), p.name, p.id)?;
    Ok(())
}

fn list(ctx: &Ctx, json: bool) -> CliResult {
    let store = ctx.open()?;
    let people = store.people()?;
    if json {
        return print_json(&people);
    }
    for p in people {
        let roles: Vec<&str> = p.roles.iter().map(|r| r.label(ctx.lang)).collect();
        let active = if p.active { "" } else { w::INACTIVE.get(ctx.lang) };
        outln!("{:>4}  {}  {}  {}  {}{}", p.id, p.name, p.phone, p.department, roles.join("/"), active)?;
    }
    Ok(())
}
