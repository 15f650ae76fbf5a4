//! Accounts: list and search, create, rename, duplicate, delete with undo, open.

use cookie_admin_core::{CmpId, Feature, Language};
use cookie_admin_store::{
    AccountDefaults, AccountFilter, AccountPage, AccountSummary, StoredVersion, VersionInfo,
};
use serde::Deserialize;
use tauri::{AppHandle, Runtime, State};

use crate::error::{ShellError, ShellResult};
use crate::settings;
use crate::state::{author, Db};

/// The search box and filters of the accounts list; every one given must match.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Filter {
    /// Part of the name or of a domain.
    search: Option<String>,
    domain: Option<String>,
    cmp: Option<CmpId>,
    feature: Option<Feature>,
}

#[tauri::command(async)]
pub fn list_accounts(
    db: State<'_, Db>,
    filter: Option<Filter>,
) -> ShellResult<Vec<AccountSummary>> {
    let filter = AccountFilter::from(filter.unwrap_or_default());
    Ok(db.lock().current()?.list_accounts(&filter)?)
}

impl From<Filter> for AccountFilter {
    fn from(filter: Filter) -> AccountFilter {
        AccountFilter {
            search: filter.search,
            domain: filter.domain,
            cmp: filter.cmp,
            feature: filter.feature,
        }
    }
}

/// The most rows one page may ask for (the window asks for a few screenfuls).
const MAX_PAGE_ROWS: u64 = 1000;

/// One page of the accounts list (`limit` rows from `offset`, sorted by name) and how many
/// accounts match in all: the window's list asks for the rows it shows as it scrolls.
#[tauri::command(async)]
pub fn list_accounts_page(
    db: State<'_, Db>,
    filter: Option<Filter>,
    offset: u64,
    limit: u64,
) -> ShellResult<AccountPage> {
    let filter = AccountFilter::from(filter.unwrap_or_default());
    Ok(db
        .lock()
        .current()?
        .list_accounts_page(&filter, offset, limit.min(MAX_PAGE_ROWS))?)
}

/// A new account with the vendor's default configuration, the default CMP and the declaration
/// language from the settings, saved as version 1 (the store makes the id and checks the name).
#[tauri::command(async)]
pub fn create_account<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, Db>,
    name: String,
) -> ShellResult<VersionInfo> {
    let settings = settings::load(&app)?;
    let defaults = AccountDefaults {
        cmp: settings.default_cmp,
        language: settings.language,
    };
    let who = author(&app);
    Ok(db
        .lock()
        .current_mut()?
        .create_account(&name, &defaults, &who)?)
}

/// The example account of the first start, saved by the store
/// ([`cookie_admin_store::Store::create_example`]) in `language` ("Example shop",
/// "Przykładowy sklep"; a number is added if the name is taken). Returns the name it got.
#[tauri::command(async)]
pub fn create_example<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, Db>,
    language: Language,
) -> ShellResult<String> {
    let who = author(&app);
    let (name, _) = db.lock().current_mut()?.create_example(language, &who)?;
    Ok(name)
}

#[tauri::command(async)]
pub fn rename_account<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, Db>,
    name: String,
    new_name: String,
) -> ShellResult<VersionInfo> {
    let who = author(&app);
    Ok(db.lock().current_mut()?.rename(&name, &new_name, &who)?)
}

#[tauri::command(async)]
pub fn duplicate_account<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, Db>,
    name: String,
    new_name: String,
) -> ShellResult<VersionInfo> {
    let who = author(&app);
    Ok(db.lock().current_mut()?.duplicate(&name, &new_name, &who)?)
}

/// Delete an account with its history. What was deleted is kept (in memory) until the next
/// delete, so `undo_delete` can bring it back with every version.
#[tauri::command(async)]
pub fn delete_account(db: State<'_, Db>, name: String) -> ShellResult<()> {
    let mut dbs = db.lock();
    let deleted = dbs.current_mut()?.delete_with_undo(&name)?;
    dbs.deleted = Some(deleted);
    Ok(())
}

/// Bring back the last deleted account, every version as it was. Returns its name.
#[tauri::command(async)]
pub fn undo_delete(db: State<'_, Db>) -> ShellResult<String> {
    let mut dbs = db.lock();
    let deleted = dbs
        .deleted
        .take()
        .ok_or_else(|| ShellError::NothingToUndo("no deleted account to bring back".into()))?;
    let result = dbs
        .current_mut()
        .and_then(|store| Ok(store.restore_deleted(&deleted)?));
    if result.is_err() {
        dbs.deleted = Some(deleted);
    }
    result
}

/// The latest version of an account, to open in the editor.
#[tauri::command(async)]
pub fn load_account(db: State<'_, Db>, name: String) -> ShellResult<StoredVersion> {
    Ok(db.lock().current()?.latest(&name)?)
}
