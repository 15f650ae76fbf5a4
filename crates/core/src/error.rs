//! The one error type of the domain crate.

/// Everything that can go wrong in the domain. Each variant names what the user gave us
/// (the file, entry or field) so the message can be shown as it is.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A catalog file that is not valid JSON, has a wrong type or an unknown field.
    #[error("catalog: {path}: {message}")]
    CatalogFormat { path: String, message: String },
    /// A catalog that parses but breaks a rule (duplicate id, missing feature, ...).
    #[error("catalog entry {entry}: field {field}: {message}")]
    CatalogInvalid {
        entry: String,
        field: String,
        message: String,
    },
    /// An account configuration that is not valid JSON, has a wrong type or an unknown field.
    #[error("configuration: {path}: {message}")]
    ConfigFormat { path: String, message: String },
    /// A configuration that parses but cannot be used (unsupported schema version, ...).
    #[error("configuration field {field}: {message}")]
    ConfigInvalid { field: String, message: String },
    /// A value the user typed that names nothing we know (a CMP id, a feature id, ...).
    #[error("unknown {what} {}; expected one of: {expected}", crate::text::quote(.value))]
    Unknown {
        what: &'static str,
        value: String,
        expected: String,
    },
}

impl Error {
    /// A short, stable machine-readable name for the variant, used as `kind` at the IPC boundary.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::CatalogFormat { .. } => "catalog_format",
            Error::CatalogInvalid { .. } => "catalog_invalid",
            Error::ConfigFormat { .. } => "config_format",
            Error::ConfigInvalid { .. } => "config_invalid",
            Error::Unknown { .. } => "unknown_value",
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Parse JSON into `T`, reporting the path of the offending field (e.g. `features[1].storage[0].name`).
pub(crate) fn parse_json_with_path<T: serde::de::DeserializeOwned>(
    text: &str,
) -> std::result::Result<T, (String, String)> {
    let mut de = serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(&mut de)
        .map_err(|e| {
            let path = e.path().to_string();
            // `?` is serde_path_to_error's "somewhere unknown" (a syntax error): the message
            // says the line and column instead.
            let path = if path == "." || path == "?" {
                "(top level)".to_string()
            } else {
                path
            };
            (
                crate::text::shorten(&path).into_owned(),
                crate::text::shorten_quoted_parts(&e.into_inner().to_string()).into_owned(),
            )
        })
        .and_then(|value| {
            de.end()
                .map_err(|e| ("(top level)".to_string(), e.to_string()))?;
            Ok(value)
        })
}
