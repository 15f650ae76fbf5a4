//! Import and export: bundles and SQLite files into and out of the database in use, CSV
//! exports, cookie declarations and CMP category mappings. The window picks the paths with the
//! native file dialogs; these commands only read and write the files chosen.

use std::path::PathBuf;

use cookie_admin_core::declaration::{declaration as declaration_text, DeclarationFormat};
use cookie_admin_core::mapping::{mapping_export, MappingFormat};
use cookie_admin_core::{AccountConfig, CmpId, Language};
use cookie_admin_store::{ExportFormat, ImportReport, OnDuplicate};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::State;

use crate::catalog::Catalogs;
use crate::error::ShellResult;
use crate::state::Db;

/// Progress of an import, sent over a channel while it runs.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "stage", rename_all = "snake_case")]
pub enum ImportProgress {
    /// Reading and checking every record of the file (nothing written yet).
    Checking { path: PathBuf, bytes: u64 },
    /// Done: everything was written in one transaction.
    Done { versions_written: usize },
}

/// Import a bundle or an exported database, all or nothing. `on_duplicate` says what to do
/// with accounts that exist already: `refuse` (default), `skip`, `replace` or `rename`.
#[tauri::command(async)]
pub fn import_file(
    db: State<'_, Db>,
    path: PathBuf,
    on_duplicate: Option<String>,
    progress: Channel<ImportProgress>,
) -> ShellResult<ImportReport> {
    let on_duplicate: OnDuplicate = match on_duplicate {
        Some(choice) => choice.parse()?,
        None => OnDuplicate::Refuse,
    };
    // The window may have gone; the import goes on regardless.
    let send = |event: ImportProgress| {
        let _ = progress.send(event);
    };
    let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    send(ImportProgress::Checking {
        path: path.clone(),
        bytes,
    });
    let report = db.lock().current_mut()?.import_file(&path, on_duplicate)?;
    send(ImportProgress::Done {
        versions_written: report.versions_written,
    });
    Ok(report)
}

/// Export the chosen accounts (all when `None`) of the database being viewed: `sqlite`,
/// `json` (bundle), `csv-cookies` or `csv-mappings`. The CSV exports list the storage of the
/// catalog in use (a loaded one when there is one), as the window's cookie list does.
#[tauri::command(async)]
pub fn export_file(
    db: State<'_, Db>,
    catalogs: State<'_, Catalogs>,
    path: PathBuf,
    format: String,
    accounts: Option<Vec<String>>,
) -> ShellResult<()> {
    let format: ExportFormat = format.parse()?;
    let catalog = catalogs.current();
    let dbs = db.lock();
    // Neither over the file being read nor over the database in use (from review mode).
    dbs.check_output(&path)?;
    Ok(dbs
        .current()?
        .export(format, &path, accounts.as_deref(), &catalog)?)
}

/// The cookie declaration (`html`, `md` or `csv`) of a configuration in `language`.
#[tauri::command(async)]
pub fn declaration(
    catalogs: State<'_, Catalogs>,
    config: serde_json::Value,
    language: Language,
    format: String,
) -> ShellResult<String> {
    let config = AccountConfig::from_value(config)?;
    let format = DeclarationFormat::parse(&format)?;
    Ok(declaration_text(
        &catalogs.current(),
        &config,
        language,
        format,
    ))
}

/// The CMP category mapping (`csv`, `json`, or `tcf` disclosures) for `cmp` (`None` = all).
#[tauri::command(async)]
pub fn mapping(
    catalogs: State<'_, Catalogs>,
    config: serde_json::Value,
    cmp: Option<CmpId>,
    format: String,
) -> ShellResult<String> {
    let config = AccountConfig::from_value(config)?;
    let format = MappingFormat::parse(&format)?;
    Ok(mapping_export(&catalogs.current(), &config, cmp, format))
}

/// Write a declaration to a file chosen in the save dialog (never over a database in use).
#[tauri::command(async)]
pub fn save_declaration(
    db: State<'_, Db>,
    catalogs: State<'_, Catalogs>,
    path: PathBuf,
    config: serde_json::Value,
    language: Language,
    format: String,
) -> ShellResult<()> {
    let text = declaration(catalogs, config, language, format)?;
    db.lock().check_output(&path)?;
    Ok(cookie_admin_store::write_atomic(&path, text.as_bytes())?)
}

/// Write a category mapping to a file chosen in the save dialog (never over a database in
/// use).
#[tauri::command(async)]
pub fn save_mapping(
    db: State<'_, Db>,
    catalogs: State<'_, Catalogs>,
    path: PathBuf,
    config: serde_json::Value,
    cmp: Option<CmpId>,
    format: String,
) -> ShellResult<()> {
    let text = mapping(catalogs, config, cmp, format)?;
    db.lock().check_output(&path)?;
    Ok(cookie_admin_store::write_atomic(&path, text.as_bytes())?)
}
