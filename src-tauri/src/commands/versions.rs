//! Versions of one account: save with a note, history, one version, diff, restore.

use cookie_admin_core::AccountConfig;
use cookie_admin_store::{StoredVersion, VersionDiff, VersionInfo};
use tauri::{AppHandle, Runtime, State};

use crate::error::ShellResult;
use crate::state::{author, Db};

/// Save the editor's configuration as a new version of `account`.
/// The author is the "Your name" setting, else the OS account's name.
#[tauri::command(async)]
pub fn save_config<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, Db>,
    account: String,
    config: serde_json::Value,
    note: String,
) -> ShellResult<VersionInfo> {
    let config = AccountConfig::from_value(config)?;
    let who = author(&app);
    Ok(db
        .lock()
        .current_mut()?
        .save(&account, &config, &who, &note)?)
}

/// Every version of an account, oldest first.
#[tauri::command(async)]
pub fn history(db: State<'_, Db>, account: String) -> ShellResult<Vec<VersionInfo>> {
    Ok(db.lock().current()?.history(&account)?)
}

#[tauri::command(async)]
pub fn get_version(db: State<'_, Db>, account: String, version: i64) -> ShellResult<StoredVersion> {
    Ok(db.lock().current()?.get_version(&account, Some(version))?)
}

/// What changed between two versions: fields, cookie list, snippet.
#[tauri::command(async)]
pub fn diff_versions(
    db: State<'_, Db>,
    account: String,
    from: i64,
    to: i64,
) -> ShellResult<VersionDiff> {
    Ok(db.lock().current()?.diff(&account, from, to)?)
}

/// Save an earlier version again as a new version.
#[tauri::command(async)]
pub fn restore_version<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, Db>,
    account: String,
    version: i64,
    note: String,
) -> ShellResult<VersionInfo> {
    let who = author(&app);
    Ok(db
        .lock()
        .current_mut()?
        .restore(&account, version, &who, &note)?)
}
