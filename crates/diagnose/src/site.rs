//! The site check (issue 13); see the crate documentation.
