//! SQLite persistence for CallPage Cookie Admin: accounts and their versioned configurations,
//! imports and exports (SQLite file, JSON bundle, CSV), and a read-only review mode for
//! customers' files. No Tauri: the desktop shell and the CLI both call [`Store`].
//!
//! ```no_run
//! # fn main() -> cookie_admin_store::Result<()> {
//! use cookie_admin_core::{AccountConfig, Catalog};
//! use cookie_admin_store::{AccountFilter, Store};
//!
//! let mut store = Store::open_default(std::path::Path::new("/tmp/app-data"))?;
//! let config = AccountConfig::vendor_default(Catalog::embedded(), "acme", "ACME");
//! let v1 = store.save("ACME", &config, "alice", "first version")?;
//! assert_eq!(v1.version, 1);
//! let accounts = store.list_accounts(&AccountFilter::default())?;
//! let history = store.history("ACME")?;
//! # let _ = (accounts, history); Ok(()) }
//! ```
//!
//! Every write runs in one `BEGIN IMMEDIATE` transaction, so two processes saving to the same
//! file wait for each other (up to the busy timeout) instead of losing a version. Every
//! export reads one snapshot (a read transaction), so a file another process is writing
//! always exports whole.

mod accounts;
mod author;
mod bundle;
mod diff;
mod error;
mod files;
mod schema;
mod transfer;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

pub use accounts::{
    account_id, AccountDefaults, AccountFilter, AccountPage, AccountSummary, DeletedAccount,
    StoredVersion, VersionInfo,
};
pub use author::{author_or_default, default_author};
pub use bundle::{
    Bundle, BundleAccount, BundleAccountInfo, BundleVersion, BUNDLE_FORMAT, BUNDLE_VERSION,
};
pub use cookie_admin_core::diff::{
    diff_configs, diff_cookies, diff_snippets, line_diff, ChangeKind, CookieChange, DiffLine,
    FieldChange, SnippetDiff,
};
pub use diff::VersionDiff;
pub use error::{Error, Result};
pub use files::write_atomic;
pub use schema::SCHEMA_VERSION;
pub use transfer::{import_into, ExportFormat, ImportReport, OnDuplicate};

/// The file name of the app's own database inside its data directory.
pub const DEFAULT_DB_FILE: &str = "cookie-admin.sqlite";

/// A handle on one database file (or, in review mode, on a customer's file or bundle).
///
/// Not `Sync`: the shell keeps it behind a `Mutex` and calls it off the main thread.
pub struct Store {
    conn: Connection,
    /// A private copy of a reviewed WAL database; must drop after `conn`.
    _review_copy: Option<tempfile::TempDir>,
    /// Where the data came from, for messages.
    source: PathBuf,
    read_only: bool,
    /// The widget catalog version new versions are saved with (see
    /// [`Store::set_catalog_version`]).
    catalog_version: String,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("source", &self.source)
            .field("read_only", &self.read_only)
            .finish()
    }
}

impl Store {
    /// Open (or create) the database at `path` for reading and writing, migrating it to the
    /// current schema. A file from a newer build or a file that is not a database is refused
    /// and left untouched.
    pub fn open(path: &Path) -> Result<Store> {
        let conn = schema::open_read_write(path)?;
        Ok(Store {
            conn,
            _review_copy: None,
            source: path.to_path_buf(),
            read_only: false,
            catalog_version: builtin_catalog_version(),
        })
    }

    /// Open (or create) the app's default database, [`DEFAULT_DB_FILE`] inside `data_dir`
    /// (the app's data directory), creating the directory if needed.
    pub fn open_default(data_dir: &Path) -> Result<Store> {
        std::fs::create_dir_all(data_dir).map_err(|e| Error::io(data_dir, e))?;
        Store::open(&Store::default_path(data_dir))
    }

    /// Where [`Store::open_default`] keeps the database.
    pub fn default_path(data_dir: &Path) -> PathBuf {
        data_dir.join(DEFAULT_DB_FILE)
    }

    /// A private in-memory database with the current schema (tests, scratch work).
    pub fn open_in_memory() -> Result<Store> {
        Ok(Store {
            conn: schema::open_in_memory()?,
            _review_copy: None,
            source: PathBuf::from(":memory:"),
            read_only: false,
            catalog_version: builtin_catalog_version(),
        })
    }

    /// Review mode: open a customer's exported database or JSON bundle without ever writing
    /// to it or next to it. A database of the current schema is read in place (`mode=ro`,
    /// `query_only`; a WAL database with a `-shm` with `readonly_shm`) or, when it is open in
    /// no process, or has a hot journal, from a verified private copy; it must be ours by its
    /// exact schema. A bundle or a database of an older schema is validated and loaded into a
    /// private in-memory copy. Every write method then fails with [`Error::ReadOnly`]. Also
    /// what the CLI's reading commands use, so it reads a consistent snapshot of a database
    /// another process is writing (see `docs/store.md`).
    pub fn open_review(path: &Path) -> Result<Store> {
        if schema::sniff(path)? == schema::FileKind::Sqlite {
            let db = schema::open_read_only(path)?;
            if db.version == SCHEMA_VERSION {
                return Ok(Store {
                    conn: db.conn,
                    _review_copy: db._copy,
                    source: path.to_path_buf(),
                    read_only: true,
                    catalog_version: builtin_catalog_version(),
                });
            }
        }
        let accounts = transfer::read_import_file(path)?;
        let mut store = Store::open_in_memory()?;
        store.import_validated(accounts, OnDuplicate::Rename)?;
        store.source = path.to_path_buf();
        store.read_only = true;
        Ok(store)
    }

    /// The file this store reads (or `:memory:`).
    pub fn path(&self) -> &Path {
        &self.source
    }

    /// Whether this store was opened in review mode.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// How long a write waits for another connection's lock before it starts the retries
    /// (default 5 s; see docs/store.md). For tools and tests that want to give up sooner.
    pub fn set_busy_timeout(&mut self, timeout: std::time::Duration) -> Result<()> {
        Ok(self.conn.busy_timeout(timeout)?)
    }

    /// Refuse to write `out` when it is this store's database file or one of its side files
    /// (`-wal`, `-shm`, `-journal`), or the file under review: compared as files (device and
    /// inode, or the canonical directory and name of a file not yet there), not as strings.
    pub fn check_output(&self, out: &Path) -> Result<()> {
        if self.source == Path::new(":memory:") {
            return Ok(());
        }
        if files::is_database_or_side_file(out, &self.source) {
            return Err(Error::OutputIsDatabase {
                path: out.display().to_string(),
                database: self.source.display().to_string(),
            });
        }
        Ok(())
    }

    /// Record `version` as the widget catalog every version saved from now on was made with
    /// (save, create, rename, duplicate, restore). The default is the built-in catalog's
    /// version; the window sets the catalog it has loaded, the CLI the one given with
    /// `--catalog`. Imported versions keep the catalog version they carry.
    pub fn set_catalog_version(&mut self, version: &str) {
        self.catalog_version = version.trim().to_string();
    }

    /// The catalog version new versions are saved with.
    pub fn catalog_version(&self) -> &str {
        &self.catalog_version
    }

    fn check_writable(&self) -> Result<()> {
        if self.read_only {
            Err(Error::ReadOnly)
        } else {
            Ok(())
        }
    }

    fn now(&self) -> Result<String> {
        now(&self.conn)
    }
}

/// The built-in catalog's version: what versions are saved with unless told otherwise.
fn builtin_catalog_version() -> String {
    cookie_admin_core::Catalog::embedded()
        .catalog_version
        .clone()
}

/// The current UTC time as SQLite formats it (`2026-01-31T12:00:00.000Z`).
fn now(conn: &Connection) -> Result<String> {
    Ok(
        conn.query_row("SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now')", [], |r| {
            r.get(0)
        })?,
    )
}

#[cfg(test)]
mod tests {
    /// The shell keeps the store in `tauri::State<Mutex<Store>>`, which needs `Send`.
    #[test]
    fn store_is_send() {
        fn assert_send<T: Send>() {}
        assert_send::<super::Store>();
        assert_send::<super::Error>();
    }
}
