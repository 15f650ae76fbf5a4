//! Store benchmarks for `make bench` (see `benches/run.py` at the repository root).
//!
//! A deterministic generator of accounts with several versions each, written as a JSON bundle,
//! as the equivalent SQL script for Debian's `sqlite3` shell (the store's own schema, the same
//! rows, one transaction), or straight into a database; and timed store operations.
//!
//! ```text
//! bench_store gen --accounts N [--seed S] [--no-cmp] --bundle OUT.json --sql OUT.sql
//! bench_store build-db --accounts N [--seed S] [--no-cmp] --db OUT.sqlite
//! bench_store import --bundle IN.json --db NEW.sqlite
//! bench_store search --db DB [--repeat R]                 JSON: medians of domain/feature search
//! bench_store export-mappings --db DB --out OUT.csv [--repeat R]   JSON: median, rows, bytes
//! ```
//!
//! Run with `cargo run --release -p cookie-admin-store --example bench_store -- ...`.

use std::collections::BTreeSet;
use std::error::Error;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use cookie_admin_core::{AccountConfig, Catalog, Category, CmpId, Feature};
use cookie_admin_store::{
    AccountFilter, Bundle, BundleAccount, BundleAccountInfo, BundleVersion, OnDuplicate, Store,
    BUNDLE_FORMAT, BUNDLE_VERSION,
};
use rusqlite::{params, Connection};

type Res<T> = Result<T, Box<dyn Error>>;

/// SplitMix64: small, deterministic, good enough to spread the generated data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const AUTHORS: [&str; 4] = ["alice", "bob", "support", "import"];
const REGIONS: [&str; 6] = ["PL", "DE", "DE-BY", "FR", "US-CA", "ES"];

/// One generated version: who, when, why, and the configuration.
struct GenVersion {
    version: i64,
    author: &'static str,
    created_at: String,
    note: String,
    config: AccountConfig,
}

struct GenAccount {
    name: String,
    created_at: String,
    versions: Vec<GenVersion>,
}

/// `2026-01-01T00:00:00.000Z` plus `minutes`.
fn timestamp(minutes: u64) -> String {
    let days = minutes / 1440;
    let (month, day) = ((days / 28) % 12 + 1, days % 28 + 1);
    let year = 2024 + days / 336;
    let (h, m) = ((minutes / 60) % 24, minutes % 60);
    format!("{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:00.000Z")
}

/// Account `i` of a generated data set: 2 to 5 versions (3.5 on average), the features,
/// CMP, domains and regions changing from version to version. Account `i` has the domains
/// `www.c{i}.example` and, for about a third, `shop.c{i}.example`; in the latest version
/// about 40% have Trace Route, 30% Scoring Rules and 15% Data Memorization on.
fn generate_account(catalog: &Catalog, seed: u64, i: u64, no_cmp: bool) -> GenAccount {
    let mut rng = Rng(seed ^ i.wrapping_mul(0xA076_1D64_78BD_642F));
    let name = format!("Customer {i:06} Sp. z o.o.");
    let start = i * 7 + rng.below(600);
    let count = 2 + rng.below(4);
    let mut versions = Vec::with_capacity(count as usize);
    let mut config = AccountConfig::vendor_default(catalog, &format!("c{i}"), &name);
    config.domains.push(format!("www.c{i}.example"));
    if rng.chance(33) {
        config.domains.push(format!("shop.c{i}.example"));
    }
    for v in 1..=count {
        let last = v == count;
        let mut features = BTreeSet::new();
        for (feature, percent) in [
            (Feature::TraceRoute, 40),
            (Feature::ScoringRules, 30),
            (Feature::DataMemorization, 15),
        ] {
            // Earlier versions are drawn independently; the latest gives the stated shares.
            if rng.chance(if last { percent } else { 50 }) {
                features.insert(feature);
            }
        }
        config.features = features;
        config.cmp = if no_cmp || rng.chance(10) {
            None
        } else {
            Some(CmpId::ALL[rng.below(CmpId::ALL.len() as u64) as usize])
        };
        if rng.chance(20) {
            config
                .categories
                .insert(Feature::DataMemorization, Category::Functional);
        }
        if rng.chance(30) {
            let region = REGIONS[rng.below(REGIONS.len() as u64) as usize];
            config.consent_mode.regions = vec![region.to_string()];
        }
        config.notes = format!("version {v} of customer {i}");
        versions.push(GenVersion {
            version: v as i64,
            author: AUTHORS[rng.below(AUTHORS.len() as u64) as usize],
            created_at: timestamp(start + v * 90),
            note: format!("change {v}"),
            config: config.clone(),
        });
    }
    GenAccount {
        name,
        created_at: timestamp(start),
        versions,
    }
}

fn generate(accounts: u64, seed: u64, no_cmp: bool) -> impl Iterator<Item = GenAccount> {
    let catalog = Catalog::embedded();
    (0..accounts).map(move |i| generate_account(catalog, seed, i, no_cmp))
}

fn write_bundle(path: &Path, accounts: u64, seed: u64, no_cmp: bool) -> Res<u64> {
    let mut out = Vec::with_capacity(accounts as usize);
    let mut versions = 0;
    for a in generate(accounts, seed, no_cmp) {
        let mut vs = Vec::with_capacity(a.versions.len());
        for v in a.versions {
            versions += 1;
            vs.push(BundleVersion {
                version: v.version,
                author: v.author.to_string(),
                created_at: v.created_at,
                note: v.note,
                catalog_version: cookie_admin_core::Catalog::embedded()
                    .catalog_version
                    .clone(),
                config: serde_json::to_value(&v.config)?,
            });
        }
        out.push(BundleAccount {
            account: BundleAccountInfo {
                name: a.name,
                created_at: a.created_at,
            },
            versions: vs,
        });
    }
    let bundle = Bundle {
        format: BUNDLE_FORMAT.into(),
        version: BUNDLE_VERSION,
        exported_at: "2026-11-29T00:00:00.000Z".into(),
        accounts: out,
    };
    let file = std::io::BufWriter::new(std::fs::File::create(path)?);
    serde_json::to_writer(file, &bundle)?;
    Ok(versions)
}

/// The statements that create the store's current schema, read from a fresh database the
/// store itself created and migrated (tables, then indexes, in creation order).
fn store_schema() -> Res<(Vec<String>, i64)> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("schema.sqlite");
    drop(Store::open(&path)?);
    let conn = Connection::open(&path)?;
    let mut stmt =
        conn.prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid")?;
    let sql = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    Ok((sql, version))
}

/// The rows the store writes for one account: `(domains, features, cmp)` of the latest
/// version, as its search index keeps them (each domain also reversed, `domain_rev`).
fn search_rows(config: &AccountConfig) -> (BTreeSet<String>, Vec<&'static str>, Option<&str>) {
    let domains = config
        .domains
        .iter()
        .map(|d| d.trim().to_lowercase())
        .filter(|d| !d.is_empty())
        .collect();
    let features = config.features.iter().map(|f| f.id()).collect();
    (domains, features, config.cmp.map(|c| c.id()))
}

/// `account_domains.domain_rev`: the domain's characters in reverse order, as the store
/// writes it.
fn reversed(domain: &str) -> String {
    domain.chars().rev().collect()
}

fn sql_str(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// The same job for the `sqlite3` shell: the store's connection settings and schema, then
/// every row the store's import writes, one INSERT per row, in one transaction.
fn write_sql(path: &Path, accounts: u64, seed: u64, no_cmp: bool) -> Res<()> {
    use std::io::Write;
    let (schema, version) = store_schema()?;
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    writeln!(
        out,
        "PRAGMA journal_mode = WAL;\nPRAGMA foreign_keys = ON;\nPRAGMA synchronous = NORMAL;"
    )?;
    writeln!(out, "BEGIN;")?;
    for stmt in &schema {
        writeln!(out, "{stmt};")?;
    }
    writeln!(out, "PRAGMA user_version = {version};")?;
    writeln!(out, "COMMIT;\nBEGIN IMMEDIATE;")?;
    let mut line = String::new();
    for (i, a) in generate(accounts, seed, no_cmp).enumerate() {
        let id = i + 1;
        let Some(latest) = a.versions.last() else {
            continue;
        };
        let (domains, features, cmp) = search_rows(&latest.config);
        line.clear();
        writeln!(
            line,
            "INSERT INTO accounts (id, name, created_at, cmp) VALUES ({id}, {}, {}, {});",
            sql_str(&a.name),
            sql_str(&a.created_at),
            cmp.map_or("NULL".to_string(), sql_str)
        )?;
        for v in &a.versions {
            writeln!(
                line,
                "INSERT INTO config_versions (account_id, version, author, created_at, note, config) VALUES ({id}, {}, {}, {}, {}, {});",
                v.version,
                sql_str(v.author),
                sql_str(&v.created_at),
                sql_str(&v.note),
                sql_str(&serde_json::to_string(&v.config)?)
            )?;
        }
        for d in &domains {
            writeln!(
                line,
                "INSERT INTO account_domains (account_id, domain, domain_rev) VALUES ({id}, {}, {});",
                sql_str(d),
                sql_str(&reversed(d))
            )?;
        }
        for f in &features {
            writeln!(
                line,
                "INSERT INTO account_features (account_id, feature) VALUES ({id}, {});",
                sql_str(f)
            )?;
        }
        out.write_all(line.as_bytes())?;
    }
    writeln!(out, "COMMIT;")?;
    out.flush()?;
    Ok(())
}

/// A database with the store's schema holding the generated accounts, written directly (a
/// 100,000-account bundle would be hundreds of megabytes of JSON).
fn build_db(path: &Path, accounts: u64, seed: u64, no_cmp: bool) -> Res<()> {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
    drop(Store::open(path)?);
    let mut conn = Connection::open(path)?;
    let tx = conn.transaction()?;
    {
        let mut account =
            tx.prepare("INSERT INTO accounts (id, name, created_at, cmp) VALUES (?1, ?2, ?3, ?4)")?;
        let mut version = tx.prepare(
            "INSERT INTO config_versions (account_id, version, author, created_at, note, config)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        let mut domain = tx.prepare(
            "INSERT INTO account_domains (account_id, domain, domain_rev) VALUES (?1, ?2, ?3)",
        )?;
        let mut feature =
            tx.prepare("INSERT INTO account_features (account_id, feature) VALUES (?1, ?2)")?;
        for (i, a) in generate(accounts, seed, no_cmp).enumerate() {
            let id = i as i64 + 1;
            let Some(latest) = a.versions.last() else {
                continue;
            };
            let (domains, features, cmp) = search_rows(&latest.config);
            account.execute(params![id, a.name, a.created_at, cmp])?;
            for v in &a.versions {
                version.execute(params![
                    id,
                    v.version,
                    v.author,
                    v.created_at,
                    v.note,
                    serde_json::to_string(&v.config)?
                ])?;
            }
            for d in &domains {
                domain.execute(params![id, d, reversed(d)])?;
            }
            for f in &features {
                feature.execute(params![id, f])?;
            }
        }
    }
    tx.commit()?;
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;")?;
    Ok(())
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    if n == 0 {
        f64::NAN
    } else if n % 2 == 1 {
        xs[n / 2]
    } else {
        (xs[n / 2 - 1] + xs[n / 2]) / 2.0
    }
}

fn ms_since(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1000.0
}

/// Rows of one page of the accounts list in the search benchmark (a few of the window's
/// screenfuls).
const PAGE_ROWS: u64 = 200;

/// Median times of `list_accounts` filtered by domain (a parent domain matching one
/// account, a different one each run) and by an enabled feature (the whole list, and the
/// first page with the count, as the window asks), as JSON on stdout.
fn search(db: &Path, repeat: usize) -> Res<()> {
    let store = Store::open(db)?;
    let accounts = store.account_names()?.len();
    let mut domain_ms = Vec::with_capacity(repeat);
    let mut domain_rows = 0;
    let mut feature_ms = Vec::with_capacity(repeat);
    let mut feature_rows = 0;
    let mut name_ms = Vec::with_capacity(repeat);
    let mut name_rows = 0;
    let mut page_ms = Vec::with_capacity(repeat);
    let mut page_rows = 0;
    let mut page_total = 0;
    for r in 0..repeat {
        let k = (r * 7919 + 17) % accounts.max(1);
        let filter = AccountFilter {
            domain: Some(format!("c{k}.example")),
            ..AccountFilter::default()
        };
        let start = Instant::now();
        domain_rows = store.list_accounts(&filter)?.len();
        domain_ms.push(ms_since(start));

        let filter = AccountFilter {
            feature: Some(Feature::DataMemorization),
            ..AccountFilter::default()
        };
        let start = Instant::now();
        feature_rows = store.list_accounts(&filter)?.len();
        feature_ms.push(ms_since(start));

        // What the window asks for: the first page and the count.
        let start = Instant::now();
        let page = store.list_accounts_page(&filter, 0, PAGE_ROWS)?;
        page_ms.push(ms_since(start));
        page_rows = page.accounts.len();
        page_total = page.total;

        let filter = AccountFilter {
            search: Some(format!("customer {k:06}")),
            ..AccountFilter::default()
        };
        let start = Instant::now();
        name_rows = store.list_accounts(&filter)?.len();
        name_ms.push(ms_since(start));
    }
    let report = serde_json::json!({
        "accounts": accounts,
        "repeat": repeat,
        "domain": { "median_ms": median(domain_ms), "rows": domain_rows },
        "feature": { "median_ms": median(feature_ms), "rows": feature_rows, "feature": "data_memorization" },
        "name": { "median_ms": median(name_ms), "rows": name_rows },
        "feature_page": {
            "median_ms": median(page_ms), "rows": page_rows, "total": page_total,
            "feature": "data_memorization",
        },
    });
    println!("{report}");
    Ok(())
}

/// Median time of the store's CSV export of category mappings (`csv-mappings`) to a file.
fn export_mappings(db: &Path, out: &Path, repeat: usize) -> Res<()> {
    let store = Store::open(db)?;
    let mut times = Vec::with_capacity(repeat);
    for _ in 0..repeat {
        let start = Instant::now();
        store.export_csv_mappings(out, None, cookie_admin_core::Catalog::embedded())?;
        times.push(ms_since(start));
    }
    let text = std::fs::read_to_string(out)?;
    let report = serde_json::json!({
        "accounts": store.account_names()?.len(),
        "repeat": repeat,
        "median_ms": median(times),
        "rows": text.lines().count().saturating_sub(1),
        "bytes": text.len(),
    });
    println!("{report}");
    Ok(())
}

struct Args(Vec<String>);

impl Args {
    fn value(&self, flag: &str) -> Option<&str> {
        self.0
            .iter()
            .position(|a| a == flag)
            .and_then(|i| self.0.get(i + 1))
            .map(String::as_str)
    }
    fn path(&self, flag: &str) -> Res<PathBuf> {
        self.value(flag)
            .map(PathBuf::from)
            .ok_or_else(|| format!("missing {flag} PATH").into())
    }
    fn number(&self, flag: &str, default: u64) -> Res<u64> {
        match self.value(flag) {
            Some(v) => Ok(v.parse()?),
            None => Ok(default),
        }
    }
    fn flag(&self, flag: &str) -> bool {
        self.0.iter().any(|a| a == flag)
    }
}

fn main() -> Res<()> {
    let args = Args(std::env::args().skip(1).collect());
    let seed = args.number("--seed", 8)?;
    let no_cmp = args.flag("--no-cmp");
    match args.0.first().map(String::as_str) {
        Some("gen") => {
            let accounts = args.number("--accounts", 10_000)?;
            let versions = write_bundle(&args.path("--bundle")?, accounts, seed, no_cmp)?;
            write_sql(&args.path("--sql")?, accounts, seed, no_cmp)?;
            println!(
                "{}",
                serde_json::json!({ "accounts": accounts, "versions": versions })
            );
        }
        Some("build-db") => {
            let accounts = args.number("--accounts", 100_000)?;
            build_db(&args.path("--db")?, accounts, seed, no_cmp)?;
        }
        Some("import") => {
            let start = Instant::now();
            let mut store = Store::open(&args.path("--db")?)?;
            let report = store.import_file(&args.path("--bundle")?, OnDuplicate::Refuse)?;
            let report = serde_json::json!({
                "accounts": report.created.len(),
                "versions": report.versions_written,
                "ms": ms_since(start),
            });
            println!("{report}");
        }
        Some("search") => search(&args.path("--db")?, args.number("--repeat", 21)? as usize)?,
        Some("export-mappings") => export_mappings(
            &args.path("--db")?,
            &args.path("--out")?,
            args.number("--repeat", 5)? as usize,
        )?,
        _ => return Err(
            "usage: bench_store gen|build-db|import|search|export-mappings ... (see the source)"
                .into(),
        ),
    }
    Ok(())
}
