//! Derivation for one configuration: the cookie list, the checks and the snippets for all 18
//! CMP targets, together (`derivation/all`, the figure `make bench` reports; goal <= 50 us)
//! and each part on its own, and `derivation/preview` (the summary and one snippet, what the
//! window recomputes on every edit). The configuration is a busy one: every optional feature on,
//! Cookiebot, two domains, Consent Mode regions.
//!
//! Run: `cargo bench -p cookie-admin-core --bench derivation`.

use std::hint::black_box;

use cookie_admin_core::{checks, cmp, cookies, AccountConfig, Catalog, CmpId, Language, Summary};
use criterion::{criterion_group, criterion_main, Criterion};

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
}

criterion_group!(benches, derivation);
criterion_main!(benches);
