//! The consent matrix: for each consent state a visitor can be in, which of the widget's
//! features work and which of its storage items may exist in the browser.
//!
//! States, in the order shown: "no decision yet", "rejected all", one "accepted only
//! <category>" column per category the configuration chose for the widget's features,
//! "accepted all", "withdrawn after accepting".
//!
//! The model follows the snippet contract: the core always works; an optional feature runs only
//! while the visitor's consent covers the category the configuration assigns it; when consent is
//! withdrawn the snippet switches the feature off and removes its first-party storage.
//! Two honest exceptions are shown as they are, each with a note, rather than hidden:
//! - a feature categorised `necessary` runs without consent (the checks report this as an error);
//! - third-party storage set while consent was given cannot be removed by the page and may
//!   linger after withdrawal until it expires (the default catalog has none).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::catalog::{Catalog, FeatureEntry, Party, StorageType};
use crate::config::{AccountConfig, Category, Feature, Language};
use crate::cookies::CORE_ID;

/// The kind of consent state a column shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentState {
    /// The visitor has not answered the banner yet.
    NoDecision,
    /// The visitor refused every optional category.
    RejectedAll,
    /// The visitor accepted only one category (the column's `category`).
    AcceptedCategory,
    /// The visitor accepted every category.
    AcceptedAll,
    /// The visitor accepted everything, then withdrew consent.
    WithdrawnAfterAccepting,
}

impl ConsentState {
    pub fn id(self) -> &'static str {
        match self {
            ConsentState::NoDecision => "no_decision",
            ConsentState::RejectedAll => "rejected_all",
            ConsentState::AcceptedCategory => "accepted_category",
            ConsentState::AcceptedAll => "accepted_all",
            ConsentState::WithdrawnAfterAccepting => "withdrawn_after_accepting",
        }
    }
}

/// Whether a feature works in one state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeatureCell {
    /// `"core"` or the optional feature's id.
    pub feature: String,
    pub feature_name: String,
    /// False for an optional feature switched off in the configuration.
    pub enabled: bool,
    /// The category the configuration assigns (`necessary` for the core).
    pub category: Category,
    pub works: bool,
    /// Why, in the language the matrix was built in.
    pub reason: String,
}

/// Whether a storage item may exist in one state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StorageCell {
    /// `"core"` or the optional feature's id.
    pub feature: String,
    pub name: String,
    pub is_pattern: bool,
    pub storage_type: StorageType,
    pub category: Category,
    /// Whether the visitor's consent in this state covers the item's category
    /// (`necessary` always counts as covered).
    pub consented: bool,
    /// Whether the item may be present in the browser in this state.
    pub may_exist: bool,
    /// Set for the exceptions described in the module documentation.
    pub note: Option<String>,
}

/// One consent state: what the visitor granted and what follows from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StateColumn {
    pub state: ConsentState,
    /// For [`ConsentState::AcceptedCategory`], the category accepted; otherwise `None`.
    pub category: Option<Category>,
    /// A short heading in the matrix's language, e.g. "Accepted Analytics only".
    pub label: String,
    /// The categories the visitor's consent covers (always includes `necessary`).
    pub granted: Vec<Category>,
    /// The core first, then every optional feature in catalog order.
    pub features: Vec<FeatureCell>,
    /// The core's storage, then the storage of the enabled features.
    pub storage: Vec<StorageCell>,
}

/// The whole matrix. Serialized as `{"language":"en","states":[StateColumn, ...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsentMatrix {
    pub language: Language,
    pub states: Vec<StateColumn>,
}

impl ConsentMatrix {
    /// The column for a state (the first, for `AcceptedCategory`).
    pub fn state(&self, state: ConsentState) -> Option<&StateColumn> {
        self.states.iter().find(|s| s.state == state)
    }
}

/// The categories "accepted the chosen category" columns are made for: those the configuration
/// assigns to the enabled features, or to every feature when none is on; `necessary` is never
/// one (it needs no acceptance).
pub fn chosen_categories(catalog: &Catalog, config: &AccountConfig) -> Vec<Category> {
    let features: Vec<Feature> = if config.features.is_empty() {
        Feature::ALL.to_vec()
    } else {
        config.features.iter().copied().collect()
    };
    features
        .into_iter()
        .map(|f| config.category_of(f, catalog))
        .filter(|c| *c != Category::Necessary)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}

/// Build the consent matrix for a configuration, its labels and reasons in `lang`.
pub fn consent_matrix(catalog: &Catalog, config: &AccountConfig, lang: Language) -> ConsentMatrix {
    let all: BTreeSet<Category> = Category::ALL.into_iter().collect();
    let necessary_only: BTreeSet<Category> = [Category::Necessary].into_iter().collect();

    let mut states = vec![
        column(
            (catalog, config, lang),
            ConsentState::NoDecision,
            None,
            &necessary_only,
        ),
        column(
            (catalog, config, lang),
            ConsentState::RejectedAll,
            None,
            &necessary_only,
        ),
    ];
    for category in chosen_categories(catalog, config) {
        let granted = [Category::Necessary, category].into_iter().collect();
        states.push(column(
            (catalog, config, lang),
            ConsentState::AcceptedCategory,
            Some(category),
            &granted,
        ));
    }
    states.push(column(
        (catalog, config, lang),
        ConsentState::AcceptedAll,
        None,
        &all,
    ));
    states.push(column(
        (catalog, config, lang),
        ConsentState::WithdrawnAfterAccepting,
        None,
        &necessary_only,
    ));
    ConsentMatrix {
        language: lang,
        states,
    }
}

fn label(state: ConsentState, category: Option<Category>, lang: Language) -> String {
    match (state, lang) {
        (ConsentState::NoDecision, Language::En) => "No decision yet".into(),
        (ConsentState::NoDecision, Language::Pl) => "Brak decyzji".into(),
        (ConsentState::RejectedAll, Language::En) => "Rejected all".into(),
        (ConsentState::RejectedAll, Language::Pl) => "Odrzucono wszystkie".into(),
        (ConsentState::AcceptedCategory, Language::En) => format!(
            "Accepted {} only",
            category.unwrap_or(Category::Analytics).label(lang)
        ),
        (ConsentState::AcceptedCategory, Language::Pl) => format!(
            "Zaakceptowano tylko: {}",
            category.unwrap_or(Category::Analytics).label(lang)
        ),
        (ConsentState::AcceptedAll, Language::En) => "Accepted all".into(),
        (ConsentState::AcceptedAll, Language::Pl) => "Zaakceptowano wszystkie".into(),
        (ConsentState::WithdrawnAfterAccepting, Language::En) => "Withdrawn after accepting".into(),
        (ConsentState::WithdrawnAfterAccepting, Language::Pl) => {
            "Zgoda wycofana po akceptacji".into()
        }
    }
}

struct Text {
    core: &'static str,
    off: &'static str,
    consent: &'static str,
    no_consent: &'static str,
    necessary: &'static str,
    lingers: &'static str,
}

fn text(lang: Language) -> Text {
    match lang {
        Language::En => Text {
            core: "Needs no consent: always works.",
            off: "Switched off in this configuration.",
            consent: "Works: the visitor consented to its category.",
            no_consent: "Stops: no consent for its category.",
            necessary: "Runs without consent because it is categorised as strictly necessary; this breaks the consent rules.",
            lingers: "Third-party storage set while consent was given; the page cannot remove it, it expires after its duration.",
        },
        Language::Pl => Text {
            core: "Nie wymaga zgody: działa zawsze.",
            off: "Wyłączone w tej konfiguracji.",
            consent: "Działa: odwiedzający zgodził się na tę kategorię.",
            no_consent: "Nie działa: brak zgody na tę kategorię.",
            necessary: "Działa bez zgody, bo funkcję oznaczono jako niezbędną; to narusza zasady zgody.",
            lingers: "Dane strony trzeciej zapisane przy udzielonej zgodzie; strona nie może ich usunąć, wygasają po swoim czasie.",
        },
    }
}

fn column(
    (catalog, config, lang): (&Catalog, &AccountConfig, Language),
    state: ConsentState,
    category: Option<Category>,
    granted: &BTreeSet<Category>,
) -> StateColumn {
    let t = text(lang);
    let mut features = vec![FeatureCell {
        feature: CORE_ID.into(),
        feature_name: catalog.core.name.get(lang).into(),
        enabled: true,
        category: Category::Necessary,
        works: true,
        reason: t.core.into(),
    }];
    let mut storage: Vec<StorageCell> = catalog
        .core
        .storage
        .iter()
        .map(|item| StorageCell {
            feature: CORE_ID.into(),
            name: item.name.clone(),
            is_pattern: item.is_pattern,
            storage_type: item.storage_type,
            category: Category::Necessary,
            consented: true,
            may_exist: true,
            note: None,
        })
        .collect();

    for entry in &catalog.features {
        let Some(feature) = Feature::from_id(&entry.id) else {
            continue;
        };
        let enabled = config.is_enabled(feature);
        let feature_category = config.category_of(feature, catalog);
        let consented = granted.contains(&feature_category);
        let works = enabled && consented;
        let reason = if !enabled {
            t.off
        } else if feature_category == Category::Necessary {
            t.necessary
        } else if consented {
            t.consent
        } else {
            t.no_consent
        };
        features.push(FeatureCell {
            feature: entry.id.clone(),
            feature_name: entry.name.get(lang).into(),
            enabled,
            category: feature_category,
            works,
            reason: reason.into(),
        });
        if enabled {
            storage.extend(storage_cells(
                entry,
                feature_category,
                state,
                consented,
                works,
                &t,
            ));
        }
    }

    StateColumn {
        state,
        category,
        label: label(state, category, lang),
        granted: granted.iter().copied().collect(),
        features,
        storage,
    }
}

fn storage_cells<'a>(
    entry: &'a FeatureEntry,
    category: Category,
    state: ConsentState,
    consented: bool,
    works: bool,
    t: &'a Text,
) -> impl Iterator<Item = StorageCell> + 'a {
    entry.storage.iter().map(move |item| {
        let lingers = state == ConsentState::WithdrawnAfterAccepting
            && item.party == Party::ThirdParty
            && !works;
        let note = if works && category == Category::Necessary {
            Some(t.necessary.to_string())
        } else if lingers {
            Some(t.lingers.to_string())
        } else {
            None
        };
        StorageCell {
            feature: entry.id.clone(),
            name: item.name.clone(),
            is_pattern: item.is_pattern,
            storage_type: item.storage_type,
            category,
            consented,
            may_exist: works || lingers,
            note,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::DEFAULT_CATALOG_JSON;

    fn config(features: &[Feature]) -> AccountConfig {
        let mut config = AccountConfig::vendor_default(Catalog::embedded(), "acme", "ACME");
        config.features = features.iter().copied().collect();
        config
    }

    fn ids(matrix: &ConsentMatrix) -> Vec<(ConsentState, Option<Category>)> {
        matrix
            .states
            .iter()
            .map(|s| (s.state, s.category))
            .collect()
    }

    #[test]
    fn vendor_default_has_five_states_and_only_the_core_works() {
        let matrix = consent_matrix(Catalog::embedded(), &config(&[]), Language::En);
        assert_eq!(
            ids(&matrix),
            vec![
                (ConsentState::NoDecision, None),
                (ConsentState::RejectedAll, None),
                (ConsentState::AcceptedCategory, Some(Category::Analytics)),
                (ConsentState::AcceptedAll, None),
                (ConsentState::WithdrawnAfterAccepting, None),
            ]
        );
        for state in &matrix.states {
            assert!(state.features[0].works && state.features[0].feature == "core");
            assert!(state.features[1..].iter().all(|f| !f.works && !f.enabled));
            assert!(state.storage.iter().all(|s| s.feature == "core"));
        }
    }

    #[test]
    fn features_work_only_with_consent_for_their_category() {
        let mut config = config(&Feature::ALL);
        config
            .categories
            .insert(Feature::DataMemorization, Category::Functional);
        let matrix = consent_matrix(Catalog::embedded(), &config, Language::En);
        let works = |column: &StateColumn, id: &str| {
            column
                .features
                .iter()
                .find(|f| f.feature == id)
                .unwrap()
                .works
        };
        assert_eq!(matrix.states.len(), 6);
        for state in [
            ConsentState::NoDecision,
            ConsentState::RejectedAll,
            ConsentState::WithdrawnAfterAccepting,
        ] {
            let column = matrix.state(state).unwrap();
            assert!(works(column, "core"));
            assert!(!works(column, "trace_route"));
            assert!(!works(column, "data_memorization"));
            assert!(column
                .storage
                .iter()
                .all(|s| s.may_exist == (s.feature == "core")));
        }
        let analytics = matrix
            .states
            .iter()
            .find(|s| s.category == Some(Category::Analytics))
            .unwrap();
        assert_eq!(analytics.label, "Accepted Analytics only");
        assert!(works(analytics, "trace_route") && works(analytics, "scoring_rules"));
        assert!(!works(analytics, "data_memorization"));
        let functional = matrix
            .states
            .iter()
            .find(|s| s.category == Some(Category::Functional))
            .unwrap();
        assert!(!works(functional, "trace_route") && works(functional, "data_memorization"));
        let all = matrix.state(ConsentState::AcceptedAll).unwrap();
        assert!(all.features.iter().all(|f| f.works));
        assert!(all.storage.iter().all(|s| s.may_exist));
    }

    #[test]
    fn necessary_categorised_feature_is_shown_running_with_a_note() {
        let mut config = config(&[Feature::TraceRoute]);
        config
            .categories
            .insert(Feature::TraceRoute, Category::Necessary);
        let matrix = consent_matrix(Catalog::embedded(), &config, Language::En);
        let rejected = matrix.state(ConsentState::RejectedAll).unwrap();
        let cell = rejected
            .storage
            .iter()
            .find(|s| s.feature == "trace_route")
            .unwrap();
        assert!(cell.may_exist && cell.note.is_some());
        // no "accepted necessary only" column
        assert!(matrix
            .states
            .iter()
            .all(|s| s.state != ConsentState::AcceptedCategory));
    }

    #[test]
    fn third_party_storage_lingers_after_withdrawal() {
        let text = DEFAULT_CATALOG_JSON.replacen(
            "\"party\": \"first_party\",\n          \"domain\": null,\n          \"provider\": \"CallPage\",\n          \"purpose\": {\n            \"en\": \"Identifies",
            "\"party\": \"third_party\",\n          \"domain\": \"callpage.io\",\n          \"provider\": \"CallPage\",\n          \"purpose\": {\n            \"en\": \"Identifies",
            1,
        );
        let catalog = Catalog::from_json(&text).unwrap();
        assert!(catalog.feature(Feature::TraceRoute).storage[0].party == Party::ThirdParty);
        let matrix = consent_matrix(&catalog, &config(&[Feature::TraceRoute]), Language::En);
        let withdrawn = matrix.state(ConsentState::WithdrawnAfterAccepting).unwrap();
        let cell = &withdrawn
            .storage
            .iter()
            .find(|s| s.feature == "trace_route")
            .unwrap();
        assert!(cell.may_exist && !cell.consented && cell.note.is_some());
        let rejected = matrix.state(ConsentState::RejectedAll).unwrap();
        assert!(rejected
            .storage
            .iter()
            .all(|s| s.may_exist == (s.feature == "core")));
    }

    #[test]
    fn polish_labels_and_round_trip() {
        let config = config(&[Feature::ScoringRules]);
        let matrix = consent_matrix(Catalog::embedded(), &config, Language::Pl);
        assert_eq!(matrix.states[0].label, "Brak decyzji");
        let text = serde_json::to_string(&matrix).unwrap();
        assert!(text.contains("\"state\":\"no_decision\""));
        let back: ConsentMatrix = serde_json::from_str(&text).unwrap();
        assert_eq!(matrix, back);
    }

    #[test]
    fn every_label_reason_and_note_differs_between_english_and_polish() {
        let mut config = config(&Feature::ALL);
        config
            .categories
            .insert(Feature::TraceRoute, Category::Necessary);
        config
            .categories
            .insert(Feature::ScoringRules, Category::Marketing);
        let mut catalog = Catalog::embedded().clone();
        // A third-party item, so the "lingers after withdrawal" note shows up too.
        catalog.features[1].storage[0].party = Party::ThirdParty;
        let en = consent_matrix(&catalog, &config, Language::En);
        let pl = consent_matrix(&catalog, &config, Language::Pl);
        let mut notes = 0;
        for (e, p) in en.states.iter().zip(&pl.states) {
            assert_ne!(e.label, p.label);
            for (fe, fp) in e.features.iter().zip(&p.features) {
                assert_eq!((fe.works, fe.enabled), (fp.works, fp.enabled));
                assert_ne!(fe.reason, fp.reason);
                assert_ne!(fe.feature_name, fp.feature_name);
            }
            for (se, sp) in e.storage.iter().zip(&p.storage) {
                assert_eq!(se.note.is_some(), sp.note.is_some());
                if let (Some(a), Some(b)) = (&se.note, &sp.note) {
                    assert_ne!(a, b);
                    notes += 1;
                }
            }
        }
        assert!(notes > 0, "the notes were exercised");
    }
}
