//! The declaration audit (issue 14); see the crate documentation.
