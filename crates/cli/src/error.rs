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
    /// A report the audit cannot read (names the line or JSON path).
    #[error(transparent)]
    Diagnose(#[from] cookie_admin_diagnose::Error),
    #[error("cannot read {}: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
    /// A configuration or catalog file that does not parse or breaks a rule: the file, then
    /// the core's message with the field's path.
    #[error("{}: {source}", path.display())]
    InFile {
        path: PathBuf,
        source: cookie_admin_core::Error,
    },
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
        // One line, nothing a terminal would act on, and no value repeated whole.
        let line = self.to_string().replace(['\n', '\r'], " ");
        let line = crate::output::visible(&line);
        let line = clip(&line);
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

/// The longest error line printed; values in messages are already shortened, this bounds the
/// rest (a path, a list of names).
const MAX_ERROR_CHARS: usize = 1_500;

fn clip(line: &str) -> std::borrow::Cow<'_, str> {
    match line.char_indices().nth(MAX_ERROR_CHARS) {
        None => std::borrow::Cow::Borrowed(line),
        Some((cut, _)) => std::borrow::Cow::Owned(format!(
            "{}…({} more bytes)",
            &line[..cut],
            line.len() - cut
        )),
    }
}
