//! Accounts and their append-only configuration versions: save, history, restore, rename,
//! duplicate, delete, list and search.

use cookie_admin_core::{quote, AccountConfig, Catalog, CmpId, Feature, Language};
use rusqlite::{params, OptionalExtension, Transaction};
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
    /// The widget catalog version the version was saved with (`2026.11.0`); empty for
    /// versions saved before the database recorded it (schema 4).
    pub catalog_version: String,
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

/// One page of the accounts list ([`Store::list_accounts_page`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccountPage {
    /// How many accounts match the filter in all.
    pub total: u64,
    /// The position of the first row of `accounts` in the whole list.
    pub offset: u64,
    pub accounts: Vec<AccountSummary>,
}

/// A filter as SQL conditions on `accounts a` and their named parameters.
struct Conditions {
    sql: Vec<&'static str>,
    values: Vec<(&'static str, String)>,
    /// The only filter is an enabled feature.
    feature_only: bool,
}

impl Conditions {
    /// The conditions for `filter`, for one page of the list (`paged`) or all of it.
    fn of(filter: &AccountFilter, paged: bool) -> Conditions {
        let mut sql: Vec<&'static str> = Vec::new();
        let mut values: Vec<(&'static str, String)> = Vec::new();
        if let Some(s) = filter
            .search
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            sql.push(
                "(lower(a.name) LIKE :search ESCAPE '\\'
                  OR EXISTS (SELECT 1 FROM account_domains d
                             WHERE d.account_id = a.id AND d.domain LIKE :search ESCAPE '\\'))",
            );
            values.push((":search", like_escape(&s.to_lowercase())));
        }
        if let Some(d) = filter
            .domain
            .as_deref()
            .map(|d| d.trim().to_lowercase())
            .filter(|d| !d.is_empty())
        {
            // The domain itself, or any name ending in ".domain": reversed, the domain or a
            // string starting with "niamod." (the range up to "niamod/", '/' following '.').
            let rev = reversed(&d);
            sql.push(
                "a.id IN (SELECT account_id FROM account_domains WHERE domain_rev = :rev
                          UNION ALL
                          SELECT account_id FROM account_domains
                          WHERE domain_rev >= :rev_lo AND domain_rev < :rev_hi)",
            );
            values.push((":rev_lo", format!("{rev}.")));
            values.push((":rev_hi", format!("{rev}/")));
            values.push((":rev", rev));
        }
        if let Some(cmp) = filter.cmp {
            sql.push("a.cmp = :cmp");
            values.push((":cmp", cmp.id().to_string()));
        }
        if let Some(feature) = filter.feature {
            // A feature matches a large share of the accounts. For a page: checked per
            // account while the name index is walked in order, so a page needs only as many
            // lookups as it takes to fill it. For the whole list: the matches from the
            // feature index, sorted by name once (fewer lookups than every account).
            sql.push(if paged {
                "EXISTS (SELECT 1 FROM account_features f
                         WHERE f.account_id = a.id AND f.feature = :feature)"
            } else {
                "a.id IN (SELECT account_id FROM account_features WHERE feature = :feature)"
            });
            values.push((":feature", feature.id().to_string()));
        }
        let feature_only = filter.feature.is_some() && values.len() == 1;
        Conditions {
            sql,
            values,
            feature_only,
        }
    }

    /// `SELECT count(*)` of the matching accounts: from the feature index alone when the
    /// feature is the only filter (one row per account and feature), else over `accounts`.
    fn count_sql(&self) -> String {
        if self.feature_only {
            "SELECT count(*) FROM account_features WHERE feature = :feature".to_string()
        } else {
            format!("SELECT count(*) FROM accounts a{}", self.where_clause())
        }
    }

    /// ` WHERE c1 AND c2 ...`, or nothing without conditions.
    fn where_clause(&self) -> String {
        let mut out = String::new();
        for (i, c) in self.sql.iter().enumerate() {
            out.push_str(if i == 0 { "\n WHERE " } else { "\n   AND " });
            out.push_str(c);
        }
        out
    }

    fn params(&self) -> Vec<(&str, &dyn rusqlite::ToSql)> {
        self.values
            .iter()
            .map(|(k, v)| (*k, v as &dyn rusqlite::ToSql))
            .collect()
    }
}

/// Characters that change how text around them is shown: C0 and C1 controls, DEL, and the
/// bidirectional controls (a name could otherwise print reversed or move the cursor).
pub(crate) fn is_control_like(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

pub(crate) fn check_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::invalid("account name", "must not be empty"));
    }
    if name.chars().count() > 200 {
        return Err(Error::invalid(
            "account name",
            format!("is longer than 200 characters: {}", quote(name)),
        ));
    }
    if let Some(c) = name.chars().find(|c| is_control_like(*c)) {
        return Err(Error::invalid(
            "account name",
            format!(
                "must not contain control characters (found U+{:04X}); type the name again",
                u32::from(c)
            ),
        ));
    }
    Ok(name.to_string())
}

/// The account id a new account gets from its name: transliterated to ASCII, lower case,
/// runs of anything else made one `-` (`ACME Ltd.` -> `acme-ltd`, `Łódź & co` -> `lodz-co`).
pub fn account_id(name: &str) -> String {
    let ascii = deunicode::deunicode(name.trim());
    let mut out = String::with_capacity(ascii.len());
    for c in ascii.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "account".to_string()
    } else {
        out.to_string()
    }
}

/// What a new account starts with besides the vendor's defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccountDefaults {
    pub cmp: Option<CmpId>,
    pub language: Language,
}

/// An account taken out by [`Store::delete_with_undo`]: everything needed to put it back as it
/// was (same name, creation time, every version with its author, time, note and stored text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeletedAccount {
    pub name: String,
    created_at: String,
    versions: Vec<(VersionInfo, String)>,
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

/// A domain's characters in reverse order (`account_domains.domain_rev`): a domain and its
/// subdomains then share a prefix, which an index can range over.
pub(crate) fn reversed(domain: &str) -> String {
    domain.chars().rev().collect()
}

/// The list of strings in a `json_group_array` result (empty for NULL).
fn string_list(text: Option<String>) -> rusqlite::Result<Vec<String>> {
    match text {
        None => Ok(Vec::new()),
        Some(t) => serde_json::from_str(&t).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
        }),
    }
}

/// The canonical stored form of a configuration.
pub(crate) fn config_to_text(config: &AccountConfig) -> Result<String> {
    serde_json::to_string(config).map_err(|e| Error::invalid("configuration", e.to_string()))
}

fn config_from_text(account: &str, version: i64, text: &str) -> Result<AccountConfig> {
    AccountConfig::from_json(text).map_err(|e| Error::BadInput {
        path: "database".into(),
        record: format!("account {} version {version}", quote(account)),
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
        "INSERT INTO config_versions
             (account_id, version, author, created_at, note, config, catalog_version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        account_id,
        info.version,
        info.author,
        info.created_at,
        info.note,
        config_text,
        info.catalog_version
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
        "INSERT OR IGNORE INTO account_domains (account_id, domain, domain_rev) VALUES (?1, ?2, ?3)",
    )?;
    for d in &config.domains {
        let d = d.trim().to_lowercase();
        if !d.is_empty() {
            domain.execute(params![account_id, d, reversed(&d)])?;
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
        crate::schema::begin_write(&self.conn)
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
        let catalog_version = self.catalog_version.clone();
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
            catalog_version,
        };
        insert_version(&tx, account_id, &info, &text)?;
        refresh_search(&tx, account_id, config)?;
        tx.commit()?;
        Ok(info)
    }

    /// List accounts with their latest version, filtered, sorted by name. The window shows a
    /// page at a time ([`Store::list_accounts_page`]); the CLI lists them all.
    pub fn list_accounts(&self, filter: &AccountFilter) -> Result<Vec<AccountSummary>> {
        self.query_accounts(filter, 0, None)
    }

    /// One page of [`Store::list_accounts`] (`limit` rows from `offset`, in the same order)
    /// and how many accounts match the filter in all.
    pub fn list_accounts_page(
        &self,
        filter: &AccountFilter,
        offset: u64,
        limit: u64,
    ) -> Result<AccountPage> {
        let conditions = Conditions::of(filter, true);
        let total: i64 = self
            .conn
            .prepare_cached(&conditions.count_sql())?
            .query_row(conditions.params().as_slice(), |r| r.get(0))?;
        let accounts = if limit == 0 || offset >= total.unsigned_abs() {
            Vec::new()
        } else {
            self.query_accounts(filter, offset, Some(limit))?
        };
        Ok(AccountPage {
            total: total.unsigned_abs(),
            offset,
            accounts,
        })
    }

    /// The matching accounts in name order, from `offset`, at most `limit` of them.
    ///
    /// One query: only the filters given become conditions, so SQLite starts from the most
    /// selective index (`account_domains_rev`, `accounts_cmp`) or walks the names in order
    /// checking each account's features; the page of ids is chosen first (names only, from the small `accounts` rows), then
    /// each row's latest version comes from the covering index `config_versions_summary`
    /// (schema 5; the configuration text is never read) and its domains and features as JSON
    /// arrays.
    fn query_accounts(
        &self,
        filter: &AccountFilter,
        offset: u64,
        limit: Option<u64>,
    ) -> Result<Vec<AccountSummary>> {
        const COLUMNS: &str =
            "a.name, a.created_at, a.cmp, v.version, v.author, v.created_at, v.note,
                    v.catalog_version,
                    (SELECT json_group_array(d.domain ORDER BY d.domain) FROM account_domains d
                     WHERE d.account_id = a.id),
                    (SELECT json_group_array(f.feature ORDER BY f.feature) FROM account_features f
                     WHERE f.account_id = a.id)";
        const LATEST: &str = "JOIN config_versions v
               ON v.account_id = a.id
              AND v.version = (SELECT max(version) FROM config_versions WHERE account_id = a.id)";
        let conditions = Conditions::of(filter, limit.is_some());
        let limit = limit.map(|l| i64::try_from(l).unwrap_or(i64::MAX));
        let offset = i64::try_from(offset).unwrap_or(i64::MAX);
        let sql = if limit.is_some() {
            // A page: its ids first (from the small `accounts` rows), then only those rows.
            format!(
                "WITH page(id) AS (
                    SELECT a.id FROM accounts a{}
                    ORDER BY a.name COLLATE NOCASE LIMIT :limit OFFSET :offset)
                 SELECT {COLUMNS}
                 FROM page JOIN accounts a ON a.id = page.id {LATEST}
                 ORDER BY a.name COLLATE NOCASE",
                conditions.where_clause()
            )
        } else {
            // Everything: one pass.
            format!(
                "SELECT {COLUMNS} FROM accounts a {LATEST}{}
                 ORDER BY a.name COLLATE NOCASE",
                conditions.where_clause()
            )
        };
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut params = conditions.params();
        if let Some(limit) = &limit {
            params.push((":limit", limit));
            params.push((":offset", &offset));
        }
        let rows = stmt
            .query_map(params.as_slice(), |r| {
                Ok(AccountSummary {
                    name: r.get(0)?,
                    created_at: r.get(1)?,
                    cmp: r.get(2)?,
                    latest: VersionInfo {
                        version: r.get(3)?,
                        author: r.get(4)?,
                        created_at: r.get(5)?,
                        note: r.get(6)?,
                        catalog_version: r.get(7)?,
                    },
                    domains: string_list(r.get(8)?)?,
                    features: string_list(r.get(9)?)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
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
            "SELECT version, author, created_at, note, catalog_version FROM config_versions
             WHERE account_id = ?1 ORDER BY version",
        )?;
        let versions = stmt
            .query_map([id], |r| {
                Ok(VersionInfo {
                    version: r.get(0)?,
                    author: r.get(1)?,
                    created_at: r.get(2)?,
                    note: r.get(3)?,
                    catalog_version: r.get(4)?,
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
                "SELECT version, author, created_at, note, config, catalog_version FROM config_versions
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
                        catalog_version: r.get(5)?,
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

    /// A new account `name` with the vendor's default configuration (id from [`account_id`],
    /// `defaults` applied), saved as its version 1 noted "created". Refused when an account of
    /// that name exists (looked up in the same write transaction; a database error is an
    /// error, never taken for "free").
    pub fn create_account(
        &mut self,
        name: &str,
        defaults: &AccountDefaults,
        author: &str,
    ) -> Result<VersionInfo> {
        let name = check_name(name)?;
        let author = check_author(author);
        let mut config =
            AccountConfig::vendor_default(Catalog::embedded(), &account_id(&name), &name);
        config.cmp = defaults.cmp;
        config.language = defaults.language;
        let text = config_to_text(&config)?;
        let catalog_version = self.catalog_version.clone();
        let tx = self.write_tx()?;
        if find_account(&tx, &name)?.is_some() {
            return Err(Error::AccountExists { name });
        }
        let now = crate::now(&tx)?;
        let id = create_account(&tx, &name, &now)?;
        let info = VersionInfo {
            version: 1,
            author,
            created_at: now,
            note: "created".into(),
            catalog_version,
        };
        insert_version(&tx, id, &info, &text)?;
        refresh_search(&tx, id, &config)?;
        tx.commit()?;
        Ok(info)
    }

    /// The example account of a first start ([`AccountConfig::example`]: all three optional
    /// features, a CMP, name and note in `language`), saved as a new account: "Example shop"
    /// / "Przykładowy sklep", or with a number added ("Example shop 2") when that name is
    /// taken (looked up in the same write transaction). Returns the name it got and its
    /// version 1.
    pub fn create_example(
        &mut self,
        language: Language,
        author: &str,
    ) -> Result<(String, VersionInfo)> {
        let author = check_author(author);
        let mut config = AccountConfig::example(Catalog::embedded(), language);
        let base = config.account.name.clone();
        let catalog_version = self.catalog_version.clone();
        let tx = self.write_tx()?;
        let mut name = None;
        for n in 1..=100 {
            let candidate = match n {
                1 => base.clone(),
                n => format!("{base} {n}"),
            };
            if find_account(&tx, &candidate)?.is_none() {
                name = Some(candidate);
                break;
            }
        }
        let name = name.ok_or_else(|| Error::AccountExists { name: base.clone() })?;
        config.account.name = name.clone();
        let text = config_to_text(&config)?;
        let now = crate::now(&tx)?;
        let id = create_account(&tx, &name, &now)?;
        let info = VersionInfo {
            version: 1,
            author,
            created_at: now,
            note: cookie_admin_core::i18n::pick(language, "example account", "konto przykładowe")
                .into(),
            catalog_version,
        };
        insert_version(&tx, id, &info, &text)?;
        refresh_search(&tx, id, &config)?;
        tx.commit()?;
        Ok((name, info))
    }

    /// Delete an account and all its versions, returning what [`Store::restore_deleted`] needs
    /// to bring it back exactly (read in the same transaction as the delete).
    pub fn delete_with_undo(&mut self, account: &str) -> Result<DeletedAccount> {
        let tx = self.write_tx()?;
        let (id, name) = require_account(&tx, account)?;
        let created_at: String = tx
            .prepare_cached("SELECT created_at FROM accounts WHERE id = ?1")?
            .query_row([id], |r| r.get(0))?;
        let versions = tx
            .prepare_cached(
                "SELECT version, author, created_at, note, config, catalog_version FROM config_versions
                 WHERE account_id = ?1 ORDER BY version",
            )?
            .query_map([id], |r| {
                Ok((
                    VersionInfo {
                        version: r.get(0)?,
                        author: r.get(1)?,
                        created_at: r.get(2)?,
                        note: r.get(3)?,
                        catalog_version: r.get(5)?,
                    },
                    r.get::<_, String>(4)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        tx.prepare_cached("DELETE FROM accounts WHERE id = ?1")?
            .execute([id])?;
        tx.commit()?;
        Ok(DeletedAccount {
            name,
            created_at,
            versions,
        })
    }

    /// Put back an account taken out by [`Store::delete_with_undo`], every version as it was.
    /// Refused (nothing written) when an account of that name exists again. Returns its name.
    pub fn restore_deleted(&mut self, deleted: &DeletedAccount) -> Result<String> {
        let latest = deleted
            .versions
            .last()
            .map(|(info, text)| config_from_text(&deleted.name, info.version, text))
            .transpose()?;
        let tx = self.write_tx()?;
        if find_account(&tx, &deleted.name)?.is_some() {
            return Err(Error::AccountExists {
                name: deleted.name.clone(),
            });
        }
        let id = create_account(&tx, &deleted.name, &deleted.created_at)?;
        for (info, text) in &deleted.versions {
            insert_version(&tx, id, info, text)?;
        }
        if let Some(config) = latest {
            refresh_search(&tx, id, &config)?;
        }
        tx.commit()?;
        Ok(deleted.name.clone())
    }

    /// Rename an account. The configuration's `account.name` follows in a new version
    /// (noted "renamed from ..."), so the history shows the rename.
    pub fn rename(&mut self, account: &str, new_name: &str, author: &str) -> Result<VersionInfo> {
        let new_name = check_name(new_name)?;
        let author = check_author(author);
        let latest = self.latest(account)?;
        let catalog_version = self.catalog_version.clone();
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
            catalog_version,
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
        let catalog_version = self.catalog_version.clone();
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
            catalog_version,
        };
        insert_version(&tx, id, &info, &config_to_text(&config)?)?;
        refresh_search(&tx, id, &config)?;
        tx.commit()?;
        Ok(info)
    }

    /// Delete an account and all its versions.
    pub fn delete(&mut self, account: &str) -> Result<()> {
        self.delete_with_undo(account).map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_transliterated() {
        assert_eq!(account_id(" ACME Ltd. "), "acme-ltd");
        assert_eq!(account_id("Łódź & co"), "lodz-co");
        assert_eq!(account_id("Zażółć gęślą jaźń"), "zazolc-gesla-jazn");
        assert_eq!(account_id("!!!"), "account");
    }

    #[test]
    fn names_with_control_characters_are_refused() {
        for bad in [
            "a\u{1b}[2Jb",
            "a\u{7}",
            "a\u{202e}b",
            "a\tb",
            "a\u{9b}b",
            "a\u{7f}",
        ] {
            let err = check_name(bad).unwrap_err();
            assert!(
                err.to_string().contains("control characters"),
                "{bad:?}: {err}"
            );
        }
        assert_eq!(check_name("  Łódź  ").unwrap(), "Łódź");
    }
}
