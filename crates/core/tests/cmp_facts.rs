//! Each target's category ids and blocking attribute, checked against cmp-facts.md (section in
//! the comment), so that a later edit cannot silently change them.

use cookie_admin_core::cmp::{self, AutoBlockingKind, Context};
use cookie_admin_core::{AccountConfig, BlockingMode, Catalog, Category, CmpId, Feature};

struct Fact {
    cmp: CmpId,
    /// The id for Analytics (the vendor's recommendation), then Functional, then Marketing.
    analytics: &'static str,
    functional: &'static str,
    marketing: &'static str,
    /// The held-back script's attributes for Analytics; empty when the CMP has no attribute
    /// blocker and the snippet uses its API only.
    blocking: &'static [(&'static str, &'static str)],
}

const FACTS: &[Fact] = &[
    // §2.1 analytics_storage; not a blocker.
    Fact {
        cmp: CmpId::Gcm,
        analytics: "analytics_storage",
        functional: "functionality_storage",
        marketing: "ad_storage+ad_user_data+ad_personalization",
        blocking: &[],
    },
    // §2.2 Purpose 1 + 8, 9, 10 (configured), publisher purposes without a GVL id.
    Fact {
        cmp: CmpId::Tcf,
        analytics: "1,8,9,10",
        functional: "1",
        marketing: "1,3,4",
        blocking: &[],
    },
    // §2.3 type="text/plain" data-cookieconsent="statistics".
    Fact {
        cmp: CmpId::Cookiebot,
        analytics: "statistics",
        functional: "preferences",
        marketing: "marketing",
        blocking: &[("type", "text/plain"), ("data-cookieconsent", "statistics")],
    },
    // §2.4 type="text/plain" class="optanon-category-C0002".
    Fact {
        cmp: CmpId::Onetrust,
        analytics: "C0002",
        functional: "C0003",
        marketing: "C0004",
        blocking: &[("type", "text/plain"), ("class", "optanon-category-C0002")],
    },
    // §2.5 type="text/plain" data-usercentrics="<Service Name>".
    Fact {
        cmp: CmpId::Usercentrics,
        analytics: "CallPage",
        functional: "CallPage",
        marketing: "CallPage",
        blocking: &[("type", "text/plain"), ("data-usercentrics", "CallPage")],
    },
    // §2.6 type="didomi/javascript" data-vendor="<id>".
    Fact {
        cmp: CmpId::Didomi,
        analytics: "c:callpage",
        functional: "c:callpage",
        marketing: "c:callpage",
        blocking: &[("type", "didomi/javascript"), ("data-vendor", "c:callpage")],
    },
    // §2.7 data-cookieyes="cookieyes-analytics".
    Fact {
        cmp: CmpId::Cookieyes,
        analytics: "analytics",
        functional: "functional",
        marketing: "advertisement",
        blocking: &[
            ("type", "text/plain"),
            ("data-cookieyes", "cookieyes-analytics"),
        ],
    },
    // §2.8 type="text/plain" data-category="statistics".
    Fact {
        cmp: CmpId::Complianz,
        analytics: "statistics",
        functional: "preferences",
        marketing: "marketing",
        blocking: &[("type", "text/plain"), ("data-category", "statistics")],
    },
    // §2.9 type="text/plain" class="_iub_cs_activate-inline" data-iub-purposes="4".
    Fact {
        cmp: CmpId::Iubenda,
        analytics: "4",
        functional: "3",
        marketing: "5",
        blocking: &[
            ("type", "text/plain"),
            ("class", "_iub_cs_activate-inline"),
            ("data-iub-purposes", "4"),
        ],
    },
    // §2.10 type="text/plain" data-type="text/javascript" data-name="<service>".
    Fact {
        cmp: CmpId::Klaro,
        analytics: "callpage",
        functional: "callpage",
        marketing: "callpage",
        blocking: &[
            ("type", "text/plain"),
            ("data-type", "text/javascript"),
            ("data-name", "callpage"),
        ],
    },
    // §2.11 type="text/plain" data-category="analytics".
    Fact {
        cmp: CmpId::Cookieconsent,
        analytics: "analytics",
        functional: "functionality",
        marketing: "marketing",
        blocking: &[("type", "text/plain"), ("data-category", "analytics")],
    },
    // §2.12 type="text/plain" data-categories="analytics".
    Fact {
        cmp: CmpId::Termly,
        analytics: "analytics",
        functional: "performance",
        marketing: "advertising",
        blocking: &[("type", "text/plain"), ("data-categories", "analytics")],
    },
    // §2.13 type="text/plain" data-cookiefirst-category="performance".
    Fact {
        cmp: CmpId::Cookiefirst,
        analytics: "performance",
        functional: "functional",
        marketing: "advertising",
        blocking: &[
            ("type", "text/plain"),
            ("data-cookiefirst-category", "performance"),
        ],
    },
    // §2.14 ANALYTICS; data-osano="ANALYTICS" [obs].
    Fact {
        cmp: CmpId::Osano,
        analytics: "ANALYTICS",
        functional: "PERSONALIZATION",
        marketing: "MARKETING",
        blocking: &[("type", "text/plain"), ("data-osano", "ANALYTICS")],
    },
    // §2.15 vendor key; no attribute blocker.
    Fact {
        cmp: CmpId::Axeptio,
        analytics: "callpage",
        functional: "callpage",
        marketing: "callpage",
        blocking: &[],
    },
    // §2.16 type="text/plain" class="cmplazyload" data-cmp-vendor="<id>".
    Fact {
        cmp: CmpId::Consentmanager,
        analytics: "callpage",
        functional: "callpage",
        marketing: "callpage",
        blocking: &[
            ("type", "text/plain"),
            ("class", "cmplazyload"),
            ("data-cmp-vendor", "callpage"),
        ],
    },
    // §2.17 service in group statistics; Script Blocker is plugin-generated.
    Fact {
        cmp: CmpId::Borlabs,
        analytics: "callpage",
        functional: "callpage",
        marketing: "callpage",
        blocking: &[],
    },
    // §2.18 custom service of type "analytic"; no attribute blocker.
    Fact {
        cmp: CmpId::Tarteaucitron,
        analytics: "callpage",
        functional: "callpage",
        marketing: "callpage",
        blocking: &[],
    },
];

fn config() -> AccountConfig {
    let mut c = AccountConfig::vendor_default(Catalog::embedded(), "acme", "ACME");
    c.features = Feature::ALL.into_iter().collect();
    c
}

#[test]
fn fact_table_covers_every_target_once() {
    let ids: Vec<CmpId> = FACTS.iter().map(|f| f.cmp).collect();
    assert_eq!(ids, CmpId::ALL.to_vec());
}

#[test]
fn category_ids_and_blocking_attributes_match_cmp_facts() {
    let catalog = Catalog::embedded();
    let config = config();
    let ctx = Context::new(catalog, &config);
    for fact in FACTS {
        let adapter = cmp::adapter(fact.cmp);
        assert_eq!(adapter.id(), fact.cmp);
        for (category, expected) in [
            (Category::Analytics, fact.analytics),
            (Category::Functional, fact.functional),
            (Category::Marketing, fact.marketing),
        ] {
            assert_eq!(
                adapter.target(&ctx, category).id,
                expected,
                "{:?} {:?}",
                fact.cmp,
                category
            );
        }
        let blocking: Vec<(String, String)> = adapter
            .blocking(&ctx, Category::Analytics)
            .unwrap_or_default()
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        let expected: Vec<(String, String)> = fact
            .blocking
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        assert_eq!(blocking, expected, "{:?}", fact.cmp);
    }
}

#[test]
fn tarteaucitron_and_borlabs_types_and_groups() {
    let catalog = Catalog::embedded();
    let config = config();
    let t = cmp::target(catalog, &config, CmpId::Tarteaucitron, Category::Analytics);
    assert!(t.name.contains("analytic"), "{t:?}");
    let b = cmp::target(catalog, &config, CmpId::Borlabs, Category::Analytics);
    assert!(b.name.contains("statistics"), "{b:?}");
    let u = cmp::target(catalog, &config, CmpId::Usercentrics, Category::Analytics);
    assert!(u.name.contains("Analytics"), "{u:?}");
}

/// Each target's automatic blocking, against docs/auto-blocking.md (§3 for the exemption):
/// (target, kind, vendor default, inline-tag attributes, widget-script attributes, host rule,
/// dashboard step required in automatic mode).
type AutoFact = (
    CmpId,
    AutoBlockingKind,
    Option<BlockingMode>,
    &'static [(&'static str, &'static str)],
    &'static [(&'static str, &'static str)],
    bool,
    bool,
);

const AUTO: &[AutoFact] = &[
    (
        CmpId::Gcm,
        AutoBlockingKind::None,
        None,
        &[],
        &[],
        false,
        false,
    ),
    (
        CmpId::Tcf,
        AutoBlockingKind::None,
        None,
        &[],
        &[],
        false,
        false,
    ),
    // §2.1 data-cookieconsent="ignore"; auto mode opt-in per site.
    (
        CmpId::Cookiebot,
        AutoBlockingKind::Mode,
        Some(BlockingMode::Manual),
        &[("data-cookieconsent", "ignore")],
        &[("data-cookieconsent", "ignore")],
        false,
        false,
    ),
    // §2.2 data-ot-ignore + optanon-category-C0001 before src; OtAutoBlock.js opt-in.
    (
        CmpId::Onetrust,
        AutoBlockingKind::Mode,
        Some(BlockingMode::Manual),
        &[("data-ot-ignore", "")],
        &[("data-ot-ignore", ""), ("class", "optanon-category-C0001")],
        false,
        false,
    ),
    // §2.3/2.4 no element exemption; v3 auto-blocker: ignore the scanner finding.
    (
        CmpId::Usercentrics,
        AutoBlockingKind::Mode,
        Some(BlockingMode::Manual),
        &[],
        &[],
        false,
        true,
    ),
    (
        CmpId::Didomi,
        AutoBlockingKind::None,
        None,
        &[],
        &[],
        false,
        false,
    ),
    // §2.8 no attribute works; do not register a URL pattern.
    (
        CmpId::Cookieyes,
        AutoBlockingKind::Listed,
        None,
        &[],
        &[],
        false,
        false,
    ),
    // §2.9 data-category="functional" on the inline tag.
    (
        CmpId::Complianz,
        AutoBlockingKind::Listed,
        None,
        &[("data-category", "functional")],
        &[],
        false,
        false,
    ),
    // §2.6 class _iub_cs_skip [src/obs] plus the dashboard exception.
    (
        CmpId::Iubenda,
        AutoBlockingKind::Mode,
        Some(BlockingMode::Manual),
        &[("class", "_iub_cs_skip")],
        &[("class", "_iub_cs_skip")],
        false,
        true,
    ),
    (
        CmpId::Klaro,
        AutoBlockingKind::None,
        None,
        &[],
        &[],
        false,
        false,
    ),
    (
        CmpId::Cookieconsent,
        AutoBlockingKind::None,
        None,
        &[],
        &[],
        false,
        false,
    ),
    // §2.5 on by default; custom blocking map before the embed + essential category.
    (
        CmpId::Termly,
        AutoBlockingKind::Mode,
        Some(BlockingMode::Auto),
        &[("data-categories", "essential")],
        &[("data-categories", "essential")],
        true,
        false,
    ),
    // §2.14 autoblock only for scripts in the Scripts tab.
    (
        CmpId::Cookiefirst,
        AutoBlockingKind::Listed,
        None,
        &[],
        &[],
        false,
        false,
    ),
    // §2.10 Strict mode blocks unclassified scripts: classify the CDN as Essential.
    (
        CmpId::Osano,
        AutoBlockingKind::Mode,
        Some(BlockingMode::Manual),
        &[],
        &[("data-osano", "ESSENTIAL")],
        false,
        true,
    ),
    (
        CmpId::Axeptio,
        AutoBlockingKind::None,
        None,
        &[],
        &[],
        false,
        false,
    ),
    // §2.7 data-cmp-ab="1" + cmp_block_ignoredomains before the CMP code.
    (
        CmpId::Consentmanager,
        AutoBlockingKind::Mode,
        Some(BlockingMode::Manual),
        &[("data-cmp-ab", "1")],
        &[("data-cmp-ab", "1")],
        true,
        false,
    ),
    // §2.13 data-borlabs-cookie-script-blocker-ignore on the inline tag.
    (
        CmpId::Borlabs,
        AutoBlockingKind::Listed,
        None,
        &[("data-borlabs-cookie-script-blocker-ignore", "")],
        &[],
        false,
        false,
    ),
    (
        CmpId::Tarteaucitron,
        AutoBlockingKind::None,
        None,
        &[],
        &[],
        false,
        false,
    ),
];

#[test]
fn automatic_blocking_facts_match_the_research() {
    let ids: Vec<CmpId> = AUTO.iter().map(|f| f.0).collect();
    assert_eq!(ids, CmpId::ALL.to_vec());
    for (cmp, kind, default, inline, element, host, required) in AUTO {
        let facts = cmp.facts();
        assert_eq!(facts.id, *cmp);
        assert_eq!(cmp::adapter(*cmp).id(), *cmp);
        let blocking = &facts.auto_blocking;
        assert_eq!(blocking.kind, *kind, "{cmp:?}");
        assert_eq!(blocking.default_mode, *default, "{cmp:?}");
        assert_eq!(blocking.inline_attributes, *inline, "{cmp:?}");
        assert_eq!(blocking.element_attributes, *element, "{cmp:?}");
        assert_eq!(blocking.host_rule.is_some(), *host, "{cmp:?}");
        assert_eq!(blocking.step_required, *required, "{cmp:?}");
        // A CMP that blocks has a documented source and says what to do; a mode has a default.
        if *kind != AutoBlockingKind::None {
            assert!(!blocking.docs.is_empty(), "{cmp:?}");
            assert!(blocking.step.is_some(), "{cmp:?}");
        }
        assert_eq!(
            default.is_some(),
            *kind == AutoBlockingKind::Mode,
            "{cmp:?}"
        );
        for url in blocking.docs.iter().chain(facts.docs) {
            assert!(url.starts_with("https://"), "{cmp:?}: {url}");
        }
        assert!(
            !facts.docs.is_empty() && !facts.mechanism.is_empty(),
            "{cmp:?}"
        );
        // No exemption ever sits on the held-back script.
        assert!(!inline.iter().any(|(n, _)| *n == "type"), "{cmp:?}");
    }
}
