//! Property tests over generated configurations: the cookie list, the consent matrix, the
//! checks and serialization.

use cookie_admin_core::checks::{check, has_errors, CheckId, Severity};
use cookie_admin_core::config::ConsentType;
use cookie_admin_core::cookies::{cookie_list, necessary_items};
use cookie_admin_core::matrix::{consent_matrix, ConsentState};
use cookie_admin_core::summary::summarize;
use cookie_admin_core::verdict::verdict;
use cookie_admin_core::{AccountConfig, BlockingMode, Catalog, Category, CmpId, Feature, Language};
use proptest::prelude::*;

fn category() -> impl Strategy<Value = Category> {
    prop::sample::select(Category::ALL.to_vec())
}

fn consent_type() -> impl Strategy<Value = ConsentType> {
    prop::sample::select(vec![
        ConsentType::AdStorage,
        ConsentType::AdUserData,
        ConsentType::AdPersonalization,
        ConsentType::AnalyticsStorage,
        ConsentType::FunctionalityStorage,
        ConsentType::PersonalizationStorage,
        ConsentType::SecurityStorage,
    ])
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-z]{1,8}",
        "[A-Za-z0-9 .:/_<>\"'-]{0,20}",
        "\\PC{0,12}",
    ]
}

fn domain() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]{1,10}\\.(pl|com|de)",
        "www\\.[a-z0-9-]{1,10}\\.[a-z]{2,3}",
        "https?://[a-z]{1,8}\\.pl(/[a-z]{0,5})?",
        "[a-z.:*/ -]{0,15}",
    ]
}

fn region() -> impl Strategy<Value = String> {
    prop_oneof!["[A-Z]{2}", "[A-Z]{2}-[A-Z0-9]{1,3}", "[A-Za-z_ -]{0,6}"]
}

prop_compose! {
    fn config()(
        id in text(),
        name in text(),
        domains in prop::collection::vec(domain(), 0..3),
        features in prop::collection::btree_set(prop::sample::select(Feature::ALL.to_vec()), 0..=3),
        cmp in prop::option::of(prop::sample::select(CmpId::ALL.to_vec())),
        categories in prop::collection::btree_map(prop::sample::select(Feature::ALL.to_vec()), category(), 0..=3),
        consent_types in prop::collection::btree_map(category(), prop::collection::vec(consent_type(), 0..3), 0..=4),
        wait in prop::option::of(0u32..2000),
        regions in prop::collection::vec(region(), 0..3),
        purposes in prop::collection::btree_map(category(), prop::collection::vec(0u8..14, 0..4), 0..=4),
        vendor_id in prop::option::of(1u32..2000),
        pl in any::<bool>(),
        notes in text(),
        blocking_mode in prop::option::of(prop::sample::select(BlockingMode::ALL.to_vec())),
    ) -> AccountConfig {
        let mut config = AccountConfig::vendor_default(Catalog::embedded(), &id, &name);
        config.domains = domains;
        config.features = features;
        config.cmp = cmp;
        config.categories = categories;
        config.consent_mode.consent_types = consent_types;
        config.consent_mode.wait_for_update_ms = wait;
        config.consent_mode.regions = regions;
        config.tcf.purposes = purposes;
        config.tcf.gvl_vendor_id = vendor_id;
        config.language = if pl { Language::Pl } else { Language::En };
        config.notes = notes;
        config.cmp_settings.blocking_mode = blocking_mode;
        config
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn cookie_list_only_holds_storage_of_enabled_features(config in config()) {
        let catalog = Catalog::embedded();
        let rows = cookie_list(catalog, &config);
        let mut expected = 0;
        for feature in &config.features {
            expected += catalog.feature(*feature).storage.len();
        }
        prop_assert_eq!(rows.len(), expected);
        for row in &rows {
            let feature = row.optional_feature();
            prop_assert!(feature.is_some(), "core row {} in the optional list", row.name);
            let feature = feature.unwrap_or(Feature::TraceRoute);
            prop_assert!(config.is_enabled(feature));
            prop_assert_eq!(row.category, config.category_of(feature, catalog));
            prop_assert!(catalog.feature(feature).storage.iter().any(|i| i.name == row.name));
        }
        prop_assert!(necessary_items(catalog, &config).iter().all(|r| r.is_core()));
    }

    #[test]
    fn matrix_never_lets_optional_storage_exist_without_consent(config in config()) {
        let catalog = Catalog::embedded();
        let matrix = consent_matrix(catalog, &config, config.language);
        let findings = check(catalog, &config, config.language);
        for state in &matrix.states {
            // The core works everywhere.
            prop_assert!(state.features.iter().any(|f| f.feature == "core" && f.works));
            prop_assert!(state.granted.contains(&Category::Necessary));
            for cell in &state.features {
                if cell.works && cell.feature != "core" {
                    prop_assert!(cell.enabled);
                    prop_assert!(state.granted.contains(&cell.category));
                }
            }
            for cell in state.storage.iter().filter(|c| c.feature != "core") {
                let feature = Feature::from_id(&cell.feature);
                prop_assert!(feature.is_some_and(|f| config.is_enabled(f)));
                if cell.may_exist {
                    // Either the visitor consented to its category ...
                    let consented = state.granted.contains(&cell.category) && cell.consented;
                    // ... or it is the necessary-category misuse, which the checks call an error.
                    let misuse = cell.category == Category::Necessary
                        && findings.iter().any(|f| f.id == CheckId::FeatureCategorisedNecessary
                            && f.severity == Severity::Error);
                    prop_assert!(consented || misuse, "{:?} in {:?}", cell, state.state);
                }
            }
            if matches!(state.state, ConsentState::NoDecision | ConsentState::RejectedAll
                | ConsentState::WithdrawnAfterAccepting)
            {
                prop_assert_eq!(&state.granted, &vec![Category::Necessary]);
            }
        }
        // Stated plainly for configurations that pass the checks: no consent, no optional storage.
        if !has_errors(&findings) {
            for state in &matrix.states {
                for cell in state.storage.iter().filter(|c| c.feature != "core" && c.may_exist) {
                    prop_assert!(state.granted.contains(&cell.category) && cell.consented);
                }
            }
        }
        let all = matrix.state(ConsentState::AcceptedAll);
        prop_assert!(all.is_some_and(|s| s.storage.iter().all(|c| c.may_exist)));
    }

    #[test]
    fn serialization_round_trips(config in config()) {
        let catalog = Catalog::embedded();
        let back = AccountConfig::from_json(&config.to_json_pretty());
        prop_assert!(back.is_ok(), "{:?}", back);
        prop_assert_eq!(back.ok(), Some(config.clone()));
        let summary = summarize(catalog, &config, config.language);
        let text = serde_json::to_string(&summary);
        prop_assert!(text.is_ok());
        let text = text.unwrap_or_default();
        let again: Result<cookie_admin_core::Summary, _> = serde_json::from_str(&text);
        prop_assert_eq!(again.ok(), Some(summary));
    }

    #[test]
    fn verdict_matches_cookie_list(config in config()) {
        let catalog = Catalog::embedded();
        let v = verdict(catalog, &config, config.language);
        prop_assert_eq!(v.nothing_to_do, config.features.is_empty());
        prop_assert_eq!(v.cookies_to_declare, cookie_list(catalog, &config).len());
        prop_assert_eq!(v.nothing_to_do, v.cookies_to_declare == 0);
    }

    #[test]
    fn checks_never_panic_and_fields_point_into_the_configuration(config in config()) {
        let findings = check(Catalog::embedded(), &config, Language::En);
        // The same findings in Polish: only the words differ.
        let polish = check(Catalog::embedded(), &config, Language::Pl);
        prop_assert_eq!(
            findings.iter().map(|f| (f.id, &f.field)).collect::<Vec<_>>(),
            polish.iter().map(|f| (f.id, &f.field)).collect::<Vec<_>>()
        );
        let known = ["account.", "categories.", "features.", "cmp", "consent_mode.", "tcf.", "domains"];
        for finding in &findings {
            prop_assert!(known.iter().any(|k| finding.field.starts_with(k)), "{}", finding.field);
            prop_assert!(!finding.message.is_empty() && !finding.fix.is_empty());
            prop_assert_eq!(finding.severity, finding.id.severity());
        }
        prop_assert!(findings.windows(2).all(|w| w[0].severity <= w[1].severity));
    }

    #[test]
    fn cmp_settings_values_load_only_in_their_allowed_shape(value in "\\PC{0,20}|[A-Za-z0-9 ._:<>'\"&=;!-]{0,12}") {
        // Whatever the text, loading either keeps it (and it has the documented shape) or
        // refuses it naming the field.
        for (field, allowed) in [
            ("service_name", cookie_admin_core::identifiers::check_service_name as fn(&str) -> Result<(), String>),
            ("vendor_id", cookie_admin_core::identifiers::check_vendor_id),
        ] {
            let json = serde_json::json!({
                "schema_version": 1,
                "account": {"id": "a", "name": "A"},
                "cmp_settings": {field: value},
            });
            match AccountConfig::from_value(json) {
                Ok(config) => {
                    prop_assert!(allowed(&value).is_ok());
                    let kept = if field == "service_name" { config.cmp_settings.service_name } else { config.cmp_settings.vendor_id };
                    prop_assert_eq!(kept.as_deref(), Some(value.as_str()));
                    let trimmed = value.trim();
                    prop_assert!(trimmed.is_empty() || !trimmed.contains(['<', '>', '"', '\'', '&', '\\']));
                }
                Err(error) => {
                    prop_assert!(allowed(&value).is_err());
                    let text = error.to_string();
                    let needle = format!("cmp_settings.{field}");
                    prop_assert!(text.contains(&needle), "{}", text);
                }
            }
        }
    }

    #[test]
    fn vendor_default_never_errs_or_warns(id in "[a-z0-9-]{1,12}", name in "[A-Za-z ]{0,12}[A-Za-z]") {
        let config = AccountConfig::vendor_default(Catalog::embedded(), &id, &name);
        let findings = check(Catalog::embedded(), &config, Language::En);
        prop_assert!(findings.iter().all(|f| f.severity == Severity::Info), "{:?}", findings);
        prop_assert!(!has_errors(&findings));
    }
}

/// Each rule on a minimal configuration built to trigger it (and only the rules it must).
#[test]
fn every_check_fires_on_a_minimal_configuration() {
    let catalog = Catalog::embedded();
    let base = || {
        let mut c = AccountConfig::vendor_default(catalog, "acme", "ACME");
        c.domains = vec!["acme.example".into()];
        c.cmp_settings.blocking_mode = Some(BlockingMode::Manual);
        c
    };
    let with = |features: &[Feature], cmp: Option<CmpId>| {
        let mut c = base();
        c.features = features.iter().copied().collect();
        c.cmp = cmp;
        c
    };
    let mut cases: Vec<(CheckId, AccountConfig)> = Vec::new();

    let mut c = base();
    c.account.id.clear();
    cases.push((CheckId::AccountIdEmpty, c));
    let mut c = base();
    c.account.name.clear();
    cases.push((CheckId::AccountNameEmpty, c));
    let mut c = with(&[Feature::TraceRoute], Some(CmpId::Cookiebot));
    c.categories
        .insert(Feature::TraceRoute, Category::Necessary);
    cases.push((CheckId::FeatureCategorisedNecessary, c));
    let mut c = with(&[Feature::TraceRoute], Some(CmpId::Cookiebot));
    c.categories
        .insert(Feature::TraceRoute, Category::Functional);
    cases.push((CheckId::CategoryNotRecommended, c));
    cases.push((
        CheckId::PersonalDataStored,
        with(&[Feature::DataMemorization], Some(CmpId::Cookiebot)),
    ));
    cases.push((CheckId::NoCmp, with(&[Feature::ScoringRules], None)));
    let mut c = with(&[Feature::ScoringRules], Some(CmpId::Gcm));
    c.consent_mode.consent_types.clear();
    cases.push((CheckId::ConsentModeTypeMissing, c));
    let mut c = with(&[Feature::ScoringRules], Some(CmpId::Didomi));
    c.consent_mode.wait_for_update_ms = Some(100);
    cases.push((CheckId::WaitForUpdateTooShort, c));
    let mut c = base();
    c.consent_mode.regions = vec!["Poland".into()];
    cases.push((CheckId::RegionInvalid, c));
    let mut c = base();
    c.domains = vec!["https://acme.example/".into()];
    cases.push((CheckId::DomainInvalid, c));
    let mut c = base();
    c.domains = vec!["acme.example".into(), "acme.example".into()];
    cases.push((CheckId::DomainDuplicate, c));
    let mut c = with(&[Feature::ScoringRules], Some(CmpId::Cookiebot));
    c.domains.clear();
    cases.push((CheckId::NoDomain, c));
    let mut c = with(&[Feature::ScoringRules], Some(CmpId::Tcf));
    c.tcf.purposes.clear();
    cases.push((CheckId::TcfPurposesMissing, c));
    let mut c = base();
    c.tcf.purposes.insert(Category::Analytics, vec![0]);
    cases.push((CheckId::TcfPurposeInvalid, c));
    let mut c = with(&[Feature::ScoringRules], Some(CmpId::Tcf));
    c.tcf.purposes.insert(Category::Analytics, vec![8]);
    cases.push((CheckId::TcfPurposeOneMissing, c));
    let mut c = with(&[], Some(CmpId::Termly));
    c.cmp_settings.blocking_mode = None;
    cases.push((CheckId::BlockingModeUnknown, c));
    let mut c = with(&[Feature::ScoringRules], Some(CmpId::Osano));
    c.cmp_settings.blocking_mode = Some(BlockingMode::Auto);
    cases.push((CheckId::AutoBlockingNeedsDashboardStep, c));

    for id in CheckId::ALL {
        assert!(
            cases.iter().any(|(case, _)| *case == id),
            "no minimal case for {id:?}"
        );
    }
    for (id, config) in cases {
        let findings = check(catalog, &config, config.language);
        let hit: Vec<_> = findings.iter().filter(|f| f.id == id).collect();
        assert_eq!(hit.len(), 1, "{id:?}: {findings:?}");
        assert_eq!(hit[0].severity, id.severity());
        // Nothing else above info fires on the minimal case, except what it implies.
        let others: Vec<_> = findings
            .iter()
            .filter(|f| f.id != id && f.severity != Severity::Info)
            .collect();
        assert!(others.is_empty(), "{id:?} also raised {others:?}");
    }
}
