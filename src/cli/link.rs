//! `dutywatch link run | status | serve-config` (issue 20).

use std::path::PathBuf;
use std::sync::Arc;

use clap::Subcommand;

use super::out::outln;
use super::{CliError, CliResult, Ctx, print_json};
use crate::ui::text_link;

#[derive(Debug, Subcommand)]
pub enum LinkCmd {
    /// Work the outbox and the inbox until SIGTERM (for a room with no board open).
    Run,
    /// Connection, queued, last sent, last received, dead letters.
    Status {
        #[arg(long)]
        json: bool,
    },
    /// Write a nats-server config for a county's rooms (users and permissions); `--create` also makes the
    /// stream and the durable consumers on a running server, as the admin.
    ServeConfig {
        /// The rooms file (TOML): admin_password, replicas, and [[room]] code, password, upper.
        #[arg(long)]
        rooms: PathBuf,
        /// Where to write the config (default: stdout).
        #[arg(long, short)]
        output: Option<PathBuf>,
        #[arg(long, default_value = "0.0.0.0:4222")]
        listen: String,
        #[arg(long, default_value = "/var/lib/nats")]
        store_dir: String,
        /// Create the stream and the consumers on this server (nats://…) instead of writing the config.
        #[arg(long)]
        create: Option<String>,
    },
}

fn link_err(e: crate::link::LinkError) -> CliError {
    CliError::Fail(e.to_string())
}

pub fn run(ctx: &Ctx, cmd: &LinkCmd) -> CliResult {
    match cmd {
        LinkCmd::Run => {
            let link = ctx.unit.link.as_ref().ok_or_else(|| link_err(crate::link::LinkError::NotConfigured))?;
            // The credentials are checked before anything starts (mode 0600).
            link.load_credentials()?;
            let store = ctx.open_rw()?;
            let book = ctx.book(&store)?;
            drop(store);
            let setup = crate::link::Setup {
                db_path: ctx.db_path.clone(),
                unit: ctx.unit.clone(),
                book,
                clock: Arc::clone(&ctx.clock),
                lang: ctx.lang,
                holder: format!("link-run:{}", std::process::id()),
                create: true,
            };
            crate::link::run_until_signal(setup).map_err(link_err)
        }
        LinkCmd::Status { json } => {
            let link = ctx.unit.link.as_ref().ok_or_else(|| link_err(crate::link::LinkError::NotConfigured))?;
            let store = ctx.open()?;
            let s = crate::ops::link::status(&store, link, ctx.now())?;
            if *json {
                return print_json(&s);
            }
            for l in text_link::status_lines(&s, ctx.unit.timezone, ctx.lang) {
                outln!("{l}")?;
            }
            Ok(())
        }
        LinkCmd::ServeConfig { rooms, output, listen, store_dir, create } => {
            let text = crate::config::read_file(rooms)?;
            let parsed = crate::link::serve::parse_rooms(&text, &rooms.display().to_string())?;
            if let Some(server) = create {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .map_err(|e| CliError::Fail(e.to_string()))?;
                rt.block_on(crate::link::serve::create(&parsed, server)).map_err(link_err)?;
                outln!("{}", text_link::serve_created(server, parsed.rooms.len(), ctx.lang))?;
                return Ok(());
            }
            let config = crate::link::serve::server_config(&parsed, listen, store_dir);
            match output {
                Some(path) => {
                    std::fs::write(path, config).map_err(|e| CliError::Fail(format!("{}: {e}", path.display())))?;
                    outln!("{}", text_link::serve_written(&path.display().to_string(), parsed.rooms.len(), ctx.lang))?;
                    Ok(())
                }
                None => super::out::raw(&config),
            }
        }
    }
}
