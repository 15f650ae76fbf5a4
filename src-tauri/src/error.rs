//! The shell's one error type. It wraps the core's and the store's errors and crosses the
//! IPC boundary as `{ "kind": "...", "message": "..." }` so the UI can switch on `kind`.

use serde::ser::SerializeStruct;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ShellError {
    #[error(transparent)]
    Core(#[from] cookie_admin_core::Error),
    #[error(transparent)]
    Store(#[from] cookie_admin_store::Error),
    /// A report the audit cannot read (names the line or JSON path).
    #[error(transparent)]
    Diagnose(#[from] cookie_admin_diagnose::Error),
    /// A catalog file that does not parse or breaks a rule: the file, then the core's message
    /// with the field's path (what the CLI's `--catalog` prints). Its kind is the core's.
    #[error("{path}: {source}")]
    InFile {
        path: String,
        source: cookie_admin_core::Error,
    },
    /// The app's database could not be opened at start; the message says why.
    #[error("no database is open: {0}")]
    NoDatabase(String),
    /// Undo asked for when there is nothing to undo.
    #[error("{0}")]
    NothingToUndo(String),
    /// A confirmation (apply a catalog) without the step before it (load and preview).
    #[error("{0}")]
    NothingPending(String),
    #[error("{path}: {message}")]
    Io { path: String, message: String },
    #[error("settings: {0}")]
    Settings(String),
    #[error("{0}")]
    Tauri(#[from] tauri::Error),
    /// A page or HAR the site check cannot read (its kind from the diagnostics crate:
    /// `diagnose_format`, `diagnose_read`, `cancelled`), with the file named.
    #[error("{1}")]
    SiteCheck(&'static str, String),
}

impl ShellError {
    pub fn kind(&self) -> &'static str {
        match self {
            ShellError::Core(e) => e.kind(),
            ShellError::InFile { source, .. } => source.kind(),
            ShellError::Store(e) => e.kind(),
            ShellError::Diagnose(e) => e.kind(),
            ShellError::NoDatabase(_) => "no_database",
            ShellError::NothingToUndo(_) => "nothing_to_undo",
            ShellError::NothingPending(_) => "nothing_pending",
            ShellError::Io { .. } => "io",
            ShellError::Settings(_) => "settings",
            ShellError::Tauri(_) => "shell",
            ShellError::SiteCheck(kind, _) => kind,
        }
    }

    pub fn io(path: &std::path::Path, error: impl std::fmt::Display) -> ShellError {
        ShellError::Io {
            path: path.display().to_string(),
            message: error.to_string(),
        }
    }
}

impl serde::Serialize for ShellError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("ShellError", 2)?;
        s.serialize_field("kind", self.kind())?;
        s.serialize_field("message", &self.to_string())?;
        s.end()
    }
}

pub type ShellResult<T> = Result<T, ShellError>;
