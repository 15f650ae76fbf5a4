//! The widget catalog in the window: what is in use, load a newer one (validate, show what
//! changes, then apply or cancel), and go back to the built-in one. The logic is in
//! `crate::catalog` (file and state) and the core (validation, diff).

use std::path::PathBuf;

use tauri::State;

use crate::catalog::{CatalogInfo, CatalogPreview, Catalogs};
use crate::error::ShellResult;
use crate::state::Db;

/// The catalog in use: its version, the built-in one's, whether it was loaded, and why a
/// stored catalog could not be used at start, if so.
#[tauri::command(async)]
pub fn catalog_info(catalogs: State<'_, Catalogs>) -> CatalogInfo {
    catalogs.info()
}

/// Validate the catalog file at `path` (the CLI's checks and messages, with the field's path)
/// and say what it would change against the catalog in use. Nothing changes until
/// `apply_catalog`; `cancel_catalog` forgets it.
#[tauri::command(async)]
pub fn preview_catalog(
    catalogs: State<'_, Catalogs>,
    path: PathBuf,
) -> ShellResult<CatalogPreview> {
    catalogs.preview_file(&path)
}

/// Forget the catalog `preview_catalog` read: everything stays as it was.
#[tauri::command(async)]
pub fn cancel_catalog(catalogs: State<'_, Catalogs>) {
    catalogs.cancel();
}

/// Use the previewed catalog from now on (also on the next start) and record its version
/// with every version saved.
#[tauri::command(async)]
pub fn apply_catalog(catalogs: State<'_, Catalogs>, db: State<'_, Db>) -> ShellResult<CatalogInfo> {
    let catalog = catalogs.apply()?;
    db.lock().set_catalog_version(&catalog.catalog_version);
    Ok(catalogs.info())
}

/// What going back to the built-in catalog would change.
#[tauri::command(async)]
pub fn preview_builtin_catalog(catalogs: State<'_, Catalogs>) -> CatalogPreview {
    catalogs.preview_builtin()
}

/// Go back to the built-in catalog: the kept catalog file is removed.
#[tauri::command(async)]
pub fn use_builtin_catalog(
    catalogs: State<'_, Catalogs>,
    db: State<'_, Db>,
) -> ShellResult<CatalogInfo> {
    let catalog = catalogs.use_builtin()?;
    db.lock().set_catalog_version(&catalog.catalog_version);
    Ok(catalogs.info())
}
