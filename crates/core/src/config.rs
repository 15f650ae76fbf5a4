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

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::error::{parse_json_with_path, Error, Result};

/// The configuration schema this build writes and reads. Additions that old files do not have
/// (such as `cmp_settings.blocking_mode`) are optional fields, so the version stays 1.
pub const CONFIG_SCHEMA_VERSION: u32 = 1;

/// `ALL` of an enum as an array in declaration order, from strum's `VariantArray` and
/// `EnumCount` derives (so the list of values is written once, in the enum itself).
macro_rules! all_variants {
    ($ty:ty) => {
        match <$ty as strum::VariantArray>::VARIANTS
            .first_chunk::<{ <$ty as strum::EnumCount>::COUNT }>()
        {
            Some(all) => *all,
            None => panic!("strum's VARIANTS has COUNT entries"),
        }
    };
}
pub(crate) use all_variants;

/// One of the widget's three optional, consent-requiring features.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
    strum::EnumCount,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Feature {
    TraceRoute,
    ScoringRules,
    DataMemorization,
}

impl Feature {
    pub const ALL: [Feature; <Feature as strum::EnumCount>::COUNT] = all_variants!(Feature);

    pub fn id(self) -> &'static str {
        self.into()
    }

    pub fn from_id(id: &str) -> Option<Feature> {
        id.parse().ok()
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
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
    strum::EnumCount,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Category {
    Necessary,
    Functional,
    Analytics,
    Marketing,
}

impl Category {
    pub const ALL: [Category; <Category as strum::EnumCount>::COUNT] = all_variants!(Category);

    pub fn id(self) -> &'static str {
        self.into()
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
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
    strum::EnumCount,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
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
    pub const ALL: [ConsentType; <ConsentType as strum::EnumCount>::COUNT] =
        all_variants!(ConsentType);

    pub fn id(self) -> &'static str {
        self.into()
    }
}

/// The language of the cookie declaration and of explanatory text.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
    strum::EnumCount,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Language {
    #[default]
    En,
    Pl,
}

impl Language {
    pub const ALL: [Language; <Language as strum::EnumCount>::COUNT] = all_variants!(Language);

    pub fn id(self) -> &'static str {
        self.into()
    }

    /// The language's name in itself, for pickers.
    pub fn name(self) -> &'static str {
        match self {
            Language::En => "English",
            Language::Pl => "Polski",
        }
    }

    /// The language's name in `lang` (in a sentence or a picker of the declaration language):
    /// "Polish" / "polski".
    pub fn label(self, lang: Language) -> &'static str {
        match (self, lang) {
            (Language::En, Language::En) => "English",
            (Language::Pl, Language::En) => "Polish",
            (Language::En, Language::Pl) => "angielski",
            (Language::Pl, Language::Pl) => "polski",
        }
    }

    pub fn parse(id: &str) -> Result<Language> {
        let id = id.trim();
        id.parse().map_err(|_| Error::Unknown {
            what: "language",
            value: id.to_string(),
            expected: Language::ALL.map(Language::id).join(", "),
        })
    }
}

/// Whether the site's CMP blocks scripts by itself (`auto`: Cookiebot's automatic cookie
/// blocking, OneTrust's OtAutoBlock, Termly's Auto Blocker, ...) or only the scripts marked up
/// for it (`manual`). Only the admin knows; each adapter states the vendor's default
/// ([`crate::cmp::AutoBlocking`]).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
    strum::EnumCount,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum BlockingMode {
    /// The CMP blocks scripts by itself (by scan results, source host or category).
    Auto,
    /// The CMP blocks only what is marked up for it (or nothing).
    Manual,
}

impl BlockingMode {
    pub const ALL: [BlockingMode; <BlockingMode as strum::EnumCount>::COUNT] =
        all_variants!(BlockingMode);

    pub fn id(self) -> &'static str {
        self.into()
    }

    /// What the mode means, for pickers: "Automatic blocking is on" / "Blokowanie automatyczne
    /// jest włączone".
    pub fn label(self) -> crate::i18n::Text {
        match self {
            BlockingMode::Auto => crate::i18n::Text {
                en: "Automatic blocking is on",
                pl: "Blokowanie automatyczne jest włączone",
            },
            BlockingMode::Manual => crate::i18n::Text {
                en: "Manual blocking (automatic blocking is off)",
                pl: "Blokowanie ręczne (automatyczne jest wyłączone)",
            },
        }
    }

    pub fn parse(id: &str) -> Result<BlockingMode> {
        let id = id.trim();
        id.parse().map_err(|_| Error::Unknown {
            what: "blocking mode",
            value: id.to_string(),
            expected: BlockingMode::ALL.map(BlockingMode::id).join(", "),
        })
    }
}

pub use crate::cmp::CmpId;

/// The account the configuration belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Account {
    pub id: String,
    pub name: String,
}

/// Google Consent Mode v2 settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
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
/// category, where the widget script is loaded from, and how the site's CMP blocks scripts.
/// Every field is optional; the snippet generator uses each CMP's default when a field is left
/// out (see `docs/cmp-snippets.md`). Every value is checked when a configuration is loaded
/// (crates/core/src/identifiers.rs): they end up in the customer's page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct CmpSettings {
    /// The name of the widget's service in the CMP: the Usercentrics Data Processing Service
    /// name (default `CallPage`), or the key of the Klaro / tarteaucitron / Borlabs service and
    /// the Axeptio vendor (default `callpage`). Letters, digits, spaces, `-`, `_` and `.`,
    /// starting with a letter or digit, at most 64 characters.
    #[schemars(length(max = 64))]
    pub service_name: Option<String>,
    /// The id the CMP gave the widget's custom vendor: Didomi (default `c:callpage`),
    /// consentmanager (default `callpage`; replace with the id the dashboard shows, e.g.
    /// `c12345` or `s26`). ASCII letters, digits, `:`, `-`, `_` and `.`, starting with a letter
    /// or digit, at most 64 characters.
    #[schemars(length(max = 64), pattern(r"^\s*([A-Za-z0-9][A-Za-z0-9:._-]*)?\s*$"))]
    pub vendor_id: Option<String>,
    /// Load the widget script from this URL instead of CallPage's CDN (a self-hosted proxy or a
    /// test server): an absolute `https:` URL with a host and no user name, password or
    /// fragment (`http:` only for 127.0.0.1, localhost and [::1]), or a path on the site itself
    /// (`/cp/callpage.js`), at most 2048 characters.
    #[schemars(length(max = 2048))]
    pub embed_url: Option<String>,
    /// Whether the site's CMP blocks scripts by itself (`auto`) or only what is marked up
    /// (`manual`); left out when unknown, which the checks warn about for CMPs that have an
    /// automatic mode. The snippet is the same in both modes; the instructions and checks name
    /// the dashboard steps automatic blocking needs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub blocking_mode: Option<BlockingMode>,
}

/// A check of one value's shape: the reason when it is refused.
type ShapeCheck = fn(&str) -> std::result::Result<(), String>;

impl CmpSettings {
    pub fn is_default(&self) -> bool {
        *self == CmpSettings::default()
    }

    /// Check every value against its allowed shape ([`crate::identifiers`]); the error names
    /// the field (`cmp_settings.service_name`).
    pub fn validate(&self) -> Result<()> {
        let fields: [(&str, &Option<String>, ShapeCheck); 3] = [
            (
                "service_name",
                &self.service_name,
                crate::identifiers::check_service_name,
            ),
            (
                "vendor_id",
                &self.vendor_id,
                crate::identifiers::check_vendor_id,
            ),
            (
                "embed_url",
                &self.embed_url,
                crate::identifiers::check_embed_url,
            ),
        ];
        for (name, value, check) in fields {
            if let Some(value) = value {
                check(value).map_err(|message| Error::ConfigInvalid {
                    field: format!("cmp_settings.{name}"),
                    message,
                })?;
            }
        }
        Ok(())
    }
}

/// One account's decisions. See the module docs for the JSON form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "CallPage Cookie Admin account configuration",
    description = "An account configuration (crates/core/src/config.rs). Every field but schema_version and account may be left out and takes the vendor default."
)]
pub struct AccountConfig {
    #[schemars(extend("const" = CONFIG_SCHEMA_VERSION))]
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
    /// Per-CMP names, the widget script URL and the site's blocking mode (CmpSettings).
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
    /// Cookiebot as the CMP (manual blocking, its default) and an example domain, so the cookie list, the snippet and the
    /// checks all have something to show at once. Name, notes and declaration in `lang`.
    pub fn example(catalog: &Catalog, lang: Language) -> AccountConfig {
        let name = crate::i18n::pick(lang, "Example shop", "Przykładowy sklep");
        let mut config = AccountConfig::vendor_default(catalog, "example-shop", name);
        config.features = Feature::ALL.into_iter().collect();
        config.cmp = Some(CmpId::Cookiebot);
        // Cookiebot's default for a new site, so the example's checks come out clean.
        config.cmp_settings.blocking_mode = Some(BlockingMode::Manual);
        config.domains = vec!["www.example.com".into()];
        config.language = lang;
        config.notes = crate::i18n::pick(
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

    /// Parse a configuration, naming the offending field on error. Values that reach a CMP or
    /// the customer's page (`cmp_settings`) are checked too ([`CmpSettings::validate`]).
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
        config.cmp_settings.validate()?;
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
