//! Helpers shared by the database subcommands (`save`, `import`, `export`, `accounts`,
//! `history`, `diff`, `restore`): opening the store and the common flags.

use std::path::Path;

use cookie_admin_store::Store;

use crate::error::CliError;

/// Open a database to change it (created if missing, migrated to the current schema).
pub fn open_for_write(db: &Path) -> Result<Store, CliError> {
    Ok(Store::open(db)?)
}

/// Open a database, an exported database or a JSON bundle to read it, never writing to it
/// (the store's review mode). A missing file is an error, not a new empty database.
pub fn open_for_read(db: &Path) -> Result<Store, CliError> {
    Ok(Store::open_review(db)?)
}

/// The author recorded with a new version: `--author`, else `$USER` / `$USERNAME`.
pub fn author(given: Option<&str>) -> String {
    given
        .map(str::to_string)
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("USERNAME").ok())
        .map(|a| a.trim().to_string())
        .filter(|a| !a.is_empty())
        .unwrap_or_else(|| "unknown".to_string())
}

/// `--accounts a,b` as a list; `None` when not given (every account).
pub fn account_list(list: Option<&str>) -> Result<Option<Vec<String>>, CliError> {
    let Some(list) = list else {
        return Ok(None);
    };
    let names: Vec<String> = list.split(',').map(|n| n.trim().to_string()).collect();
    if names.iter().any(String::is_empty) {
        return Err(CliError::Usage(format!(
            "--accounts: empty name in '{list}'; give account names separated by commas"
        )));
    }
    Ok(Some(names))
}
