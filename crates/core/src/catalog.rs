//! The widget catalog: which optional features exist and which browser storage each one sets.
//!
//! The catalog is data (`data/catalog.json`, embedded at build time) so that the vendor's
//! declaration can be updated by loading a newer file, without a new release of the app.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::config::{Category, Feature, Language};
use crate::error::{parse_json_with_path, Error, Result};

/// The catalog schema this build understands. Newer files are refused with a clear message.
pub const CATALOG_SCHEMA_VERSION: u32 = 1;

/// The catalog shipped inside the app.
pub const DEFAULT_CATALOG_JSON: &str = include_str!("../data/catalog.json");

/// Text in every declaration language the app supports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocalizedText {
    pub en: String,
    pub pl: String,
}

impl LocalizedText {
    pub fn get(&self, lang: Language) -> &str {
        match lang {
            Language::En => &self.en,
            Language::Pl => &self.pl,
        }
    }

    /// The id of the first language whose text is blank, if any.
    pub fn empty_language(&self) -> Option<&'static str> {
        if self.en.trim().is_empty() {
            Some("en")
        } else if self.pl.trim().is_empty() {
            Some("pl")
        } else {
            None
        }
    }
}

/// Where a storage item lives in the browser.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StorageType {
    HttpCookie,
    LocalStorage,
    SessionStorage,
}

impl StorageType {
    pub fn label(self, lang: Language) -> &'static str {
        match (self, lang) {
            (StorageType::HttpCookie, Language::En) => "HTTP cookie",
            (StorageType::HttpCookie, Language::Pl) => "Ciasteczko HTTP",
            (StorageType::LocalStorage, Language::En) => "Local storage",
            (StorageType::LocalStorage, Language::Pl) => "Pamięć lokalna (localStorage)",
            (StorageType::SessionStorage, Language::En) => "Session storage",
            (StorageType::SessionStorage, Language::Pl) => "Pamięć sesji (sessionStorage)",
        }
    }
}

/// Whether the storage belongs to the site itself or to another domain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Party {
    FirstParty,
    ThirdParty,
}

/// How we know a storage item exists: seen on live sites, or only declared by the vendor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    Observed,
    Declared,
}

/// One cookie or web-storage key the widget sets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StorageItem {
    /// The exact name, or a prefix when `is_pattern` is true.
    pub name: String,
    pub is_pattern: bool,
    pub storage_type: StorageType,
    pub party: Party,
    /// `None` means the site's own domain (first party).
    pub domain: Option<String>,
    pub provider: String,
    pub purpose: LocalizedText,
    /// Maximum lifetime in seconds; 0 means it ends with the browser session.
    pub duration_seconds: u64,
    pub duration_text: LocalizedText,
    pub personal_data: bool,
    pub evidence: Evidence,
}

/// The widget's core or one optional feature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeatureEntry {
    pub id: String,
    pub name: LocalizedText,
    /// What the feature does, in words a marketer understands.
    pub summary: LocalizedText,
    /// What stops working when the visitor does not consent.
    pub without_consent: LocalizedText,
    pub default_category: Category,
    pub storage: Vec<StorageItem>,
}

/// The documented interface through which a snippet switches features on and off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsentBridge {
    pub description: String,
    /// The widget's global command queue function (`window.callpage`).
    pub queue_global: String,
    /// The command passed to it with the map of feature id to on/off.
    pub command: String,
    /// The name of the window `CustomEvent` dispatched with the same map.
    pub event: String,
}

/// The whole catalog file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    pub schema_version: u32,
    pub catalog_version: String,
    pub vendor: String,
    pub notice: LocalizedText,
    pub source: String,
    pub consent_bridge: ConsentBridge,
    pub core: FeatureEntry,
    pub features: Vec<FeatureEntry>,
}

impl Catalog {
    /// The catalog embedded in the app (parsed once).
    pub fn embedded() -> &'static Catalog {
        static CATALOG: OnceLock<Catalog> = OnceLock::new();
        #[allow(clippy::expect_used)] // the embedded file is checked by a unit test
        CATALOG.get_or_init(|| {
            Catalog::from_json(DEFAULT_CATALOG_JSON).expect("embedded catalog is valid")
        })
    }

    /// Parse and validate a catalog file's text.
    pub fn from_json(text: &str) -> Result<Catalog> {
        let catalog: Catalog = parse_json_with_path(text)
            .map_err(|(path, message)| Error::CatalogFormat { path, message })?;
        catalog.validate()?;
        Ok(catalog)
    }

    /// The entry of an optional feature. Every feature has one in a validated catalog.
    pub fn feature(&self, feature: Feature) -> &FeatureEntry {
        self.features
            .iter()
            .find(|f| f.id == feature.id())
            .unwrap_or(&self.core)
    }

    /// Rules serde cannot express: schema version, the three known features present once each,
    /// non-empty names.
    pub fn validate(&self) -> Result<()> {
        let invalid = |entry: &str, field: &str, message: String| Error::CatalogInvalid {
            entry: entry.to_string(),
            field: field.to_string(),
            message,
        };
        if self.schema_version != CATALOG_SCHEMA_VERSION {
            return Err(invalid(
                "(catalog)",
                "schema_version",
                format!(
                    "this app reads catalog schema {CATALOG_SCHEMA_VERSION}, the file has {}",
                    self.schema_version
                ),
            ));
        }
        if self.core.id != "core" {
            return Err(invalid(
                &self.core.id,
                "id",
                "the core entry must have id 'core'".into(),
            ));
        }
        for (index, entry) in self.features.iter().enumerate() {
            let label = format!("features[{index}] {}", crate::quote(&entry.id));
            if Feature::from_id(&entry.id).is_none() {
                return Err(invalid(
                    &label,
                    "id",
                    format!(
                        "unknown feature; expected one of: {}",
                        Feature::ids().join(", ")
                    ),
                ));
            }
            if self.features[..index].iter().any(|e| e.id == entry.id) {
                return Err(invalid(&label, "id", "appears twice".into()));
            }
        }
        for feature in Feature::ALL {
            if !self.features.iter().any(|e| e.id == feature.id()) {
                return Err(invalid(
                    feature.id(),
                    "features",
                    "missing from the catalog".into(),
                ));
            }
        }
        if self.catalog_version.trim().is_empty() {
            return Err(invalid(
                "(catalog)",
                "catalog_version",
                "must not be empty".into(),
            ));
        }
        for (index, entry) in self.features.iter().enumerate() {
            if entry.default_category == Category::Necessary {
                return Err(invalid(
                    &format!("features[{index}] {}", crate::quote(&entry.id)),
                    "default_category",
                    "an optional feature needs consent; it cannot default to necessary".into(),
                ));
            }
        }
        let mut seen: Vec<(&str, StorageType, &str)> = Vec::new();
        for entry in std::iter::once(&self.core).chain(&self.features) {
            for (field, text) in [
                ("name", &entry.name),
                ("summary", &entry.summary),
                ("without_consent", &entry.without_consent),
            ] {
                if let Some(lang) = text.empty_language() {
                    return Err(invalid(
                        &entry.id,
                        &format!("{field}.{lang}"),
                        "must not be empty".into(),
                    ));
                }
            }
            for (index, item) in entry.storage.iter().enumerate() {
                let label = format!("{} storage[{index}]", entry.id);
                if item.name.trim().is_empty() {
                    return Err(invalid(&label, "name", "must not be empty".into()));
                }
                if item.is_pattern && item.name.contains('*') {
                    return Err(invalid(
                        &label,
                        "name",
                        "a pattern is written as its prefix, without '*'".into(),
                    ));
                }
                for (field, text) in [
                    ("purpose", &item.purpose),
                    ("duration_text", &item.duration_text),
                ] {
                    if let Some(lang) = text.empty_language() {
                        return Err(invalid(
                            &label,
                            &format!("{field}.{lang}"),
                            "must not be empty".into(),
                        ));
                    }
                }
                if let Some((owner, _, _)) = seen
                    .iter()
                    .find(|(_, t, n)| *t == item.storage_type && *n == item.name)
                {
                    return Err(invalid(
                        &label,
                        "name",
                        format!(
                            "{} is already listed (in {owner})",
                            crate::quote(&item.name)
                        ),
                    ));
                }
                seen.push((&entry.id, item.storage_type, &item.name));
                if item.provider.trim().is_empty() {
                    return Err(invalid(&label, "provider", "must not be empty".into()));
                }
                if item.party == Party::ThirdParty && item.domain.is_none() {
                    return Err(invalid(
                        &label,
                        "domain",
                        "a third-party item needs a domain".into(),
                    ));
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_catalog_is_valid_and_declares_all_features() {
        let catalog = Catalog::from_json(DEFAULT_CATALOG_JSON).unwrap();
        for feature in Feature::ALL {
            assert!(!catalog.feature(feature).storage.is_empty(), "{feature:?}");
            assert_eq!(
                catalog.feature(feature).default_category,
                Category::Analytics
            );
        }
        assert!(catalog.notice.en.contains("No public list"));
    }

    fn refused(text: &str) -> String {
        Catalog::from_json(text).unwrap_err().to_string()
    }

    #[test]
    fn embedded_catalog_round_trips() {
        let catalog = Catalog::embedded();
        let text = serde_json::to_string(catalog).unwrap();
        assert_eq!(&Catalog::from_json(&text).unwrap(), catalog);
    }

    #[test]
    fn rule_breaking_catalogs_are_refused_naming_entry_and_field() {
        let err = refused(&DEFAULT_CATALOG_JSON.replacen(
            "\"schema_version\": 1",
            "\"schema_version\": 2",
            1,
        ));
        assert!(err.contains("schema_version") && err.contains('2'), "{err}");

        let err = refused(&DEFAULT_CATALOG_JSON.replacen("\"2026.11.0\"", "\" \"", 1));
        assert!(err.contains("catalog_version"), "{err}");

        let err = refused(&DEFAULT_CATALOG_JSON.replacen(
            "\"id\": \"scoring_rules\"",
            "\"id\": \"trace_route\"",
            1,
        ));
        assert!(
            err.contains("features[1] 'trace_route'") && err.contains("twice"),
            "{err}"
        );

        let err = refused(&DEFAULT_CATALOG_JSON.replacen(
            "\"id\": \"scoring_rules\"",
            "\"id\": \"heatmaps\"",
            1,
        ));
        assert!(
            err.contains("'heatmaps'") && err.contains("field id"),
            "{err}"
        );

        let err = refused(&DEFAULT_CATALOG_JSON.replacen("\"cp_tr_\"", "\"cp_tr_*\"", 1));
        assert!(
            err.contains("trace_route storage[0]") && err.contains("field name"),
            "{err}"
        );

        let err =
            refused(&DEFAULT_CATALOG_JSON.replacen("\"cp_visit_count\"", "\"cp_visitor_id\"", 1));
        assert!(
            err.contains("scoring_rules storage[1]") && err.contains("already listed"),
            "{err}"
        );

        let err =
            refused(&DEFAULT_CATALOG_JSON.replacen("\"en\": \"30 minutes\"", "\"en\": \"\"", 1));
        assert!(err.contains("duration_text.en"), "{err}");

        let err = refused(&DEFAULT_CATALOG_JSON.replacen(
            "\"default_category\": \"analytics\"",
            "\"default_category\": \"necessary\"",
            1,
        ));
        assert!(err.contains("default_category"), "{err}");

        let err = refused(&DEFAULT_CATALOG_JSON.replacen(
            "\"party\": \"first_party\"",
            "\"party\": \"third_party\"",
            1,
        ));
        assert!(
            err.contains("core storage[0]") && err.contains("domain"),
            "{err}"
        );
    }

    #[test]
    fn wrong_type_is_named_with_its_path() {
        let err = refused(&DEFAULT_CATALOG_JSON.replacen(
            "\"duration_seconds\": 1800",
            "\"duration_seconds\": \"30m\"",
            1,
        ));
        assert!(
            err.contains("features[0].storage[0].duration_seconds"),
            "{err}"
        );
        let err = refused(&DEFAULT_CATALOG_JSON.replacen(
            "\"storage_type\": \"http_cookie\"",
            "\"storage_type\": \"indexed_db\"",
            1,
        ));
        assert!(err.contains("core.storage[0].storage_type"), "{err}");
        assert!(refused("").contains("catalog"));
    }

    #[test]
    fn unknown_field_is_named_with_its_path() {
        let text =
            DEFAULT_CATALOG_JSON.replacen("\"is_pattern\"", "\"colour\": 1, \"is_pattern\"", 1);
        let err = Catalog::from_json(&text).unwrap_err().to_string();
        assert!(err.contains("core.storage[0]"), "{err}");
        assert!(err.contains("colour"), "{err}");
    }
}
