//! The CLI's error type: everything that stops a command from running.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit status when a command cannot run (bad input, unreadable file). Same as clap's usage errors.
pub const EXIT_FAILURE: u8 = 2;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CliError {
    /// Invalid catalog or configuration, unknown feature or CMP id.
    #[error(transparent)]
    Core(#[from] cookie_admin_core::Error),
    /// A database, import or export problem (names the file, record and field).
    #[error(transparent)]
    Store(#[from] cookie_admin_store::Error),
    #[error("cannot read {}: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
    /// An input that reads but is not what the command takes (says what it is instead).
    #[error("{}: {message}", path.display())]
    Input { path: PathBuf, message: String },
    /// Arguments that clap accepts but that make no sense together.
    #[error("{0}")]
    Usage(String),
    #[error("cannot write output: {0}")]
    Write(#[from] io::Error),
    #[error("cannot write CSV: {0}")]
    Csv(#[from] csv::Error),
}

impl CliError {
    /// Print the error as one line on standard error and return the exit status. A closed
    /// output pipe (`| head`) is not an error.
    pub fn report(&self) -> ExitCode {
        if self.is_broken_pipe() {
            return ExitCode::SUCCESS;
        }
        let line = self.to_string().replace(['\n', '\r'], " ");
        let _ = writeln!(io::stderr(), "error: {line}");
        ExitCode::from(EXIT_FAILURE)
    }

    fn is_broken_pipe(&self) -> bool {
        match self {
            CliError::Write(e) => e.kind() == io::ErrorKind::BrokenPipe,
            CliError::Csv(e) => match e.kind() {
                csv::ErrorKind::Io(e) => e.kind() == io::ErrorKind::BrokenPipe,
                _ => false,
            },
            _ => false,
        }
    }
}
