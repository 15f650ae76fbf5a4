//! Shared helpers for the store's integration tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use cookie_admin_core::{AccountConfig, Catalog, CmpId, Feature};

/// A configuration that differs with `i` (features, CMP, domains).
pub fn config(i: usize, name: &str) -> AccountConfig {
    let mut c = AccountConfig::vendor_default(Catalog::embedded(), &format!("acct-{i}"), name);
    c.domains = vec![format!("site{i}.example"), format!("shop.site{i}.example")];
    for (k, f) in Feature::ALL.into_iter().enumerate() {
        if (i >> k) & 1 == 1 {
            c.features.insert(f);
        }
    }
    c.cmp = Some(CmpId::ALL[i % CmpId::ALL.len()]);
    c.notes = format!("account {i}");
    c
}

/// Every byte of a database file and its WAL/SHM sidecars, if any.
pub fn snapshot(path: &Path) -> Vec<(String, Option<Vec<u8>>)> {
    ["", "-wal", "-shm", "-journal"]
        .iter()
        .map(|suffix| {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            (suffix.to_string(), std::fs::read(&p).ok())
        })
        .collect()
}

pub fn integrity_ok(path: &Path) -> bool {
    let conn = rusqlite::Connection::open(path).unwrap();
    let r: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    r == "ok"
}
