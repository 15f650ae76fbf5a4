//! Accounts and their append-only configuration versions: save, history, restore, rename,
//! duplicate, delete, list and search.

use cookie_admin_core::{AccountConfig, CmpId, Feature};
use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};
use serde::Serialize;

use crate::diff::{self, VersionDiff};
use crate::error::{Error, Result};
use crate::Store;

/// Who saved a version, when and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VersionInfo {
    /// 1, 2, 3, ... per account, never reused.
    pub version: i64,
    pub author: String,
    /// UTC, `2026-01-31T12:00:00.000Z`.
    pub created_at: String,
    pub note: String,
}

/// One stored version with its configuration.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredVersion {
    pub account: String,
    #[serde(flatten)]
    pub info: VersionInfo,
    pub config: AccountConfig,
}

/// One row of the accounts list: the account and its latest version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccountSummary {
    pub name: String,
    pub created_at: String,
    pub latest: VersionInfo,
    /// Of the latest version, lower-cased.
    pub domains: Vec<String>,
    /// Enabled optional features of the latest version (ids such as `trace_route`).
    pub features: Vec<String>,
    /// The latest version's CMP id, if one is chosen.
    pub cmp: Option<String>,
}

/// Filters for [`Store::list_accounts`]; every filter given must match. The default lists
/// everything, sorted by name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccountFilter {
    /// Case-insensitive substring of the account name or of one of its domains.
    pub search: Option<String>,
    /// A domain the account uses, or a parent of one (`example.com` matches `shop.example.com`).
    pub domain: Option<String>,
    pub cmp: Option<CmpId>,
    /// An optional feature switched on in the latest version.
    pub feature: Option<Feature>,
}

pub(crate) fn check_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::invalid("account name", "must not be empty"));
    }
    if name.chars().count() > 200 {
        return Err(Error::invalid(
            "account name",
            "is longer than 200 characters",
        ));
    }
    if name.chars().any(char::is_control) {
        return Err(Error::invalid(
            "account name",
            "must not contain control characters",
        ));
    }
    Ok(name.to_string())
}

fn check_author(author: &str) -> String {
    let author = author.trim();
    if author.is_empty() {
        "unknown".to_string()
    } else {
        author.to_string()
    }
}

fn like_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// The canonical stored form of a configuration.
pub(crate) fn config_to_text(config: &AccountConfig) -> Result<String> {
    serde_json::to_string(config).map_err(|e| Error::invalid("configuration", e.to_string()))
}

fn config_from_text(account: &str, version: i64, text: &str) -> Result<AccountConfig> {
    AccountConfig::from_json(text).map_err(|e| Error::BadInput {
        path: "database".into(),
        record: format!("account '{account}' version {version}"),
        field: "config".into(),
        message: e.to_string(),
    })
}

/// Account id and canonical name, looked up case-insensitively.
pub(crate) fn find_account(tx: &rusqlite::Connection, name: &str) -> Result<Option<(i64, String)>> {
    Ok(tx
        .prepare_cached("SELECT id, name FROM accounts WHERE name = ?1")?
        .query_row([name.trim()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

fn require_account(conn: &rusqlite::Connection, name: &str) -> Result<(i64, String)> {
    find_account(conn, name)?.ok_or_else(|| Error::AccountNotFound {
        name: name.to_string(),
    })
}

pub(crate) fn create_account(tx: &Transaction<'_>, name: &str, created_at: &str) -> Result<i64> {
    tx.prepare_cached("INSERT INTO accounts (name, created_at) VALUES (?1, ?2)")?
        .execute(params![name, created_at])?;
    Ok(tx.last_insert_rowid())
}

pub(crate) fn next_version(tx: &Transaction<'_>, account_id: i64) -> Result<i64> {
    Ok(tx
        .prepare_cached(
            "SELECT coalesce(max(version), 0) + 1 FROM config_versions WHERE account_id = ?1",
        )?
        .query_row([account_id], |r| r.get(0))?)
}

pub(crate) fn insert_version(
    tx: &Transaction<'_>,
    account_id: i64,
    info: &VersionInfo,
    config_text: &str,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO config_versions (account_id, version, author, created_at, note, config)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        account_id,
        info.version,
        info.author,
        info.created_at,
        info.note,
        config_text
    ])?;
    Ok(())
}

/// Rebuild the denormalised search rows (CMP, domains, features) from a latest config.
pub(crate) fn refresh_search(
    tx: &Transaction<'_>,
    account_id: i64,
    config: &AccountConfig,
) -> Result<()> {
    tx.prepare_cached("UPDATE accounts SET cmp = ?2 WHERE id = ?1")?
        .execute(params![account_id, config.cmp.map(|c| c.id())])?;
    tx.prepare_cached("DELETE FROM account_domains WHERE account_id = ?1")?
        .execute([account_id])?;
    tx.prepare_cached("DELETE FROM account_features WHERE account_id = ?1")?
        .execute([account_id])?;
    let mut domain = tx.prepare_cached(
        "INSERT OR IGNORE INTO account_domains (account_id, domain) VALUES (?1, ?2)",
    )?;
    for d in &config.domains {
        let d = d.trim().to_lowercase();
        if !d.is_empty() {
            domain.execute(params![account_id, d])?;
        }
    }
    let mut feature = tx.prepare_cached(
        "INSERT OR IGNORE INTO account_features (account_id, feature) VALUES (?1, ?2)",
    )?;
    for f in &config.features {
        feature.execute(params![account_id, f.id()])?;
    }
    Ok(())
}

impl Store {
    fn write_tx(&mut self) -> Result<Transaction<'_>> {
        self.check_writable()?;
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }

    /// Save `config` as a new version of the account `account` (created if it does not
    /// exist yet). Never overwrites: the new version number is the previous one plus one.
    pub fn save(
        &mut self,
        account: &str,
        config: &AccountConfig,
        author: &str,
        note: &str,
    ) -> Result<VersionInfo> {
        let name = check_name(account)?;
        let author = check_author(author);
        let text = config_to_text(config)?;
        let tx = self.write_tx()?;
        // Taken inside the write lock, so times follow version order across processes.
        let now = crate::now(&tx)?;
        let account_id = match find_account(&tx, &name)? {
            Some((id, _)) => id,
            None => create_account(&tx, &name, &now)?,
        };
        let info = VersionInfo {
            version: next_version(&tx, account_id)?,
            author,
            created_at: now,
            note: note.trim().to_string(),
        };
        insert_version(&tx, account_id, &info, &text)?;
        refresh_search(&tx, account_id, config)?;
        tx.commit()?;
        Ok(info)
    }

    /// List accounts with their latest version, filtered, sorted by name.
    pub fn list_accounts(&self, filter: &AccountFilter) -> Result<Vec<AccountSummary>> {
        let search = filter
            .search
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| like_escape(&s.to_lowercase()));
        let domain = filter
            .domain
            .as_deref()
            .map(|d| d.trim().to_lowercase())
            .filter(|d| !d.is_empty());
        let domain_suffix = domain.as_deref().map(|d| {
            let mut pattern = like_escape(&format!(".{d}"));
            pattern.pop(); // ends with the domain, no trailing wildcard
            pattern
        });
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.name, a.created_at, a.cmp, v.version, v.author, v.created_at, v.note
             FROM accounts a
             JOIN config_versions v ON v.account_id = a.id
              AND v.version = (SELECT max(version) FROM config_versions WHERE account_id = a.id)
             WHERE (?1 IS NULL OR lower(a.name) LIKE ?1 ESCAPE '\\'
                    OR EXISTS (SELECT 1 FROM account_domains d
                               WHERE d.account_id = a.id AND d.domain LIKE ?1 ESCAPE '\\'))
               AND (?2 IS NULL OR EXISTS (SELECT 1 FROM account_domains d
                               WHERE d.account_id = a.id
                                 AND (d.domain = ?2 OR d.domain LIKE ?3 ESCAPE '\\')))
               AND (?4 IS NULL OR a.cmp = ?4)
               AND (?5 IS NULL OR EXISTS (SELECT 1 FROM account_features f
                               WHERE f.account_id = a.id AND f.feature = ?5))
             ORDER BY a.name COLLATE NOCASE",
        )?;
        let rows = stmt
            .query_map(
                params![
                    search,
                    domain,
                    domain_suffix,
                    filter.cmp.map(|c| c.id()),
                    filter.feature.map(|f| f.id())
                ],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        AccountSummary {
                            name: r.get(1)?,
                            created_at: r.get(2)?,
                            cmp: r.get(3)?,
                            latest: VersionInfo {
                                version: r.get(4)?,
                                author: r.get(5)?,
                                created_at: r.get(6)?,
                                note: r.get(7)?,
                            },
                            domains: Vec::new(),
                            features: Vec::new(),
                        },
                    ))
                },
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut domains = self.conn.prepare_cached(
            "SELECT domain FROM account_domains WHERE account_id = ?1 ORDER BY domain",
        )?;
        let mut features = self.conn.prepare_cached(
            "SELECT feature FROM account_features WHERE account_id = ?1 ORDER BY feature",
        )?;
        let mut out = Vec::with_capacity(rows.len());
        for (id, mut summary) in rows {
            summary.domains = domains
                .query_map([id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            summary.features = features
                .query_map([id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            out.push(summary);
        }
        Ok(out)
    }

    /// The names of all accounts, sorted.
    pub fn account_names(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT name FROM accounts ORDER BY name COLLATE NOCASE")?;
        let names = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(names)
    }

    /// Every version of an account, oldest first.
    pub fn history(&self, account: &str) -> Result<Vec<VersionInfo>> {
        let (id, _) = require_account(&self.conn, account)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT version, author, created_at, note FROM config_versions
             WHERE account_id = ?1 ORDER BY version",
        )?;
        let versions = stmt
            .query_map([id], |r| {
                Ok(VersionInfo {
                    version: r.get(0)?,
                    author: r.get(1)?,
                    created_at: r.get(2)?,
                    note: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(versions)
    }

    /// One version of an account; `None` means the latest.
    pub fn get_version(&self, account: &str, version: Option<i64>) -> Result<StoredVersion> {
        let (id, name) = require_account(&self.conn, account)?;
        let row = self
            .conn
            .prepare_cached(
                "SELECT version, author, created_at, note, config FROM config_versions
                 WHERE account_id = ?1
                   AND version = coalesce(?2, (SELECT max(version) FROM config_versions
                                               WHERE account_id = ?1))",
            )?
            .query_row(params![id, version], |r| {
                Ok((
                    VersionInfo {
                        version: r.get(0)?,
                        author: r.get(1)?,
                        created_at: r.get(2)?,
                        note: r.get(3)?,
                    },
                    r.get::<_, String>(4)?,
                ))
            })
            .optional()?;
        let (info, text) = row.ok_or_else(|| Error::VersionNotFound {
            account: name.clone(),
            version: version.unwrap_or(0),
        })?;
        let config = config_from_text(&name, info.version, &text)?;
        Ok(StoredVersion {
            account: name,
            info,
            config,
        })
    }

    /// The latest version of an account.
    pub fn latest(&self, account: &str) -> Result<StoredVersion> {
        self.get_version(account, None)
    }

    /// What changed from version `from` to version `to` of an account (either order):
    /// configuration fields, the cookie list and the snippet, with the built-in catalog.
    pub fn diff(&self, account: &str, from: i64, to: i64) -> Result<VersionDiff> {
        self.diff_with(cookie_admin_core::Catalog::embedded(), account, from, to)
    }

    /// [`Store::diff`] with a chosen catalog (e.g. a newer vendor declaration).
    pub fn diff_with(
        &self,
        catalog: &cookie_admin_core::Catalog,
        account: &str,
        from: i64,
        to: i64,
    ) -> Result<VersionDiff> {
        let a = self.get_version(account, Some(from))?;
        let b = self.get_version(account, Some(to))?;
        Ok(diff::version_diff(catalog, &a, &b))
    }

    /// Save an earlier version's configuration again as a new version. History is kept.
    pub fn restore(
        &mut self,
        account: &str,
        version: i64,
        author: &str,
        note: &str,
    ) -> Result<VersionInfo> {
        let old = self.get_version(account, Some(version))?;
        let note = match note.trim() {
            "" => format!("restored version {version}"),
            extra => format!("restored version {version}: {extra}"),
        };
        self.save(&old.account, &old.config, author, &note)
    }

    /// Rename an account. The configuration's `account.name` follows in a new version
    /// (noted "renamed from ..."), so the history shows the rename.
    pub fn rename(&mut self, account: &str, new_name: &str, author: &str) -> Result<VersionInfo> {
        let new_name = check_name(new_name)?;
        let author = check_author(author);
        let latest = self.latest(account)?;
        let tx = self.write_tx()?;
        let now = crate::now(&tx)?;
        let (id, old_name) = require_account(&tx, account)?;
        if let Some((other, _)) = find_account(&tx, &new_name)? {
            if other != id {
                return Err(Error::AccountExists { name: new_name });
            }
        }
        tx.prepare_cached("UPDATE accounts SET name = ?2 WHERE id = ?1")?
            .execute(params![id, new_name])?;
        let mut config = latest.config;
        config.account.name = new_name.clone();
        let info = VersionInfo {
            version: next_version(&tx, id)?,
            author,
            created_at: now,
            note: format!("renamed from '{old_name}'"),
        };
        insert_version(&tx, id, &info, &config_to_text(&config)?)?;
        refresh_search(&tx, id, &config)?;
        tx.commit()?;
        Ok(info)
    }

    /// Copy an account's latest configuration into a new account `new_name` (its version 1).
    pub fn duplicate(
        &mut self,
        account: &str,
        new_name: &str,
        author: &str,
    ) -> Result<VersionInfo> {
        let new_name = check_name(new_name)?;
        let author = check_author(author);
        let source = self.latest(account)?;
        let tx = self.write_tx()?;
        let now = crate::now(&tx)?;
        if find_account(&tx, &new_name)?.is_some() {
            return Err(Error::AccountExists { name: new_name });
        }
        let id = create_account(&tx, &new_name, &now)?;
        let mut config = source.config;
        config.account.name = new_name;
        let info = VersionInfo {
            version: 1,
            author,
            created_at: now,
            note: format!(
                "duplicated from '{}' version {}",
                source.account, source.info.version
            ),
        };
        insert_version(&tx, id, &info, &config_to_text(&config)?)?;
        refresh_search(&tx, id, &config)?;
        tx.commit()?;
        Ok(info)
    }

    /// Delete an account and all its versions.
    pub fn delete(&mut self, account: &str) -> Result<()> {
        let tx = self.write_tx()?;
        let (id, _) = require_account(&tx, account)?;
        tx.prepare_cached("DELETE FROM accounts WHERE id = ?1")?
            .execute([id])?;
        tx.commit()?;
        Ok(())
    }
}
