//! The account configuration: what one account admin decided, in a documented, versioned
//! JSON form shared by the app, the CLI, the database and the export bundles.
//!
//! ```json
//! {
//!   "schema_version": 1,
//!   "account": { "id": "acme", "name": "ACME Ltd" },
//!   "domains": ["acme.example"],
//!   "features": ["trace_route"],
//!   "cmp": "cookiebot",
//!   "categories": { "trace_route": "analytics" },
//!   "consent_mode": { "consent_types": { "analytics": ["analytics_storage"] },
//!                     "wait_for_update_ms": 500, "regions": ["PL", "DE-BY"] },
//!   "tcf": { "gvl_vendor_id": null, "purposes": { "analytics": [1, 8, 9, 10] } },
//!   "language": "en",
//!   "notes": ""
//! }
//! ```
//! Every field but `schema_version` and `account` may be left out and takes the vendor
//! default; unknown fields and wrong types are refused with the field's path.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::error::{parse_json_with_path, Error, Result};

/// The configuration schema this build writes and reads.
pub const CONFIG_SCHEMA_VERSION: u32 = 1;

/// One of the widget's three optional, consent-requiring features.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Feature {
    TraceRoute,
    ScoringRules,
    DataMemorization,
}

impl Feature {
    pub const ALL: [Feature; 3] = [
        Feature::TraceRoute,
        Feature::ScoringRules,
        Feature::DataMemorization,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Feature::TraceRoute => "trace_route",
            Feature::ScoringRules => "scoring_rules",
            Feature::DataMemorization => "data_memorization",
        }
    }

    pub fn from_id(id: &str) -> Option<Feature> {
        Feature::ALL.into_iter().find(|f| f.id() == id)
    }

    pub fn ids() -> Vec<&'static str> {
        Feature::ALL.iter().map(|f| f.id()).collect()
    }

    /// Parse a user-typed id, with an error listing the valid ones.
    pub fn parse(id: &str) -> Result<Feature> {
        Feature::from_id(id.trim()).ok_or_else(|| Error::Unknown {
            what: "feature",
            value: id.to_string(),
            expected: Feature::ids().join(", "),
        })
    }
}

/// The internal cookie category; each CMP adapter maps it to its own ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Necessary,
    Functional,
    Analytics,
    Marketing,
}

impl Category {
    pub const ALL: [Category; 4] = [
        Category::Necessary,
        Category::Functional,
        Category::Analytics,
        Category::Marketing,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Category::Necessary => "necessary",
            Category::Functional => "functional",
            Category::Analytics => "analytics",
            Category::Marketing => "marketing",
        }
    }

    pub fn label(self, lang: Language) -> &'static str {
        match (self, lang) {
            (Category::Necessary, Language::En) => "Strictly necessary",
            (Category::Functional, Language::En) => "Functional",
            (Category::Analytics, Language::En) => "Analytics",
            (Category::Marketing, Language::En) => "Marketing",
            (Category::Necessary, Language::Pl) => "Niezbędne",
            (Category::Functional, Language::Pl) => "Funkcjonalne",
            (Category::Analytics, Language::Pl) => "Analityczne",
            (Category::Marketing, Language::Pl) => "Marketingowe",
        }
    }
}

/// Google Consent Mode v2 consent types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentType {
    AdStorage,
    AdUserData,
    AdPersonalization,
    AnalyticsStorage,
    FunctionalityStorage,
    PersonalizationStorage,
    SecurityStorage,
}

impl ConsentType {
    pub fn id(self) -> &'static str {
        match self {
            ConsentType::AdStorage => "ad_storage",
            ConsentType::AdUserData => "ad_user_data",
            ConsentType::AdPersonalization => "ad_personalization",
            ConsentType::AnalyticsStorage => "analytics_storage",
            ConsentType::FunctionalityStorage => "functionality_storage",
            ConsentType::PersonalizationStorage => "personalization_storage",
            ConsentType::SecurityStorage => "security_storage",
        }
    }
}

/// The language of the cookie declaration and of explanatory text.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    #[default]
    En,
    Pl,
}

impl Language {
    pub fn parse(id: &str) -> Result<Language> {
        match id.trim() {
            "en" => Ok(Language::En),
            "pl" => Ok(Language::Pl),
            other => Err(Error::Unknown {
                what: "language",
                value: other.to_string(),
                expected: "en, pl".into(),
            }),
        }
    }
}

/// The consent management platforms (and frameworks) the app generates snippets for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CmpId {
    Gcm,
    Tcf,
    Cookiebot,
    Onetrust,
    Usercentrics,
    Didomi,
    Cookieyes,
    Complianz,
    Iubenda,
    Klaro,
    Cookieconsent,
    Termly,
    Cookiefirst,
    Osano,
    Axeptio,
    Consentmanager,
    Borlabs,
    Tarteaucitron,
}

impl CmpId {
    pub const ALL: [CmpId; 18] = [
        CmpId::Gcm,
        CmpId::Tcf,
        CmpId::Cookiebot,
        CmpId::Onetrust,
        CmpId::Usercentrics,
        CmpId::Didomi,
        CmpId::Cookieyes,
        CmpId::Complianz,
        CmpId::Iubenda,
        CmpId::Klaro,
        CmpId::Cookieconsent,
        CmpId::Termly,
        CmpId::Cookiefirst,
        CmpId::Osano,
        CmpId::Axeptio,
        CmpId::Consentmanager,
        CmpId::Borlabs,
        CmpId::Tarteaucitron,
    ];

    pub fn id(self) -> &'static str {
        match self {
            CmpId::Gcm => "gcm",
            CmpId::Tcf => "tcf",
            CmpId::Cookiebot => "cookiebot",
            CmpId::Onetrust => "onetrust",
            CmpId::Usercentrics => "usercentrics",
            CmpId::Didomi => "didomi",
            CmpId::Cookieyes => "cookieyes",
            CmpId::Complianz => "complianz",
            CmpId::Iubenda => "iubenda",
            CmpId::Klaro => "klaro",
            CmpId::Cookieconsent => "cookieconsent",
            CmpId::Termly => "termly",
            CmpId::Cookiefirst => "cookiefirst",
            CmpId::Osano => "osano",
            CmpId::Axeptio => "axeptio",
            CmpId::Consentmanager => "consentmanager",
            CmpId::Borlabs => "borlabs",
            CmpId::Tarteaucitron => "tarteaucitron",
        }
    }

    /// The product name as its vendor writes it.
    pub fn name(self) -> &'static str {
        match self {
            CmpId::Gcm => "Google Consent Mode v2",
            CmpId::Tcf => "IAB TCF v2.2",
            CmpId::Cookiebot => "Cookiebot",
            CmpId::Onetrust => "OneTrust",
            CmpId::Usercentrics => "Usercentrics",
            CmpId::Didomi => "Didomi",
            CmpId::Cookieyes => "CookieYes",
            CmpId::Complianz => "Complianz",
            CmpId::Iubenda => "iubenda",
            CmpId::Klaro => "Klaro",
            CmpId::Cookieconsent => "CookieConsent (orestbida v3)",
            CmpId::Termly => "Termly",
            CmpId::Cookiefirst => "CookieFirst",
            CmpId::Osano => "Osano",
            CmpId::Axeptio => "Axeptio",
            CmpId::Consentmanager => "consentmanager",
            CmpId::Borlabs => "Borlabs Cookie",
            CmpId::Tarteaucitron => "tarteaucitron.js",
        }
    }

    pub fn parse(id: &str) -> Result<CmpId> {
        let id = id.trim();
        CmpId::ALL
            .into_iter()
            .find(|c| c.id() == id)
            .ok_or_else(|| Error::Unknown {
                what: "CMP",
                value: id.to_string(),
                expected: CmpId::ALL
                    .iter()
                    .map(|c| c.id())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }
}

/// The account the configuration belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Account {
    pub id: String,
    pub name: String,
}

/// Google Consent Mode v2 settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ConsentModeSettings {
    /// Which consent types must be granted for storage of each internal category.
    pub consent_types: BTreeMap<Category, Vec<ConsentType>>,
    /// How long tags wait for the CMP's update, in milliseconds.
    pub wait_for_update_ms: Option<u32>,
    /// ISO 3166-2 region codes the default applies to; empty means everywhere.
    pub regions: Vec<String>,
}

impl Default for ConsentModeSettings {
    fn default() -> Self {
        let consent_types = BTreeMap::from([
            (Category::Necessary, vec![ConsentType::SecurityStorage]),
            (
                Category::Functional,
                vec![ConsentType::FunctionalityStorage],
            ),
            (Category::Analytics, vec![ConsentType::AnalyticsStorage]),
            (
                Category::Marketing,
                vec![
                    ConsentType::AdStorage,
                    ConsentType::AdUserData,
                    ConsentType::AdPersonalization,
                ],
            ),
        ]);
        ConsentModeSettings {
            consent_types,
            wait_for_update_ms: Some(500),
            regions: Vec::new(),
        }
    }
}

/// IAB TCF v2.2 settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TcfSettings {
    /// The widget vendor's id on the Global Vendor List, if it has one. Without it the
    /// snippet relies on publisher purposes.
    pub gvl_vendor_id: Option<u32>,
    /// TCF purposes that must all be consented for each internal category.
    pub purposes: BTreeMap<Category, Vec<u8>>,
}

impl Default for TcfSettings {
    fn default() -> Self {
        TcfSettings {
            gvl_vendor_id: None,
            purposes: BTreeMap::from([
                (Category::Functional, vec![1]),
                (Category::Analytics, vec![1, 8, 9, 10]),
                (Category::Marketing, vec![1, 3, 4]),
            ]),
        }
    }
}

/// How the widget is known inside CMPs that consent per service or vendor rather than per
/// category, and where the widget script is loaded from. Every field is optional; the snippet
/// generator uses each CMP's default when a field is left out (see `docs/cmp-snippets.md`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CmpSettings {
    /// The name of the widget's service in the CMP: the Usercentrics Data Processing Service
    /// name (default `CallPage`), or the key of the Klaro / CookieConsent / tarteaucitron /
    /// Borlabs service and the Axeptio vendor (default `callpage`).
    pub service_name: Option<String>,
    /// The id the CMP gave the widget's custom vendor: Didomi (default `c:callpage`),
    /// consentmanager (default `callpage`; replace with the id the dashboard shows).
    pub vendor_id: Option<String>,
    /// Load the widget script from this URL instead of CallPage's CDN (a self-hosted proxy or a
    /// test server).
    pub embed_url: Option<String>,
}

impl CmpSettings {
    pub fn is_default(&self) -> bool {
        *self == CmpSettings::default()
    }
}

/// One account's decisions. See the module docs for the JSON form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountConfig {
    pub schema_version: u32,
    pub account: Account,
    #[serde(default)]
    pub domains: Vec<String>,
    /// The optional features switched on. The core is always on.
    #[serde(default)]
    pub features: BTreeSet<Feature>,
    #[serde(default)]
    pub cmp: Option<CmpId>,
    /// Category per feature; a feature left out takes the catalog's default.
    #[serde(default)]
    pub categories: BTreeMap<Feature, Category>,
    #[serde(default)]
    pub consent_mode: ConsentModeSettings,
    #[serde(default)]
    pub tcf: TcfSettings,
    #[serde(default)]
    pub language: Language,
    #[serde(default)]
    pub notes: String,
    /// Per-CMP names and the widget script URL; see [`CmpSettings`].
    #[serde(default, skip_serializing_if = "CmpSettings::is_default")]
    pub cmp_settings: CmpSettings,
}

impl AccountConfig {
    /// The vendor's recommended configuration: no optional feature, the catalog's default
    /// category for each feature, Consent Mode defaults.
    pub fn vendor_default(catalog: &Catalog, id: &str, name: &str) -> AccountConfig {
        AccountConfig {
            schema_version: CONFIG_SCHEMA_VERSION,
            account: Account {
                id: id.to_string(),
                name: name.to_string(),
            },
            domains: Vec::new(),
            features: BTreeSet::new(),
            cmp: None,
            categories: Feature::ALL
                .into_iter()
                .map(|f| (f, catalog.feature(f).default_category))
                .collect(),
            consent_mode: ConsentModeSettings::default(),
            tcf: TcfSettings::default(),
            language: Language::En,
            notes: String::new(),
            cmp_settings: CmpSettings::default(),
        }
    }

    /// The example account the window offers on a first start: every optional feature on,
    /// Cookiebot as the CMP and an example domain, so the cookie list, the snippet and the
    /// checks all have something to show at once. Name, notes and declaration in `lang`.
    pub fn example(catalog: &Catalog, lang: Language) -> AccountConfig {
        let name = crate::text::pick(lang, "Example shop", "Przykładowy sklep");
        let mut config = AccountConfig::vendor_default(catalog, "example-shop", name);
        config.features = Feature::ALL.into_iter().collect();
        config.cmp = Some(CmpId::Cookiebot);
        config.domains = vec!["www.example.com".into()];
        config.language = lang;
        config.notes = crate::text::pick(
            lang,
            "An example made by Cookie Admin to show what the app does: all three optional \
             features on, Cookiebot as the consent platform. Change anything; delete it when you \
             no longer need it.",
            "Przykład utworzony przez Cookie Admin, aby pokazać, co robi aplikacja: wszystkie trzy \
             funkcje opcjonalne włączone, Cookiebot jako platforma zgód. Zmieniaj, co chcesz; \
             usuń go, gdy nie będzie już potrzebny.",
        )
        .into();
        config
    }

    /// Parse a configuration, naming the offending field on error.
    pub fn from_json(text: &str) -> Result<AccountConfig> {
        let config: AccountConfig = parse_json_with_path(text)
            .map_err(|(path, message)| Error::ConfigFormat { path, message })?;
        if config.schema_version != CONFIG_SCHEMA_VERSION {
            return Err(Error::ConfigInvalid {
                field: "schema_version".into(),
                message: format!(
                    "this app reads configuration schema {CONFIG_SCHEMA_VERSION}, the file has {}",
                    config.schema_version
                ),
            });
        }
        Ok(config)
    }

    /// Parse from an already-parsed JSON value (bundles embed configurations).
    pub fn from_value(value: serde_json::Value) -> Result<AccountConfig> {
        AccountConfig::from_json(&value.to_string())
    }

    pub fn to_json_pretty(&self) -> String {
        // Serialising plain data with string keys cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The category this configuration assigns to a feature.
    pub fn category_of(&self, feature: Feature, catalog: &Catalog) -> Category {
        self.categories
            .get(&feature)
            .copied()
            .unwrap_or_else(|| catalog.feature(feature).default_category)
    }

    pub fn is_enabled(&self, feature: Feature) -> bool {
        self.features.contains(&feature)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_shows_everything_and_passes_the_checks() {
        let catalog = Catalog::embedded();
        for lang in [Language::En, Language::Pl] {
            let config = AccountConfig::example(catalog, lang);
            assert_eq!(config.features.len(), 3);
            assert_eq!(config.cmp, Some(CmpId::Cookiebot));
            assert_eq!(config.language, lang);
            let findings = crate::checks::check(catalog, &config, lang);
            assert!(
                findings
                    .iter()
                    .all(|f| f.severity == crate::checks::Severity::Info),
                "{findings:?}"
            );
            assert!(!findings.is_empty(), "the checks tab has something to show");
            assert!(!crate::cookies::cookie_list(catalog, &config).is_empty());
        }
        assert_eq!(
            AccountConfig::example(catalog, Language::Pl).account.name,
            "Przykładowy sklep"
        );
    }

    #[test]
    fn vendor_default_round_trips() {
        let config = AccountConfig::vendor_default(Catalog::embedded(), "acme", "ACME");
        let back = AccountConfig::from_json(&config.to_json_pretty()).unwrap();
        assert_eq!(config, back);
    }

    #[test]
    fn wrong_type_and_unknown_field_name_the_field() {
        let err = AccountConfig::from_json(
            r#"{"schema_version":1,"account":{"id":"a","name":"A"},"features":["trace_route", 3]}"#,
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("features[1]"), "{err}");
        let err = AccountConfig::from_json(
            r#"{"schema_version":1,"account":{"id":"a","name":"A"},"consent_mode":{"wait":1}}"#,
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("consent_mode") && err.contains("wait"),
            "{err}"
        );
    }
}
