//! Checks ("lint"): rules over a configuration that flag what would break compliance or the
//! widget's features. Each [`Finding`] has a stable [`CheckId`], a [`Severity`], a message a
//! marketer understands and a suggested fix (both in the [`Language`] asked for: English or
//! Polish), and the configuration field it concerns (a JSON path
//! such as `categories.trace_route`, `cmp`, `consent_mode.wait_for_update_ms`, `domains[0]`,
//! or `features.data_memorization` for a feature's on/off switch) so the UI can link to the
//! control.
//!
//! The vendor's default configuration raises no error and no warning.
//!
//! ## Which CMPs load asynchronously (the `wait_for_update` rule)
//!
//! `wait_for_update` tells Google tags how long to wait for the consent *update* before they
//! run with the defaults. It matters when that update arrives after the page started, i.e.
//! when the consent state comes from a script loaded from the CMP vendor's servers. Each
//! adapter states its answer ([`crate::cmp::CmpFacts::loads_asynchronously`], with the reading
//! beside it): hosted CMPs whose banner script comes from the vendor's CDN and Consent Mode
//! itself load asynchronously; the TCF stub (synchronous, queued) and libraries or WordPress
//! plugins that ship with the site do not (a low value is the site's own, deliberate choice
//! there).
//!
//! ## Automatic blocking
//!
//! CMPs with an automatic blocking mode ([`crate::cmp::AutoBlockingKind::Mode`]) can block the
//! widget script itself. The snippet carries each vendor's exemption, so it is the same in both
//! modes; what only the admin knows is whether the mode is on (`cmp_settings.blocking_mode`)
//! and, for some CMPs, a dashboard step it then needs. These rules fire whenever such a CMP is
//! chosen, features on or not: a blocked widget loses calls and meetings too.
//!
//! Consent rules (no CMP, Consent Mode types, TCF purposes, `wait_for_update`) only fire when at
//! least one optional feature is on: with none on, the CMP or Consent Mode needs no change.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::cmp::AutoBlockingKind;
use crate::config::{AccountConfig, BlockingMode, Category, CmpId, Feature, Language};
use crate::i18n::{join_and, pick, quoted};

/// The lowest `wait_for_update` (ms) that leaves an asynchronously loading CMP time to answer.
pub const MIN_WAIT_FOR_UPDATE_MS: u32 = 500;

/// The category the vendor recommends for every optional feature.
pub const RECOMMENDED_CATEGORY: Category = Category::Analytics;

/// How serious a finding is. Ordered from most to least serious.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Breaks compliance or the features; `cookie-admin-cli check` exits non-zero.
    Error,
    /// Probably wrong; worth fixing.
    Warning,
    /// Good to know; nothing to fix.
    Info,
}

impl Severity {
    pub fn id(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// The stable identifier of a rule. Serialized as its snake_case id (e.g.
/// `"feature_categorised_necessary"`); ids are never renamed, new rules are added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CheckId {
    AccountIdEmpty,
    AccountNameEmpty,
    FeatureCategorisedNecessary,
    CategoryNotRecommended,
    PersonalDataStored,
    NoCmp,
    ConsentModeTypeMissing,
    WaitForUpdateTooShort,
    RegionInvalid,
    DomainInvalid,
    DomainDuplicate,
    NoDomain,
    TcfPurposesMissing,
    TcfPurposeInvalid,
    TcfPurposeOneMissing,
    BlockingModeUnknown,
    AutoBlockingNeedsDashboardStep,
}

impl CheckId {
    pub const ALL: [CheckId; 17] = [
        CheckId::AccountIdEmpty,
        CheckId::AccountNameEmpty,
        CheckId::FeatureCategorisedNecessary,
        CheckId::CategoryNotRecommended,
        CheckId::PersonalDataStored,
        CheckId::NoCmp,
        CheckId::ConsentModeTypeMissing,
        CheckId::WaitForUpdateTooShort,
        CheckId::RegionInvalid,
        CheckId::DomainInvalid,
        CheckId::DomainDuplicate,
        CheckId::NoDomain,
        CheckId::TcfPurposesMissing,
        CheckId::TcfPurposeInvalid,
        CheckId::TcfPurposeOneMissing,
        CheckId::BlockingModeUnknown,
        CheckId::AutoBlockingNeedsDashboardStep,
    ];

    /// The stable id, as serialized.
    pub fn id(self) -> &'static str {
        match self {
            CheckId::AccountIdEmpty => "account_id_empty",
            CheckId::AccountNameEmpty => "account_name_empty",
            CheckId::FeatureCategorisedNecessary => "feature_categorised_necessary",
            CheckId::CategoryNotRecommended => "category_not_recommended",
            CheckId::PersonalDataStored => "personal_data_stored",
            CheckId::NoCmp => "no_cmp",
            CheckId::ConsentModeTypeMissing => "consent_mode_type_missing",
            CheckId::WaitForUpdateTooShort => "wait_for_update_too_short",
            CheckId::RegionInvalid => "region_invalid",
            CheckId::DomainInvalid => "domain_invalid",
            CheckId::DomainDuplicate => "domain_duplicate",
            CheckId::NoDomain => "no_domain",
            CheckId::TcfPurposesMissing => "tcf_purposes_missing",
            CheckId::TcfPurposeInvalid => "tcf_purpose_invalid",
            CheckId::TcfPurposeOneMissing => "tcf_purpose_one_missing",
            CheckId::BlockingModeUnknown => "blocking_mode_unknown",
            CheckId::AutoBlockingNeedsDashboardStep => "auto_blocking_needs_dashboard_step",
        }
    }

    /// The severity the rule reports with.
    pub fn severity(self) -> Severity {
        match self {
            CheckId::AccountIdEmpty
            | CheckId::AccountNameEmpty
            | CheckId::FeatureCategorisedNecessary
            | CheckId::NoCmp
            | CheckId::ConsentModeTypeMissing
            | CheckId::RegionInvalid
            | CheckId::DomainInvalid
            | CheckId::TcfPurposesMissing
            | CheckId::TcfPurposeInvalid => Severity::Error,
            CheckId::WaitForUpdateTooShort
            | CheckId::DomainDuplicate
            | CheckId::TcfPurposeOneMissing
            | CheckId::BlockingModeUnknown
            | CheckId::AutoBlockingNeedsDashboardStep => Severity::Warning,
            CheckId::CategoryNotRecommended | CheckId::PersonalDataStored | CheckId::NoDomain => {
                Severity::Info
            }
        }
    }

    /// One line saying what the rule looks for (for `check --rules` and documentation).
    pub fn describe(self, lang: Language) -> &'static str {
        match self {
            CheckId::AccountIdEmpty => pick(
                lang,
                "The account id is empty.",
                "Identyfikator konta jest pusty.",
            ),
            CheckId::AccountNameEmpty => pick(
                lang,
                "The account name is empty.",
                "Nazwa konta jest pusta.",
            ),
            CheckId::FeatureCategorisedNecessary => pick(
                lang,
                "An optional feature that is on is categorised as strictly necessary.",
                "Włączona funkcja opcjonalna jest oznaczona jako niezbędna.",
            ),
            CheckId::CategoryNotRecommended => pick(
                lang,
                "A feature that is on uses a category other than the vendor's recommendation (analytics).",
                "Włączona funkcja ma inną kategorię niż zalecana przez dostawcę (analityczne).",
            ),
            CheckId::PersonalDataStored => pick(
                lang,
                "A feature that is on keeps personal data (a phone number) on the visitor's device.",
                "Włączona funkcja przechowuje dane osobowe (numer telefonu) na urządzeniu odwiedzającego.",
            ),
            CheckId::NoCmp => pick(
                lang,
                "An optional feature is on but no CMP is chosen.",
                "Włączono funkcję opcjonalną, ale nie wybrano platformy CMP.",
            ),
            CheckId::ConsentModeTypeMissing => pick(
                lang,
                "Google Consent Mode is chosen but a used category has no consent type.",
                "Wybrano Google Consent Mode, ale używana kategoria nie ma typu zgody.",
            ),
            CheckId::WaitForUpdateTooShort => pick(
                lang,
                "wait_for_update is missing or below 500 ms with an asynchronously loading CMP.",
                "Brak wait_for_update albo wartość poniżej 500 ms, gdy platforma CMP wczytuje się asynchronicznie.",
            ),
            CheckId::RegionInvalid => pick(
                lang,
                "A Consent Mode region is not an ISO 3166-2 code.",
                "Region Consent Mode nie jest kodem ISO 3166-2.",
            ),
            CheckId::DomainInvalid => pick(
                lang,
                "A site domain is not a plain host name.",
                "Domena strony nie jest samą nazwą hosta.",
            ),
            CheckId::DomainDuplicate => pick(
                lang,
                "A site domain is listed twice.",
                "Domena strony występuje na liście dwa razy.",
            ),
            CheckId::NoDomain => pick(
                lang,
                "Optional features are on but no site domain is listed.",
                "Włączono funkcje opcjonalne, ale nie podano domeny strony.",
            ),
            CheckId::TcfPurposesMissing => pick(
                lang,
                "IAB TCF is chosen but a used category has no TCF purpose.",
                "Wybrano IAB TCF, ale używana kategoria nie ma celu TCF.",
            ),
            CheckId::TcfPurposeInvalid => pick(
                lang,
                "A TCF purpose id is not between 1 and 11.",
                "Numer celu TCF nie mieści się w zakresie od 1 do 11.",
            ),
            CheckId::TcfPurposeOneMissing => pick(
                lang,
                "IAB TCF is chosen but a used category does not require Purpose 1 (storage on a device).",
                "Wybrano IAB TCF, ale używana kategoria nie wymaga celu 1 (przechowywanie informacji na urządzeniu).",
            ),
            CheckId::BlockingModeUnknown => pick(
                lang,
                "The chosen CMP can block scripts automatically and the site's blocking mode is not set.",
                "Wybrana platforma CMP potrafi blokować skrypty automatycznie, a tryb blokowania na stronie nie jest ustawiony.",
            ),
            CheckId::AutoBlockingNeedsDashboardStep => pick(
                lang,
                "The CMP blocks scripts automatically and needs a dashboard step for the widget to load.",
                "Platforma CMP blokuje skrypty automatycznie i widżet wczyta się dopiero po ustawieniu czegoś w jej panelu.",
            ),
        }
    }
}

/// One problem (or note) about a configuration.
///
/// Serialized as `{"id":"no_cmp","severity":"error","message":"…","fix":"…","field":"cmp"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    pub id: CheckId,
    pub severity: Severity,
    /// What is wrong, in words a marketer understands, in the language asked for.
    pub message: String,
    /// What to do about it, in the same language.
    pub fix: String,
    /// The configuration field concerned, as a JSON path (`categories.trace_route`, `cmp`,
    /// `consent_mode.regions[1]`, `domains[0]`, `features.data_memorization`, ...).
    pub field: String,
}

impl Finding {
    fn new(id: CheckId, field: impl Into<String>, message: String, fix: String) -> Finding {
        Finding {
            id,
            severity: id.severity(),
            message,
            fix,
            field: field.into(),
        }
    }
}

/// True when any finding is an error.
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}

/// How many findings have the given severity.
pub fn count(findings: &[Finding], severity: Severity) -> usize {
    findings.iter().filter(|f| f.severity == severity).count()
}

/// Whether the CMP's consent state typically arrives after Google tags start, as its adapter
/// states ([`crate::cmp::CmpFacts::loads_asynchronously`]).
pub fn loads_asynchronously(cmp: CmpId) -> bool {
    cmp.facts().loads_asynchronously
}

/// Run every rule; messages and fixes in `lang`. Findings come most serious first, then in
/// rule order. The findings themselves (ids, severities, fields) do not depend on `lang`.
pub fn check(catalog: &Catalog, config: &AccountConfig, lang: Language) -> Vec<Finding> {
    let mut findings = Vec::new();
    let rules = Rules {
        catalog,
        config,
        lang,
    };
    rules.account(&mut findings);
    rules.categories(&mut findings);
    rules.consent(&mut findings);
    rules.auto_blocking(&mut findings);
    rules.regions(&mut findings);
    rules.domains(&mut findings);
    findings.sort_by_key(|f| f.severity);
    findings
}

/// What every rule reads: the catalog, the configuration and the language to write in.
struct Rules<'a> {
    catalog: &'a Catalog,
    config: &'a AccountConfig,
    lang: Language,
}

impl Rules<'_> {
    /// A feature's name in the language, quoted in Polish ("Trace Route" /
    /// „Ścieżka odwiedzin (Trace Route)”), ready to follow "funkcja" in a Polish sentence.
    fn feature(&self, feature: Feature) -> String {
        let name = self.catalog.feature(feature).name.get(self.lang);
        pick(self.lang, name.to_string(), quoted(name, self.lang))
    }

    /// A category's label: "Analytics" / „Analityczne”.
    fn category(&self, category: Category) -> String {
        let label = category.label(self.lang);
        pick(self.lang, label.to_string(), quoted(label, self.lang))
    }

    /// The enabled features in `category`: "Trace Route, Scoring Rules" /
    /// „Ścieżka odwiedzin (Trace Route)” i „Reguły punktacji (Scoring Rules)”.
    fn features_in(&self, category: Category) -> String {
        let names: Vec<String> = self
            .config
            .features
            .iter()
            .filter(|f| self.config.category_of(**f, self.catalog) == category)
            .map(|f| self.feature(*f))
            .collect();
        match self.lang {
            Language::En => names.join(", "),
            Language::Pl => join_and(&names, self.lang),
        }
    }

    fn account(&self, out: &mut Vec<Finding>) {
        let lang = self.lang;
        if self.config.account.id.trim().is_empty() {
            out.push(Finding::new(
                CheckId::AccountIdEmpty,
                "account.id",
                pick(
                    lang,
                    "The account has no id, so it cannot be saved or found again.",
                    "Konto nie ma identyfikatora, więc nie da się go zapisać ani później odnaleźć.",
                )
                .into(),
                pick(
                    lang,
                    "Enter the CallPage account id (or any short name without spaces).",
                    "Wpisz identyfikator konta CallPage (albo dowolną krótką nazwę bez spacji).",
                )
                .into(),
            ));
        }
        if self.config.account.name.trim().is_empty() {
            out.push(Finding::new(
                CheckId::AccountNameEmpty,
                "account.name",
                pick(
                    lang,
                    "The account has no name, so nobody can tell which customer this configuration is for.",
                    "Konto nie ma nazwy, więc nie wiadomo, którego klienta dotyczy ta konfiguracja.",
                )
                .into(),
                pick(
                    lang,
                    "Enter the company or site name.",
                    "Wpisz nazwę firmy lub strony.",
                )
                .into(),
            ));
        }
    }

    fn categories(&self, out: &mut Vec<Finding>) {
        let (catalog, config, lang) = (self.catalog, self.config, self.lang);
        let recommended = self.category(RECOMMENDED_CATEGORY);
        for feature in config.features.iter().copied() {
            let name = self.feature(feature);
            let category = config.category_of(feature, catalog);
            let field = format!("categories.{}", feature.id());
            if category == Category::Necessary {
                out.push(Finding::new(
                    CheckId::FeatureCategorisedNecessary,
                    field,
                    pick(
                        lang,
                        format!(
                            "{name} is marked as strictly necessary, but it needs the visitor's \
                             consent: it would run even for visitors who refuse all cookies."
                        ),
                        format!(
                            "Funkcja {name} jest oznaczona jako niezbędna, ale wymaga zgody \
                             odwiedzającego: działałaby nawet u osób, które odrzucą wszystkie \
                             pliki cookie."
                        ),
                    ),
                    pick(
                        lang,
                        format!(
                            "Set the category of {name} to {recommended} (the vendor's recommendation)."
                        ),
                        format!(
                            "Zmień kategorię funkcji {name} na {recommended} (zalecenie dostawcy)."
                        ),
                    ),
                ));
            } else if category != RECOMMENDED_CATEGORY {
                let chosen = self.category(category);
                out.push(Finding::new(
                    CheckId::CategoryNotRecommended,
                    field,
                    pick(
                        lang,
                        format!(
                            "{name} is declared as {chosen}. CallPage recommends declaring its \
                             cookies as {recommended} cookies; {chosen} also works if your CMP \
                             asks visitors for it."
                        ),
                        format!(
                            "Funkcja {name} jest zadeklarowana w kategorii {chosen}. CallPage \
                             zaleca deklarowanie jej plików cookie w kategorii {recommended}; \
                             kategoria {chosen} też zadziała, jeśli Twoja platforma CMP pyta o \
                             nią odwiedzających."
                        ),
                    ),
                    pick(
                        lang,
                        format!(
                            "Keep it if that is your policy, or switch {name} to {recommended} as recommended."
                        ),
                        format!(
                            "Zostaw tak, jeśli taka jest Twoja polityka, albo zgodnie z zaleceniem \
                             przenieś funkcję {name} do kategorii {recommended}."
                        ),
                    ),
                ));
            }
            if catalog
                .feature(feature)
                .storage
                .iter()
                .any(|item| item.personal_data)
            {
                out.push(Finding::new(
                    CheckId::PersonalDataStored,
                    format!("features.{}", feature.id()),
                    pick(
                        lang,
                        format!(
                            "{name} keeps personal data on the visitor's device: what they typed \
                             into the widget, including their phone number."
                        ),
                        format!(
                            "Funkcja {name} przechowuje dane osobowe na urządzeniu odwiedzającego: \
                             to, co wpisał w widżecie, w tym numer telefonu."
                        ),
                    ),
                    pick(
                        lang,
                        "Say so in your cookie declaration and privacy policy (the generated \
                         declaration marks these items as personal data).",
                        "Napisz o tym w deklaracji plików cookie i w polityce prywatności \
                         (wygenerowana deklaracja oznacza te elementy jako dane osobowe).",
                    )
                    .into(),
                ));
            }
        }
    }

    /// The categories the enabled features use, excluding `necessary` (flagged on its own).
    fn used_categories(&self) -> BTreeSet<Category> {
        self.config
            .features
            .iter()
            .map(|f| self.config.category_of(*f, self.catalog))
            .filter(|c| *c != Category::Necessary)
            .collect()
    }

    fn consent(&self, out: &mut Vec<Finding>) {
        let (config, lang) = (self.config, self.lang);
        // TCF purpose ids are checked whether or not TCF is chosen: a wrong value is wrong anyway.
        for (category, purposes) in &config.tcf.purposes {
            if let Some(bad) = purposes.iter().find(|p| !(1..=11).contains(*p)) {
                let label = self.category(*category);
                out.push(Finding::new(
                    CheckId::TcfPurposeInvalid,
                    format!("tcf.purposes.{}", category.id()),
                    pick(
                        lang,
                        format!(
                            "TCF purpose {bad} (for {label}) does not exist: IAB TCF v2.2 purposes \
                             are numbered 1 to 11."
                        ),
                        format!(
                            "Cel TCF {bad} (dla kategorii {label}) nie istnieje: cele IAB TCF v2.2 \
                             mają numery od 1 do 11."
                        ),
                    ),
                    pick(
                        lang,
                        "Use purposes 1 to 11; for analytics the usual set is 1, 8, 9 and 10.",
                        "Użyj celów od 1 do 11; dla analityki zwykle są to cele 1, 8, 9 i 10.",
                    )
                    .into(),
                ));
            }
        }

        if config.features.is_empty() {
            return;
        }
        let Some(cmp) = config.cmp else {
            out.push(Finding::new(
                CheckId::NoCmp,
                "cmp",
                pick(
                    lang,
                    "Optional features are on but no consent tool (CMP) is chosen, so nothing asks \
                     the visitor for consent before their cookies are set.",
                    "Funkcje opcjonalne są włączone, ale nie wybrano narzędzia do zbierania zgód \
                     (CMP), więc nic nie pyta odwiedzającego o zgodę, zanim zostaną zapisane pliki \
                     cookie.",
                )
                .into(),
                pick(
                    lang,
                    "Choose the CMP your site uses, or switch the optional features off.",
                    "Wybierz platformę CMP, której używa Twoja strona, albo wyłącz funkcje opcjonalne.",
                )
                .into(),
            ));
            return;
        };
        let used = self.used_categories();

        if cmp == CmpId::Gcm {
            for category in &used {
                let missing = config
                    .consent_mode
                    .consent_types
                    .get(category)
                    .is_none_or(|types| types.is_empty());
                if missing {
                    let label = self.category(*category);
                    let names = self.features_in(*category);
                    let suggested = suggested_consent_type(*category);
                    out.push(Finding::new(
                        CheckId::ConsentModeTypeMissing,
                        format!("consent_mode.consent_types.{}", category.id()),
                        pick(
                            lang,
                            format!(
                                "Google Consent Mode has no consent type for {label} cookies, so \
                                 {names} can never be switched on by the visitor's choice."
                            ),
                            format!(
                                "Google Consent Mode nie ma typu zgody dla kategorii {label}, więc \
                                 wybór odwiedzającego nigdy nie włączy funkcji {names}."
                            ),
                        ),
                        pick(
                            lang,
                            format!(
                                "Pick the consent type that gates {label} cookies (usually {suggested})."
                            ),
                            format!(
                                "Wybierz typ zgody, od którego zależą pliki cookie kategorii \
                                 {label} (zwykle {suggested})."
                            ),
                        ),
                    ));
                }
            }
        }

        if cmp == CmpId::Tcf {
            for category in &used {
                let field = format!("tcf.purposes.{}", category.id());
                match config.tcf.purposes.get(category) {
                    None => self.tcf_missing(*category, field, out),
                    Some(p) if p.is_empty() => self.tcf_missing(*category, field, out),
                    Some(p) if !p.contains(&1) => {
                        let label = self.category(*category);
                        out.push(Finding::new(
                            CheckId::TcfPurposeOneMissing,
                            field,
                            pick(
                                lang,
                                format!(
                                    "The TCF purposes for {label} cookies do not include Purpose 1 \
                                     (store and/or access information on a device), the consent \
                                     that covers cookies."
                                ),
                                format!(
                                    "Cele TCF dla kategorii {label} nie obejmują celu 1 \
                                     (przechowywanie informacji na urządzeniu lub dostęp do nich), \
                                     czyli zgody, która obejmuje pliki cookie."
                                ),
                            ),
                            pick(lang, "Add Purpose 1 to the list.", "Dodaj cel 1 do listy.")
                                .into(),
                        ));
                    }
                    Some(_) => {}
                }
            }
        }

        if loads_asynchronously(cmp) {
            let wait = config.consent_mode.wait_for_update_ms;
            if wait.is_none_or(|ms| ms < MIN_WAIT_FOR_UPDATE_MS) {
                let name = cmp.name();
                let message = match (lang, wait) {
                    (Language::En, Some(ms)) => format!(
                        "{name} loads after the page starts, and the wait for its answer is only \
                         {ms} ms: Google tags may run before the visitor's choice is known."
                    ),
                    (Language::En, None) => format!(
                        "{name} loads after the page starts, and the wait for its answer is not \
                         set: Google tags may run before the visitor's choice is known."
                    ),
                    (Language::Pl, Some(ms)) => format!(
                        "{name} wczytuje się dopiero po starcie strony, a czas oczekiwania na \
                         odpowiedź to tylko {ms} ms: tagi Google mogą zadziałać, zanim wybór \
                         odwiedzającego będzie znany."
                    ),
                    (Language::Pl, None) => format!(
                        "{name} wczytuje się dopiero po starcie strony, a czas oczekiwania na \
                         odpowiedź nie jest ustawiony: tagi Google mogą zadziałać, zanim wybór \
                         odwiedzającego będzie znany."
                    ),
                };
                out.push(Finding::new(
                    CheckId::WaitForUpdateTooShort,
                    "consent_mode.wait_for_update_ms",
                    message,
                    pick(
                        lang,
                        format!("Set wait_for_update to at least {MIN_WAIT_FOR_UPDATE_MS} ms."),
                        format!(
                            "Ustaw wait_for_update na co najmniej {MIN_WAIT_FOR_UPDATE_MS} ms."
                        ),
                    ),
                ));
            }
        }

        if config.domains.is_empty() {
            out.push(Finding::new(
                CheckId::NoDomain,
                "domains",
                pick(
                    lang,
                    "No site domain is listed, so the cookie declaration cannot say which site sets \
                     these cookies.",
                    "Nie podano domeny strony, więc deklaracja plików cookie nie może wskazać, która \
                     strona je zapisuje.",
                )
                .into(),
                pick(
                    lang,
                    "Add the domain of the site the widget runs on (e.g. www.example.com).",
                    "Dodaj domenę strony, na której działa widżet (np. www.example.com).",
                )
                .into(),
            ));
        }
    }

    fn tcf_missing(&self, category: Category, field: String, out: &mut Vec<Finding>) {
        let lang = self.lang;
        let label = self.category(category);
        let names = self.features_in(category);
        out.push(Finding::new(
            CheckId::TcfPurposesMissing,
            field,
            pick(
                lang,
                format!(
                    "IAB TCF has no purposes for {label} cookies, so {names} can never be switched \
                     on by the visitor's choice."
                ),
                format!(
                    "IAB TCF nie ma celów dla kategorii {label}, więc wybór odwiedzającego nigdy \
                     nie włączy funkcji {names}."
                ),
            ),
            pick(
                lang,
                "List the TCF purposes that must be consented (for analytics: 1, 8, 9, 10).",
                "Wpisz cele TCF, na które wymagana jest zgoda (dla analityki: 1, 8, 9, 10).",
            )
            .into(),
        ));
    }

    /// The CMP's automatic blocking (see the module docs): fires whenever such a CMP is chosen.
    fn auto_blocking(&self, out: &mut Vec<Finding>) {
        let lang = self.lang;
        let Some(cmp) = self.config.cmp else {
            return;
        };
        let facts = cmp.facts();
        let blocking = &facts.auto_blocking;
        if blocking.kind != AutoBlockingKind::Mode {
            return;
        }
        let name = facts.name;
        let field = "cmp_settings.blocking_mode";
        match self.config.cmp_settings.blocking_mode {
            None => {
                let default = match blocking.default_mode {
                    Some(BlockingMode::Auto) => {
                        pick(lang, "on (automatic)", "włączone (tryb automatyczny)")
                    }
                    Some(BlockingMode::Manual) => {
                        pick(lang, "off (manual)", "wyłączone (tryb ręczny)")
                    }
                    None => pick(lang, "unknown", "nieznane"),
                };
                out.push(Finding::new(
                    CheckId::BlockingModeUnknown,
                    field,
                    pick(
                        lang,
                        format!(
                            "{name} can block scripts automatically (its default for a new site: \
                             {default}), and it is not recorded whether this site uses it. The \
                             snippet works in both modes, but automatic blocking can need a \
                             dashboard step, and if it blocks the widget script, visitors who \
                             refuse get no call-back widget at all."
                        ),
                        format!(
                            "{name} potrafi blokować skrypty automatycznie (domyślnie dla nowej \
                             strony: {default}), a nie zapisano, czy ta strona z tego korzysta. \
                             Kod działa w obu trybach, ale automatyczne blokowanie może wymagać \
                             ustawienia w panelu, a jeśli zablokuje skrypt widżetu, odwiedzający, \
                             którzy odmówią zgody, w ogóle nie zobaczą widżetu oddzwaniania."
                        ),
                    ),
                    pick(
                        lang,
                        format!(
                            "Check in {name} whether automatic blocking is on and set the blocking \
                             mode to automatic or manual; the snippet's steps then say what it \
                             needs."
                        ),
                        format!(
                            "Sprawdź w {name}, czy automatyczne blokowanie jest włączone, i ustaw \
                             tryb blokowania na automatyczny albo ręczny; kroki przy kodzie powiedzą \
                             wtedy, czego potrzeba."
                        ),
                    ),
                ));
            }
            Some(BlockingMode::Auto) if blocking.step_required => {
                if let Some(step) = blocking.step {
                    out.push(Finding::new(
                        CheckId::AutoBlockingNeedsDashboardStep,
                        field,
                        pick(
                            lang,
                            format!(
                                "{name} blocks scripts automatically on this site; without a \
                                 dashboard setting it can block the CallPage widget script \
                                 itself, so visitors who refuse get no call-back widget at all."
                            ),
                            format!(
                                "{name} blokuje skrypty na tej stronie automatycznie; bez \
                                 ustawienia w panelu może zablokować sam skrypt widżetu CallPage, \
                                 a wtedy odwiedzający, którzy odmówią zgody, w ogóle nie zobaczą \
                                 widżetu oddzwaniania."
                            ),
                        ),
                        step.get(lang).to_string(),
                    ));
                }
            }
            Some(_) => {}
        }
    }

    fn regions(&self, out: &mut Vec<Finding>) {
        let lang = self.lang;
        for (index, region) in self.config.consent_mode.regions.iter().enumerate() {
            if let Err(problem) = validate_region(region) {
                let reason = problem.describe(lang);
                let region = quoted(region, lang);
                out.push(Finding::new(
                    CheckId::RegionInvalid,
                    format!("consent_mode.regions[{index}]"),
                    pick(
                        lang,
                        format!("The Consent Mode region {region} is not valid: {reason}."),
                        format!("Region Consent Mode {region} jest nieprawidłowy: {reason}."),
                    ),
                    pick(
                        lang,
                        "Use ISO 3166-2 codes in capitals: a country (PL, DE) or a region of a \
                         country (US-CA, ES-CT).",
                        "Użyj kodów ISO 3166-2 pisanych wielkimi literami: kraju (PL, DE) albo \
                         regionu w kraju (US-CA, ES-CT).",
                    )
                    .into(),
                ));
            }
        }
    }

    fn domains(&self, out: &mut Vec<Finding>) {
        let lang = self.lang;
        let mut seen = BTreeSet::new();
        for (index, domain) in self.config.domains.iter().enumerate() {
            let field = format!("domains[{index}]");
            let shown = quoted(domain, lang);
            match validate_domain(domain) {
                Err(problem) => {
                    let reason = problem.describe(lang);
                    let fix = match suggest_host(domain) {
                        Some(host) => pick(
                            lang,
                            format!("Write just the host name: {host}"),
                            format!("Wpisz samą nazwę hosta: {host}"),
                        ),
                        None => pick(
                            lang,
                            "Write just the host name, e.g. www.example.com (no https://, no path, no port).",
                            "Wpisz samą nazwę hosta, np. www.example.com (bez https://, ścieżki i portu).",
                        )
                        .into(),
                    };
                    out.push(Finding::new(
                        CheckId::DomainInvalid,
                        field,
                        pick(
                            lang,
                            format!("The site domain {shown} is not valid: {reason}."),
                            format!("Domena strony {shown} jest nieprawidłowa: {reason}."),
                        ),
                        fix,
                    ));
                }
                Ok(()) => {
                    if !seen.insert(domain.to_ascii_lowercase()) {
                        out.push(Finding::new(
                            CheckId::DomainDuplicate,
                            field,
                            pick(
                                lang,
                                format!("The site domain {shown} is listed twice."),
                                format!("Domena strony {shown} występuje na liście dwa razy."),
                            ),
                            pick(lang, "Remove the second entry.", "Usuń drugi wpis.").into(),
                        ));
                    }
                }
            }
        }
    }
}

fn suggested_consent_type(category: Category) -> &'static str {
    match category {
        Category::Necessary => "security_storage",
        Category::Functional => "functionality_storage",
        Category::Analytics => "analytics_storage",
        Category::Marketing => "ad_storage",
    }
}

/// Why a Consent Mode region is not a valid ISO 3166-2 code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegionProblem {
    Empty,
    SpacesAround,
    EuIsNotACountry,
    UkIsGb,
    /// Lower-case letters; holds the code in capitals.
    NotCapitals(String),
    BadCountry,
    BadSubdivision,
}

impl RegionProblem {
    /// The reason, to follow "is not valid: ".
    pub fn describe(&self, lang: Language) -> String {
        match self {
            RegionProblem::Empty => pick(lang, "it is empty", "jest pusty").into(),
            RegionProblem::SpacesAround => pick(
                lang,
                "it has spaces around it",
                "ma spacje na początku lub na końcu",
            )
            .into(),
            RegionProblem::EuIsNotACountry => pick(
                lang,
                "EU is not a country code and Google ignores it; list the countries one by one",
                "EU nie jest kodem kraju i Google go ignoruje; wymień kraje po kolei",
            )
            .into(),
            RegionProblem::UkIsGb => pick(
                lang,
                "the ISO code of the United Kingdom is GB",
                "kod ISO Wielkiej Brytanii to GB",
            )
            .into(),
            RegionProblem::NotCapitals(upper) => pick(
                lang,
                format!("write it in capitals: {upper}"),
                format!("zapisz go wielkimi literami: {upper}"),
            ),
            RegionProblem::BadCountry => pick(
                lang,
                "a country code is two letters (PL, DE, US)",
                "kod kraju to dwie litery (PL, DE, US)",
            )
            .into(),
            RegionProblem::BadSubdivision => pick(
                lang,
                "a region code is the country, a hyphen and 1 to 3 letters or digits (US-CA)",
                "kod regionu to kod kraju, łącznik i od 1 do 3 liter lub cyfr (US-CA)",
            )
            .into(),
        }
    }
}

/// Check an ISO 3166-2 code's form: a country (`PL`) or a country and subdivision (`PL-MZ`,
/// `US-CA`, `GB-ENG`), in capitals. Returns the problem when it is not valid.
pub fn validate_region(code: &str) -> Result<(), RegionProblem> {
    if code.is_empty() {
        return Err(RegionProblem::Empty);
    }
    if code != code.trim() {
        return Err(RegionProblem::SpacesAround);
    }
    if code == "EU" {
        return Err(RegionProblem::EuIsNotACountry);
    }
    if code == "UK" {
        return Err(RegionProblem::UkIsGb);
    }
    if code.chars().any(|c| c.is_ascii_lowercase()) {
        return Err(RegionProblem::NotCapitals(code.to_ascii_uppercase()));
    }
    let (country, subdivision) = match code.split_once('-') {
        Some((c, s)) => (c, Some(s)),
        None => (code, None),
    };
    if country.len() != 2 || !country.chars().all(|c| c.is_ascii_uppercase()) {
        return Err(RegionProblem::BadCountry);
    }
    if let Some(sub) = subdivision {
        if sub.is_empty()
            || sub.len() > 3
            || !sub
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        {
            return Err(RegionProblem::BadSubdivision);
        }
    }
    Ok(())
}

/// Why a site domain is not a plain host name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DomainProblem {
    Empty,
    WebAddress,
    Spaces,
    Path,
    UserInfo,
    Port,
    Wildcard,
    DotAtEdge,
    TooLong,
    NoTopLevelDomain,
    IpAddress,
    DoubleDot,
    LabelTooLong,
    LabelHyphen,
    /// A character a host name cannot hold.
    Character(char),
    NumericTopLevelDomain,
}

impl DomainProblem {
    /// The reason, to follow "is not valid: ".
    pub fn describe(&self, lang: Language) -> String {
        let text = match self {
            DomainProblem::Empty => pick(lang, "it is empty", "jest pusta"),
            DomainProblem::WebAddress => pick(
                lang,
                "it is a web address; only the host name is needed, without https://",
                "to adres strony internetowej; potrzebna jest tylko nazwa hosta, bez https://",
            ),
            DomainProblem::Spaces => pick(lang, "it contains spaces", "zawiera spacje"),
            DomainProblem::Path => pick(
                lang,
                "it contains a path; only the host name is needed",
                "zawiera ścieżkę; potrzebna jest tylko nazwa hosta",
            ),
            DomainProblem::UserInfo => pick(
                lang,
                "it contains a user name or e-mail address",
                "zawiera nazwę użytkownika lub adres e-mail",
            ),
            DomainProblem::Port => pick(
                lang,
                "it contains a port number; only the host name is needed",
                "zawiera numer portu; potrzebna jest tylko nazwa hosta",
            ),
            DomainProblem::Wildcard => pick(
                lang,
                "wildcards are not used here; list the host name itself",
                "symbole wieloznaczne nie są tu używane; podaj samą nazwę hosta",
            ),
            DomainProblem::DotAtEdge => pick(
                lang,
                "it starts or ends with a dot",
                "zaczyna się lub kończy kropką",
            ),
            DomainProblem::TooLong => pick(
                lang,
                "it is longer than 253 characters",
                "ma więcej niż 253 znaki",
            ),
            DomainProblem::NoTopLevelDomain => pick(
                lang,
                "it needs a top-level domain (e.g. example.com, not example)",
                "brakuje w niej domeny najwyższego poziomu (np. example.com, a nie example)",
            ),
            DomainProblem::IpAddress => pick(
                lang,
                "it is an IP address; enter the site's domain name",
                "to adres IP; wpisz nazwę domeny strony",
            ),
            DomainProblem::DoubleDot => {
                pick(lang, "it has two dots in a row", "ma dwie kropki pod rząd")
            }
            DomainProblem::LabelTooLong => pick(
                lang,
                "a part between dots is longer than 63 characters",
                "część między kropkami ma więcej niż 63 znaki",
            ),
            DomainProblem::LabelHyphen => pick(
                lang,
                "a part between dots starts or ends with a hyphen",
                "część między kropkami zaczyna się lub kończy łącznikiem",
            ),
            DomainProblem::Character(c) => {
                return pick(
                    lang,
                    format!("it contains the character '{c}'"),
                    format!("zawiera znak {}", quoted(&c.to_string(), lang)),
                )
            }
            DomainProblem::NumericTopLevelDomain => pick(
                lang,
                "the top-level domain cannot be a number",
                "domena najwyższego poziomu nie może być liczbą",
            ),
        };
        text.to_string()
    }
}

/// Check a site domain is a plain host name (`www.example.com`): no scheme, path, port or
/// spaces; labels of letters, digits and hyphens (international letters allowed), at most 63
/// characters each, not starting or ending with a hyphen; at least two labels (or
/// `localhost`); not an IP address. Returns the problem when it is not valid.
pub fn validate_domain(domain: &str) -> Result<(), DomainProblem> {
    if domain.trim().is_empty() {
        return Err(DomainProblem::Empty);
    }
    if domain.contains("://") {
        return Err(DomainProblem::WebAddress);
    }
    if domain.chars().any(char::is_whitespace) {
        return Err(DomainProblem::Spaces);
    }
    if domain.contains(['/', '?', '#']) {
        return Err(DomainProblem::Path);
    }
    if domain.contains('@') {
        return Err(DomainProblem::UserInfo);
    }
    if domain.contains(':') {
        return Err(DomainProblem::Port);
    }
    if domain.starts_with("*.") {
        return Err(DomainProblem::Wildcard);
    }
    if domain.starts_with('.') || domain.ends_with('.') {
        return Err(DomainProblem::DotAtEdge);
    }
    if domain.len() > 253 {
        return Err(DomainProblem::TooLong);
    }
    if domain == "localhost" {
        return Ok(());
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 {
        return Err(DomainProblem::NoTopLevelDomain);
    }
    if labels
        .iter()
        .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(DomainProblem::IpAddress);
    }
    for label in &labels {
        if label.is_empty() {
            return Err(DomainProblem::DoubleDot);
        }
        if label.chars().count() > 63 {
            return Err(DomainProblem::LabelTooLong);
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Err(DomainProblem::LabelHyphen);
        }
        if let Some(bad) = label.chars().find(|c| !(c.is_alphanumeric() || *c == '-')) {
            return Err(DomainProblem::Character(bad));
        }
    }
    if labels
        .last()
        .is_some_and(|tld| tld.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(DomainProblem::NumericTopLevelDomain);
    }
    Ok(())
}

/// If the text looks like a URL or host with extras, the bare host name it contains.
fn suggest_host(text: &str) -> Option<String> {
    let rest = text.trim();
    let rest = rest.split_once("://").map_or(rest, |(_, r)| r);
    let rest = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let rest = rest.rsplit_once('@').map_or(rest, |(_, r)| r);
    let rest = rest.split(':').next().unwrap_or(rest);
    let rest = rest.trim_start_matches("*.").trim_matches('.');
    let host = rest.to_lowercase();
    (host != text && validate_domain(&host).is_ok()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> AccountConfig {
        AccountConfig::vendor_default(Catalog::embedded(), "acme", "ACME")
    }

    /// A configuration with every feature on that should raise nothing above info.
    fn good() -> AccountConfig {
        let mut config = base();
        config.features = Feature::ALL.into_iter().collect();
        config.cmp = Some(CmpId::Cookiebot);
        config.domains = vec!["www.acme.example".into()];
        config.cmp_settings.blocking_mode = Some(BlockingMode::Manual);
        config
    }

    fn ids(config: &AccountConfig) -> Vec<CheckId> {
        check(Catalog::embedded(), config, Language::En)
            .into_iter()
            .map(|f| f.id)
            .collect()
    }

    fn find(config: &AccountConfig, id: CheckId) -> Finding {
        check(Catalog::embedded(), config, Language::En)
            .into_iter()
            .find(|f| f.id == id)
            .unwrap_or_else(|| panic!("{id:?} did not fire"))
    }

    #[test]
    fn vendor_default_has_no_finding_at_all() {
        assert_eq!(check(Catalog::embedded(), &base(), Language::En), vec![]);
    }

    #[test]
    fn a_good_configuration_has_only_the_personal_data_note() {
        assert_eq!(ids(&good()), vec![CheckId::PersonalDataStored]);
        for cmp in CmpId::ALL {
            let mut config = good();
            config.cmp = Some(cmp);
            let findings = check(Catalog::embedded(), &config, Language::En);
            assert!(
                findings.iter().all(|f| f.severity == Severity::Info),
                "{cmp:?}: {findings:?}"
            );
        }
    }

    #[test]
    fn empty_account_fields_are_errors() {
        let mut config = base();
        config.account.id = " ".into();
        config.account.name = String::new();
        assert_eq!(
            ids(&config),
            vec![CheckId::AccountIdEmpty, CheckId::AccountNameEmpty]
        );
        assert_eq!(find(&config, CheckId::AccountIdEmpty).field, "account.id");
    }

    #[test]
    fn necessary_category_is_an_error_naming_the_feature_field() {
        let mut config = good();
        config
            .categories
            .insert(Feature::TraceRoute, Category::Necessary);
        let finding = find(&config, CheckId::FeatureCategorisedNecessary);
        assert_eq!(finding.severity, Severity::Error);
        assert_eq!(finding.field, "categories.trace_route");
        assert!(finding.message.contains("Trace Route"));
        assert!(finding.fix.contains("Analytics"));
        // not doubled by the "not recommended" note
        assert!(!ids(&config).contains(&CheckId::CategoryNotRecommended));
    }

    #[test]
    fn necessary_category_of_a_feature_that_is_off_is_not_reported() {
        let mut config = base();
        config
            .categories
            .insert(Feature::TraceRoute, Category::Necessary);
        assert!(ids(&config).is_empty());
    }

    #[test]
    fn other_category_is_info_naming_the_recommendation() {
        let mut config = good();
        config
            .categories
            .insert(Feature::ScoringRules, Category::Marketing);
        let finding = find(&config, CheckId::CategoryNotRecommended);
        assert_eq!(finding.severity, Severity::Info);
        assert_eq!(finding.field, "categories.scoring_rules");
        assert!(finding.message.contains("Analytics"), "{}", finding.message);
    }

    #[test]
    fn data_memorization_is_personal_data_info() {
        let mut config = good();
        config.features = [Feature::DataMemorization].into_iter().collect();
        let finding = find(&config, CheckId::PersonalDataStored);
        assert_eq!(finding.severity, Severity::Info);
        assert_eq!(finding.field, "features.data_memorization");
        assert!(finding.message.contains("phone number"));
        config.features = [Feature::TraceRoute].into_iter().collect();
        assert!(!ids(&config).contains(&CheckId::PersonalDataStored));
    }

    #[test]
    fn feature_without_cmp_is_an_error() {
        let mut config = good();
        config.cmp = None;
        let finding = find(&config, CheckId::NoCmp);
        assert_eq!(finding.field, "cmp");
        assert!(has_errors(&check(
            Catalog::embedded(),
            &config,
            Language::En
        )));
    }

    #[test]
    fn gcm_without_consent_type_for_a_used_category_is_an_error() {
        let mut config = good();
        config.cmp = Some(CmpId::Gcm);
        config
            .consent_mode
            .consent_types
            .remove(&Category::Analytics);
        let finding = find(&config, CheckId::ConsentModeTypeMissing);
        assert_eq!(finding.field, "consent_mode.consent_types.analytics");
        assert!(finding.fix.contains("analytics_storage"));
        // an empty list counts as missing too
        config
            .consent_mode
            .consent_types
            .insert(Category::Analytics, vec![]);
        assert!(ids(&config).contains(&CheckId::ConsentModeTypeMissing));
        // an unused category does not matter
        config.consent_mode.consent_types = [(
            Category::Analytics,
            vec![crate::config::ConsentType::AnalyticsStorage],
        )]
        .into_iter()
        .collect();
        assert!(!ids(&config).contains(&CheckId::ConsentModeTypeMissing));
    }

    #[test]
    fn short_or_missing_wait_for_update_warns_with_async_cmp_only() {
        let mut config = good();
        config.consent_mode.wait_for_update_ms = Some(200);
        let finding = find(&config, CheckId::WaitForUpdateTooShort);
        assert_eq!(finding.severity, Severity::Warning);
        assert_eq!(finding.field, "consent_mode.wait_for_update_ms");
        assert!(finding.message.contains("200 ms"));
        config.consent_mode.wait_for_update_ms = None;
        assert!(find(&config, CheckId::WaitForUpdateTooShort)
            .message
            .contains("not set"));
        config.cmp = Some(CmpId::Gcm);
        assert!(ids(&config).contains(&CheckId::WaitForUpdateTooShort));
        config.cmp = Some(CmpId::Klaro);
        assert!(!ids(&config).contains(&CheckId::WaitForUpdateTooShort));
        config.cmp = Some(CmpId::Tcf);
        assert!(!ids(&config).contains(&CheckId::WaitForUpdateTooShort));
        config.cmp = Some(CmpId::Cookiebot);
        config.consent_mode.wait_for_update_ms = Some(500);
        assert!(!ids(&config).contains(&CheckId::WaitForUpdateTooShort));
    }

    #[test]
    fn unknown_blocking_mode_warns_for_cmps_with_an_automatic_mode_only() {
        let mut config = good();
        config.cmp_settings.blocking_mode = None;
        let mut warned = Vec::new();
        for cmp in CmpId::ALL {
            config.cmp = Some(cmp);
            if ids(&config).contains(&CheckId::BlockingModeUnknown) {
                let finding = find(&config, CheckId::BlockingModeUnknown);
                assert_eq!(finding.severity, Severity::Warning);
                assert_eq!(finding.field, "cmp_settings.blocking_mode");
                assert!(finding.message.contains(cmp.name()), "{}", finding.message);
                warned.push(cmp);
            }
        }
        assert_eq!(
            warned,
            vec![
                CmpId::Cookiebot,
                CmpId::Onetrust,
                CmpId::Usercentrics,
                CmpId::Iubenda,
                CmpId::Termly,
                CmpId::Osano,
                CmpId::Consentmanager,
            ]
        );
        // Termly's Auto Blocker is on by default: the message says so.
        config.cmp = Some(CmpId::Termly);
        assert!(find(&config, CheckId::BlockingModeUnknown)
            .message
            .contains("default for a new site: on"));
        // With no feature on too: a blocked widget loses calls and meetings.
        config.features.clear();
        assert!(ids(&config).contains(&CheckId::BlockingModeUnknown));
        // No CMP, no finding (the vendor default stays clean).
        config.cmp = None;
        assert!(!ids(&config).contains(&CheckId::BlockingModeUnknown));
    }

    #[test]
    fn automatic_mode_warns_where_a_dashboard_step_is_needed() {
        let mut config = good();
        config.cmp_settings.blocking_mode = Some(BlockingMode::Auto);
        let mut needing = Vec::new();
        for cmp in CmpId::ALL {
            config.cmp = Some(cmp);
            let found = check(Catalog::embedded(), &config, Language::En);
            assert!(!found.iter().any(|f| f.id == CheckId::BlockingModeUnknown));
            if let Some(f) = found
                .iter()
                .find(|f| f.id == CheckId::AutoBlockingNeedsDashboardStep)
            {
                assert_eq!(f.field, "cmp_settings.blocking_mode");
                assert!(!f.fix.is_empty());
                needing.push(cmp);
            }
        }
        assert_eq!(
            needing,
            vec![CmpId::Usercentrics, CmpId::Iubenda, CmpId::Osano]
        );
        config.cmp = Some(CmpId::Osano);
        assert!(find(&config, CheckId::AutoBlockingNeedsDashboardStep)
            .fix
            .contains("cdn-widget.callpage.io as Essential"));
        // Manual mode: nothing to do in the dashboard.
        config.cmp_settings.blocking_mode = Some(BlockingMode::Manual);
        assert!(!ids(&config).contains(&CheckId::AutoBlockingNeedsDashboardStep));
    }

    #[test]
    fn loads_asynchronously_comes_from_the_adapters() {
        assert!(loads_asynchronously(CmpId::Gcm));
        assert!(loads_asynchronously(CmpId::Cookiebot));
        assert!(!loads_asynchronously(CmpId::Tcf));
        assert!(!loads_asynchronously(CmpId::Klaro));
    }

    #[test]
    fn consent_rules_stay_quiet_when_no_feature_is_on() {
        let mut config = base();
        config.cmp = Some(CmpId::Gcm);
        config.consent_mode.consent_types.clear();
        config.consent_mode.wait_for_update_ms = None;
        config.tcf.purposes.clear();
        assert!(ids(&config).is_empty());
    }

    #[test]
    fn tcf_rules() {
        let mut config = good();
        config.cmp = Some(CmpId::Tcf);
        config.tcf.purposes.remove(&Category::Analytics);
        assert_eq!(
            find(&config, CheckId::TcfPurposesMissing).field,
            "tcf.purposes.analytics"
        );
        config.tcf.purposes.insert(Category::Analytics, vec![8, 9]);
        assert_eq!(
            find(&config, CheckId::TcfPurposeOneMissing).severity,
            Severity::Warning
        );
        config.tcf.purposes.insert(Category::Marketing, vec![1, 12]);
        assert_eq!(
            find(&config, CheckId::TcfPurposeInvalid).field,
            "tcf.purposes.marketing"
        );
    }

    #[test]
    fn regions_are_checked_for_form() {
        for ok in ["PL", "PL-MZ", "US-CA", "GB-ENG", "FR-75"] {
            assert_eq!(validate_region(ok), Ok(()), "{ok}");
        }
        for bad in [
            "", "pl", "Pl-mz", "POL", "P", "PL-", "PL-ABCD", "EU", "UK", " PL", "PL_MZ", "P1",
        ] {
            assert!(validate_region(bad).is_err(), "{bad}");
        }
        let mut config = base();
        config.consent_mode.regions = vec!["PL".into(), "pl-mz".into()];
        let finding = find(&config, CheckId::RegionInvalid);
        assert_eq!(finding.field, "consent_mode.regions[1]");
        assert!(finding.message.contains("PL-MZ"), "{}", finding.message);
    }

    #[test]
    fn domains_are_checked_for_hostname_syntax() {
        for ok in [
            "example.com",
            "www.acme.pl",
            "sklep-1.acme.co.uk",
            "zażółć.pl",
            "xn--zaw-3qa.pl",
            "localhost",
            "Example.COM",
        ] {
            assert_eq!(validate_domain(ok), Ok(()), "{ok}");
        }
        for bad in [
            "",
            "https://acme.pl",
            "acme.pl/contact",
            "acme.pl:8080",
            "acme",
            "-acme.pl",
            "acme-.pl",
            "acme..pl",
            ".acme.pl",
            "acme.pl.",
            "*.acme.pl",
            "acme pl.com",
            "acme_shop.pl",
            "192.168.0.1",
            "user@acme.pl",
        ] {
            assert!(validate_domain(bad).is_err(), "{bad}");
        }
        let mut config = base();
        config.domains = vec!["acme.pl".into(), "https://www.acme.pl/kontakt".into()];
        let finding = find(&config, CheckId::DomainInvalid);
        assert_eq!(finding.field, "domains[1]");
        assert!(finding.fix.contains("www.acme.pl"), "{}", finding.fix);
        config.domains = vec!["acme.pl".into(), "ACME.pl".into()];
        assert_eq!(find(&config, CheckId::DomainDuplicate).field, "domains[1]");
    }

    #[test]
    fn missing_domain_is_info_when_features_are_on() {
        let mut config = good();
        config.domains.clear();
        assert_eq!(find(&config, CheckId::NoDomain).severity, Severity::Info);
    }

    #[test]
    fn findings_are_sorted_most_serious_first_and_round_trip() {
        let mut config = good();
        config.cmp = None;
        config.consent_mode.regions = vec!["xx".into()];
        config
            .categories
            .insert(Feature::TraceRoute, Category::Marketing);
        let findings = check(Catalog::embedded(), &config, Language::En);
        assert!(findings.windows(2).all(|w| w[0].severity <= w[1].severity));
        let text = serde_json::to_string(&findings).unwrap();
        assert!(text.contains("\"id\":\"no_cmp\""), "{text}");
        let back: Vec<Finding> = serde_json::from_str(&text).unwrap();
        assert_eq!(findings, back);
    }

    #[test]
    fn ids_match_serde_names_and_are_unique() {
        let mut seen = BTreeSet::new();
        for id in CheckId::ALL {
            assert_eq!(
                serde_json::to_value(id).unwrap(),
                serde_json::Value::String(id.id().into())
            );
            assert!(seen.insert(id.id()));
            assert!(!id.describe(Language::En).is_empty());
        }
    }

    /// Configurations that, together, fire every rule at least once.
    pub(crate) fn configs_firing_every_rule() -> Vec<AccountConfig> {
        let mut empty = base();
        empty.account.id = String::new();
        empty.account.name = String::new();
        let mut necessary = good();
        necessary
            .categories
            .insert(Feature::TraceRoute, Category::Necessary);
        necessary
            .categories
            .insert(Feature::ScoringRules, Category::Marketing);
        necessary.consent_mode.regions = vec!["EU".into(), "pl".into(), "POL".into()];
        necessary.domains = vec![
            "https://www.acme.pl/x".into(),
            "acme.pl".into(),
            "ACME.pl".into(),
        ];
        let mut no_cmp = good();
        no_cmp.cmp = None;
        no_cmp.domains.clear();
        let mut gcm = good();
        gcm.cmp = Some(CmpId::Gcm);
        gcm.consent_mode.consent_types.clear();
        gcm.consent_mode.wait_for_update_ms = Some(100);
        gcm.domains.clear();
        let mut tcf = good();
        tcf.cmp = Some(CmpId::Tcf);
        tcf.categories
            .insert(Feature::ScoringRules, Category::Marketing);
        tcf.tcf.purposes.clear();
        tcf.tcf.purposes.insert(Category::Analytics, vec![8, 12]);
        let mut domains = good();
        domains.domains = [
            "", "a b.pl", "a.pl?x", "me@a.pl", "a.pl:80", "*.a.pl", ".a.pl", "acme", "1.2.3.4",
            "a..pl", "-a.pl", "a_b.pl", "a.123",
        ]
        .map(String::from)
        .to_vec();
        domains.domains.push(format!("{}.pl", "a".repeat(64)));
        domains.domains.push(format!("{}.pl", "a.".repeat(130)));
        domains.consent_mode.regions = ["", " PL", "UK", "PL-", "P1"].map(String::from).to_vec();
        // A CMP that can block scripts automatically, its mode not recorded; and one whose
        // automatic mode needs a dashboard step.
        let mut blocking_unknown = good();
        blocking_unknown.cmp_settings.blocking_mode = None;
        let mut dashboard_step = good();
        dashboard_step.cmp = Some(CmpId::Osano);
        dashboard_step.cmp_settings.blocking_mode = Some(BlockingMode::Auto);
        vec![
            empty,
            necessary,
            no_cmp,
            gcm,
            tcf,
            domains,
            blocking_unknown,
            dashboard_step,
        ]
    }

    #[test]
    fn every_rule_speaks_english_and_polish_and_the_two_differ() {
        let catalog = Catalog::embedded();
        let mut fired = BTreeSet::new();
        for config in configs_firing_every_rule() {
            let en = check(catalog, &config, Language::En);
            let pl = check(catalog, &config, Language::Pl);
            assert_eq!(en.len(), pl.len());
            for (e, p) in en.iter().zip(&pl) {
                fired.insert(e.id);
                // The same finding, only the words differ.
                assert_eq!((e.id, e.severity, &e.field), (p.id, p.severity, &p.field));
                assert_ne!(e.message, p.message, "{:?}: not translated", e.id);
                assert_ne!(e.fix, p.fix, "{:?}: fix not translated", e.id);
                for text in [&p.message, &p.fix] {
                    assert!(!text.contains(" cookies "), "English left in: {text}");
                }
            }
        }
        let all: BTreeSet<CheckId> = CheckId::ALL.into_iter().collect();
        assert_eq!(
            fired, all,
            "some rule never fired in the test configurations"
        );
        for id in CheckId::ALL {
            assert_ne!(id.describe(Language::En), id.describe(Language::Pl));
        }
    }

    #[test]
    fn every_domain_and_region_problem_reads_in_both_languages() {
        let domains = [
            "",
            "https://a.pl",
            "a b.pl",
            "a.pl/x",
            "me@a.pl",
            "a.pl:80",
            "*.a.pl",
            ".a.pl",
            "acme",
            "1.2.3.4",
            "a..pl",
            "-a.pl",
            "a_b.pl",
            "a.123",
        ];
        let mut reasons = BTreeSet::new();
        for domain in domains {
            let problem = validate_domain(domain).expect_err(domain);
            let (en, pl) = (
                problem.describe(Language::En),
                problem.describe(Language::Pl),
            );
            assert_ne!(en, pl, "{domain}");
            reasons.insert(en);
        }
        assert_eq!(
            reasons.len(),
            domains.len(),
            "each input has its own reason"
        );
        for region in ["", " PL", "EU", "UK", "pl", "POL", "PL-"] {
            let problem = validate_region(region).expect_err(region);
            assert_ne!(
                problem.describe(Language::En),
                problem.describe(Language::Pl)
            );
        }
    }

    #[test]
    fn polish_findings_use_the_polish_names_and_quotes() {
        let mut config = good();
        config
            .categories
            .insert(Feature::TraceRoute, Category::Necessary);
        let finding = check(Catalog::embedded(), &config, Language::Pl)
            .into_iter()
            .find(|f| f.id == CheckId::FeatureCategorisedNecessary)
            .unwrap();
        assert_eq!(
            finding.message,
            "Funkcja „Ścieżka odwiedzin (Trace Route)” jest oznaczona jako niezbędna, ale wymaga \
             zgody odwiedzającego: działałaby nawet u osób, które odrzucą wszystkie pliki cookie."
        );
        assert_eq!(
            finding.fix,
            "Zmień kategorię funkcji „Ścieżka odwiedzin (Trace Route)” na „Analityczne” \
             (zalecenie dostawcy)."
        );
    }
}
