//! Derivation for one configuration: the cookie list, the checks and the snippets for all 18
//! CMP targets, together (`derivation/all`, the figure `make bench` reports; goal <= 50 us)
//! and each part on its own, and `derivation/preview` (the summary and one snippet, what the
//! window recomputes on every edit). The configuration is a busy one: every optional feature on,
//! Cookiebot, two domains, Consent Mode regions.
//!
//! `derivation_floor/sha256_18_snippets` is the floor of the snippets' part: the marker's
//! content fingerprint is the SHA-256 of each snippet's whitespace-normalised text (see
//! `cmp::marker`), so this hashes exactly those 18 texts, prepared beforehand, and does nothing
//! else. No derivation of the snippets can take less while the marker keeps that fingerprint.
//!
//! Run: `cargo bench -p cookie-admin-core --bench derivation`.

use std::hint::black_box;

use cookie_admin_core::cmp::marker::{find_markers, normalise_whitespace};
use cookie_admin_core::{checks, cmp, cookies, AccountConfig, Catalog, CmpId, Language, Summary};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sha2::{Digest, Sha256};

const CONFIG: &str = r#"{
  "schema_version": 1,
  "account": { "id": "acme", "name": "ACME Ltd" },
  "domains": ["www.acme.example", "shop.acme.example"],
  "features": ["trace_route", "scoring_rules", "data_memorization"],
  "cmp": "cookiebot",
  "categories": { "trace_route": "analytics", "scoring_rules": "analytics", "data_memorization": "functional" },
  "consent_mode": { "wait_for_update_ms": 500, "regions": ["PL", "DE-BY"] },
  "language": "en",
  "notes": "benchmark configuration"
}"#;

fn derive_all(catalog: &Catalog, config: &AccountConfig) -> usize {
    let list = cookies::cookie_list(catalog, config);
    let findings = checks::check(catalog, config, Language::En);
    let mut bytes = 0;
    for id in CmpId::ALL {
        bytes += cmp::snippet(catalog, config, id, Language::En).html.len();
    }
    list.len() + findings.len() + bytes
}

fn derivation(c: &mut Criterion) {
    let catalog = Catalog::embedded();
    #[allow(clippy::expect_used)] // a constant, checked by the first run
    let config = AccountConfig::from_json(CONFIG).expect("benchmark configuration is valid");
    let mut group = c.benchmark_group("derivation");
    group.bench_function("all", |b| {
        b.iter(|| derive_all(black_box(catalog), black_box(&config)))
    });
    group.bench_function("cookie_list", |b| {
        b.iter(|| cookies::cookie_list(black_box(catalog), black_box(&config)))
    });
    group.bench_function("checks", |b| {
        b.iter(|| checks::check(black_box(catalog), black_box(&config), Language::En))
    });
    group.bench_function("snippets_18", |b| {
        b.iter(|| {
            CmpId::ALL.map(|id| {
                cmp::snippet(black_box(catalog), black_box(&config), id, Language::En)
                    .html
                    .len()
            })
        })
    });
    // What the window's preview computes per edit: the summary and the chosen CMP's snippet.
    group.bench_function("preview", |b| {
        b.iter(|| {
            let summary = Summary::new(black_box(catalog), black_box(&config), Language::En);
            let snippet = cmp::snippet(catalog, &config, CmpId::Cookiebot, Language::En);
            (summary, snippet)
        })
    });
    group.finish();

    // The texts the 18 content fingerprints hash: what lies between a snippet's begin and end
    // comments, whitespace-normalised (the module docs of `cmp::marker`).
    let texts: Vec<Vec<u8>> = CmpId::ALL
        .iter()
        .flat_map(|&id| {
            let html = cmp::snippet(catalog, &config, id, Language::En).html;
            find_markers(&html)
                .into_iter()
                .map(|found| {
                    let text = normalise_whitespace(&html[found.content.clone()]).into_bytes();
                    // The same text as the marker's fingerprint, or this is not the floor.
                    let marker = found.marker.map(|m| m.content).unwrap_or_default();
                    let digest = Sha256::digest(&text);
                    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
                    assert_eq!(
                        hex, marker,
                        "{id:?}: the hashed text is the fingerprinted one"
                    );
                    text
                })
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(
        texts.len(),
        CmpId::ALL.len(),
        "one marked snippet per target"
    );
    let bytes: usize = texts.iter().map(Vec::len).sum();
    let mut floor = c.benchmark_group("derivation_floor");
    floor.throughput(Throughput::Bytes(bytes as u64));
    floor.bench_function("sha256_18_snippets", |b| {
        b.iter(|| {
            black_box(&texts)
                .iter()
                .map(|text| Sha256::digest(text)[0])
                .fold(0u8, |acc, byte| acc ^ byte)
        })
    });
    floor.finish();
}

criterion_group!(benches, derivation);
criterion_main!(benches);
