use thiserror::Error;

/// What can go wrong with the preview host.
#[derive(Debug, Error)]
pub enum PreviewError {
    /// The loopback listener could not be opened.
    #[error("the preview could not open its local server: {0}")]
    Listen(#[from] std::io::Error),
    /// The scene could not be written as JSON (a bug; never user input).
    #[error("the preview scene could not be prepared: {0}")]
    Scene(#[from] serde_json::Error),
}
