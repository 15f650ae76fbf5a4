//! SQLite persistence for CallPage Cookie Admin (filled by the store issue).
