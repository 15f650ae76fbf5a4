//! The one error type of the diagnostics crate.

/// An input that cannot be read at all (as opposed to a page or report that reads but has
/// problems, which gives findings). Each variant says where: a line, a JSON path.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input is not in any format this tool reads, or not in the one asked for.
    #[error("{what}: {message}")]
    Format { what: String, message: String },
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
            Error::Read { .. } => "diagnose_read",
            Error::Cancelled => "cancelled",
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
