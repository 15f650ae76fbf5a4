//! Imports (bundles and exported databases) and exports (SQLite file, JSON bundle, CSV).
//!
//! Imports are all-or-nothing: the whole file is read and every record validated before the
//! first write (before the target is even opened for writing, see [`import_into`]), then
//! everything is written in one transaction with cached statements. Exports read one snapshot
//! (a read transaction), refuse to write over the database they read, and are written to a
//! temporary file next to the target and renamed into place, so a crash never leaves half a
//! file.

use std::borrow::Cow;
use std::path::Path;

use cookie_admin_core::csv_safe::CsvText;
use cookie_admin_core::{quote, Catalog};
use serde::Serialize;

use crate::accounts::{
    create_account, find_account, insert_version, next_version, refresh_search, VersionInfo,
};
use crate::bundle::{
    self, Bundle, BundleAccount, BundleAccountInfo, BundleVersion, ImportAccount, RawAccount,
    RawVersion,
};
use crate::error::{Error, Result};
use crate::files;
use crate::schema::{self, FileKind};
use crate::Store;

/// What an import does with an account whose name already exists in the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OnDuplicate {
    /// Refuse the whole import, naming the accounts that already exist. The safe default
    /// when the user has not chosen.
    #[default]
    Refuse,
    /// Leave the existing account alone and import nothing for it.
    Skip,
    /// Append the imported versions to the existing account as new versions (renumbered
    /// after its latest; author, time and note kept). Its history is kept; the imported
    /// latest becomes current.
    Replace,
    /// Import as a new account named `NAME (imported)`, `NAME (imported 2)`, ...
    Rename,
}

impl std::str::FromStr for OnDuplicate {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim() {
            "refuse" => Ok(OnDuplicate::Refuse),
            "skip" => Ok(OnDuplicate::Skip),
            "replace" => Ok(OnDuplicate::Replace),
            "rename" => Ok(OnDuplicate::Rename),
            other => Err(Error::invalid(
                "on-duplicate",
                format!(
                    "{} is not one of: refuse, skip, replace, rename",
                    quote(other)
                ),
            )),
        }
    }
}

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// A new SQLite database with the same schema.
    Sqlite,
    /// The versioned JSON bundle.
    Json,
    /// CSV of the cookie lists of each account's latest version.
    CsvCookies,
    /// CSV of the CMP category mappings of each account's latest version.
    CsvMappings,
}

impl std::str::FromStr for ExportFormat {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim() {
            "sqlite" => Ok(ExportFormat::Sqlite),
            "json" => Ok(ExportFormat::Json),
            "csv-cookies" => Ok(ExportFormat::CsvCookies),
            "csv-mappings" => Ok(ExportFormat::CsvMappings),
            other => Err(Error::invalid(
                "format",
                format!(
                    "{} is not one of: sqlite, json, csv-cookies, csv-mappings",
                    quote(other)
                ),
            )),
        }
    }
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    /// Accounts that did not exist and were created.
    pub created: Vec<String>,
    /// Existing accounts that received the imported versions as new versions.
    pub replaced: Vec<String>,
    /// Existing accounts left alone.
    pub skipped: Vec<String>,
    /// `(name in the file, name given)` for accounts imported under a new name.
    pub renamed: Vec<(String, String)>,
    /// Versions written in total.
    pub versions_written: usize,
}

/// Read and validate an import file: a JSON bundle or an exported database. Nothing is written.
pub(crate) fn read_import_file(path: &Path) -> Result<Vec<ImportAccount>> {
    match schema::sniff(path)? {
        FileKind::Missing => Err(Error::io(
            path,
            std::io::Error::new(std::io::ErrorKind::NotFound, "file not found"),
        )),
        FileKind::Empty => Err(Error::BadInput {
            path: path.display().to_string(),
            record: "file".into(),
            field: "(top level)".into(),
            message: "the file is empty".into(),
        }),
        FileKind::Sqlite => bundle::validate(path, read_database(path)?),
        FileKind::Other => {
            let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
            let text = String::from_utf8(bytes).map_err(|e| Error::BadInput {
                path: path.display().to_string(),
                record: "file".into(),
                field: "(top level)".into(),
                message: format!(
                    "neither an SQLite database nor UTF-8 JSON (invalid byte at offset {})",
                    e.utf8_error().valid_up_to()
                ),
            })?;
            bundle::validate(path, bundle::parse(path, &text)?.accounts)
        }
    }
}

/// Read every account and version of an exported database (any schema version this build
/// knows) in import form, opening the file read-only: only after its objects were checked to
/// be our tables ([`schema::recognise`]), and with the work bounded ([`schema::bounded`]).
/// Configurations stay as stored text; [`bundle::validate`] parses each one once. A value of
/// the wrong type (a BLOB where the configuration belongs) is reported with its account and
/// version.
fn read_database(path: &Path) -> Result<Vec<RawAccount<'static>>> {
    let mut db = schema::open_read_only(path)?;
    let db_version = db.version;
    let file_len = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    schema::bounded(&mut db.conn, file_len, |conn| {
        let tx = conn.unchecked_transaction()?;
        let not_db = |e: rusqlite::Error| schema::read_error(path, &e);
        let accounts: Vec<(i64, rusqlite::types::Value, rusqlite::types::Value)> = tx
            .prepare("SELECT id, name, created_at FROM accounts ORDER BY name COLLATE NOCASE")
            .and_then(|mut stmt| {
                stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                    .collect()
            })
            .map_err(not_db)?;
        // Databases older than schema 4 have no catalog_version column: read it as ''.
        let catalog_column = if db_version >= 4 {
            "catalog_version"
        } else {
            "''"
        };
        let mut versions_stmt = tx
            .prepare(&format!(
                "SELECT version, author, created_at, note, config, {catalog_column}
                 FROM config_versions WHERE account_id = ?1 ORDER BY version"
            ))
            .map_err(not_db)?;
        let mut out = Vec::with_capacity(accounts.len());
        for (i, (id, name, created_at)) in accounts.into_iter().enumerate() {
            let record = format!("accounts[{i}]");
            let name = text_value(path, &record, &format!("accounts[{i}].account.name"), name)?;
            let record = format!("accounts[{i}] ({})", quote(&name));
            let created_at = text_value(
                path,
                &record,
                &format!("accounts[{i}].account.created_at"),
                created_at,
            )?;
            let rows: Vec<VersionRow> = versions_stmt
                .query_map([id], |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                    ))
                })
                .and_then(Iterator::collect)
                .map_err(not_db)?;
            let mut versions = Vec::with_capacity(rows.len());
            for (j, (version, author, created, note, config, catalog)) in
                rows.into_iter().enumerate()
            {
                let record = format!("{record} version {version}");
                let field = |f: &str| format!("accounts[{i}].versions[{j}].{f}");
                versions.push(RawVersion {
                    version,
                    author: text_value(path, &record, &field("author"), author)?,
                    created_at: text_value(path, &record, &field("created_at"), created)?,
                    note: text_value(path, &record, &field("note"), note)?,
                    catalog_version: text_value(path, &record, &field("catalog_version"), catalog)?,
                    config: Cow::Owned(text_value(path, &record, &field("config"), config)?),
                });
            }
            out.push(RawAccount {
                account: BundleAccountInfo { name, created_at },
                versions,
            });
        }
        Ok(out)
    })
}

/// One `config_versions` row as stored, before the types are checked.
type VersionRow = (
    i64,
    rusqlite::types::Value,
    rusqlite::types::Value,
    rusqlite::types::Value,
    rusqlite::types::Value,
    rusqlite::types::Value,
);

/// A column that must hold text, or a bad-input error naming the record and the field.
fn text_value(
    path: &Path,
    record: &str,
    field: &str,
    value: rusqlite::types::Value,
) -> Result<String> {
    use rusqlite::types::Value;
    let found = match value {
        Value::Text(text) => return Ok(text),
        Value::Null => "NULL",
        Value::Integer(_) => "an integer",
        Value::Real(_) => "a number",
        Value::Blob(_) => "a BLOB",
    };
    Err(Error::BadInput {
        path: path.display().to_string(),
        record: record.to_string(),
        field: field.to_string(),
        message: format!("expected text, found {found}"),
    })
}

/// Import a bundle or an exported database into the database at `target`, all or nothing,
/// without touching `target` unless the import goes ahead: the input is read and validated
/// completely first; then an existing target is looked at read-only (it must be ours, or an
/// empty SQLite file, and with `OnDuplicate::Refuse` must not hold any of the accounts); only
/// then is it opened for writing (created, switched to WAL, migrated) and written in one
/// transaction. A refused import leaves the target byte for byte as it was, or absent.
pub fn import_into(target: &Path, input: &Path, on_duplicate: OnDuplicate) -> Result<ImportReport> {
    let accounts = read_import_file(input)?;
    match schema::sniff(target)? {
        FileKind::Sqlite => {
            let (mut probe, _copy) = schema::open_snapshot(target)?;
            let file_len = std::fs::metadata(target).map(|m| m.len()).unwrap_or(0);
            schema::bounded(&mut probe, file_len, |conn| {
                if schema::recognise(conn, target)? == schema::Recognised::Empty
                    || on_duplicate != OnDuplicate::Refuse
                {
                    return Ok(());
                }
                let mut existing = Vec::new();
                for account in &accounts {
                    if let Some((_, found)) = find_account(conn, &account.name)? {
                        existing.push(found);
                    }
                }
                if existing.is_empty() {
                    Ok(())
                } else {
                    Err(Error::DuplicateAccounts { names: existing })
                }
            })?;
        }
        FileKind::Other => {
            return Err(Error::NotADatabase {
                path: target.display().to_string(),
                message: "the file does not start with the SQLite header".into(),
            })
        }
        FileKind::Missing | FileKind::Empty => {}
    }
    let mut store = Store::open(target)?;
    store.import_validated(accounts, on_duplicate)
}

impl Store {
    /// Import a JSON bundle or an exported database file. All or nothing: the file is read
    /// and validated completely before anything is written, then written in one transaction.
    /// On any error the database is left exactly as it was.
    pub fn import_file(&mut self, path: &Path, on_duplicate: OnDuplicate) -> Result<ImportReport> {
        self.check_writable()?;
        let accounts = read_import_file(path)?;
        self.import_validated(accounts, on_duplicate)
    }

    pub(crate) fn import_validated(
        &mut self,
        accounts: Vec<ImportAccount>,
        on_duplicate: OnDuplicate,
    ) -> Result<ImportReport> {
        // Every config was parsed and checked by `validate`; its text is stored as read.
        let prepared: Vec<_> = accounts
            .into_iter()
            .map(|a| (a.name, a.created_at, a.versions))
            .collect();
        let mut report = ImportReport::default();
        let tx = crate::schema::begin_write(&self.conn)?;
        if on_duplicate == OnDuplicate::Refuse {
            let mut existing = Vec::new();
            for (name, _, _) in &prepared {
                if let Some((_, found)) = find_account(&tx, name)? {
                    existing.push(found);
                }
            }
            if !existing.is_empty() {
                return Err(Error::DuplicateAccounts { names: existing });
            }
        }
        for (name, created_at, versions) in prepared {
            let (account_id, renumber) = match find_account(&tx, &name)? {
                None => {
                    report.created.push(name.clone());
                    (create_account(&tx, &name, &created_at)?, false)
                }
                Some((_, existing)) if on_duplicate == OnDuplicate::Skip => {
                    report.skipped.push(existing);
                    continue;
                }
                Some((id, existing)) if on_duplicate == OnDuplicate::Replace => {
                    report.replaced.push(existing);
                    (id, true)
                }
                Some(_) => {
                    let mut n = 1;
                    let new_name = loop {
                        let candidate = if n == 1 {
                            format!("{name} (imported)")
                        } else {
                            format!("{name} (imported {n})")
                        };
                        if find_account(&tx, &candidate)?.is_none() {
                            break candidate;
                        }
                        n += 1;
                    };
                    report.renamed.push((name.clone(), new_name.clone()));
                    (create_account(&tx, &new_name, &created_at)?, false)
                }
            };
            let mut next = if renumber {
                next_version(&tx, account_id)?
            } else {
                0
            };
            let mut last = None;
            for (info, config, text) in versions {
                let info = if renumber {
                    let v = VersionInfo {
                        version: next,
                        ..info
                    };
                    next += 1;
                    v
                } else {
                    info
                };
                insert_version(&tx, account_id, &info, &text)?;
                report.versions_written += 1;
                last = Some(config);
            }
            if let Some(config) = last {
                refresh_search(&tx, account_id, &config)?;
            }
        }
        tx.commit()?;
        Ok(report)
    }

    fn select_accounts(&self, accounts: Option<&[String]>) -> Result<Vec<String>> {
        match accounts {
            None => self.account_names(),
            Some(names) => names
                .iter()
                .map(|n| {
                    find_account(&self.conn, n)?
                        .map(|(_, name)| name)
                        .ok_or_else(|| Error::AccountNotFound { name: n.clone() })
                })
                .collect(),
        }
    }

    /// Run `f` in one read transaction: every query in it sees the same snapshot, however
    /// other processes write meanwhile (an export never mixes two states of the database).
    fn snapshot<T>(&self, f: impl FnOnce() -> Result<T>) -> Result<T> {
        if self.conn.is_autocommit() {
            let tx = self.conn.unchecked_transaction()?;
            let result = f();
            tx.finish()?;
            result
        } else {
            f()
        }
    }

    /// The bundle of the chosen accounts (all when `None`), every version included, from one
    /// snapshot of the database.
    pub fn bundle(&self, accounts: Option<&[String]>) -> Result<Bundle> {
        self.snapshot(|| self.bundle_now(accounts))
    }

    fn bundle_now(&self, accounts: Option<&[String]>) -> Result<Bundle> {
        let names = self.select_accounts(accounts)?;
        let mut out = Vec::with_capacity(names.len());
        let mut versions_stmt = self.conn.prepare_cached(
            "SELECT v.version, v.author, v.created_at, v.note, v.config, v.catalog_version
             FROM config_versions v JOIN accounts a ON a.id = v.account_id
             WHERE a.name = ?1 ORDER BY v.version",
        )?;
        for name in names {
            let created_at: String = self.conn.query_row(
                "SELECT created_at FROM accounts WHERE name = ?1",
                [&name],
                |r| r.get(0),
            )?;
            let rows = versions_stmt
                .query_map([&name], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, String>(5)?,
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let mut versions = Vec::with_capacity(rows.len());
            for (version, author, created, note, config, catalog_version) in rows {
                let config = serde_json::from_str(&config).map_err(|e| Error::BadInput {
                    path: self.source.display().to_string(),
                    record: format!("account {} version {version}", quote(&name)),
                    field: "config".into(),
                    message: e.to_string(),
                })?;
                versions.push(BundleVersion {
                    version,
                    author,
                    created_at: created,
                    note,
                    catalog_version,
                    config,
                });
            }
            out.push(BundleAccount {
                account: BundleAccountInfo { name, created_at },
                versions,
            });
        }
        Ok(Bundle {
            format: bundle::BUNDLE_FORMAT.into(),
            version: bundle::BUNDLE_VERSION,
            exported_at: self.now()?,
            accounts: out,
        })
    }

    /// Write the chosen accounts (all when `None`) as a JSON bundle to `out`, atomically.
    pub fn export_bundle(&self, out: &Path, accounts: Option<&[String]>) -> Result<()> {
        self.check_output(out)?;
        let bundle = self.bundle(accounts)?;
        let mut text = serde_json::to_string_pretty(&bundle)
            .map_err(|e| Error::invalid("bundle", e.to_string()))?;
        text.push('\n');
        files::write_atomic(out, text.as_bytes())
    }

    /// Write the chosen accounts (all when `None`) to a new SQLite database at `out` with the
    /// same schema, atomically. The file is in rollback-journal mode so it can be handed on
    /// as a single file. It is built in a private (0700) directory next to `out`; directories
    /// left there by a killed export are removed first.
    pub fn export_sqlite(&self, out: &Path, accounts: Option<&[String]>) -> Result<()> {
        self.check_output(out)?;
        let keep = self.select_accounts(accounts)?;
        let all = accounts.is_none();
        let tmp_dir = files::export_temp_dir(&files::parent_dir(out))?;
        let tmp = tmp_dir.path().join("export.sqlite");
        // The online backup API reads a consistent snapshot and works on read-only (review)
        // and in-memory stores, where VACUUM INTO is refused.
        self.conn.backup(
            rusqlite::MAIN_DB,
            &tmp,
            None::<fn(rusqlite::backup::Progress)>,
        )?;
        {
            let conn = rusqlite::Connection::open(&tmp)?;
            let _mode: String = conn.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
            conn.execute_batch("PRAGMA foreign_keys = ON;")?;
            if !all {
                let keep: std::collections::HashSet<String> =
                    keep.iter().map(|n| n.to_lowercase()).collect();
                let names: Vec<String> = conn
                    .prepare("SELECT name FROM accounts")?
                    .query_map([], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                let tx = conn.unchecked_transaction()?;
                for name in names.iter().filter(|n| !keep.contains(&n.to_lowercase())) {
                    tx.execute("DELETE FROM accounts WHERE name = ?1", [name])?;
                }
                tx.commit()?;
            }
            // Compact, and drop any free pages that could still hold deleted accounts.
            conn.execute_batch("VACUUM;")?;
        }
        files::replace_keeping_mode(&tmp, out)
    }

    /// Write the chosen accounts (all when `None`) in `format` to `out`, atomically. Refused
    /// when `out` is the database being read or one of its side files. The CSV exports list
    /// the storage of `catalog` (the one in use: the window may have loaded a newer one); the
    /// SQLite and JSON exports hold configurations only and do not use it.
    pub fn export(
        &self,
        format: ExportFormat,
        out: &Path,
        accounts: Option<&[String]>,
        catalog: &Catalog,
    ) -> Result<()> {
        match format {
            ExportFormat::Sqlite => self.export_sqlite(out, accounts),
            ExportFormat::Json => self.export_bundle(out, accounts),
            ExportFormat::CsvCookies => self.export_csv_cookies(out, accounts, catalog),
            ExportFormat::CsvMappings => self.export_csv_mappings(out, accounts, catalog),
        }
    }

    /// The cookie lists (core and enabled features) of the chosen accounts' latest versions
    /// as CSV text, every cell through the core's formula rule; see `docs/store.md` for the
    /// columns. The storage is `catalog`'s (the catalog in use).
    pub fn cookies_csv(&self, accounts: Option<&[String]>, catalog: &Catalog) -> Result<String> {
        let mut w = CsvText::new();
        w.row([
            "account",
            "version",
            "feature",
            "feature_name",
            "category",
            "name",
            "is_pattern",
            "storage_type",
            "party",
            "domain",
            "provider",
            "purpose",
            "duration_seconds",
            "duration_text",
            "personal_data",
            "evidence",
            "language",
        ]);
        self.snapshot(|| {
            for name in self.select_accounts(accounts)? {
                let latest = self.latest(&name)?;
                let version = latest.info.version.to_string();
                for row in cookie_admin_core::cookies::full_list(catalog, &latest.config) {
                    w.row([
                        name.as_str(),
                        &version,
                        &row.feature,
                        &row.feature_name,
                        row.category.id(),
                        &row.name,
                        if row.is_pattern { "true" } else { "false" },
                        &id_of(&row.storage_type),
                        &id_of(&row.party),
                        row.domain.as_deref().unwrap_or(""),
                        &row.provider,
                        &row.purpose,
                        &row.duration_seconds.to_string(),
                        &row.duration_text,
                        if row.personal_data { "true" } else { "false" },
                        &id_of(&row.evidence),
                        &id_of(&row.language),
                    ]);
                }
            }
            Ok(())
        })?;
        Ok(w.finish())
    }

    /// The CMP category mappings of the chosen accounts' latest versions as CSV text (every
    /// cell through the core's formula rule): for the account's own CMP, or for every
    /// supported target when it has none. The storage is `catalog`'s (the catalog in use).
    pub fn mappings_csv(&self, accounts: Option<&[String]>, catalog: &Catalog) -> Result<String> {
        let mut w = CsvText::new();
        w.row([
            "account",
            "version",
            "cmp",
            "storage_item",
            "storage_type",
            "feature",
            "internal_category",
            "cmp_category_id",
            "cmp_category_name",
        ]);
        self.snapshot(|| {
            for name in self.select_accounts(accounts)? {
                let latest = self.latest(&name)?;
                let version = latest.info.version.to_string();
                let rows = cookie_admin_core::mapping::mapping_rows(
                    catalog,
                    &latest.config,
                    latest.config.cmp,
                );
                for row in rows {
                    w.row([
                        name.as_str(),
                        &version,
                        row.cmp,
                        &row.storage_item,
                        &id_of(&row.storage_type),
                        &row.feature,
                        row.internal_category.id(),
                        &row.cmp_category_id,
                        &row.cmp_category_name,
                    ]);
                }
            }
            Ok(())
        })?;
        Ok(w.finish())
    }

    /// [`Store::cookies_csv`] written to `out`, atomically.
    pub fn export_csv_cookies(
        &self,
        out: &Path,
        accounts: Option<&[String]>,
        catalog: &Catalog,
    ) -> Result<()> {
        self.check_output(out)?;
        files::write_atomic(out, self.cookies_csv(accounts, catalog)?.as_bytes())
    }

    /// [`Store::mappings_csv`] written to `out`, atomically.
    pub fn export_csv_mappings(
        &self,
        out: &Path,
        accounts: Option<&[String]>,
        catalog: &Catalog,
    ) -> Result<()> {
        self.check_output(out)?;
        files::write_atomic(out, self.mappings_csv(accounts, catalog)?.as_bytes())
    }
}

/// The serde id of a unit enum value (`http_cookie`, `first_party`, ...).
fn id_of<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}
