//! The database schema and its migrations.
//!
//! The schema version lives in `PRAGMA user_version`. [`MIGRATIONS`] is append-only: entry `i`
//! takes a database from version `i` to `i + 1`. Never edit, remove or reorder a released entry,
//! and never make a backward-incompatible change (no dropping or renaming columns): a new need
//! is a new entry at the end. Each migration runs in its own transaction together with the
//! `user_version` bump, so a crash leaves the database at one version or the next.
//!
//! Connection PRAGMAs (`journal_mode`, `foreign_keys`, ...) are set on every open, outside the
//! migrations: `journal_mode` does nothing inside a transaction and `foreign_keys` is per
//! connection.

use std::io::Read;
use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::error::{Error, Result};
use crate::files;

/// Version 1: accounts and their append-only configuration versions.
const M1_ACCOUNTS_AND_VERSIONS: &str = "
CREATE TABLE accounts (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(trim(name)) > 0),
    created_at  TEXT NOT NULL
);

CREATE TABLE config_versions (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    version     INTEGER NOT NULL CHECK (version >= 1),
    author      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    config      TEXT NOT NULL CHECK (json_valid(config)),
    UNIQUE (account_id, version)
);
";

/// Version 2: a denormalised search index of each account's latest version (CMP, domains,
/// enabled features), maintained on every save, and back-filled here from existing data.
const M2_SEARCH_INDEX: &str = "
ALTER TABLE accounts ADD COLUMN cmp TEXT;
CREATE INDEX accounts_cmp ON accounts(cmp);

CREATE TABLE account_domains (
    account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    domain      TEXT NOT NULL,
    PRIMARY KEY (account_id, domain)
) WITHOUT ROWID;
CREATE INDEX account_domains_domain ON account_domains(domain);

CREATE TABLE account_features (
    account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    feature     TEXT NOT NULL,
    PRIMARY KEY (account_id, feature)
) WITHOUT ROWID;
CREATE INDEX account_features_feature ON account_features(feature);

CREATE TEMP VIEW latest_config AS
    SELECT v.account_id, v.config FROM config_versions v
    WHERE v.version = (SELECT max(version) FROM config_versions WHERE account_id = v.account_id);

UPDATE accounts SET cmp =
    (SELECT json_extract(l.config, '$.cmp') FROM latest_config l WHERE l.account_id = accounts.id);
INSERT OR IGNORE INTO account_domains (account_id, domain)
    SELECT l.account_id, lower(trim(d.value)) FROM latest_config l, json_each(l.config, '$.domains') d;
INSERT OR IGNORE INTO account_features (account_id, feature)
    SELECT l.account_id, f.value FROM latest_config l, json_each(l.config, '$.features') f;

DROP VIEW latest_config;
";

/// Version 3: each domain also stored reversed (`shop.example.com` -> `moc.elpmaxe.pohs`),
/// indexed, so "this domain or a subdomain of it" is an index range instead of a
/// `LIKE '%.example.com'` scan. Back-filled here; maintained on every save.
const M3_REVERSED_DOMAINS: &str = "
ALTER TABLE account_domains ADD COLUMN domain_rev TEXT NOT NULL DEFAULT '';

WITH RECURSIVE r(account_id, domain, i, rev) AS (
    SELECT account_id, domain, length(domain), '' FROM account_domains
    UNION ALL
    SELECT account_id, domain, i - 1, rev || substr(domain, i, 1) FROM r WHERE i > 0
)
UPDATE account_domains SET domain_rev = r.rev FROM r
WHERE r.i = 0 AND r.account_id = account_domains.account_id AND r.domain = account_domains.domain;

CREATE INDEX account_domains_rev ON account_domains(domain_rev);
";

/// Version 4: each version records the widget catalog version it was saved with (the
/// built-in catalog or one loaded in the window or given to the CLI with `--catalog`). Rows
/// saved before this migration did not record it: `''` means "not recorded".
const M4_CATALOG_VERSION: &str = "
ALTER TABLE config_versions ADD COLUMN catalog_version TEXT NOT NULL DEFAULT '';
";

/// Version 5: a covering index of each version's summary (number, author, time, note, catalog
/// version), so the accounts list reads a latest version's details from the index alone, never
/// from the table rows that hold the (large) configuration texts.
const M5_VERSION_SUMMARY_INDEX: &str = "
CREATE INDEX config_versions_summary
    ON config_versions(account_id, version, author, created_at, note, catalog_version);
";

/// The append-only list of migrations. See the module docs for the rules.
pub(crate) const MIGRATIONS: &[&str] = &[
    M1_ACCOUNTS_AND_VERSIONS,
    M2_SEARCH_INDEX,
    M3_REVERSED_DOMAINS,
    M4_CATALOG_VERSION,
    M5_VERSION_SUMMARY_INDEX,
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// How long a connection waits for another process's lock before giving up.
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_millis(5000);

/// When the database is still locked after the busy timeout (another process holds a long
/// write, e.g. a big import), a write waits this long and tries again, once per entry, before
/// it reports `database_busy`.
pub(crate) const BUSY_RETRY_DELAYS: [Duration; 3] = [
    Duration::from_millis(200),
    Duration::from_millis(500),
    Duration::from_millis(1000),
];

/// Start a write transaction (`BEGIN IMMEDIATE`, which takes the write lock at once), retrying
/// after [`BUSY_RETRY_DELAYS`] while the database stays busy or locked.
///
/// Takes `&Connection` (SQLite serialises writers itself); callers hold `&mut Store`, so no
/// other transaction of this connection can be open.
pub(crate) fn begin_write(conn: &Connection) -> Result<Transaction<'_>> {
    let mut delays = BUSY_RETRY_DELAYS.iter();
    loop {
        match Transaction::new_unchecked(conn, TransactionBehavior::Immediate) {
            Err(e) if crate::error::is_busy(&e) => match delays.next() {
                Some(delay) => std::thread::sleep(*delay),
                None => return Err(e.into()),
            },
            result => return Ok(result?),
        }
    }
}

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// What the first bytes of a file say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileKind {
    Missing,
    Empty,
    Sqlite,
    Other,
}

/// What the file at `path` is, from its first bytes. A FIFO, a device or a directory is
/// refused before it is opened (a FIFO would block the read forever).
pub(crate) fn sniff(path: &Path) -> Result<FileKind> {
    if !files::regular_file_exists(path)? {
        return Ok(FileKind::Missing);
    }
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FileKind::Missing),
        Err(e) => return Err(Error::io(path, e)),
    };
    let mut head = Vec::with_capacity(16);
    file.by_ref()
        .take(16)
        .read_to_end(&mut head)
        .map_err(|e| Error::io(path, e))?;
    Ok(if head.is_empty() {
        FileKind::Empty
    } else if head.as_slice() == SQLITE_HEADER {
        FileKind::Sqlite
    } else {
        FileKind::Other
    })
}

pub(crate) fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

/// An SQLite error while opening or reading a file, as the user can act on it.
pub(crate) fn read_error(path: &Path, e: &rusqlite::Error) -> Error {
    let code = e.sqlite_error().map(|e| e.extended_code);
    let message = match code {
        Some(rusqlite::ffi::SQLITE_INTERRUPT) => format!(
            "reading it was stopped after {WORK_BUDGET_PER_BYTE} steps per byte: it needs far more \
             work than a database of its size (a file built to never finish?)"
        ),
        Some(rusqlite::ffi::SQLITE_READONLY_ROLLBACK) => format!(
            "it has an interrupted write (a hot journal, {}) that must be rolled back before it \
             can be read, and the file or its directory cannot be written; copy both files \
             somewhere writable and open the copy",
            files::sidecar(path, "-journal").display()
        ),
        _ => cookie_admin_core::text::shorten_quoted_parts(&e.to_string()).into_owned(),
    };
    Error::NotADatabase {
        path: path.display().to_string(),
        message,
    }
}

fn not_a_database(path: &Path, message: &str) -> Error {
    Error::NotADatabase {
        path: path.display().to_string(),
        message: message.to_string(),
    }
}

/// One row of `sqlite_schema` (type, name, table, SQL text) of a user object.
type SchemaRow = (String, String, String, Option<String>);

fn schema_rows(conn: &Connection) -> rusqlite::Result<Vec<SchemaRow>> {
    conn.prepare(
        r"SELECT type, name, tbl_name, sql FROM sqlite_schema
          WHERE name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY type, name",
    )?
    .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
    .collect()
}

/// The exact objects (tables, indexes, with their SQL) a database of `version` has: what our
/// migrations create, built in memory.
fn expected_schema(version: i64) -> Result<Vec<SchemaRow>> {
    let mut conn = Connection::open_in_memory()?;
    migrate_to(
        &mut conn,
        Path::new(":memory:"),
        usize::try_from(version).unwrap_or(0),
    )?;
    Ok(schema_rows(&conn)?)
}

/// What an SQLite file holds, as far as opening it for writing is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Recognised {
    /// No tables at all and `user_version` 0: a new database may be started in it.
    Empty,
    /// One of ours, at this schema version.
    Ours(i64),
}

/// Recognise a database by its `user_version` and its exact schema: the tables and indexes
/// our migrations create for that version, with the same SQL, and nothing else (no view, no
/// trigger, no other table). Anything else is refused as foreign before a row is read.
pub(crate) fn recognise(conn: &Connection, path: &Path) -> Result<Recognised> {
    let found = user_version(conn).map_err(|e| read_error(path, &e))?;
    if found > SCHEMA_VERSION {
        return Err(newer(path, found));
    }
    let rows = schema_rows(conn).map_err(|e| read_error(path, &e))?;
    if found == 0 && rows.is_empty() {
        return Ok(Recognised::Empty);
    }
    if found >= 1 && rows == expected_schema(found)? {
        return Ok(Recognised::Ours(found));
    }
    let mut objects: Vec<String> = rows
        .iter()
        .filter(|(kind, ..)| kind != "index")
        .take(8)
        .map(|(kind, name, ..)| format!("{kind} {}", cookie_admin_core::quote(name)))
        .collect();
    if rows.is_empty() {
        objects.push("no tables".into());
    }
    Err(Error::ForeignDatabase {
        path: path.display().to_string(),
        found: format!("schema version {found}; {}", objects.join(", ")),
    })
}

/// How many virtual-machine steps per byte of the file a read of an untrusted database may
/// take (plus a fixed allowance). Reading our tables costs a few steps per byte; a view or a
/// recursive query built to never finish is stopped.
pub(crate) const WORK_BUDGET_PER_BYTE: u64 = 2_000;
const WORK_BUDGET_BASE: u64 = 50_000_000;
/// The longest text or blob SQLite returns from an untrusted file (a configuration is a few
/// kilobytes).
const MAX_VALUE_BYTES: i32 = 64 * 1024 * 1024;

/// Run `f` with SQLite's progress handler counting steps: past the budget for a file of
/// `file_len` bytes, the running statement is interrupted. The handler is removed afterwards,
/// so a long-lived review connection is not limited in total.
pub(crate) fn bounded<T>(
    conn: &mut Connection,
    file_len: u64,
    f: impl FnOnce(&Connection) -> Result<T>,
) -> Result<T> {
    const EVERY: i32 = 10_000;
    let budget = WORK_BUDGET_BASE.saturating_add(file_len.saturating_mul(WORK_BUDGET_PER_BYTE));
    let mut used: u64 = 0;
    conn.progress_handler(
        EVERY,
        Some(move || {
            used = used.saturating_add(EVERY as u64);
            used > budget
        }),
    )?;
    let result = f(conn);
    conn.progress_handler(0, None::<fn() -> bool>)?;
    result
}

/// An existing database opened strictly read-only, and the private copy it reads from, if any.
pub(crate) struct ReadOnlyDb {
    pub conn: Connection,
    pub version: i64,
    /// Holds the private copy of a database that could not be read in place; dropped after
    /// `conn`.
    pub _copy: Option<tempfile::TempDir>,
}

/// Whether the header says the database is in WAL mode (file format bytes 18 and 19 are 2).
fn header_says_wal(path: &Path) -> Result<bool> {
    let mut head = [0u8; 20];
    let mut file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    match file.read_exact(&mut head) {
        Ok(()) => Ok(head[18] == 2 || head[19] == 2),
        Err(_) => Ok(false),
    }
}

/// Size, times and inode of a file, or `None` when it does not exist: equal stamps before and
/// after a copy mean nobody wrote the file meanwhile.
fn stamp(path: &Path) -> Option<(u64, u64, i64, i64, i64, i64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| {
        (
            m.ino(),
            m.len(),
            m.mtime(),
            m.mtime_nsec(),
            m.ctime(),
            m.ctime_nsec(),
        )
    })
}

/// Copy `path` and the side files named by `suffixes` that exist into a new private
/// directory, and check that none of them (nor a `-shm`, the sign of a process having the
/// database open) changed meanwhile. `None` when something changed: the caller tries again.
fn private_copy(
    path: &Path,
    suffixes: &[&str],
) -> Result<Option<(tempfile::TempDir, std::path::PathBuf)>> {
    use std::os::unix::fs::PermissionsExt;
    let watched: Vec<std::path::PathBuf> = std::iter::once(path.to_path_buf())
        .chain(suffixes.iter().map(|s| files::sidecar(path, s)))
        .chain(std::iter::once(files::sidecar(path, "-shm")))
        .collect();
    let before: Vec<_> = watched.iter().map(|p| stamp(p)).collect();
    let dir = tempfile::Builder::new()
        .prefix("cookie-admin-review-")
        .permissions(std::fs::Permissions::from_mode(0o700))
        .tempdir()
        .map_err(|e| Error::io(Path::new("temporary directory"), e))?;
    let copied = dir.path().join("review.sqlite");
    for (i, source) in watched.iter().enumerate().take(1 + suffixes.len()) {
        let target = if i == 0 {
            copied.clone()
        } else {
            files::sidecar(&copied, suffixes[i - 1])
        };
        match std::fs::copy(source, &target) {
            Ok(_) => {}
            // A side file that was not there, or went away (then the stamps differ).
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && i > 0 => continue,
            Err(e) => return Err(Error::io(source, e)),
        }
        // Our copy: writable, so SQLite can finish the journal or WAL in it, and private.
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600))
            .map_err(|e| Error::io(&target, e))?;
    }
    let after: Vec<_> = watched.iter().map(|p| stamp(p)).collect();
    Ok((before == after).then_some((dir, copied)))
}

fn open_uri(path: &Path, query: &str, flags: OpenFlags) -> rusqlite::Result<Connection> {
    let uri = format!("file:{}?{query}", uri_path(path));
    let conn = Connection::open_with_flags(
        uri,
        flags | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // The first read: a hot journal or a missing `-shm` shows up here, not at open.
    user_version(&conn)?;
    Ok(conn)
}

/// Open the database at `path` to read a consistent snapshot of it without ever writing to
/// it or next to it (not even a `-wal` or `-shm`):
///
/// - a rollback-journal database (our exports) is opened with `mode=ro`. If it has a hot
///   journal (a writer was killed mid-write), it and its journal are copied into a private
///   directory and the copy is opened, where SQLite rolls the journal back;
/// - a WAL database whose `-wal` and `-shm` exist (another process may be writing it right
///   now) is opened with `mode=ro`: SQLite's WAL locks give a consistent snapshot. The reader
///   may update the `-shm` (SQLite's shared-memory index of the WAL, rebuilt from the WAL by
///   whoever opens it first; never database content), as every reader of a live WAL database
///   must, e.g. to rebuild the index after a writer was killed. (`readonly_shm=1` was tried:
///   a reader then cannot rebuild that index and fails until a writer does);
/// - a WAL database without a `-shm` is open in no process: it is copied (with its `-wal`)
///   into a private directory and the copy is opened. The copy is checked: if any of the
///   files changed during the copy (a writer started), it is made again.
///
/// No `immutable=1` (wrong on a file another process writes) and no copy of a file in use.
/// The connection is `query_only`, values are capped in size, and statements run under
/// [`bounded`] where the caller asks.
pub(crate) fn open_snapshot(path: &Path) -> Result<(Connection, Option<tempfile::TempDir>)> {
    match sniff(path)? {
        FileKind::Sqlite => {}
        FileKind::Missing => {
            return Err(Error::io(
                path,
                std::io::Error::new(std::io::ErrorKind::NotFound, "file not found"),
            ))
        }
        FileKind::Empty => return Err(not_a_database(path, "the file is empty")),
        FileKind::Other => {
            return Err(not_a_database(
                path,
                "the file does not start with the SQLite header",
            ))
        }
    }
    let read_only = OpenFlags::SQLITE_OPEN_READ_ONLY;
    let mut last_error = None;
    for attempt in 0..8u64 {
        if attempt > 0 {
            std::thread::sleep(Duration::from_millis(5 * attempt));
        }
        let wal = header_says_wal(path)?;
        let shm = files::sidecar(path, "-shm");
        let opened = if !wal {
            match open_uri(path, "mode=ro", read_only) {
                Ok(conn) => Ok(Some((conn, None))),
                Err(e) if is_hot_journal(&e) => copy_and_open(path, &["-journal"]),
                Err(e) => Err(read_error(path, &e)),
            }
        } else if shm.exists() && files::sidecar(path, "-wal").exists() {
            match open_uri(path, "mode=ro", read_only) {
                Ok(conn) => Ok(Some((conn, None))),
                // Most likely the last writer closed meanwhile and is taking the side files
                // with it (the `-wal` goes first, then the `-shm`): look again.
                Err(e) => {
                    last_error = Some(read_error(path, &e));
                    Ok(None)
                }
            }
        } else {
            copy_and_open(path, &["-wal"])
        };
        if let Some((conn, copy)) = opened? {
            conn.set_limit(
                rusqlite::limits::Limit::SQLITE_LIMIT_LENGTH,
                MAX_VALUE_BYTES,
            )?;
            conn.execute_batch("PRAGMA query_only = ON; PRAGMA trusted_schema = OFF;")
                .map_err(|e| read_error(path, &e))?;
            return Ok((conn, copy));
        }
    }
    Err(last_error.unwrap_or_else(|| {
        not_a_database(
            path,
            "the file kept changing while it was read (another program is writing it); try again",
        )
    }))
}

fn is_hot_journal(e: &rusqlite::Error) -> bool {
    e.sqlite_error()
        .is_some_and(|e| e.extended_code == rusqlite::ffi::SQLITE_READONLY_ROLLBACK)
}

/// A verified private copy of `path` (and its side files), opened. `None`: something changed
/// during the copy, try again.
fn copy_and_open(
    path: &Path,
    suffixes: &[&str],
) -> Result<Option<(Connection, Option<tempfile::TempDir>)>> {
    let Some((dir, copied)) = private_copy(path, suffixes)? else {
        return Ok(None);
    };
    // Read-write on our own copy only: SQLite may roll back its journal or rebuild its WAL
    // index there.
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE;
    let conn = open_uri(&copied, "mode=rw", flags).map_err(|e| read_error(path, &e))?;
    Ok(Some((conn, Some(dir))))
}

/// Open an existing database of ours strictly read-only (see [`open_snapshot`]), check that
/// it is ours ([`recognise`]) and not damaged, with the work bounded.
pub(crate) fn open_read_only(path: &Path) -> Result<ReadOnlyDb> {
    let (mut conn, copy) = open_snapshot(path)?;
    let file_len = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let version = bounded(&mut conn, file_len, |conn| {
        let version = match recognise(conn, path)? {
            Recognised::Ours(version) => version,
            Recognised::Empty => {
                return Err(Error::ForeignDatabase {
                    path: path.display().to_string(),
                    found: "schema version 0; no tables".into(),
                })
            }
        };
        // A truncated or damaged file often opens fine and fails later; find out now.
        let check: String = conn
            .query_row("PRAGMA quick_check", [], |r| r.get(0))
            .map_err(|e| read_error(path, &e))?;
        if check != "ok" {
            return Err(not_a_database(
                path,
                &format!(
                    "the database is damaged: {}",
                    cookie_admin_core::text::shorten(&check)
                ),
            ));
        }
        Ok(version)
    })?;
    Ok(ReadOnlyDb {
        conn,
        version,
        _copy: copy,
    })
}

/// Open (creating if missing) a database for reading and writing, set the connection PRAGMAs
/// and migrate it to [`SCHEMA_VERSION`]. Before anything is written, an existing file is
/// looked at read-only ([`open_snapshot`], [`recognise`]): a file that is not SQLite, a
/// database from a newer build or a foreign database is refused and left exactly as it was.
/// Only an empty file, an SQLite file without tables, or one of ours is opened for writing.
pub(crate) fn open_read_write(path: &Path) -> Result<Connection> {
    match sniff(path)? {
        FileKind::Other => {
            return Err(not_a_database(
                path,
                "the file does not start with the SQLite header",
            ))
        }
        FileKind::Sqlite => {
            let (mut probe, _copy) = open_snapshot(path)?;
            let file_len = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
            bounded(&mut probe, file_len, |conn| recognise(conn, path))?;
        }
        FileKind::Missing | FileKind::Empty => {}
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = open_with_retry(path, flags)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // Check the version again before the first PRAGMA that could write (journal_mode=WAL
    // rewrites the header): another process may have changed the file since the probe.
    let found = user_version(&conn).map_err(|e| read_error(path, &e))?;
    if found > SCHEMA_VERSION {
        return Err(newer(path, found));
    }
    let mode: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
        .map_err(|e| read_error(path, &e))?;
    if !mode.eq_ignore_ascii_case("wal") && !mode.eq_ignore_ascii_case("memory") {
        return Err(not_a_database(
            path,
            &format!("could not switch to WAL journal mode (got '{mode}')"),
        ));
    }
    conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;")?;
    migrate(&mut conn, path)?;
    Ok(conn)
}

/// Open `path` read-write. A "cannot open" is tried again a few times: under heavy load it
/// was seen once, transiently, while other processes opened and closed the same file.
fn open_with_retry(path: &Path, flags: OpenFlags) -> Result<Connection> {
    let mut attempt = 0;
    loop {
        match Connection::open_with_flags(path, flags) {
            Ok(conn) => return Ok(conn),
            Err(e)
                if attempt < 3
                    && e.sqlite_error_code() == Some(rusqlite::ErrorCode::CannotOpen)
                    && path.exists() =>
            {
                attempt += 1;
                std::thread::sleep(Duration::from_millis(20 * attempt));
            }
            Err(e) => return Err(Error::io(path, std::io::Error::other(e.to_string()))),
        }
    }
}

/// A fresh in-memory database with the current schema (review of bundles, tests).
pub(crate) fn open_in_memory() -> Result<Connection> {
    let mut conn = Connection::open_in_memory()?;
    conn.execute_batch("PRAGMA foreign_keys = ON;")?;
    migrate(&mut conn, Path::new(":memory:"))?;
    Ok(conn)
}

fn newer(path: &Path, found: i64) -> Error {
    Error::NewerSchema {
        path: path.display().to_string(),
        found,
        supported: SCHEMA_VERSION,
    }
}

/// Percent-encode a path for an SQLite `file:` URI.
fn uri_path(path: &Path) -> String {
    let text = path.to_string_lossy();
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            b'\\' if cfg!(windows) => out.push('/'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Bring the database up to [`SCHEMA_VERSION`], one transaction per migration.
pub(crate) fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    migrate_to(conn, path, MIGRATIONS.len())
}

/// Apply migrations up to (not beyond) `target` versions. Tests use it to build databases of
/// every earlier version.
pub(crate) fn migrate_to(conn: &mut Connection, path: &Path, target: usize) -> Result<()> {
    let target = target.min(MIGRATIONS.len());
    if user_version(conn)? >= target as i64 {
        return ok_or_newer(conn, path);
    }
    loop {
        // EXCLUSIVE: two processes opening a fresh file at once must not both migrate it.
        let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
        let current = user_version(&tx)?;
        if current > SCHEMA_VERSION {
            return Err(newer(path, current));
        }
        let current = usize::try_from(current).unwrap_or(0);
        if current >= target {
            return Ok(());
        }
        tx.execute_batch(MIGRATIONS[current])?;
        tx.pragma_update(None, "user_version", current as i64 + 1)?;
        tx.commit()?;
    }
}

fn ok_or_newer(conn: &Connection, path: &Path) -> Result<()> {
    let found = user_version(conn)?;
    if found > SCHEMA_VERSION {
        Err(newer(path, found))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(conn: &Connection) -> (i64, i64, i64) {
        conn.query_row(
            "SELECT (SELECT count(*) FROM accounts), (SELECT count(*) FROM account_domains),
                    (SELECT count(*) FROM account_features)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap()
    }

    #[test]
    fn migrates_an_empty_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("empty.sqlite");
        std::fs::File::create(&path).unwrap();
        let conn = open_read_write(&path).unwrap();
        assert_eq!(user_version(&conn).unwrap(), SCHEMA_VERSION);
        assert_eq!(counts(&conn), (0, 0, 0));
        drop(conn);
        // Opening again is a no-op.
        let conn = open_read_write(&path).unwrap();
        assert_eq!(user_version(&conn).unwrap(), SCHEMA_VERSION);
    }

    #[test]
    fn migrates_a_file_of_every_earlier_version() {
        let config = r#"{"schema_version":1,"account":{"id":"a","name":"A"},
            "domains":["Shop.Example"," b.example"],"features":["trace_route","scoring_rules"],
            "cmp":"cookiebot"}"#;
        for version in 0..MIGRATIONS.len() {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join(format!("v{version}.sqlite"));
            {
                let mut conn = Connection::open(&path).unwrap();
                migrate_to(&mut conn, &path, version).unwrap();
                assert_eq!(user_version(&conn).unwrap(), version as i64);
                if version >= 1 {
                    // Data written by that version's schema (only the version-1 columns).
                    conn.execute(
                        "INSERT INTO accounts (name, created_at) VALUES ('A', '2026-01-01T00:00:00.000Z')",
                        [],
                    )
                    .unwrap();
                    for v in 1..=2 {
                        conn.execute(
                            "INSERT INTO config_versions (account_id, version, author, created_at, note, config)
                             VALUES (1, ?1, 't', '2026-01-01T00:00:00.000Z', '', ?2)",
                            rusqlite::params![v, if v == 2 { config } else { r#"{"schema_version":1,"account":{"id":"a","name":"A"}}"# }],
                        )
                        .unwrap();
                    }
                }
                if version == 2 {
                    // A version-2 build keeps the search index itself on save (no
                    // reversed domains yet).
                    conn.execute_batch(
                        "UPDATE accounts SET cmp = 'cookiebot';
                         INSERT INTO account_domains (account_id, domain)
                             VALUES (1, 'shop.example'), (1, 'b.example');
                         INSERT INTO account_features (account_id, feature)
                             VALUES (1, 'trace_route'), (1, 'scoring_rules');",
                    )
                    .unwrap();
                }
                if version >= 3 {
                    // A version-3 build also writes the reversed domains.
                    conn.execute_batch(
                        "UPDATE accounts SET cmp = 'cookiebot';
                         INSERT INTO account_domains (account_id, domain, domain_rev)
                             VALUES (1, 'shop.example', 'elpmaxe.pohs'),
                                    (1, 'b.example', 'elpmaxe.b');
                         INSERT INTO account_features (account_id, feature)
                             VALUES (1, 'trace_route'), (1, 'scoring_rules');",
                    )
                    .unwrap();
                }
            }
            let conn = open_read_write(&path).unwrap();
            assert_eq!(
                user_version(&conn).unwrap(),
                SCHEMA_VERSION,
                "from {version}"
            );
            if version >= 1 {
                assert_eq!(counts(&conn), (1, 2, 2), "back-fill from version {version}");
                let cmp: Option<String> = conn
                    .query_row("SELECT cmp FROM accounts", [], |r| r.get(0))
                    .unwrap();
                assert_eq!(cmp.as_deref(), Some("cookiebot"));
                let domains: Vec<String> = conn
                    .prepare("SELECT domain FROM account_domains ORDER BY domain")
                    .unwrap()
                    .query_map([], |r| r.get(0))
                    .unwrap()
                    .collect::<rusqlite::Result<_>>()
                    .unwrap();
                assert_eq!(domains, ["b.example", "shop.example"]);
                // Version 3: the reversed domains, back-filled.
                let reversed: Vec<(String, String)> = conn
                    .prepare("SELECT domain, domain_rev FROM account_domains ORDER BY domain")
                    .unwrap()
                    .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                    .unwrap()
                    .collect::<rusqlite::Result<_>>()
                    .unwrap();
                assert_eq!(
                    reversed,
                    [
                        ("b.example".to_string(), "elpmaxe.b".to_string()),
                        ("shop.example".to_string(), "elpmaxe.pohs".to_string())
                    ],
                    "back-fill from version {version}"
                );
                // Version 4: versions saved before it recorded no catalog version.
                let catalogs: Vec<String> = conn
                    .prepare("SELECT catalog_version FROM config_versions ORDER BY version")
                    .unwrap()
                    .query_map([], |r| r.get(0))
                    .unwrap()
                    .collect::<rusqlite::Result<_>>()
                    .unwrap();
                assert_eq!(catalogs, ["", ""], "from version {version}");
                // Version 5: the latest version's summary is read from the covering index.
                let (latest, author): (i64, String) = conn
                    .query_row(
                        "SELECT version, author FROM config_versions INDEXED BY config_versions_summary
                         WHERE account_id = 1 ORDER BY version DESC LIMIT 1",
                        [],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )
                    .unwrap();
                assert_eq!(
                    (latest, author.as_str()),
                    (2, "t"),
                    "from version {version}"
                );
            }
        }
    }

    #[test]
    fn the_accounts_list_reads_no_configuration_text() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, Path::new(":memory:")).unwrap();
        // What `Store::query_accounts` joins for each row: the plan must use the covering
        // index, which holds no configuration text.
        let plan: Vec<String> = conn
            .prepare(
                "EXPLAIN QUERY PLAN
                 SELECT a.name, v.version, v.author, v.created_at, v.note FROM accounts a
                 JOIN config_versions v ON v.account_id = a.id
                  AND v.version = (SELECT max(version) FROM config_versions WHERE account_id = a.id)",
            )
            .unwrap()
            .query_map([], |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(
            plan.iter()
                .any(|step| step.contains("COVERING INDEX config_versions_summary")),
            "{plan:?}"
        );
    }

    #[test]
    fn refuses_a_newer_database_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("newer.sqlite");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;")
                .unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let err = open_read_write(&path).unwrap_err();
        assert_eq!(err.kind(), "newer_schema");
        assert!(err.to_string().contains("99"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), before);
        let err = open_read_only(&path).err().unwrap();
        assert_eq!(err.kind(), "newer_schema");
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn migrations_apply_twice_without_change() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, Path::new(":memory:")).unwrap();
        let once = schema_rows(&conn).unwrap();
        assert!(once.len() >= 8, "{once:?}");
        migrate(&mut conn, Path::new(":memory:")).unwrap();
        assert_eq!(schema_rows(&conn).unwrap(), once, "the schema itself");
        assert_eq!(user_version(&conn).unwrap(), SCHEMA_VERSION);
        // Each earlier version, migrated on, ends with the same schema as a fresh one.
        for from in 0..MIGRATIONS.len() {
            let mut older = Connection::open_in_memory().unwrap();
            migrate_to(&mut older, Path::new(":memory:"), from).unwrap();
            migrate(&mut older, Path::new(":memory:")).unwrap();
            assert_eq!(schema_rows(&older).unwrap(), once, "from version {from}");
        }
    }

    #[test]
    fn recognises_ours_empty_and_foreign() {
        let conn = Connection::open_in_memory().unwrap();
        assert_eq!(recognise(&conn, Path::new("x")).unwrap(), Recognised::Empty);
        let mut ours = Connection::open_in_memory().unwrap();
        migrate(&mut ours, Path::new("x")).unwrap();
        assert_eq!(
            recognise(&ours, Path::new("x")).unwrap(),
            Recognised::Ours(SCHEMA_VERSION)
        );
        // One extra object makes it foreign: a trigger, a view, a table.
        for extra in [
            "CREATE TRIGGER t AFTER INSERT ON accounts BEGIN SELECT 1; END",
            "CREATE VIEW v AS SELECT 1",
            "CREATE TABLE other (x)",
        ] {
            let mut conn = Connection::open_in_memory().unwrap();
            migrate(&mut conn, Path::new("x")).unwrap();
            conn.execute_batch(extra).unwrap();
            let err = recognise(&conn, Path::new("x")).unwrap_err();
            assert_eq!(err.kind(), "foreign_database", "{extra}");
        }
        let foreign = Connection::open_in_memory().unwrap();
        foreign.execute_batch("CREATE TABLE accounts (x)").unwrap();
        let err = recognise(&foreign, Path::new("f.db")).unwrap_err();
        assert!(err.to_string().contains("table 'accounts'"), "{err}");
    }

    #[test]
    fn bounded_stops_an_endless_query() {
        let mut conn = Connection::open_in_memory().unwrap();
        let err = bounded(&mut conn, 0, |conn| {
            conn.query_row(
                "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r)
                 SELECT count(*) FROM r",
                [],
                |r| r.get::<_, i64>(0),
            )
            .map_err(|e| read_error(Path::new("endless.sqlite"), &e))
        })
        .unwrap_err();
        assert!(err.to_string().contains("never finish"), "{err}");
        // Afterwards the connection is not limited any more.
        let n: i64 = conn.query_row("SELECT 1", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 1);
    }

    #[test]
    fn uri_path_escapes_specials() {
        assert_eq!(uri_path(Path::new("/a b/c?d#e%")), "/a%20b/c%3Fd%23e%25");
    }
}
