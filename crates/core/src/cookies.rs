//! The cookie list: the browser storage a configuration makes the widget set, one row per
//! catalog item, with the category the configuration assigns.
//!
//! Two lists, on purpose:
//! - [`cookie_list`]: the storage of the **enabled optional features**, the items the admin has
//!   to declare in the CMP and hold back until consent. Empty when no optional feature is on
//!   (the vendor's "nothing to do" case).
//! - [`necessary_items`]: the widget core's strictly necessary storage, which works without
//!   consent and is listed for completeness (e.g. in a full cookie declaration).
//!
//! Text fields (`feature_name`, `purpose`, `duration_text`, labels) are in the configuration's
//! declaration language; use the `*_in` variants for another language.

use serde::{Deserialize, Serialize};

use crate::catalog::{Catalog, Evidence, FeatureEntry, Party, StorageItem, StorageType};
use crate::config::{AccountConfig, Category, Feature, Language};

/// The catalog id of the widget core in [`CookieRow::feature`].
pub const CORE_ID: &str = "core";

/// One storage item as the UI and the CLI show it: every catalog field, flattened to one
/// language, plus the owning feature and the category the configuration assigns.
///
/// Serialized (JSON and CSV) with these field names, e.g.
/// `{"feature":"trace_route","feature_name":"Trace Route","category":"analytics",
///   "category_label":"Analytics","name":"cp_tr_","is_pattern":true,
///   "storage_type":"http_cookie","storage_type_label":"HTTP cookie","party":"first_party",
///   "domain":null,"provider":"CallPage","purpose":"…","duration_seconds":1800,
///   "duration_text":"30 minutes","personal_data":false,"evidence":"declared",
///   "language":"en"}`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CookieRow {
    /// `"core"` or the optional feature's id (`trace_route`, `scoring_rules`, `data_memorization`).
    pub feature: String,
    pub feature_name: String,
    /// The category the configuration assigns (`necessary` for the core).
    pub category: Category,
    pub category_label: String,
    /// The exact name, or a prefix when `is_pattern` is true.
    pub name: String,
    pub is_pattern: bool,
    pub storage_type: StorageType,
    pub storage_type_label: String,
    pub party: Party,
    /// `None` means the site's own domain.
    pub domain: Option<String>,
    pub provider: String,
    pub purpose: String,
    /// Maximum lifetime in seconds; 0 means it ends with the browser session.
    pub duration_seconds: u64,
    pub duration_text: String,
    pub personal_data: bool,
    /// `observed` on live sites or only `declared` by the vendor.
    pub evidence: Evidence,
    /// The language of the text fields.
    pub language: Language,
}

impl CookieRow {
    /// Build a row from a catalog item.
    pub fn new(
        entry: &FeatureEntry,
        item: &StorageItem,
        category: Category,
        lang: Language,
    ) -> CookieRow {
        CookieRow {
            feature: entry.id.clone(),
            feature_name: entry.name.get(lang).to_string(),
            category,
            category_label: category.label(lang).to_string(),
            name: item.name.clone(),
            is_pattern: item.is_pattern,
            storage_type: item.storage_type,
            storage_type_label: item.storage_type.label(lang).to_string(),
            party: item.party,
            domain: item.domain.clone(),
            provider: item.provider.clone(),
            purpose: item.purpose.get(lang).to_string(),
            duration_seconds: item.duration_seconds,
            duration_text: item.duration_text.get(lang).to_string(),
            personal_data: item.personal_data,
            evidence: item.evidence,
            language: lang,
        }
    }

    /// The optional feature this row belongs to; `None` for the core.
    pub fn optional_feature(&self) -> Option<Feature> {
        Feature::from_id(&self.feature)
    }

    /// True for the core's strictly necessary storage.
    pub fn is_core(&self) -> bool {
        self.feature == CORE_ID
    }

    /// The name as shown to people: a pattern gets a trailing `*`.
    pub fn display_name(&self) -> String {
        if self.is_pattern {
            format!("{}*", self.name)
        } else {
            self.name.clone()
        }
    }
}

/// The storage of the enabled optional features, in catalog order (feature order, then item
/// order), in the configuration's language. Empty when no optional feature is on.
pub fn cookie_list(catalog: &Catalog, config: &AccountConfig) -> Vec<CookieRow> {
    cookie_list_in(catalog, config, config.language)
}

/// [`cookie_list`] in a chosen language.
pub fn cookie_list_in(catalog: &Catalog, config: &AccountConfig, lang: Language) -> Vec<CookieRow> {
    catalog
        .features
        .iter()
        .filter_map(|entry| Feature::from_id(&entry.id).map(|feature| (feature, entry)))
        .filter(|(feature, _)| config.is_enabled(*feature))
        .flat_map(|(feature, entry)| {
            let category = config.category_of(feature, catalog);
            entry
                .storage
                .iter()
                .map(move |item| CookieRow::new(entry, item, category, lang))
        })
        .collect()
}

/// The widget core's strictly necessary storage (always set, needs no consent).
pub fn necessary_items(catalog: &Catalog, config: &AccountConfig) -> Vec<CookieRow> {
    necessary_items_in(catalog, config.language)
}

/// [`necessary_items`] in a chosen language.
pub fn necessary_items_in(catalog: &Catalog, lang: Language) -> Vec<CookieRow> {
    catalog
        .core
        .storage
        .iter()
        .map(|item| CookieRow::new(&catalog.core, item, Category::Necessary, lang))
        .collect()
}

/// The core's items followed by the enabled features' items: everything the widget may set.
pub fn full_list(catalog: &Catalog, config: &AccountConfig) -> Vec<CookieRow> {
    let mut rows = necessary_items(catalog, config);
    rows.extend(cookie_list(catalog, config));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(features: &[Feature]) -> AccountConfig {
        let mut config = AccountConfig::vendor_default(Catalog::embedded(), "acme", "ACME");
        config.features = features.iter().copied().collect();
        config
    }

    #[test]
    fn vendor_default_has_nothing_to_declare_but_the_core_is_listed_apart() {
        let catalog = Catalog::embedded();
        let config = config(&[]);
        assert!(cookie_list(catalog, &config).is_empty());
        let core = necessary_items(catalog, &config);
        assert_eq!(core.len(), catalog.core.storage.len());
        assert!(core
            .iter()
            .all(|r| r.is_core() && r.category == Category::Necessary));
        assert_eq!(core[0].name, "callpage-widget-version");
        assert_eq!(core[0].evidence, Evidence::Observed);
    }

    #[test]
    fn rows_carry_feature_and_assigned_category() {
        let catalog = Catalog::embedded();
        let mut config = config(&[Feature::TraceRoute, Feature::DataMemorization]);
        config
            .categories
            .insert(Feature::DataMemorization, Category::Functional);
        let rows = cookie_list(catalog, &config);
        let expected = catalog.feature(Feature::TraceRoute).storage.len()
            + catalog.feature(Feature::DataMemorization).storage.len();
        assert_eq!(rows.len(), expected);
        for row in &rows {
            let feature = row.optional_feature().unwrap();
            assert!(config.is_enabled(feature));
            assert_eq!(row.category, config.category_of(feature, catalog));
        }
        let memo = rows
            .iter()
            .find(|r| r.feature == "data_memorization")
            .unwrap();
        assert!(memo.personal_data);
        assert_eq!(memo.category, Category::Functional);
        assert_eq!(memo.category_label, "Functional");
        let pattern = rows.iter().find(|r| r.is_pattern).unwrap();
        assert!(pattern.display_name().ends_with('*'));
    }

    #[test]
    fn language_follows_the_configuration() {
        let catalog = Catalog::embedded();
        let mut config = config(&[Feature::ScoringRules]);
        config.language = Language::Pl;
        let rows = cookie_list(catalog, &config);
        assert_eq!(rows[0].duration_text, "1 rok");
        assert_eq!(rows[0].category_label, "Analityczne");
        let en = cookie_list_in(catalog, &config, Language::En);
        assert_eq!(en[0].duration_text, "1 year");
    }

    #[test]
    fn full_list_is_core_then_features() {
        let catalog = Catalog::embedded();
        let rows = full_list(catalog, &config(&Feature::ALL));
        assert!(rows[0].is_core());
        assert_eq!(
            rows.len(),
            catalog.core.storage.len()
                + catalog
                    .features
                    .iter()
                    .map(|f| f.storage.len())
                    .sum::<usize>()
        );
    }

    #[test]
    fn rows_round_trip_through_json() {
        let catalog = Catalog::embedded();
        let rows = full_list(catalog, &config(&Feature::ALL));
        let text = serde_json::to_string(&rows).unwrap();
        let back: Vec<CookieRow> = serde_json::from_str(&text).unwrap();
        assert_eq!(rows, back);
    }
}
