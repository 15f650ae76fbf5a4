//! The "nothing to do" verdict: the one sentence an admin needs first.
//!
//! The vendor's words: if none of the optional features is used, a CMP or Google Consent Mode
//! needs no change, and there are no widget cookies to declare. Otherwise the enabled features'
//! storage has to be declared (as Analytics, per the vendor) and held back until consent.

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::config::{AccountConfig, Category, Feature, Language};
use crate::cookies::cookie_list;

/// Serialized as `{"nothing_to_do":true,"features":[],"cookies_to_declare":0,
/// "categories":[],"message":"…","language":"en"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Verdict {
    /// True when no optional feature is on.
    pub nothing_to_do: bool,
    /// The optional features switched on.
    pub features: Vec<Feature>,
    /// How many storage items the CMP must declare (0 when there is nothing to do).
    pub cookies_to_declare: usize,
    /// The categories those items are declared under.
    pub categories: Vec<Category>,
    /// The verdict in the configuration's language.
    pub message: String,
    pub language: Language,
}

/// Compute the verdict for a configuration.
pub fn verdict(catalog: &Catalog, config: &AccountConfig) -> Verdict {
    let lang = config.language;
    let rows = cookie_list(catalog, config);
    let features: Vec<Feature> = config.features.iter().copied().collect();
    let mut categories: Vec<Category> = rows.iter().map(|r| r.category).collect();
    categories.sort();
    categories.dedup();
    let nothing_to_do = features.is_empty();
    let message = if nothing_to_do {
        match lang {
            Language::En => "Nothing to do: no optional feature (Trace Route, Scoring Rules, Data Memorization) is on, \
                so your CMP or Google Consent Mode needs no change and there are no CallPage cookies to declare. \
                Calls and meetings work without any consent."
                .to_string(),
            Language::Pl => "Nic do zrobienia: żadna funkcja opcjonalna (Trace Route, Scoring Rules, Data Memorization) \
                nie jest włączona, więc CMP ani Google Consent Mode nie wymagają zmian i nie ma ciasteczek CallPage \
                do zadeklarowania. Rozmowy i spotkania działają bez żadnej zgody."
                .to_string(),
        }
    } else {
        let names = join_and(
            &features
                .iter()
                .map(|f| catalog.feature(*f).name.get(lang).to_string())
                .collect::<Vec<_>>(),
            lang,
        );
        let cats = categories
            .iter()
            .map(|c| c.label(lang))
            .collect::<Vec<_>>()
            .join(", ");
        match lang {
            Language::En => format!(
                "Action needed: {names} {} on. Declare {} storage item{} as {cats} in your CMP and load \
                 {} only after the visitor consents. Calls and meetings keep working without consent.",
                if features.len() == 1 { "is" } else { "are" },
                rows.len(),
                if rows.len() == 1 { "" } else { "s" },
                if features.len() == 1 { "it" } else { "them" },
            ),
            Language::Pl => format!(
                "Wymagane działanie: włączono {names}. Zadeklaruj w CMP {} element(y) danych jako {cats} \
                 i uruchamiaj te funkcje dopiero po zgodzie odwiedzającego. Rozmowy i spotkania działają bez zgody.",
                rows.len(),
            ),
        }
    };
    Verdict {
        nothing_to_do,
        features,
        cookies_to_declare: rows.len(),
        categories,
        message,
        language: lang,
    }
}

/// "A", "A and B", "A, B and C" (Polish: "i").
fn join_and(items: &[String], lang: Language) -> String {
    let and = match lang {
        Language::En => " and ",
        Language::Pl => " i ",
    };
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{}{and}{last}", rest.join(", ")),
    }
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
    fn vendor_default_is_nothing_to_do_in_the_vendors_words() {
        let v = verdict(Catalog::embedded(), &config(&[]));
        assert!(v.nothing_to_do);
        assert_eq!(v.cookies_to_declare, 0);
        assert!(v.categories.is_empty());
        assert!(v.message.contains("needs no change"), "{}", v.message);
        let mut pl = config(&[]);
        pl.language = Language::Pl;
        assert!(verdict(Catalog::embedded(), &pl)
            .message
            .contains("nie wymagają zmian"));
    }

    #[test]
    fn enabled_features_mean_action_with_counts() {
        let catalog = Catalog::embedded();
        let v = verdict(catalog, &config(&[Feature::TraceRoute]));
        assert!(!v.nothing_to_do);
        assert_eq!(
            v.cookies_to_declare,
            catalog.feature(Feature::TraceRoute).storage.len()
        );
        assert_eq!(v.categories, vec![Category::Analytics]);
        assert!(v.message.contains("Trace Route is on"), "{}", v.message);
        assert!(v.message.contains("as Analytics"), "{}", v.message);
        let all = verdict(catalog, &config(&Feature::ALL));
        assert!(
            all.message
                .contains("Trace Route, Scoring Rules and Data Memorization are on"),
            "{}",
            all.message
        );
        let text = serde_json::to_string(&v).unwrap();
        assert_eq!(serde_json::from_str::<Verdict>(&text).unwrap(), v);
    }
}
