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

/// The author recorded with a new version: `--author`, else the OS account's full name
/// (passwd GECOS), else its login name; the window's "Your name" falls back the same way.
pub fn author(given: Option<&str>) -> String {
    cookie_admin_store::author_or_default(given)
}

/// `--accounts a,b` as a list; `None` when not given (every account).
pub fn account_list(list: Option<&str>) -> Result<Option<Vec<String>>, CliError> {
    let Some(list) = list else {
        return Ok(None);
    };
    let names: Vec<String> = list.split(',').map(|n| n.trim().to_string()).collect();
    if names.iter().any(String::is_empty) {
        return Err(CliError::Usage(format!(
            "--accounts: empty name in {}; give account names separated by commas",
            cookie_admin_core::quote(list)
        )));
    }
    Ok(Some(names))
}
