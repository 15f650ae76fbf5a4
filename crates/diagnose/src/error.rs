//! The one error type of the diagnostics crate.

/// An input that cannot be read at all (as opposed to a page or report that reads but has
/// problems, which gives findings). Each variant says where: a line, a JSON path.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input is not in any format this tool reads, or not in the one asked for.
    #[error("{what}: {message}")]
    Format { what: String, message: String },
    /// A report that cannot be streamed (JSON, a script, HTML) and is larger than the limit.
    #[error("{what}: the file is larger than {} MiB, more than any real one; is it the right file?", limit_bytes / (1024 * 1024))]
    TooLarge { what: String, limit_bytes: u64 },
    /// Reading the input failed (the caller's stream broke).
    #[error("cannot read the report: {message}")]
    Io { message: String },
    /// A CSV whose header this tool does not recognise: the user has to say which column holds
    /// the cookie name (and the category, domain, lifetime).
    #[error("the CSV's columns are not recognised ({}); say which column holds the cookie name (and the category, domain, lifetime){}", headers.join(", "), suggestion.as_ref().map(|s| format!(", e.g. --map '{}'", s.to_spec())).unwrap_or_default())]
    MappingNeeded {
        headers: Vec<String>,
        suggestion: Option<crate::audit::ColumnMapping>,
    },
    /// The input could not be read (an I/O error from the reader the caller passed).
    #[error("cannot read the {what}: {message}")]
    Read { what: String, message: String },
    /// The caller cancelled a long read (through its progress callback).
    #[error("cancelled")]
    Cancelled,
}

impl Error {
    /// A short, stable machine-readable name for the variant, used as `kind` at the IPC boundary.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Format { .. } => "diagnose_format",
            Error::TooLarge { .. } => "diagnose_too_large",
            Error::Io { .. } => "diagnose_io",
            Error::MappingNeeded { .. } => "diagnose_mapping_needed",
            Error::Read { .. } => "diagnose_read",
            Error::Cancelled => "cancelled",
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
