//! Report entries against the catalog and the account: which catalog items are declared, in
//! which category and with which lifetime, which are missing, which are stale, and which
//! CallPage-looking entries the catalog does not know.
//!
//! Entries arrive one at a time (CSV reports stream); only those that match a catalog item or
//! look like CallPage's are kept, so memory stays small whatever the report's size.

use cookie_admin_core::checks::RECOMMENDED_CATEGORY;
use cookie_admin_core::{
    AccountConfig, Catalog, Category, Feature, FeatureEntry, Language, Severity, StorageItem,
    StorageType,
};
use serde::Serialize;

use super::category::CategoryMatch;
use super::entry::DeclaredEntry;
use super::lifetime::describe_seconds;
use super::rules;
use super::{AuditResult, AuditRow, ReportFormat, RowStatus};
use crate::finding::{Evidence, Finding};

/// Entries kept per catalog item (a report listing one name hundreds of times gains nothing).
const MAX_MATCHES_PER_ITEM: usize = 20;
/// CallPage-looking entries unknown to the catalog kept (each gets a finding).
const MAX_UNKNOWN: usize = 100;

const EN: Language = Language::En;

/// One catalog item and what the account says about it.
struct Target<'a> {
    entry: &'a FeatureEntry,
    item: &'a StorageItem,
    /// `None` for the widget core.
    feature: Option<Feature>,
    enabled: bool,
    category: Category,
}

impl Target<'_> {
    fn display_name(&self) -> String {
        if self.item.is_pattern {
            format!("{}*", self.item.name)
        } else {
            self.item.name.clone()
        }
    }

    fn feature_name(&self) -> &str {
        self.entry.name.get(EN)
    }

    fn covers(&self, entry: &DeclaredEntry) -> bool {
        if self.item.is_pattern {
            entry.covers_prefix(&self.item.name)
        } else {
            entry.covers_name(&self.item.name)
        }
    }
}

/// What the report was, besides its entries.
#[derive(Debug, Clone, Default)]
pub struct ReportInfo {
    pub format: Option<ReportFormat>,
    pub entries: usize,
    pub skipped: usize,
    pub first_skipped_line: Option<usize>,
    /// `Some(0)` when the line is not known (a JSON or HTML document).
    pub non_utf8_line: Option<usize>,
    pub categories_given: bool,
    /// A CSV report's header row.
    pub headers: Vec<String>,
}

/// Collects the entries that matter while a report is read.
pub struct Collector<'a> {
    catalog: &'a Catalog,
    targets: Vec<Target<'a>>,
    matched: Vec<Vec<DeclaredEntry>>,
    unknown: Vec<DeclaredEntry>,
    unknown_total: usize,
    /// Name prefixes of the catalog's items (`cp_`, `callpage_`, `callpage-`).
    prefixes: Vec<String>,
    vendor: String,
    /// The catalog's names, lower case, for [`Collector::wants`].
    lower_names: Vec<String>,
}

impl<'a> Collector<'a> {
    pub fn new(catalog: &'a Catalog, config: &AccountConfig) -> Collector<'a> {
        let mut targets = Vec::new();
        for item in &catalog.core.storage {
            targets.push(Target {
                entry: &catalog.core,
                item,
                feature: None,
                enabled: true,
                category: Category::Necessary,
            });
        }
        for entry in &catalog.features {
            let feature = Feature::from_id(&entry.id);
            for item in &entry.storage {
                targets.push(Target {
                    entry,
                    item,
                    feature,
                    enabled: feature.is_some_and(|f| config.is_enabled(f)),
                    category: feature
                        .map_or(entry.default_category, |f| config.category_of(f, catalog)),
                });
            }
        }
        let mut prefixes: Vec<String> = targets
            .iter()
            .filter_map(|t| {
                let name = t.item.name.to_lowercase();
                let cut = name.find(['_', '-'])?;
                (cut >= 2).then(|| name[..=cut].to_string())
            })
            .collect();
        prefixes.sort();
        prefixes.dedup();
        let lower_names = targets.iter().map(|t| t.item.name.to_lowercase()).collect();
        Collector {
            catalog,
            lower_names,
            matched: targets.iter().map(|_| Vec::new()).collect(),
            targets,
            unknown: Vec::new(),
            unknown_total: 0,
            prefixes,
            vendor: catalog.vendor.to_lowercase(),
        }
    }

    /// Take one report entry: keep it when it matches a catalog item or looks like CallPage's.
    pub fn add(&mut self, entry: DeclaredEntry) {
        let mut any = false;
        for (i, target) in self.targets.iter().enumerate() {
            if target.covers(&entry) {
                any = true;
                if self.matched[i].len() < MAX_MATCHES_PER_ITEM {
                    self.matched[i].push(entry.clone());
                }
            }
        }
        if !any && self.looks_like_ours(&entry) {
            self.unknown_total += 1;
            if self.unknown.len() < MAX_UNKNOWN {
                self.unknown.push(entry);
            }
        }
    }

    /// A quick test of a CSV row, before an entry is built, of whether it can matter: it may
    /// match a catalog item (its name, or the part before a wildcard, is a prefix of a catalog
    /// name or starts with one) or look like CallPage's. It lets through everything
    /// [`Collector::add`] would keep from a CSV row (a superset); most rows of a large report
    /// fail it and cost nothing more.
    pub fn wants(&self, name: &str, provider: Option<&str>, domain: Option<&str>) -> bool {
        let lower = name.trim().to_lowercase();
        let stem = lower[..lower.find(['*', '#']).unwrap_or(lower.len())].trim_end_matches('.');
        let mentions =
            |text: Option<&str>| text.is_some_and(|t| t.to_lowercase().contains(&self.vendor));
        self.lower_names.iter().any(|n| {
            (stem.chars().count() >= 2 && n.starts_with(stem)) || lower.starts_with(n.as_str())
        }) || lower.starts_with(&self.vendor)
            || self.prefixes.iter().any(|p| lower.starts_with(p.as_str()))
            || mentions(provider)
            || mentions(domain)
    }

    fn looks_like_ours(&self, entry: &DeclaredEntry) -> bool {
        let name = entry.name.to_lowercase();
        let mentions = |text: &Option<String>| {
            text.as_deref()
                .is_some_and(|t| t.to_lowercase().contains(&self.vendor))
        };
        mentions(&entry.provider)
            || mentions(&entry.domain)
            || name.starts_with(&self.vendor)
            || self.prefixes.iter().any(|p| name.starts_with(p.as_str()))
    }

    /// The audit result, once the whole report has been read.
    pub fn finish(self, info: ReportInfo, observed: bool) -> AuditResult {
        let mut rows = Vec::new();
        for (target, declared) in self.targets.iter().zip(self.matched) {
            if !target.enabled && declared.is_empty() {
                continue;
            }
            rows.push(row(target, declared, observed, info.categories_given));
        }
        let mut findings = Vec::new();
        if info.entries == 0 {
            findings.push(finding(
                rules::REPORT_EMPTY,
                Severity::Warning,
                "The report lists no cookies at all.".into(),
                "Check that this is the right file: the CMP's cookie list or declaration, not an empty export.".into(),
                None,
            ));
        } else if !info.categories_given && !observed {
            // A scan of the site (Didomi) has no categories by nature; the result says so.
            // A mapped CSV might have a category column the mapping left out.
            findings.push(finding(
                rules::NO_CATEGORIES,
                Severity::Info,
                "The column mapping names no category column, so categories were not compared."
                    .into(),
                "Map the category column too if the file has one.".into(),
                None,
            ));
        }
        if info.skipped > 0 {
            findings.push(finding(
                rules::ROWS_SKIPPED,
                Severity::Info,
                format!(
                    "{} row{} without a cookie name {} skipped{}.",
                    info.skipped,
                    if info.skipped == 1 { "" } else { "s" },
                    if info.skipped == 1 { "was" } else { "were" },
                    info.first_skipped_line
                        .map(|l| format!(" (the first on line {l})"))
                        .unwrap_or_default()
                ),
                "Fill in the names of those rows if they list cookies.".into(),
                info.first_skipped_line.map(|line| Evidence {
                    line,
                    column: 0,
                    excerpt: String::new(),
                }),
            ));
        }
        if let Some(line) = info.non_utf8_line {
            findings.push(finding(
                rules::TEXT_NOT_UTF8,
                Severity::Info,
                format!(
                    "Some text is not UTF-8{}; those characters were replaced, so names containing them may not match.",
                    if line > 0 { format!(" (first on line {line})") } else { String::new() }
                ),
                "Save the file as UTF-8 (in a spreadsheet: “CSV UTF-8”) and audit it again.".into(),
                (line > 0).then(|| Evidence {
                    line,
                    column: 0,
                    excerpt: String::new(),
                }),
            ));
        }
        for entry in &self.unknown {
            findings.push(unknown_item(entry, &self.catalog.catalog_version));
        }
        if self.unknown_total > self.unknown.len() {
            findings.push(finding(
                rules::UNKNOWN_CALLPAGE_ITEM,
                Severity::Info,
                format!(
                    "{} more entries look like CallPage's and are not in the catalog (only the first {} are listed).",
                    self.unknown_total - self.unknown.len(),
                    self.unknown.len()
                ),
                "Check the report: this many unknown CallPage entries is unusual.".into(),
                None,
            ));
        }
        AuditResult::new(
            info,
            observed,
            self.catalog.catalog_version.clone(),
            rows,
            self.unknown,
            findings,
        )
    }
}

fn finding(
    id: &'static str,
    severity: Severity,
    message: String,
    fix: String,
    evidence: Option<Evidence>,
) -> Finding {
    Finding {
        id,
        severity,
        message,
        fix,
        evidence,
    }
}

/// The row of one catalog item, with its findings.
fn row(
    target: &Target<'_>,
    declared: Vec<DeclaredEntry>,
    observed: bool,
    categories_given: bool,
) -> AuditRow {
    let name = target.display_name();
    let feature_name = target.feature_name().to_string();
    let expected = target.category;
    let expected_label = expected.label(EN);
    let duration = target.item.duration_seconds;
    let mut findings = Vec::new();

    let status = if !target.enabled {
        RowStatus::Stale
    } else if declared.is_empty() && observed && target.item.storage_type != StorageType::HttpCookie
    {
        // A scan of the site's cookies cannot see web storage.
        RowStatus::NotInScan
    } else if declared.is_empty() {
        RowStatus::Missing
    } else {
        RowStatus::Declared
    };

    match status {
        RowStatus::Missing => findings.push(missing(target, observed)),
        RowStatus::NotInScan => {}
        RowStatus::Stale => {
            for entry in &declared {
                findings.push(stale(target, entry, observed));
            }
        }
        RowStatus::Declared => {
            for entry in &declared {
                if categories_given {
                    if let Some(f) = category_finding(target, entry) {
                        findings.push(f);
                    }
                }
                if let Some(f) = lifetime_finding(target, entry) {
                    findings.push(f);
                }
            }
        }
    }

    // The same problem declared many times (a report listing a name on every page) is one
    // finding, with the first place it was seen.
    let mut seen: Vec<(&'static str, String)> = Vec::new();
    findings.retain(|f| {
        let key = (f.id, f.message.clone());
        let new = !seen.contains(&key);
        if new {
            seen.push(key);
        }
        new
    });

    let category_ok = (status == RowStatus::Declared && categories_given).then(|| {
        declared
            .iter()
            .all(|e| e.category.mapped == CategoryMatch::Known(expected))
    });
    let lifetimes: Vec<Option<bool>> = declared
        .iter()
        .filter_map(|e| e.lifetime)
        .map(|l| l.agrees_with(duration, target.item.storage_type))
        .collect();
    let lifetime_ok = (status == RowStatus::Declared && !lifetimes.is_empty())
        .then(|| lifetimes.iter().all(|ok| *ok != Some(false)));

    AuditRow {
        feature: target.entry.id.clone(),
        feature_name,
        enabled: target.enabled,
        name: target.item.name.clone(),
        display_name: name,
        is_pattern: target.item.is_pattern,
        storage_type: target.item.storage_type,
        expected_category: expected,
        expected_category_label: expected_label.to_string(),
        expected_duration_seconds: duration,
        expected_duration_text: target.item.duration_text.get(EN).to_string(),
        status,
        declared,
        category_ok,
        lifetime_ok,
        findings,
    }
}

/// "“cp_visitor_id”" or "names starting with “cp_tr_” (cp_tr_*)".
fn what(target: &Target<'_>) -> String {
    if target.item.is_pattern {
        format!("names starting with “{}”", target.item.name)
    } else {
        format!("“{}”", target.item.name)
    }
}

fn missing(target: &Target<'_>, observed: bool) -> Finding {
    let what = what(target);
    let kind = target.item.storage_type.label(EN);
    let lifetime = target.item.duration_text.get(EN);
    if target.feature.is_none() {
        return finding(
            rules::ITEM_MISSING,
            Severity::Info,
            if observed {
                format!("{what} ({kind} of the widget core) did not appear in this scan. It is strictly necessary and needs no consent; the widget may not run on the scanned pages.")
            } else {
                format!("{what} ({kind} of the widget core, strictly necessary) is not in the report. It needs no consent, but a complete cookie policy lists it.")
            },
            format!(
                "Add {what} to the CMP's declaration as strictly necessary, lifetime {lifetime}."
            ),
            None,
        );
    }
    let feature = target.feature_name();
    let category = target.category.label(EN);
    if observed {
        finding(
            rules::ITEM_MISSING,
            Severity::Warning,
            format!("{what} ({feature}, {kind}) did not appear in this scan of the site. {feature} is on, so the widget sets it once a visitor consents: the scan may not have consented, or the widget or the feature does not run on the scanned pages."),
            format!("Check that the widget runs on the scanned pages with {feature} on and that the scan accepts {category} cookies; if it does, the catalog may need an update."),
            None,
        )
    } else {
        finding(
            rules::ITEM_MISSING,
            Severity::Error,
            format!("{what} ({feature}, {kind}, {lifetime}) is not in the report. {feature} is on, so the CMP must declare it and hold it back until the visitor consents to {category} cookies."),
            format!("Add {what} to the CMP's cookie list in the {category} category, lifetime “{lifetime}”."),
            None,
        )
    }
}

fn stale(target: &Target<'_>, entry: &DeclaredEntry, observed: bool) -> Finding {
    let feature = target.feature_name();
    let name = &entry.name;
    if observed {
        finding(
            rules::STALE_ITEM,
            Severity::Warning,
            format!("“{name}” ({feature}) was seen on the site, but {feature} is off in this account: the site's widget runs the feature anyway, or this account is out of date."),
            format!("Make the site and this account agree: switch {feature} off in the widget's settings for the site, or on in this account."),
            Some(entry.evidence.clone()),
        )
    } else {
        finding(
            rules::STALE_ITEM,
            Severity::Warning,
            format!("“{name}” ({feature}) is declared, but {feature} is off in this account. A declaration should list only what the site sets."),
            format!("Remove “{name}” from the CMP's declaration, or switch {feature} on in this account if the site uses it."),
            Some(entry.evidence.clone()),
        )
    }
}

fn category_finding(target: &Target<'_>, entry: &DeclaredEntry) -> Option<Finding> {
    let expected = target.category;
    let expected_label = expected.label(EN);
    let recommended = RECOMMENDED_CATEGORY.label(EN);
    let declared = entry.category.describe();
    let name = &entry.name;
    let evidence = Some(entry.evidence.clone());
    match (target.feature, entry.category.mapped) {
        (_, CategoryMatch::Known(c)) if c == expected => None,
        (_, CategoryMatch::NotGiven) => None,
        // Whatever an unclassified or custom category means, the core works without consent.
        (None, CategoryMatch::Unclassified | CategoryMatch::Unknown) => None,
        (None, CategoryMatch::Known(_)) => Some(finding(
            rules::CATEGORY_MISMATCH,
            Severity::Warning,
            format!("“{name}” (the widget core) is declared as {declared}, but it is strictly necessary: the widget needs it to load, with or without consent. A CMP that holds it back until consent can keep the call-back widget from loading."),
            format!("Move “{name}” to the CMP's strictly necessary category."),
            evidence,
        )),
        (Some(_), CategoryMatch::Known(Category::Necessary)) => {
            let feature = target.feature_name();
            Some(finding(
                rules::OPTIONAL_DECLARED_NECESSARY,
                Severity::Error,
                format!("“{name}” ({feature}) is declared as {declared}. {feature} needs consent, but as strictly necessary the CMP lets it run before the visitor agrees."),
                format!("Move “{name}” to the CMP's {expected_label} category (the vendor recommends {recommended} for every optional feature)."),
                evidence,
            ))
        }
        (Some(_), CategoryMatch::Known(c)) => {
            let feature = target.feature_name();
            let declared_label = c.label(EN);
            Some(finding(
                rules::CATEGORY_MISMATCH,
                Severity::Warning,
                format!("“{name}” ({feature}) is declared as {declared}, but this account puts {feature} under {expected_label}. The vendor recommends {recommended}."),
                format!("Move “{name}” to the CMP's {expected_label} category, or change the category of {feature} in this account if {declared_label} is intended."),
                evidence,
            ))
        }
        (Some(_), CategoryMatch::Unclassified) => {
            let feature = target.feature_name();
            Some(finding(
                rules::CATEGORY_UNCLASSIFIED,
                Severity::Warning,
                format!("“{name}” ({feature}) is declared as {declared}: it is not tied to a consent category, so the CMP cannot tie it to the visitor's choice (Cookiebot, for one, lets unclassified items load before consent)."),
                format!("Classify “{name}” in the CMP as {expected_label} (the vendor recommends {recommended})."),
                evidence,
            ))
        }
        (Some(_), CategoryMatch::Unknown) => {
            let feature = target.feature_name();
            Some(finding(
                rules::CATEGORY_UNKNOWN,
                Severity::Info,
                format!("“{name}” ({feature}) is declared in {declared}, a category this tool cannot map to ours."),
                format!("Make sure that category needs consent and stands for {expected_label} (the vendor recommends {recommended})."),
                evidence,
            ))
        }
    }
}

fn lifetime_finding(target: &Target<'_>, entry: &DeclaredEntry) -> Option<Finding> {
    let lifetime = entry.lifetime?;
    let expected = target.item.duration_seconds;
    let expected_text = describe_seconds(expected);
    let written = entry.lifetime_text.clone().unwrap_or_default();
    let name = &entry.name;
    match lifetime.agrees_with(expected, target.item.storage_type) {
        Some(true) => None,
        Some(false) => Some(finding(
            rules::LIFETIME_MISMATCH,
            Severity::Warning,
            format!(
                "“{name}” is declared with the lifetime “{written}” ({}); the catalog says {expected_text}.",
                lifetime.describe()
            ),
            format!("Change the lifetime of “{name}” in the CMP's declaration to {expected_text}."),
            Some(entry.evidence.clone()),
        )),
        None => Some(finding(
            rules::LIFETIME_UNREADABLE,
            Severity::Info,
            format!("The lifetime “{written}” of “{name}” could not be read, so it was not compared (the catalog says {expected_text})."),
            "Write the lifetime as a duration (“1 year”, “30 days”) or “Session”.".into(),
            Some(entry.evidence.clone()),
        )),
    }
}

fn unknown_item(entry: &DeclaredEntry, catalog_version: &str) -> Finding {
    finding(
        rules::UNKNOWN_CALLPAGE_ITEM,
        Severity::Info,
        format!(
            "“{}” looks like CallPage's{} but the catalog (version {catalog_version}) does not list it. The widget may set storage the catalog does not know yet.",
            entry.name,
            entry
                .provider
                .as_deref()
                .or(entry.domain.as_deref())
                .map(|p| format!(" ({p})"))
                .unwrap_or_default()
        ),
        "Load a newer catalog if there is one, or send the name to the catalog's maintainers (the vendor) so the declaration can be updated.".into(),
        Some(entry.evidence.clone()),
    )
}

/// Counts of findings by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Counts {
    pub fn of<'f>(findings: impl Iterator<Item = &'f Finding>) -> Counts {
        let mut counts = Counts::default();
        for f in findings {
            match f.severity {
                Severity::Error => counts.errors += 1,
                Severity::Warning => counts.warnings += 1,
                Severity::Info => counts.infos += 1,
            }
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::category::DeclaredCategory;
    use proptest::prelude::*;

    proptest! {
        /// The CSV prefilter never drops a row the collector would keep.
        #[test]
        fn the_prefilter_lets_through_everything_that_is_kept(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just("cp_"), Just("tr_"), Just("callpage"), Just("-"), Just("_"),
                    Just("visit"), Just("*"), Just("#"), Just("."), Just("x"), Just("CP_"),
                    Just("widget"), Just("or_id"), Just("_count"),
                ],
                0..6,
            ),
            wildcard in any::<bool>(),
            provider in prop_oneof![Just(None), Just(Some("CallPage")), Just(Some("Google"))],
        ) {
            let catalog = Catalog::embedded();
            let mut config = AccountConfig::vendor_default(catalog, "a", "A");
            config.features = Feature::ALL.into_iter().collect();
            let collector = Collector::new(catalog, &config);
            let name: String = parts.concat();
            let mut entry = DeclaredEntry::new(
                &name,
                DeclaredCategory::not_given(),
                Evidence { line: 1, column: 0, excerpt: String::new() },
            )
            .with_provider(provider);
            if wildcard {
                entry.set_wildcard();
            }
            let kept = collector.targets.iter().any(|t| t.covers(&entry))
                || collector.looks_like_ours(&entry);
            prop_assert!(!kept || collector.wants(&name, provider, None), "{name:?} {wildcard}");
        }
    }
}
