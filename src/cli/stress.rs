//! `dutywatch stress-writer --count N --tag T` (hidden): N incident saves through the real code path
//! (`ops::incident::add`, the same as `incident add` and the intake form), printing each new id on
//! stdout only after its commit has returned, one flushed line per save. The crash test
//! (`tests/it/crash.rs`) kills these processes with SIGKILL and matches the printed ids against the file.

use std::io::Write;

use clap::Args;

use super::{CliError, CliResult, Ctx};
use crate::domain::{Category, Grade};
use crate::ops;
use crate::store::incident::IncidentInput;

#[derive(Debug, Args)]
pub struct StressArgs {
    /// How many incidents to save.
    #[arg(long)]
    pub count: u32,
    /// Put into each title, to tell writers apart.
    #[arg(long, default_value = "stress")]
    pub tag: String,
}

pub fn run(ctx: &Ctx, args: &StressArgs) -> CliResult {
    let mut store = ctx.open_rw()?;
    let book = ctx.book(&store)?;
    let actor = ctx.actor(&store)?;
    let op = ctx.op(&book, &actor);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let categories = [Category::Natural, Category::Accident, Category::Health, Category::Social];
    let grades = [Grade::I, Grade::II, Grade::III, Grade::IV, Grade::Unknown];
    for n in 0..args.count {
        let k = n as usize;
        let input = IncidentInput {
            title: format!("{} #{n}", args.tag),
            category: Some(categories[k % categories.len()]),
            grade: Some(grades[k % grades.len()]),
            place: format!("{} 测试点", args.tag),
            summary: "stress".into(),
            ..IncidentInput::default()
        };
        let incident = ops::incident::add(&mut store, &op, &input)?;
        writeln!(out, "{}", incident.id).and_then(|_| out.flush()).map_err(|e| CliError::Fail(e.to_string()))?;
    }
    Ok(())
}
