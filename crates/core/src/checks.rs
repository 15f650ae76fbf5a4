//! Checks ("lint"): rules over a configuration that flag what would break compliance or the
//! widget's features. Each [`Finding`] has a stable [`CheckId`], a [`Severity`], a message a
//! marketer understands, a suggested fix, and the configuration field it concerns (a JSON path
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
use crate::config::{AccountConfig, BlockingMode, Category, CmpId, Feature};

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
    pub fn describe(self) -> &'static str {
        match self {
            CheckId::AccountIdEmpty => "The account id is empty.",
            CheckId::AccountNameEmpty => "The account name is empty.",
            CheckId::FeatureCategorisedNecessary => {
                "An optional feature that is on is categorised as strictly necessary."
            }
            CheckId::CategoryNotRecommended => {
                "A feature that is on uses a category other than the vendor's recommendation (analytics)."
            }
            CheckId::PersonalDataStored => {
                "A feature that is on keeps personal data (a phone number) on the visitor's device."
            }
            CheckId::NoCmp => "An optional feature is on but no CMP is chosen.",
            CheckId::ConsentModeTypeMissing => {
                "Google Consent Mode is chosen but a used category has no consent type."
            }
            CheckId::WaitForUpdateTooShort => {
                "wait_for_update is missing or below 500 ms with an asynchronously loading CMP."
            }
            CheckId::RegionInvalid => "A Consent Mode region is not an ISO 3166-2 code.",
            CheckId::DomainInvalid => "A site domain is not a plain host name.",
            CheckId::DomainDuplicate => "A site domain is listed twice.",
            CheckId::NoDomain => "Optional features are on but no site domain is listed.",
            CheckId::TcfPurposesMissing => {
                "IAB TCF is chosen but a used category has no TCF purpose."
            }
            CheckId::TcfPurposeInvalid => "A TCF purpose id is not between 1 and 11.",
            CheckId::TcfPurposeOneMissing => {
                "IAB TCF is chosen but a used category does not require Purpose 1 (storage on a device)."
            }
            CheckId::BlockingModeUnknown => {
                "The chosen CMP can block scripts automatically and the site's blocking mode is not set."
            }
            CheckId::AutoBlockingNeedsDashboardStep => {
                "The CMP blocks scripts automatically and needs a dashboard step for the widget to load."
            }
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
    /// What is wrong, in words a marketer understands.
    pub message: String,
    /// What to do about it.
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

/// Run every rule. Findings come most serious first, then in rule order.
pub fn check(catalog: &Catalog, config: &AccountConfig) -> Vec<Finding> {
    let mut findings = Vec::new();
    check_account(config, &mut findings);
    check_categories(catalog, config, &mut findings);
    check_consent(catalog, config, &mut findings);
    check_auto_blocking(config, &mut findings);
    check_regions(config, &mut findings);
    check_domains(config, &mut findings);
    findings.sort_by_key(|f| f.severity);
    findings
}

fn feature_name(catalog: &Catalog, feature: Feature) -> &str {
    &catalog.feature(feature).name.en
}

fn check_account(config: &AccountConfig, out: &mut Vec<Finding>) {
    if config.account.id.trim().is_empty() {
        out.push(Finding::new(
            CheckId::AccountIdEmpty,
            "account.id",
            "The account has no id, so it cannot be saved or found again.".into(),
            "Enter the CallPage account id (or any short name without spaces).".into(),
        ));
    }
    if config.account.name.trim().is_empty() {
        out.push(Finding::new(
            CheckId::AccountNameEmpty,
            "account.name",
            "The account has no name, so nobody can tell which customer this configuration is for."
                .into(),
            "Enter the company or site name.".into(),
        ));
    }
}

fn check_categories(catalog: &Catalog, config: &AccountConfig, out: &mut Vec<Finding>) {
    for feature in config.features.iter().copied() {
        let name = feature_name(catalog, feature);
        let category = config.category_of(feature, catalog);
        let field = format!("categories.{}", feature.id());
        if category == Category::Necessary {
            out.push(Finding::new(
                CheckId::FeatureCategorisedNecessary,
                field,
                format!(
                    "{name} is marked as strictly necessary, but it needs the visitor's consent: \
                     it would run even for visitors who refuse all cookies."
                ),
                format!(
                    "Set the category of {name} to {} (the vendor's recommendation).",
                    RECOMMENDED_CATEGORY.label(crate::config::Language::En)
                ),
            ));
        } else if category != RECOMMENDED_CATEGORY {
            out.push(Finding::new(
                CheckId::CategoryNotRecommended,
                field,
                format!(
                    "{name} is declared as {}. CallPage recommends declaring its cookies as {} \
                     cookies; {} also works if your CMP asks visitors for it.",
                    category.label(crate::config::Language::En),
                    RECOMMENDED_CATEGORY.label(crate::config::Language::En),
                    category.label(crate::config::Language::En),
                ),
                format!(
                    "Keep it if that is your policy, or switch {name} to {} as recommended.",
                    RECOMMENDED_CATEGORY.label(crate::config::Language::En)
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
                format!(
                    "{name} keeps personal data on the visitor's device: what they typed into \
                     the widget, including their phone number."
                ),
                "Say so in your cookie declaration and privacy policy (the generated declaration \
                 marks these items as personal data)."
                    .into(),
            ));
        }
    }
}

/// The categories the enabled features use, excluding `necessary` (which is flagged on its own).
fn used_categories(catalog: &Catalog, config: &AccountConfig) -> BTreeSet<Category> {
    config
        .features
        .iter()
        .map(|f| config.category_of(*f, catalog))
        .filter(|c| *c != Category::Necessary)
        .collect()
}

fn feature_names_in(catalog: &Catalog, config: &AccountConfig, category: Category) -> String {
    config
        .features
        .iter()
        .filter(|f| config.category_of(**f, catalog) == category)
        .map(|f| feature_name(catalog, *f))
        .collect::<Vec<_>>()
        .join(", ")
}

fn check_consent(catalog: &Catalog, config: &AccountConfig, out: &mut Vec<Finding>) {
    // TCF purpose ids are checked whether or not TCF is chosen: a wrong value is wrong anyway.
    for (category, purposes) in &config.tcf.purposes {
        if let Some(bad) = purposes.iter().find(|p| !(1..=11).contains(*p)) {
            out.push(Finding::new(
                CheckId::TcfPurposeInvalid,
                format!("tcf.purposes.{}", category.id()),
                format!(
                    "TCF purpose {bad} (for {}) does not exist: IAB TCF v2.2 purposes are numbered 1 to 11.",
                    category.label(crate::config::Language::En)
                ),
                "Use purposes 1 to 11; for analytics the usual set is 1, 8, 9 and 10.".into(),
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
            "Optional features are on but no consent tool (CMP) is chosen, so nothing asks the \
             visitor for consent before their cookies are set."
                .into(),
            "Choose the CMP your site uses, or switch the optional features off.".into(),
        ));
        return;
    };
    let used = used_categories(catalog, config);

    if cmp == CmpId::Gcm {
        for category in &used {
            let missing = config
                .consent_mode
                .consent_types
                .get(category)
                .is_none_or(|types| types.is_empty());
            if missing {
                out.push(Finding::new(
                    CheckId::ConsentModeTypeMissing,
                    format!("consent_mode.consent_types.{}", category.id()),
                    format!(
                        "Google Consent Mode has no consent type for {} cookies, so {} can never \
                         be switched on by the visitor's choice.",
                        category.label(crate::config::Language::En),
                        feature_names_in(catalog, config, *category)
                    ),
                    format!(
                        "Pick the consent type that gates {} cookies (usually {}).",
                        category.label(crate::config::Language::En),
                        suggested_consent_type(*category)
                    ),
                ));
            }
        }
    }

    if cmp == CmpId::Tcf {
        for category in &used {
            let purposes = config.tcf.purposes.get(category);
            let field = format!("tcf.purposes.{}", category.id());
            match purposes {
                None => push_tcf_missing(catalog, config, *category, field, out),
                Some(p) if p.is_empty() => push_tcf_missing(catalog, config, *category, field, out),
                Some(p) if !p.contains(&1) => out.push(Finding::new(
                    CheckId::TcfPurposeOneMissing,
                    field,
                    format!(
                        "The TCF purposes for {} cookies do not include Purpose 1 (store and/or \
                         access information on a device), the consent that covers cookies.",
                        category.label(crate::config::Language::En)
                    ),
                    "Add Purpose 1 to the list.".into(),
                )),
                Some(_) => {}
            }
        }
    }

    if loads_asynchronously(cmp) {
        let wait = config.consent_mode.wait_for_update_ms;
        if wait.is_none_or(|ms| ms < MIN_WAIT_FOR_UPDATE_MS) {
            let now = match wait {
                Some(ms) => format!("only {ms} ms"),
                None => "not set".to_string(),
            };
            out.push(Finding::new(
                CheckId::WaitForUpdateTooShort,
                "consent_mode.wait_for_update_ms",
                format!(
                    "{} loads after the page starts, and the wait for its answer is {now}: \
                     Google tags may run before the visitor's choice is known.",
                    cmp.name()
                ),
                format!("Set wait_for_update to at least {MIN_WAIT_FOR_UPDATE_MS} ms."),
            ));
        }
    }

    if config.domains.is_empty() {
        out.push(Finding::new(
            CheckId::NoDomain,
            "domains",
            "No site domain is listed, so the cookie declaration cannot say which site sets \
             these cookies."
                .into(),
            "Add the domain of the site the widget runs on (e.g. www.example.com).".into(),
        ));
    }
}

fn push_tcf_missing(
    catalog: &Catalog,
    config: &AccountConfig,
    category: Category,
    field: String,
    out: &mut Vec<Finding>,
) {
    out.push(Finding::new(
        CheckId::TcfPurposesMissing,
        field,
        format!(
            "IAB TCF has no purposes for {} cookies, so {} can never be switched on by the \
             visitor's choice.",
            category.label(crate::config::Language::En),
            feature_names_in(catalog, config, category)
        ),
        "List the TCF purposes that must be consented (for analytics: 1, 8, 9, 10).".into(),
    ));
}

fn suggested_consent_type(category: Category) -> &'static str {
    match category {
        Category::Necessary => "security_storage",
        Category::Functional => "functionality_storage",
        Category::Analytics => "analytics_storage",
        Category::Marketing => "ad_storage",
    }
}

fn check_auto_blocking(config: &AccountConfig, out: &mut Vec<Finding>) {
    let Some(cmp) = config.cmp else {
        return;
    };
    let facts = cmp.facts();
    let blocking = &facts.auto_blocking;
    if blocking.kind != AutoBlockingKind::Mode {
        return;
    }
    let field = "cmp_settings.blocking_mode";
    match config.cmp_settings.blocking_mode {
        None => {
            let default = blocking.default_mode.map_or("unknown", |m| match m {
                BlockingMode::Auto => "on (automatic)",
                BlockingMode::Manual => "off (manual)",
            });
            out.push(Finding::new(
                CheckId::BlockingModeUnknown,
                field,
                format!(
                    "{} can block scripts automatically (its default for a new site: {default}), \
                     and it is not recorded whether this site uses it. The snippet works in both \
                     modes, but automatic blocking can need a dashboard step, and if it blocks \
                     the widget script, visitors who refuse get no call-back widget at all.",
                    facts.name
                ),
                format!(
                    "Check in {} whether automatic blocking is on and set the blocking mode to \
                     automatic or manual; the snippet's steps then say what it needs.",
                    facts.name
                ),
            ));
        }
        Some(BlockingMode::Auto) if blocking.step_required => {
            if let Some(step) = blocking.step {
                out.push(Finding::new(
                    CheckId::AutoBlockingNeedsDashboardStep,
                    field,
                    format!(
                        "{} blocks scripts automatically on this site; without a dashboard \
                         setting it can block the CallPage widget script itself, so visitors who \
                         refuse get no call-back widget at all.",
                        facts.name
                    ),
                    step.to_string(),
                ));
            }
        }
        Some(_) => {}
    }
}

fn check_regions(config: &AccountConfig, out: &mut Vec<Finding>) {
    for (index, region) in config.consent_mode.regions.iter().enumerate() {
        if let Err(reason) = validate_region(region) {
            out.push(Finding::new(
                CheckId::RegionInvalid,
                format!("consent_mode.regions[{index}]"),
                format!("The Consent Mode region \"{region}\" is not valid: {reason}."),
                "Use ISO 3166-2 codes in capitals: a country (PL, DE) or a region of a country \
                 (US-CA, ES-CT)."
                    .into(),
            ));
        }
    }
}

fn check_domains(config: &AccountConfig, out: &mut Vec<Finding>) {
    let mut seen = BTreeSet::new();
    for (index, domain) in config.domains.iter().enumerate() {
        let field = format!("domains[{index}]");
        match validate_domain(domain) {
            Err(reason) => {
                let fix = match suggest_host(domain) {
                    Some(host) => format!("Write just the host name: {host}"),
                    None => "Write just the host name, e.g. www.example.com (no https://, no path, no port).".into(),
                };
                out.push(Finding::new(
                    CheckId::DomainInvalid,
                    field,
                    format!("The site domain \"{domain}\" is not valid: {reason}."),
                    fix,
                ));
            }
            Ok(()) => {
                if !seen.insert(domain.to_ascii_lowercase()) {
                    out.push(Finding::new(
                        CheckId::DomainDuplicate,
                        field,
                        format!("The site domain \"{domain}\" is listed twice."),
                        "Remove the second entry.".into(),
                    ));
                }
            }
        }
    }
}

/// Check an ISO 3166-2 code's form: a country (`PL`) or a country and subdivision (`PL-MZ`,
/// `US-CA`, `GB-ENG`), in capitals. Returns the reason when it is not valid.
pub fn validate_region(code: &str) -> Result<(), String> {
    if code.is_empty() {
        return Err("it is empty".into());
    }
    if code != code.trim() {
        return Err("it has spaces around it".into());
    }
    if code == "EU" {
        return Err(
            "EU is not a country code and Google ignores it; list the countries one by one".into(),
        );
    }
    if code == "UK" {
        return Err("the ISO code of the United Kingdom is GB".into());
    }
    if code.chars().any(|c| c.is_ascii_lowercase()) {
        return Err(format!(
            "write it in capitals: {}",
            code.to_ascii_uppercase()
        ));
    }
    let (country, subdivision) = match code.split_once('-') {
        Some((c, s)) => (c, Some(s)),
        None => (code, None),
    };
    if country.len() != 2 || !country.chars().all(|c| c.is_ascii_uppercase()) {
        return Err("a country code is two letters (PL, DE, US)".into());
    }
    if let Some(sub) = subdivision {
        if sub.is_empty()
            || sub.len() > 3
            || !sub
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        {
            return Err(
                "a region code is the country, a hyphen and 1 to 3 letters or digits (US-CA)"
                    .into(),
            );
        }
    }
    Ok(())
}

/// Check a site domain is a plain host name (`www.example.com`): no scheme, path, port or
/// spaces; labels of letters, digits and hyphens (international letters allowed), at most 63
/// characters each, not starting or ending with a hyphen; at least two labels (or
/// `localhost`); not an IP address. Returns the reason when it is not valid.
pub fn validate_domain(domain: &str) -> Result<(), String> {
    if domain.trim().is_empty() {
        return Err("it is empty".into());
    }
    if domain.contains("://") {
        return Err("it is a web address; only the host name is needed, without https://".into());
    }
    if domain.chars().any(char::is_whitespace) {
        return Err("it contains spaces".into());
    }
    if domain.contains(['/', '?', '#']) {
        return Err("it contains a path; only the host name is needed".into());
    }
    if domain.contains('@') {
        return Err("it contains a user name or e-mail address".into());
    }
    if domain.contains(':') {
        return Err("it contains a port number; only the host name is needed".into());
    }
    if domain.starts_with("*.") {
        return Err("wildcards are not used here; list the host name itself".into());
    }
    if domain.starts_with('.') || domain.ends_with('.') {
        return Err("it starts or ends with a dot".into());
    }
    if domain.len() > 253 {
        return Err("it is longer than 253 characters".into());
    }
    if domain == "localhost" {
        return Ok(());
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 {
        return Err("it needs a top-level domain (e.g. example.com, not example)".into());
    }
    if labels
        .iter()
        .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_digit()))
    {
        return Err("it is an IP address; enter the site's domain name".into());
    }
    for label in &labels {
        if label.is_empty() {
            return Err("it has two dots in a row".into());
        }
        if label.chars().count() > 63 {
            return Err("a part between dots is longer than 63 characters".into());
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Err("a part between dots starts or ends with a hyphen".into());
        }
        if let Some(bad) = label.chars().find(|c| !(c.is_alphanumeric() || *c == '-')) {
            return Err(format!("it contains the character '{bad}'"));
        }
    }
    if labels
        .last()
        .is_some_and(|tld| tld.chars().all(|c| c.is_ascii_digit()))
    {
        return Err("the top-level domain cannot be a number".into());
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
        check(Catalog::embedded(), config)
            .into_iter()
            .map(|f| f.id)
            .collect()
    }

    fn find(config: &AccountConfig, id: CheckId) -> Finding {
        check(Catalog::embedded(), config)
            .into_iter()
            .find(|f| f.id == id)
            .unwrap_or_else(|| panic!("{id:?} did not fire"))
    }

    #[test]
    fn vendor_default_has_no_finding_at_all() {
        assert_eq!(check(Catalog::embedded(), &base()), vec![]);
    }

    #[test]
    fn a_good_configuration_has_only_the_personal_data_note() {
        assert_eq!(ids(&good()), vec![CheckId::PersonalDataStored]);
        for cmp in CmpId::ALL {
            let mut config = good();
            config.cmp = Some(cmp);
            let findings = check(Catalog::embedded(), &config);
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
        assert!(has_errors(&check(Catalog::embedded(), &config)));
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
            let found = check(Catalog::embedded(), &config);
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
        let findings = check(Catalog::embedded(), &config);
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
            assert!(!id.describe().is_empty());
        }
    }
}
