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

/// The append-only list of migrations. See the module docs for the rules.
pub(crate) const MIGRATIONS: &[&str] = &[
    M1_ACCOUNTS_AND_VERSIONS,
    M2_SEARCH_INDEX,
    M3_REVERSED_DOMAINS,
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

pub(crate) fn sniff(path: &Path) -> Result<FileKind> {
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

fn not_a_database(path: &Path, e: &rusqlite::Error) -> Error {
    Error::NotADatabase {
        path: path.display().to_string(),
        message: e.to_string(),
    }
}

/// Open (creating if missing) a database for reading and writing, set the connection PRAGMAs
/// and migrate it to [`SCHEMA_VERSION`]. A database from a newer build, or a file that is not
/// SQLite, is refused before anything is written to it.
pub(crate) fn open_read_write(path: &Path) -> Result<Connection> {
    match sniff(path)? {
        FileKind::Other => {
            return Err(Error::NotADatabase {
                path: path.display().to_string(),
                message: "the file does not start with the SQLite header".into(),
            })
        }
        FileKind::Missing | FileKind::Empty | FileKind::Sqlite => {}
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = Connection::open_with_flags(path, flags)
        .map_err(|e| Error::io(path, std::io::Error::other(e.to_string())))?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // Check the version before the first PRAGMA that could write (journal_mode=WAL rewrites
    // the header), so a newer or broken database is left exactly as it was.
    let found = user_version(&conn).map_err(|e| not_a_database(path, &e))?;
    if found > SCHEMA_VERSION {
        return Err(newer(path, found));
    }
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") && !mode.eq_ignore_ascii_case("memory") {
        return Err(Error::NotADatabase {
            path: path.display().to_string(),
            message: format!("could not switch to WAL journal mode (got '{mode}')"),
        });
    }
    conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;")?;
    migrate(&mut conn, path)?;
    Ok(conn)
}

/// A fresh in-memory database with the current schema (review of bundles, tests).
pub(crate) fn open_in_memory() -> Result<Connection> {
    let mut conn = Connection::open_in_memory()?;
    conn.execute_batch("PRAGMA foreign_keys = ON;")?;
    migrate(&mut conn, Path::new(":memory:"))?;
    Ok(conn)
}

/// An existing database opened strictly read-only, and the private copy it reads from, if any.
pub(crate) struct ReadOnlyDb {
    pub conn: Connection,
    pub version: i64,
    /// Holds the private copy of a database whose WAL had to be read; dropped after `conn`.
    pub _copy: Option<tempfile::TempDir>,
}

fn sidecar(path: &Path, suffix: &str) -> std::path::PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(suffix);
    p.into()
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

/// Open an existing database strictly read-only: SQLite `mode=ro` plus `query_only`, no WAL
/// switch, no migration, and nothing created next to the file:
///
/// - a rollback-journal database (our exports) is opened with `mode=ro`;
/// - a WAL database without a WAL file is opened with `mode=ro&immutable=1`, since even a
///   read-only WAL reader would otherwise create `-wal` and `-shm` files beside it;
/// - a WAL database whose `-wal` file holds data is copied (with its WAL) into a private
///   temporary directory and the copy is opened, so the customer's files are never touched.
pub(crate) fn open_read_only(path: &Path) -> Result<ReadOnlyDb> {
    match sniff(path)? {
        FileKind::Sqlite => {}
        FileKind::Missing => {
            return Err(Error::io(
                path,
                std::io::Error::new(std::io::ErrorKind::NotFound, "file not found"),
            ))
        }
        FileKind::Empty => {
            return Err(Error::NotADatabase {
                path: path.display().to_string(),
                message: "the file is empty".into(),
            })
        }
        FileKind::Other => {
            return Err(Error::NotADatabase {
                path: path.display().to_string(),
                message: "the file does not start with the SQLite header".into(),
            })
        }
    }
    let mut copy = None;
    let mut target = path.to_path_buf();
    let mut query = "mode=ro";
    if header_says_wal(path)? {
        let wal = sidecar(path, "-wal");
        let wal_len = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
        if wal_len == 0 {
            query = "mode=ro&immutable=1";
        } else {
            let dir = tempfile::Builder::new()
                .prefix("cookie-admin-review-")
                .tempdir()
                .map_err(|e| Error::io(Path::new("temporary directory"), e))?;
            let copied = dir.path().join("review.sqlite");
            std::fs::copy(path, &copied).map_err(|e| Error::io(path, e))?;
            std::fs::copy(&wal, sidecar(&copied, "-wal")).map_err(|e| Error::io(&wal, e))?;
            target = copied;
            copy = Some(dir);
        }
    }
    let uri = format!("file:{}?{query}", uri_path(&target));
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_URI
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(uri, flags).map_err(|e| not_a_database(path, &e))?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.execute_batch("PRAGMA query_only = ON;")
        .map_err(|e| not_a_database(path, &e))?;
    let found = user_version(&conn).map_err(|e| not_a_database(path, &e))?;
    if found > SCHEMA_VERSION {
        return Err(newer(path, found));
    }
    if found < 1 {
        return Err(Error::NotADatabase {
            path: path.display().to_string(),
            message: "the file is an SQLite database but not one written by Cookie Admin".into(),
        });
    }
    // A truncated or damaged file often opens fine and fails later; find out now.
    let check: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(|e| not_a_database(path, &e))?;
    if check != "ok" {
        return Err(Error::NotADatabase {
            path: path.display().to_string(),
            message: format!("the database is damaged: {check}"),
        });
    }
    Ok(ReadOnlyDb {
        conn,
        version: found,
        _copy: copy,
    })
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
                if version >= 2 {
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
            }
        }
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
        migrate(&mut conn, Path::new(":memory:")).unwrap();
        assert_eq!(user_version(&conn).unwrap(), SCHEMA_VERSION);
    }

    #[test]
    fn uri_path_escapes_specials() {
        assert_eq!(uri_path(Path::new("/a b/c?d#e%")), "/a%20b/c%3Fd%23e%25");
    }
}
