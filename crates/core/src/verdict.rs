//! The "nothing to do" verdict: the one sentence an admin needs first.
//!
//! The vendor's words: if none of the optional features is used, a CMP or Google Consent Mode
//! needs no change, and there are no widget cookies to declare. Otherwise the enabled features'
//! storage has to be declared (as Analytics, per the vendor) and held back until consent.

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::config::{AccountConfig, Category, Feature, Language};
use crate::cookies::cookie_list;
use crate::i18n::{count, join_and, pick, quoted};

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
    /// The verdict in the language asked for.
    pub message: String,
    pub language: Language,
}

/// Compute the verdict for a configuration, in `lang`.
pub fn verdict(catalog: &Catalog, config: &AccountConfig, lang: Language) -> Verdict {
    let rows = cookie_list(catalog, config);
    let features: Vec<Feature> = config.features.iter().copied().collect();
    let mut categories: Vec<Category> = rows.iter().map(|r| r.category).collect();
    categories.sort();
    categories.dedup();
    let nothing_to_do = features.is_empty();
    let message = if nothing_to_do {
        pick(
            lang,
            "Nothing to do: no optional feature (Trace Route, Scoring Rules, Data Memorization) is on, \
             so your CMP or Google Consent Mode needs no change and there are no CallPage cookies to declare. \
             Calls and meetings work without any consent.",
            "Nic do zrobienia: żadna funkcja opcjonalna (Trace Route, Scoring Rules, Data Memorization) \
             nie jest włączona, więc platforma CMP ani Google Consent Mode nie wymagają zmian i nie ma \
             plików cookie CallPage do zadeklarowania. Rozmowy i spotkania działają bez żadnej zgody.",
        )
        .to_string()
    } else {
        let one = features.len() == 1;
        let names: Vec<String> = features
            .iter()
            .map(|f| catalog.feature(*f).name.get(lang).to_string())
            .collect();
        let items = count(
            lang,
            rows.len(),
            ("storage item", "storage items"),
            ("element danych", "elementy danych", "elementów danych"),
        );
        match lang {
            Language::En => format!(
                "Action needed: {} {} on. Declare {items} as {} in your CMP and load {} only after \
                 the visitor consents. Calls and meetings keep working without consent.",
                join_and(&names, lang),
                if one { "is" } else { "are" },
                categories
                    .iter()
                    .map(|c| c.label(lang))
                    .collect::<Vec<_>>()
                    .join(", "),
                if one { "it" } else { "them" },
            ),
            Language::Pl => {
                let names: Vec<String> = names.iter().map(|n| quoted(n, lang)).collect();
                let cats: Vec<String> = categories
                    .iter()
                    .map(|c| quoted(c.label(lang), lang))
                    .collect();
                format!(
                    "Wymagane działanie: {} {}. Zadeklaruj na platformie CMP {items} w {} {} i \
                     uruchamiaj {} dopiero po zgodzie odwiedzającego. Rozmowy i spotkania działają \
                     bez zgody.",
                    if one {
                        "włączona jest funkcja"
                    } else {
                        "włączone są funkcje"
                    },
                    join_and(&names, lang),
                    if cats.len() == 1 {
                        "kategorii"
                    } else {
                        "kategoriach"
                    },
                    join_and(&cats, lang),
                    if one { "ją" } else { "je" },
                )
            }
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
        let v = verdict(Catalog::embedded(), &config(&[]), Language::En);
        assert!(v.nothing_to_do);
        assert_eq!(v.cookies_to_declare, 0);
        assert!(v.categories.is_empty());
        assert!(v.message.contains("needs no change"), "{}", v.message);
        assert!(verdict(Catalog::embedded(), &config(&[]), Language::Pl)
            .message
            .contains("nie wymagają zmian"));
    }

    #[test]
    fn enabled_features_mean_action_with_counts() {
        let catalog = Catalog::embedded();
        let v = verdict(catalog, &config(&[Feature::TraceRoute]), Language::En);
        assert!(!v.nothing_to_do);
        assert_eq!(
            v.cookies_to_declare,
            catalog.feature(Feature::TraceRoute).storage.len()
        );
        assert_eq!(v.categories, vec![Category::Analytics]);
        assert!(v.message.contains("Trace Route is on"), "{}", v.message);
        assert!(v.message.contains("as Analytics"), "{}", v.message);
        let all = verdict(catalog, &config(&Feature::ALL), Language::En);
        assert!(
            all.message
                .contains("Trace Route, Scoring Rules and Data Memorization are on"),
            "{}",
            all.message
        );
        let text = serde_json::to_string(&v).unwrap();
        assert_eq!(serde_json::from_str::<Verdict>(&text).unwrap(), v);
    }

    #[test]
    fn the_polish_verdict_agrees_in_number_and_names_the_features_in_polish() {
        let catalog = Catalog::embedded();
        let one = verdict(catalog, &config(&[Feature::TraceRoute]), Language::Pl);
        let n = one.cookies_to_declare;
        assert_eq!(
            one.message,
            format!(
                "Wymagane działanie: włączona jest funkcja „Ścieżka odwiedzin (Trace Route)”. \
                 Zadeklaruj na platformie CMP {n} {} w kategorii „Analityczne” i uruchamiaj ją \
                 dopiero po zgodzie odwiedzającego. Rozmowy i spotkania działają bez zgody.",
                crate::i18n::plural_pl(n, "element danych", "elementy danych", "elementów danych")
            )
        );
        let mut all = config(&Feature::ALL);
        all.categories
            .insert(Feature::ScoringRules, Category::Marketing);
        let all = verdict(catalog, &all, Language::Pl);
        assert!(
            all.message.contains("włączone są funkcje „Ścieżka odwiedzin (Trace Route)”, „Reguły punktacji (Scoring Rules)” i „Zapamiętywanie danych (Data Memorization)”"),
            "{}",
            all.message
        );
        assert!(
            all.message
                .contains("w kategoriach „Analityczne” i „Marketingowe”"),
            "{}",
            all.message
        );
        assert!(all.message.contains("uruchamiaj je"), "{}", all.message);
        // The verdict follows the language asked for, not the declaration language.
        let mut declared_pl = config(&[Feature::TraceRoute]);
        declared_pl.language = Language::Pl;
        assert!(verdict(catalog, &declared_pl, Language::En)
            .message
            .starts_with("Action needed"));
    }
}
