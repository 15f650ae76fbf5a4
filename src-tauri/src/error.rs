//! The shell's one error type. It wraps the core's and the store's errors and crosses the
//! IPC boundary as `{ "kind": "...", "message": "...", "params": {...} }`: the window turns
//! `kind` into a sentence in the user's language (ui/locales, `error.<kind>`), fills it with
//! `params` (the account, file or field concerned, as plain strings) and keeps `message`, the
//! technical text in English, behind a "Details" toggle.

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
    /// The live consent preview could not start or show a scene (its local server).
    #[error("consent preview: {0}")]
    Preview(String),
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
            ShellError::Preview(_) => "preview",
        }
    }

    /// What the window's sentence for this kind names: `name`, `path`, `field`, ... as strings,
    /// and `names` (duplicate accounts) as a list the window joins in its language.
    pub fn params(&self) -> serde_json::Map<String, serde_json::Value> {
        use cookie_admin_core::Error as Core;
        use cookie_admin_store::Error as Store;
        let pairs: Vec<(&str, String)> = match self {
            ShellError::Store(error) => match error {
                Store::Io { path, .. }
                | Store::NewerSchema { path, .. }
                | Store::NotADatabase { path, .. }
                | Store::ForeignDatabase { path, .. }
                | Store::NotAFile { path, .. }
                | Store::OutputIsDatabase { path, .. } => vec![("path", path.clone())],
                Store::BadInput {
                    path,
                    record,
                    field,
                    ..
                } => vec![
                    ("path", path.clone()),
                    ("record", record.clone()),
                    ("field", field.clone()),
                ],
                Store::AccountNotFound { name } | Store::AccountExists { name } => {
                    vec![("name", name.clone())]
                }
                Store::VersionNotFound { account, version } => {
                    vec![("name", account.clone()), ("version", version.to_string())]
                }
                Store::DuplicateAccounts { names } => {
                    return [("names".to_string(), serde_json::Value::from(names.clone()))]
                        .into_iter()
                        .collect();
                }
                Store::InvalidArgument { field, .. } => vec![("field", field.clone())],
                Store::Core(core) => core_params(core),
                _ => Vec::new(),
            },
            ShellError::Core(core) => core_params(core),
            // A catalog file: the core's field path (and entry), and the file itself.
            ShellError::InFile { path, source } => {
                let mut pairs = core_params(source);
                pairs.push(("path", path.clone()));
                pairs
            }
            ShellError::Io { path, .. } => vec![("path", path.clone())],
            _ => Vec::new(),
        };
        fn core_params(error: &Core) -> Vec<(&'static str, String)> {
            match error {
                Core::CatalogFormat { path, .. } | Core::ConfigFormat { path, .. } => {
                    vec![("field", path.clone())]
                }
                Core::CatalogInvalid { entry, field, .. } => {
                    vec![("record", entry.clone()), ("field", field.clone())]
                }
                Core::ConfigInvalid { field, .. } => vec![("field", field.clone())],
                Core::Unknown { what, value, .. } => {
                    vec![("what", what.to_string()), ("value", value.clone())]
                }
                _ => Vec::new(),
            }
        }
        pairs
            .into_iter()
            .map(|(k, v)| (k.to_string(), serde_json::Value::String(v)))
            .collect()
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
        let mut s = serializer.serialize_struct("ShellError", 3)?;
        s.serialize_field("kind", self.kind())?;
        s.serialize_field("message", &self.to_string())?;
        s.serialize_field("params", &self.params())?;
        s.end()
    }
}

pub type ShellResult<T> = Result<T, ShellError>;
