//! The `dutywatch` binary: parse the command line, then hand over to a CLI command or the board.

use std::process::ExitCode;

use dutywatch::cli::{self, Cli, Command};

fn main() -> ExitCode {
    let _ = dutywatch::runtime::STARTED.set(std::time::Instant::now());
    dutywatch::runtime::signals::ignore_file_size_limit_signal();
    // The signal thread ends the process through this when the board's loop is stuck (the only
    // `process::exit` in the program lives here, in `main`).
    dutywatch::runtime::signals::set_exit(exit_with);
    let cli = match cli::parse_args() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    cli::finish(run(&cli))
}

/// Ends the process with `code` at once (the signal thread's last resort, see `set_exit`).
fn exit_with(code: i32) -> ! {
    std::process::exit(code)
}

fn run(cli: &Cli) -> cli::CliResult {
    let mut ctx = cli::context(cli)?;
    // The global --at: review for a read command, refused for any other (issue 16).
    cli::review::gate(cli, &mut ctx)?;
    let ctx = ctx;
    match &cli.command {
        None => match &cli.at {
            Some(at) => dutywatch::runtime::review::run_review(&ctx, at),
            None => dutywatch::runtime::run_board(&ctx),
        },
        Some(Command::Init) => cli::admin::init(&ctx),
        Some(Command::Demo(args)) => {
            cli::demo::build(&ctx, args.reset)?;
            if args.no_board { Ok(()) } else { dutywatch::runtime::run_board(&ctx) }
        }
        Some(Command::Person(cmd)) => cli::person::run(&ctx, cmd),
        Some(Command::Roster(cmd)) => cli::roster::run(&ctx, cmd),
        Some(Command::Check(a)) => cli::admin::check(&ctx, a),
        Some(Command::Backup { path, force }) => cli::admin::backup(&ctx, path, *force),
        Some(Command::Incident(cmd)) => cli::incident::run(&ctx, cmd),
        Some(Command::Escalate(a)) => cli::escalation::escalate(&ctx, a),
        Some(Command::Ack(a)) => cli::escalation::ack(&ctx, a),
        Some(Command::Export(cmd)) => cli::export::run(&ctx, cmd),
        Some(Command::Contact(cmd)) => cli::contact::run(&ctx, cmd),
        Some(Command::StressWriter(a)) => cli::stress::run(&ctx, a),
        Some(Command::Log(cmd)) => cli::log::run(&ctx, cmd),
        Some(Command::Handover(cmd)) => cli::handover::run(&ctx, cmd),
        Some(Command::Stats(a)) => cli::stats::run(&ctx, a),
        Some(Command::Task(cmd)) => cli::task::run(&ctx, cmd),
        Some(Command::Duty(cmd)) => cli::duty::run(&ctx, cmd),
        Some(Command::Report(cmd)) => cli::report::run(&ctx, cmd),
        Some(Command::Link(cmd)) => cli::link::run(&ctx, cmd),
    }
}
