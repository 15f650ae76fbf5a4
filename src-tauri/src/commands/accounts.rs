//! Accounts: list and search, create, rename, duplicate, delete with undo, open.

use cookie_admin_core::{AccountConfig, Catalog, CmpId, Feature, Language};
use cookie_admin_store::{AccountFilter, AccountSummary, OnDuplicate, StoredVersion, VersionInfo};
use serde::Deserialize;
use tauri::{AppHandle, Runtime, State};

use crate::error::{ShellError, ShellResult};
use crate::settings;
use crate::state::{author, Db, Deleted};

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
    let filter = filter.unwrap_or_default();
    let filter = AccountFilter {
        search: filter.search,
        domain: filter.domain,
        cmp: filter.cmp,
        feature: filter.feature,
    };
    Ok(db.lock().current()?.list_accounts(&filter)?)
}

/// A lower-case id from a name: `ACME Ltd.` -> `acme-ltd`.
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.trim().chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "account".to_string()
    } else {
        out
    }
}

/// A new account with the vendor's default configuration, the default CMP and the declaration
/// language from the settings, saved as version 1.
#[tauri::command(async)]
pub fn create_account<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, Db>,
    name: String,
) -> ShellResult<VersionInfo> {
    let settings = settings::load(&app)?;
    let mut config = AccountConfig::vendor_default(Catalog::embedded(), &slug(&name), name.trim());
    config.cmp = settings.default_cmp;
    config.language = settings.language;
    let mut dbs = db.lock();
    let store = dbs.current_mut()?;
    if store.history(&name).is_ok() {
        return Err(cookie_admin_store::Error::AccountExists { name }.into());
    }
    Ok(store.save(&name, &config, &author(), "created")?)
}

/// The example account of the first start (see `AccountConfig::example`), saved as a real
/// account named in `language` ("Example shop", "Przykładowy sklep"; a number is added if the
/// name is taken). Returns the name it got.
#[tauri::command(async)]
pub fn create_example(db: State<'_, Db>, language: Language) -> ShellResult<String> {
    let mut config = AccountConfig::example(Catalog::embedded(), language);
    let mut dbs = db.lock();
    let store = dbs.current_mut()?;
    let base = config.account.name.clone();
    let name = (1..=100)
        .map(|n| match n {
            1 => base.clone(),
            n => format!("{base} {n}"),
        })
        .find(|name| store.history(name).is_err())
        .ok_or_else(|| cookie_admin_store::Error::AccountExists { name: base.clone() })?;
    config.account.name = name.clone();
    let note = match language {
        Language::En => "example account",
        Language::Pl => "konto przykładowe",
    };
    store.save(&name, &config, &author(), note)?;
    Ok(name)
}

#[tauri::command(async)]
pub fn rename_account(
    db: State<'_, Db>,
    name: String,
    new_name: String,
) -> ShellResult<VersionInfo> {
    Ok(db
        .lock()
        .current_mut()?
        .rename(&name, &new_name, &author())?)
}

#[tauri::command(async)]
pub fn duplicate_account(
    db: State<'_, Db>,
    name: String,
    new_name: String,
) -> ShellResult<VersionInfo> {
    Ok(db
        .lock()
        .current_mut()?
        .duplicate(&name, &new_name, &author())?)
}

/// Delete an account with its history. Its bundle is kept until the next delete, so
/// `undo_delete` can bring it back with every version.
#[tauri::command(async)]
pub fn delete_account(db: State<'_, Db>, name: String) -> ShellResult<()> {
    let mut dbs = db.lock();
    let store = dbs.current_mut()?;
    let file = tempfile::Builder::new()
        .prefix("cookie-admin-deleted-")
        .suffix(".json")
        .tempfile()
        .map_err(|e| ShellError::io(&std::env::temp_dir(), e))?;
    store.export_bundle(file.path(), Some(std::slice::from_ref(&name)))?;
    let canonical = store.latest(&name)?.account;
    store.delete(&name)?;
    dbs.deleted = Some(Deleted {
        name: canonical,
        bundle: file,
    });
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
        .and_then(|store| Ok(store.import_file(deleted.bundle.path(), OnDuplicate::Refuse)?));
    match result {
        Ok(_) => Ok(deleted.name),
        Err(error) => {
            dbs.deleted = Some(deleted);
            Err(error)
        }
    }
}

/// The latest version of an account, to open in the editor.
#[tauri::command(async)]
pub fn load_account(db: State<'_, Db>, name: String) -> ShellResult<StoredVersion> {
    Ok(db.lock().current()?.latest(&name)?)
}

#[cfg(test)]
mod tests {
    #[test]
    fn slug() {
        assert_eq!(super::slug(" ACME Ltd. "), "acme-ltd");
        assert_eq!(super::slug("Łódź & co"), "d-co");
        assert_eq!(super::slug("!!!"), "account");
    }
}
