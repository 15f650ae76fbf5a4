//! Report entries against the catalog and the account: which catalog items are declared, in
//! which category and with which lifetime, which are missing, which are stale, and which
//! CallPage-looking entries the catalog does not know.
//!
//! Entries arrive one at a time (CSV reports stream); only those that match a catalog item or
//! look like CallPage's are kept, so memory stays small whatever the report's size.

use cookie_admin_core::checks::RECOMMENDED_CATEGORY;
use cookie_admin_core::i18n::{count, pick, plural_pl};
use cookie_admin_core::{
    AccountConfig, Catalog, Category, Feature, FeatureEntry, Language, Severity, StorageItem,
    StorageType,
};
use serde::Serialize;

use super::category::CategoryMatch;
use super::entry::DeclaredEntry;
use super::lifetime::describe_seconds_in;
use super::rules;
use super::{AuditResult, AuditRow, ReportFormat, RowStatus};
use crate::finding::{Evidence, Finding};

/// Entries kept per catalog item (a report listing one name hundreds of times gains nothing).
const MAX_MATCHES_PER_ITEM: usize = 20;
/// CallPage-looking entries unknown to the catalog kept (each gets a finding).
const MAX_UNKNOWN: usize = 100;

/// One catalog item and what the account says about it.
struct Target<'a> {
    /// The language of the texts written about it.
    lang: Language,
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
        self.entry.name.get(self.lang)
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
    lang: Language,
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
    pub fn new(catalog: &'a Catalog, config: &AccountConfig, lang: Language) -> Collector<'a> {
        let mut targets = Vec::new();
        for item in &catalog.core.storage {
            targets.push(Target {
                lang,
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
                    lang,
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
            lang,
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
        let lang = self.lang;
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
                pick(lang, "The report lists no cookies at all.", "Raport nie wymienia żadnych plików cookie.").into(),
                pick(lang, "Check that this is the right file: the CMP's cookie list or declaration, not an empty export.", "Sprawdź, czy to właściwy plik: lista cookies lub deklaracja z CMP, a nie pusty eksport.").into(),
                None,
            ));
        } else if !info.categories_given && !observed {
            // A scan of the site (Didomi) has no categories by nature; the result says so.
            // A mapped CSV might have a category column the mapping left out.
            findings.push(finding(
                rules::NO_CATEGORIES,
                Severity::Info,
                pick(
                    lang,
                    "The column mapping names no category column, so categories were not compared.",
                    "Wybrane kolumny nie obejmują kolumny kategorii, więc kategorii nie porównano.",
                )
                .into(),
                pick(
                    lang,
                    "Map the category column too if the file has one.",
                    "Wskaż też kolumnę kategorii, jeśli plik ją ma.",
                )
                .into(),
                None,
            ));
        }
        if info.skipped > 0 {
            findings.push(finding(
                rules::ROWS_SKIPPED,
                Severity::Info,
                match lang {
                    Language::En => format!(
                        "{} row{} without a cookie name {} skipped{}.",
                        info.skipped,
                        if info.skipped == 1 { "" } else { "s" },
                        if info.skipped == 1 { "was" } else { "were" },
                        info.first_skipped_line
                            .map(|l| format!(" (the first on line {l})"))
                            .unwrap_or_default()
                    ),
                    Language::Pl => format!(
                        "Pominięto {} bez nazwy pliku cookie{}.",
                        count(
                            lang,
                            info.skipped,
                            ("row", "rows"),
                            ("wiersz", "wiersze", "wierszy")
                        ),
                        info.first_skipped_line
                            .map(|l| format!(" (pierwszy w linii {l})"))
                            .unwrap_or_default()
                    ),
                },
                pick(
                    lang,
                    "Fill in the names of those rows if they list cookies.",
                    "Uzupełnij nazwy w tych wierszach, jeśli opisują pliki cookie.",
                )
                .into(),
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
                match lang {
                    Language::En => format!(
                        "Some text is not UTF-8{}; those characters were replaced, so names containing them may not match.",
                        if line > 0 { format!(" (first on line {line})") } else { String::new() }
                    ),
                    Language::Pl => format!(
                        "Część tekstu nie jest w UTF-8{}; te znaki zastąpiono, więc nazwy, które je zawierają, mogą się nie zgadzać.",
                        if line > 0 { format!(" (pierwszy raz w linii {line})") } else { String::new() }
                    ),
                },
                pick(lang, "Save the file as UTF-8 (in a spreadsheet: “CSV UTF-8”) and audit it again.", "Zapisz plik w UTF-8 (w arkuszu kalkulacyjnym: „CSV UTF-8”) i sprawdź go ponownie.").into(),
                (line > 0).then(|| Evidence {
                    line,
                    column: 0,
                    excerpt: String::new(),
                }),
            ));
        }
        for entry in &self.unknown {
            findings.push(unknown_item(entry, &self.catalog.catalog_version, lang));
        }
        if self.unknown_total > self.unknown.len() {
            findings.push(finding(
                rules::UNKNOWN_CALLPAGE_ITEM,
                Severity::Info,
                match lang {
                    Language::En => format!(
                        "{} more entries look like CallPage's and are not in the catalog (only the first {} are listed).",
                        self.unknown_total - self.unknown.len(),
                        self.unknown.len()
                    ),
                    Language::Pl => {
                        let more = self.unknown_total - self.unknown.len();
                        format!(
                            "{more} {} na wpisy CallPage, a nie ma ich w katalogu (wymieniono tylko pierwsze {}).",
                            plural_pl(more, "kolejny wpis wygląda", "kolejne wpisy wyglądają", "kolejnych wpisów wygląda"),
                            self.unknown.len()
                        )
                    }
                },
                pick(lang, "Check the report: this many unknown CallPage entries is unusual.", "Sprawdź raport: tak wiele nieznanych wpisów CallPage to rzadkość.").into(),
                None,
            ));
        }
        AuditResult::new(
            lang,
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
    let expected_label = expected.label(target.lang);
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
        expected_duration_text: target.item.duration_text.get(target.lang).to_string(),
        status,
        declared,
        category_ok,
        lifetime_ok,
        findings,
    }
}

/// "“cp_visitor_id”" or "names starting with “cp_tr_”" (Polish: „…”).
fn what(target: &Target<'_>) -> String {
    match (target.lang, target.item.is_pattern) {
        (Language::En, true) => format!("names starting with “{}”", target.item.name),
        (Language::En, false) => format!("“{}”", target.item.name),
        (Language::Pl, true) => format!("nazwy zaczynające się od „{}”", target.item.name),
        (Language::Pl, false) => format!("„{}”", target.item.name),
    }
}

fn missing(target: &Target<'_>, observed: bool) -> Finding {
    let lang = target.lang;
    let what = what(target);
    let kind = target.item.storage_type.label(lang);
    let lifetime = target.item.duration_text.get(lang);
    if target.feature.is_none() {
        return finding(
            rules::ITEM_MISSING,
            Severity::Info,
            match (lang, observed) {
                (Language::En, true) => format!("{what} ({kind} of the widget core) did not appear in this scan. It is strictly necessary and needs no consent; the widget may not run on the scanned pages."),
                (Language::En, false) => format!("{what} ({kind} of the widget core, strictly necessary) is not in the report. It needs no consent, but a complete cookie policy lists it."),
                (Language::Pl, true) => format!("Elementu {what} ({kind} rdzenia widżetu) nie ma w tym skanie. Jest niezbędny i nie wymaga zgody; widżet może nie działać na skanowanych stronach."),
                (Language::Pl, false) => format!("Elementu {what} ({kind} rdzenia widżetu, niezbędny) nie ma w raporcie. Nie wymaga zgody, ale pełna polityka cookies go wymienia."),
            },
            pick(
                lang,
                format!("Add {what} to the CMP's declaration as strictly necessary, lifetime {lifetime}."),
                format!("Dodaj {what} do deklaracji w CMP jako niezbędny, czas przechowywania: {lifetime}."),
            ),
            None,
        );
    }
    let feature = target.feature_name();
    let category = target.category.label(lang);
    if observed {
        finding(
            rules::ITEM_MISSING,
            Severity::Warning,
            pick(
                lang,
                format!("{what} ({feature}, {kind}) did not appear in this scan of the site. {feature} is on, so the widget sets it once a visitor consents: the scan may not have consented, or the widget or the feature does not run on the scanned pages."),
                format!("Elementu {what} ({feature}, {kind}) nie ma w tym skanie strony. Funkcja „{feature}” jest włączona, więc widżet zapisuje go, gdy odwiedzający wyrazi zgodę: skan mógł nie wyrazić zgody albo widżet lub funkcja nie działa na skanowanych stronach."),
            ),
            pick(
                lang,
                format!("Check that the widget runs on the scanned pages with {feature} on and that the scan accepts {category} cookies; if it does, the catalog may need an update."),
                format!("Sprawdź, czy widżet działa na skanowanych stronach z włączoną funkcją „{feature}” i czy skan akceptuje pliki cookie kategorii „{category}”; jeśli tak, katalog może wymagać aktualizacji."),
            ),
            None,
        )
    } else {
        finding(
            rules::ITEM_MISSING,
            Severity::Error,
            pick(
                lang,
                format!("{what} ({feature}, {kind}, {lifetime}) is not in the report. {feature} is on, so the CMP must declare it and hold it back until the visitor consents to {category} cookies."),
                format!("Elementu {what} ({feature}, {kind}, {lifetime}) nie ma w raporcie. Funkcja „{feature}” jest włączona, więc CMP musi go deklarować i wstrzymywać, dopóki odwiedzający nie zgodzi się na pliki cookie kategorii „{category}”."),
            ),
            pick(
                lang,
                format!("Add {what} to the CMP's cookie list in the {category} category, lifetime “{lifetime}”."),
                format!("Dodaj {what} do listy cookies w CMP w kategorii „{category}”, czas przechowywania: „{lifetime}”."),
            ),
            None,
        )
    }
}

fn stale(target: &Target<'_>, entry: &DeclaredEntry, observed: bool) -> Finding {
    let lang = target.lang;
    let feature = target.feature_name();
    let name = &entry.name;
    if observed {
        finding(
            rules::STALE_ITEM,
            Severity::Warning,
            pick(
                lang,
                format!("“{name}” ({feature}) was seen on the site, but {feature} is off in this account: the site's widget runs the feature anyway, or this account is out of date."),
                format!("Element „{name}” ({feature}) widać na stronie, ale funkcja „{feature}” jest w tym koncie wyłączona: widżet na stronie i tak uruchamia tę funkcję albo to konto jest nieaktualne."),
            ),
            pick(
                lang,
                format!("Make the site and this account agree: switch {feature} off in the widget's settings for the site, or on in this account."),
                format!("Uzgodnij stronę i to konto: wyłącz funkcję „{feature}” w ustawieniach widżetu dla tej strony albo włącz ją w tym koncie."),
            ),
            Some(entry.evidence.clone()),
        )
    } else {
        finding(
            rules::STALE_ITEM,
            Severity::Warning,
            pick(
                lang,
                format!("“{name}” ({feature}) is declared, but {feature} is off in this account. A declaration should list only what the site sets."),
                format!("Element „{name}” ({feature}) jest zadeklarowany, ale funkcja „{feature}” jest w tym koncie wyłączona. Deklaracja powinna wymieniać tylko to, co strona zapisuje."),
            ),
            pick(
                lang,
                format!("Remove “{name}” from the CMP's declaration, or switch {feature} on in this account if the site uses it."),
                format!("Usuń „{name}” z deklaracji w CMP albo włącz funkcję „{feature}” w tym koncie, jeśli strona jej używa."),
            ),
            Some(entry.evidence.clone()),
        )
    }
}

fn category_finding(target: &Target<'_>, entry: &DeclaredEntry) -> Option<Finding> {
    let lang = target.lang;
    let expected = target.category;
    let expected_label = expected.label(lang);
    let recommended = RECOMMENDED_CATEGORY.label(lang);
    let declared = entry.category.describe(lang);
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
            pick(
                lang,
                format!("“{name}” (the widget core) is declared as {declared}, but it is strictly necessary: the widget needs it to load, with or without consent. A CMP that holds it back until consent can keep the call-back widget from loading."),
                format!("Element „{name}” (rdzeń widżetu) jest zadeklarowany jako {declared}, ale jest niezbędny: widżet potrzebuje go do wczytania, ze zgodą lub bez. CMP, która wstrzymuje go do czasu zgody, może nie dopuścić do wczytania widżetu oddzwaniania."),
            ),
            pick(
                lang,
                format!("Move “{name}” to the CMP's strictly necessary category."),
                format!("Przenieś „{name}” do kategorii niezbędnych w CMP."),
            ),
            evidence,
        )),
        (Some(_), CategoryMatch::Known(Category::Necessary)) => {
            let feature = target.feature_name();
            Some(finding(
                rules::OPTIONAL_DECLARED_NECESSARY,
                Severity::Error,
                pick(
                    lang,
                    format!("“{name}” ({feature}) is declared as {declared}. {feature} needs consent, but as strictly necessary the CMP lets it run before the visitor agrees."),
                    format!("Element „{name}” ({feature}) jest zadeklarowany jako {declared}. Funkcja „{feature}” wymaga zgody, a jako niezbędny CMP uruchamia go, zanim odwiedzający się zgodzi."),
                ),
                pick(
                    lang,
                    format!("Move “{name}” to the CMP's {expected_label} category (the vendor recommends {recommended} for every optional feature)."),
                    format!("Przenieś „{name}” do kategorii „{expected_label}” w CMP (dostawca zaleca kategorię „{recommended}” dla każdej funkcji opcjonalnej)."),
                ),
                evidence,
            ))
        }
        (Some(_), CategoryMatch::Known(c)) => {
            let feature = target.feature_name();
            let declared_label = c.label(lang);
            Some(finding(
                rules::CATEGORY_MISMATCH,
                Severity::Warning,
                pick(
                    lang,
                    format!("“{name}” ({feature}) is declared as {declared}, but this account puts {feature} under {expected_label}. The vendor recommends {recommended}."),
                    format!("Element „{name}” ({feature}) jest zadeklarowany jako {declared}, ale to konto przypisuje funkcję „{feature}” do kategorii „{expected_label}”. Dostawca zaleca kategorię „{recommended}”."),
                ),
                pick(
                    lang,
                    format!("Move “{name}” to the CMP's {expected_label} category, or change the category of {feature} in this account if {declared_label} is intended."),
                    format!("Przenieś „{name}” do kategorii „{expected_label}” w CMP albo zmień kategorię funkcji „{feature}” w tym koncie, jeśli kategoria „{declared_label}” jest zamierzona."),
                ),
                evidence,
            ))
        }
        (Some(_), CategoryMatch::Unclassified) => {
            let feature = target.feature_name();
            Some(finding(
                rules::CATEGORY_UNCLASSIFIED,
                Severity::Warning,
                pick(
                    lang,
                    format!("“{name}” ({feature}) is declared as {declared}: it is not tied to a consent category, so the CMP cannot tie it to the visitor's choice (Cookiebot, for one, lets unclassified items load before consent)."),
                    format!("Element „{name}” ({feature}) jest zadeklarowany jako {declared}: nie należy do żadnej kategorii zgód, więc CMP nie może uzależnić go od wyboru odwiedzającego (na przykład Cookiebot wczytuje niesklasyfikowane elementy przed zgodą)."),
                ),
                pick(
                    lang,
                    format!("Classify “{name}” in the CMP as {expected_label} (the vendor recommends {recommended})."),
                    format!("Sklasyfikuj „{name}” w CMP jako „{expected_label}” (dostawca zaleca kategorię „{recommended}”)."),
                ),
                evidence,
            ))
        }
        (Some(_), CategoryMatch::Unknown) => {
            let feature = target.feature_name();
            Some(finding(
                rules::CATEGORY_UNKNOWN,
                Severity::Info,
                pick(
                    lang,
                    format!("“{name}” ({feature}) is declared in {declared}, a category this tool cannot map to ours."),
                    format!("Element „{name}” ({feature}) jest zadeklarowany w kategorii {declared}, której to narzędzie nie umie przypisać do żadnej z naszych."),
                ),
                pick(
                    lang,
                    format!("Make sure that category needs consent and stands for {expected_label} (the vendor recommends {recommended})."),
                    format!("Upewnij się, że ta kategoria wymaga zgody i odpowiada kategorii „{expected_label}” (dostawca zaleca kategorię „{recommended}”)."),
                ),
                evidence,
            ))
        }
    }
}

fn lifetime_finding(target: &Target<'_>, entry: &DeclaredEntry) -> Option<Finding> {
    let lifetime = entry.lifetime?;
    let lang = target.lang;
    let expected = target.item.duration_seconds;
    let expected_text = describe_seconds_in(expected, lang);
    let written = entry.lifetime_text.clone().unwrap_or_default();
    let name = &entry.name;
    match lifetime.agrees_with(expected, target.item.storage_type) {
        Some(true) => None,
        Some(false) => Some(finding(
            rules::LIFETIME_MISMATCH,
            Severity::Warning,
            match lang {
                Language::En => format!(
                    "“{name}” is declared with the lifetime “{written}” ({}); the catalog says {expected_text}.",
                    lifetime.describe(lang)
                ),
                Language::Pl => format!(
                    "Element „{name}” ma zadeklarowany czas przechowywania „{written}” ({}); katalog podaje: {expected_text}.",
                    lifetime.describe(lang)
                ),
            },
            pick(
                lang,
                format!("Change the lifetime of “{name}” in the CMP's declaration to {expected_text}."),
                format!("Zmień czas przechowywania „{name}” w deklaracji w CMP na: {expected_text}."),
            ),
            Some(entry.evidence.clone()),
        )),
        None => Some(finding(
            rules::LIFETIME_UNREADABLE,
            Severity::Info,
            pick(
                lang,
                format!("The lifetime “{written}” of “{name}” could not be read, so it was not compared (the catalog says {expected_text})."),
                format!("Nie udało się odczytać czasu przechowywania „{written}” elementu „{name}”, więc go nie porównano (katalog podaje: {expected_text})."),
            ),
            pick(
                lang,
                "Write the lifetime as a duration (“1 year”, “30 days”) or “Session”.",
                "Zapisz czas przechowywania jako okres („1 rok”, „30 dni”) albo „Sesja”.",
            )
            .into(),
            Some(entry.evidence.clone()),
        )),
    }
}

fn unknown_item(entry: &DeclaredEntry, catalog_version: &str, lang: Language) -> Finding {
    let name = &entry.name;
    let by = entry
        .provider
        .as_deref()
        .or(entry.domain.as_deref())
        .map(|p| format!(" ({p})"))
        .unwrap_or_default();
    finding(
        rules::UNKNOWN_CALLPAGE_ITEM,
        Severity::Info,
        pick(
            lang,
            format!("“{name}” looks like CallPage's{by} but the catalog (version {catalog_version}) does not list it. The widget may set storage the catalog does not know yet."),
            format!("„{name}” wygląda na element CallPage{by}, ale katalog (wersja {catalog_version}) go nie wymienia. Widżet może zapisywać dane, których katalog jeszcze nie zna."),
        ),
        pick(
            lang,
            "Load a newer catalog if there is one, or send the name to the catalog's maintainers (the vendor) so the declaration can be updated.",
            "Wczytaj nowszy katalog, jeśli jest, albo wyślij tę nazwę opiekunom katalogu (dostawcy), aby można było zaktualizować deklarację.",
        )
        .into(),
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
            let collector = Collector::new(catalog, &config, Language::En);
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
