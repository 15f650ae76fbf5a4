//! The database in use and review mode (a customer's file opened read-only).

use std::path::PathBuf;

use cookie_admin_store::Store;
use tauri::{AppHandle, Runtime, State};

use crate::error::ShellResult;
use crate::settings::{self, SettingsPatch};
use crate::state::{DatabaseInfo, Db};

#[tauri::command(async)]
pub fn database_info(db: State<'_, Db>) -> DatabaseInfo {
    db.lock().info()
}

/// Open (or create) another database and use it from now on, also on the next start.
/// Leaves review mode. The current database stays in use if the new one cannot be opened.
#[tauri::command(async)]
pub fn open_database<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, Db>,
    path: PathBuf,
) -> ShellResult<DatabaseInfo> {
    let store = Store::open(&path)?;
    let info = {
        let mut dbs = db.lock();
        dbs.replace_main(store, &path);
        dbs.info()
    };
    settings::update(
        &app,
        SettingsPatch {
            last_database: Some(Some(path)),
            ..SettingsPatch::default()
        },
    )?;
    Ok(info)
}

/// Review mode: open a customer's bundle or database read-only. Every view then reads it;
/// every write is refused. Nothing is ever written to the file.
#[tauri::command(async)]
pub fn open_review(db: State<'_, Db>, path: PathBuf) -> ShellResult<DatabaseInfo> {
    let store = Store::open_review(&path)?;
    let mut dbs = db.lock();
    dbs.review = Some(store);
    Ok(dbs.info())
}

/// Leave review mode: back to the database in use.
#[tauri::command(async)]
pub fn close_review(db: State<'_, Db>) -> DatabaseInfo {
    let mut dbs = db.lock();
    dbs.review = None;
    dbs.info()
}
