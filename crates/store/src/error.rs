//! The one error type of the store crate.

use std::path::Path;

use cookie_admin_core::quote;

/// Everything that can go wrong in the store. Messages name the file, the record (account and
/// version) and the field where the user can act on them, so they can be shown as they are.
///
/// At the app boundary the shell serialises an error as `{kind, message}`: [`Error::kind`] is
/// the stable, machine-readable part.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A database or file operation failed at the SQLite level.
    #[error("database: {0}")]
    Database(#[from] rusqlite::Error),
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// The database was written by a newer build of the app. It was not touched.
    #[error("{path}: the database has schema version {found}, this build knows up to {supported}; update the app to open it (the file was not changed)")]
    NewerSchema {
        path: String,
        found: i64,
        supported: i64,
    },
    /// The file is not an SQLite database this app can read (wrong header, truncated, damaged).
    #[error("{path}: not a readable Cookie Admin database: {message}")]
    NotADatabase { path: String, message: String },
    /// An SQLite database, but not one of ours (other tables, views, a foreign schema). It was
    /// neither written nor read further.
    #[error(
        "{path}: an SQLite database, but not a Cookie Admin database ({found}); it was not changed"
    )]
    ForeignDatabase { path: String, found: String },
    /// The path is a FIFO, a device, a directory: never opened, so nothing waits or breaks.
    #[error("{path}: not a regular file ({what})")]
    NotAFile { path: String, what: &'static str },
    /// An export or save would write over the database being read (or one of its side
    /// files). Nothing was written.
    #[error("{path}: is the database being read ({database}) or one of its side files; choose another file (nothing was written)")]
    OutputIsDatabase { path: String, database: String },
    /// An import file (bundle or database) with bad content: malformed JSON, a wrong type, an
    /// unknown field, a value that breaks a rule. Names the file, the record and the field.
    #[error("{path}: {record}: field {field}: {message}")]
    BadInput {
        path: String,
        record: String,
        field: String,
        message: String,
    },
    /// No account of that name.
    #[error("no account named {}", quote(.name))]
    AccountNotFound { name: String },
    /// The account has no such version.
    #[error("account {} has no version {version}", quote(.account))]
    VersionNotFound { account: String, version: i64 },
    /// Another account already has that name.
    #[error("an account named {} already exists", quote(.name))]
    AccountExists { name: String },
    /// An import found accounts that already exist and no choice was made for them.
    #[error("already in the database: {}; choose to skip, replace or rename them; nothing was imported", quote_list(.names))]
    DuplicateAccounts { names: Vec<String> },
    /// A name, author or other argument the caller passed is not usable.
    #[error("{field}: {message}")]
    InvalidArgument { field: String, message: String },
    /// A write on a store opened read-only (review mode).
    #[error("this database is open read-only (review mode); nothing was written")]
    ReadOnly,
    /// An error from the domain core (configuration, catalog, derivations).
    #[error(transparent)]
    Core(#[from] cookie_admin_core::Error),
}

impl Error {
    /// A short, stable machine-readable name for the variant, used as `kind` at the IPC boundary.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Database(e) if is_busy(e) => "database_busy",
            Error::Database(_) => "database",
            Error::Io { .. } => "io",
            Error::NewerSchema { .. } => "newer_schema",
            Error::NotADatabase { .. } => "not_a_database",
            Error::ForeignDatabase { .. } => "foreign_database",
            Error::NotAFile { .. } => "not_a_file",
            Error::OutputIsDatabase { .. } => "output_is_database",
            Error::BadInput { .. } => "bad_input",
            Error::AccountNotFound { .. } => "account_not_found",
            Error::VersionNotFound { .. } => "version_not_found",
            Error::AccountExists { .. } => "account_exists",
            Error::DuplicateAccounts { .. } => "duplicate_accounts",
            Error::InvalidArgument { .. } => "invalid_argument",
            Error::ReadOnly => "read_only",
            Error::Core(e) => e.kind(),
        }
    }

    pub(crate) fn io(path: &Path, source: std::io::Error) -> Error {
        Error::Io {
            path: path.display().to_string(),
            source,
        }
    }

    pub(crate) fn invalid(field: &str, message: impl Into<String>) -> Error {
        Error::InvalidArgument {
            field: field.to_string(),
            message: message.into(),
        }
    }
}

/// Names in quotes, at most ten of them (then how many more).
fn quote_list(names: &[String]) -> String {
    let mut out: Vec<String> = names.iter().take(10).map(|n| quote(n)).collect();
    if names.len() > 10 {
        out.push(format!("and {} more", names.len() - 10));
    }
    out.join(", ")
}

pub(crate) fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
