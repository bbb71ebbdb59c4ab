//! The log file: what went wrong that the officer was not shown (a draft not saved, a calendar that
//! did not load, a migration's duration) lands in `logs/` beside the database, one file a day, the
//! last 14 days kept. The screen and the command line never carry it: their output is a contract.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use tracing_appender::rolling::{RollingFileAppender, Rotation};

use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::fmt::writer::BoxMakeWriter;

/// How many daily files are kept before the oldest is removed.
pub const KEEP_DAYS: usize = 14;

/// The directory of the log files for a database: `logs/` beside it.
pub fn log_dir(db_path: &Path) -> PathBuf {
    db_path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).join("logs")
}

/// A log filter that does not parse: where it came from (`--log-level`, `DUTYWATCH_LOG`), what it
/// said, and the parser's reason.
#[derive(Debug, thiserror::Error)]
#[error("{source_name}: `{spec}` is not a log level or filter ({reason})")]
pub struct FilterError {
    pub source_name: &'static str,
    pub spec: String,
    pub reason: tracing_subscriber::filter::ParseError,
}

/// The filter: `--log-level`, else `$DUTYWATCH_LOG`, else `info`. A filter that does not parse is
/// an input error the caller reports.
pub fn filter(flag: Option<&str>) -> Result<EnvFilter, FilterError> {
    let (source, spec) = match flag {
        Some(f) => ("--log-level", f.to_string()),
        None => match std::env::var("DUTYWATCH_LOG") {
            Ok(v) if !v.trim().is_empty() => ("DUTYWATCH_LOG", v),
            _ => ("default", "info".to_string()),
        },
    };
    EnvFilter::builder().parse(&spec).map_err(|reason| FilterError { source_name: source, spec, reason })
}

/// Starts writing the log for `db_path`. The directory and the day's file are made at the first
/// line written, so a command that logs nothing (a refusal, a read) leaves nothing beside the
/// database. A directory that cannot be made (a read-only place) leaves the command without a log
/// file rather than failing it: the log is for the maintainer, the record is in the database.
pub fn init(db_path: &Path, filter: EnvFilter) {
    let lazy = LazyFile { dir: log_dir(db_path), file: OnceLock::new() };
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(BoxMakeWriter::new(lazy))
        .try_init();
}

/// The daily file, opened at the first line.
struct LazyFile {
    dir: PathBuf,
    file: OnceLock<Option<Mutex<RollingFileAppender>>>,
}

impl LazyFile {
    fn appender(&self) -> Option<&Mutex<RollingFileAppender>> {
        self.file
            .get_or_init(|| {
                std::fs::create_dir_all(&self.dir).ok()?;
                RollingFileAppender::builder()
                    .rotation(Rotation::DAILY)
                    .filename_prefix("dutywatch")
                    .filename_suffix("log")
                    .max_log_files(KEEP_DAYS)
                    .build(&self.dir)
                    .ok()
                    .map(Mutex::new)
            })
            .as_ref()
    }
}

/// One line's writer: a line that cannot be written is dropped.
struct LineWriter<'a>(&'a LazyFile);

impl std::io::Write for LineWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Some(file) = self.0.appender()
            && let Ok(mut f) = file.lock()
        {
            let _ = f.write_all(buf);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for LazyFile {
    type Writer = LineWriter<'a>;

    fn make_writer(&'a self) -> Self::Writer {
        LineWriter(self)
    }
}
