//! The declaration audit (issue 14): a customer's CMP cookie report against the catalog and the
//! account's configuration.
//!
//! [`audit`] reads a report (a byte stream the caller opens), recognises its format by content,
//! and returns one [`AuditRow`] per catalog storage item of the enabled features (declared or
//! missing, declared category mapped to ours, lifetime compared) plus rows for items of
//! features that are off but still declared (stale), each with its [`Finding`]s; and findings
//! about the report itself (CallPage-looking entries the catalog does not know, rows skipped).
//!
//! Formats (see `docs/declaration-audit.md` for their public descriptions):
//! - CSV: the Open Cookie Database's columns, our declaration and cookie list CSV, Didomi's
//!   compliance report cookie sheet, and any other CSV through a [`ColumnMapping`]. Streamed:
//!   a report of any size is read in bounded memory.
//! - OneTrust domain data JSON, Cookiebot's dialog script (`cc.js`) and its declaration saved
//!   as HTML: read whole, up to [`DOCUMENT_LIMIT`] bytes.
//!
//! A report that cannot be read at all is an [`Error`] naming the line or JSON path; problems
//! inside a readable report are findings. Nothing here panics on any input.

mod category;
mod compare;
mod cookiebot;
mod csv_report;
mod entry;
mod export;
mod input;
mod js_literal;
mod lifetime;
mod mapping;
mod onetrust;
pub mod rules;

use std::io::Read;

use cookie_admin_core::{AccountConfig, Catalog, Category, Language, Severity, StorageType};
use serde::Serialize;

pub use category::{CategoryMatch, DeclaredCategory};
pub use compare::Counts;
pub use csv_report::MAX_RECORD_BYTES;
pub use entry::DeclaredEntry;
pub use export::{to_csv, to_markdown, ExportFormat};
pub use input::DOCUMENT_LIMIT;
pub use lifetime::Lifetime;
pub use mapping::{header_key, suggest_mapping, ColumnMapping};

use crate::error::{Error, Result};
use crate::finding::Finding;

/// The report formats this audit reads, as recognised (or chosen).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    OpenCookieDatabaseCsv,
    DeclarationCsv,
    CookieListCsv,
    DidomiCsv,
    MappedCsv,
    OnetrustJson,
    CookiebotScript,
    CookiebotHtml,
}

impl ReportFormat {
    pub fn id(self) -> &'static str {
        match self {
            ReportFormat::OpenCookieDatabaseCsv => "open_cookie_database_csv",
            ReportFormat::DeclarationCsv => "declaration_csv",
            ReportFormat::CookieListCsv => "cookie_list_csv",
            ReportFormat::DidomiCsv => "didomi_csv",
            ReportFormat::MappedCsv => "mapped_csv",
            ReportFormat::OnetrustJson => "onetrust_json",
            ReportFormat::CookiebotScript => "cookiebot_script",
            ReportFormat::CookiebotHtml => "cookiebot_html",
        }
    }

    /// A name for people, in `lang`.
    pub fn name(self, lang: Language) -> &'static str {
        if lang == Language::Pl {
            return match self {
                ReportFormat::OpenCookieDatabaseCsv => "CSV z kolumnami Open Cookie Database",
                ReportFormat::DeclarationCsv => "CSV z deklaracją z CallPage Cookie Admin",
                ReportFormat::CookieListCsv => "CSV z listą cookies z CallPage Cookie Admin",
                ReportFormat::DidomiCsv => "Raport zgodności Didomi, arkusz cookies (CSV)",
                ReportFormat::MappedCsv => "CSV odczytany według wybranych kolumn",
                ReportFormat::OnetrustJson => "Dane domeny z OneTrust (JSON)",
                ReportFormat::CookiebotScript => "Skrypt okna Cookiebot (cc.js)",
                ReportFormat::CookiebotHtml => "Deklaracja cookies Cookiebot (zapisany HTML)",
            };
        }
        match self {
            ReportFormat::OpenCookieDatabaseCsv => "CSV with the Open Cookie Database's columns",
            ReportFormat::DeclarationCsv => "CallPage Cookie Admin declaration CSV",
            ReportFormat::CookieListCsv => "CallPage Cookie Admin cookie list CSV",
            ReportFormat::DidomiCsv => "Didomi compliance report, cookie sheet (CSV)",
            ReportFormat::MappedCsv => "CSV read through a column mapping",
            ReportFormat::OnetrustJson => "OneTrust domain data (JSON)",
            ReportFormat::CookiebotScript => "Cookiebot dialog script (cc.js)",
            ReportFormat::CookiebotHtml => "Cookiebot cookie declaration (saved HTML)",
        }
    }

    /// A scan of what the site set, not a declaration: missing items are warnings, there are
    /// no categories.
    pub fn is_observed(self) -> bool {
        self == ReportFormat::DidomiCsv
    }
}

/// The format the user asks for (`--format`); `Auto` recognises it by content.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FormatChoice {
    #[default]
    Auto,
    Csv,
    Onetrust,
    Cookiebot,
    Didomi,
}

impl FormatChoice {
    pub const ALL: [FormatChoice; 5] = [
        FormatChoice::Auto,
        FormatChoice::Csv,
        FormatChoice::Onetrust,
        FormatChoice::Cookiebot,
        FormatChoice::Didomi,
    ];

    pub fn id(self) -> &'static str {
        match self {
            FormatChoice::Auto => "auto",
            FormatChoice::Csv => "csv",
            FormatChoice::Onetrust => "onetrust",
            FormatChoice::Cookiebot => "cookiebot",
            FormatChoice::Didomi => "didomi",
        }
    }

    pub fn parse(id: &str) -> Result<FormatChoice> {
        FormatChoice::ALL
            .into_iter()
            .find(|f| f.id() == id.trim())
            .ok_or_else(|| Error::Format {
                what: "report format".into(),
                message: format!(
                    "unknown format '{}'; expected one of: auto, csv, onetrust, cookiebot, didomi",
                    id.trim()
                ),
            })
    }
}

/// How to read the report, and in which language to write the result.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditOptions {
    pub format: FormatChoice,
    /// Column mapping for a CSV (wins over recognising its header).
    pub mapping: Option<ColumnMapping>,
    /// The language of the findings, labels and exports (default English).
    pub language: Language,
}

/// Where a catalog item stands in the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowStatus {
    /// The feature is on and the report lists the item.
    Declared,
    /// The feature is on and the report does not list the item.
    Missing,
    /// The feature is off but the report lists the item.
    Stale,
    /// Web storage the report cannot show: a scan of the site's cookies (Didomi) lists cookies
    /// only.
    NotInScan,
}

/// One catalog item against the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditRow {
    /// `core` or the feature id.
    pub feature: String,
    pub feature_name: String,
    pub enabled: bool,
    /// The catalog name (a prefix when `is_pattern`).
    pub name: String,
    /// As shown to people: a pattern gets a trailing `*`.
    pub display_name: String,
    pub is_pattern: bool,
    pub storage_type: StorageType,
    /// The category the account gives the item's feature (`necessary` for the core).
    pub expected_category: Category,
    pub expected_category_label: String,
    pub expected_duration_seconds: u64,
    pub expected_duration_text: String,
    pub status: RowStatus,
    /// The report's entries for the item (the first few, when it lists it many times).
    pub declared: Vec<DeclaredEntry>,
    /// Whether every declared category maps to the expected one (`None`: not declared, or the
    /// report has no categories).
    pub category_ok: Option<bool>,
    /// Whether every readable declared lifetime agrees (`None`: none to compare).
    pub lifetime_ok: Option<bool>,
    /// What is wrong with this row (or worth knowing).
    pub findings: Vec<Finding>,
}

/// The whole audit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditResult {
    /// The language its texts (and its exports) are in.
    pub language: Language,
    pub format: ReportFormat,
    pub format_name: &'static str,
    /// A scan of the site (Didomi) rather than a declaration.
    pub observed: bool,
    pub catalog_version: String,
    /// Cookie entries read from the report.
    pub entries: usize,
    /// Whether the report gives categories.
    pub categories_given: bool,
    /// A CSV report's header row (empty for other formats); [`header_key`] of it is the key a
    /// column mapping is remembered under.
    pub headers: Vec<String>,
    pub rows: Vec<AuditRow>,
    /// CallPage-looking entries the catalog does not know (the first hundred).
    pub unknown_items: Vec<DeclaredEntry>,
    /// Findings about the report as a whole (and the unknown entries).
    pub findings: Vec<Finding>,
    /// Counts over every finding, rows' and report's.
    pub counts: Counts,
}

impl AuditResult {
    fn new(
        language: Language,
        info: compare::ReportInfo,
        observed: bool,
        catalog_version: String,
        rows: Vec<AuditRow>,
        unknown_items: Vec<DeclaredEntry>,
        findings: Vec<Finding>,
    ) -> AuditResult {
        let format = info.format.unwrap_or(ReportFormat::MappedCsv);
        let counts = Counts::of(
            rows.iter()
                .flat_map(|r| r.findings.iter())
                .chain(findings.iter()),
        );
        AuditResult {
            language,
            format,
            format_name: format.name(language),
            observed,
            catalog_version,
            entries: info.entries,
            categories_given: info.categories_given,
            headers: info.headers,
            rows,
            unknown_items,
            findings,
            counts,
        }
    }

    /// Every finding: the rows' in row order, then the report's.
    pub fn all_findings(&self) -> impl Iterator<Item = &Finding> {
        self.rows
            .iter()
            .flat_map(|r| r.findings.iter())
            .chain(self.findings.iter())
    }

    pub fn has_errors(&self) -> bool {
        self.all_findings().any(|f| f.severity == Severity::Error)
    }
}

/// Audit a CMP report read from `input` against the catalog and the account's configuration.
pub fn audit<R: Read>(
    input: R,
    options: &AuditOptions,
    catalog: &Catalog,
    config: &AccountConfig,
) -> Result<AuditResult> {
    let peeked = input::Peeked::new(input)?;
    let shape = input::sniff(&peeked.sample)?;
    let mut collector = compare::Collector::new(catalog, config, options.language);
    let mut info = compare::ReportInfo::default();
    let wrong = |asked: &str, found: &str| Error::Format {
        what: "report".into(),
        message: format!("--format {asked} was asked for, but the file looks like {found}"),
    };
    let looks = |shape: input::Shape| match shape {
        input::Shape::Json => "JSON",
        input::Shape::Html => "HTML",
        input::Shape::Script => "a script",
        input::Shape::Csv => "CSV",
    };
    use input::Shape;
    let csv_request = match (options.format, shape) {
        (FormatChoice::Auto | FormatChoice::Csv, Shape::Csv) => {
            Some(csv_report::CsvRequest::Auto(options.mapping.as_ref()))
        }
        (FormatChoice::Didomi, Shape::Csv) => Some(csv_report::CsvRequest::Didomi),
        (FormatChoice::Csv | FormatChoice::Didomi, other) => {
            return Err(wrong(options.format.id(), looks(other)))
        }
        (FormatChoice::Onetrust, Shape::Html | Shape::Script | Shape::Csv) => {
            return Err(wrong("onetrust", looks(shape)))
        }
        (FormatChoice::Cookiebot, Shape::Json) => return Err(wrong("cookiebot", looks(shape))),
        _ => None,
    };
    if let Some(request) = csv_request {
        let sample = peeked.sample.clone();
        let summary = csv_report::read(peeked.into_reader(), &sample, request, &mut collector)?;
        info.format = summary.format;
        info.entries = summary.entries;
        info.skipped = summary.skipped;
        info.first_skipped_line = summary.first_skipped_line;
        info.non_utf8_line = summary.first_non_utf8_line;
        info.categories_given = summary.categories_given;
        info.headers = summary.headers;
    } else {
        let (format, what) = match shape {
            Shape::Json => (ReportFormat::OnetrustJson, "OneTrust domain data"),
            Shape::Html => (ReportFormat::CookiebotHtml, "Cookiebot cookie declaration"),
            // `--format cookiebot` on text that did not look like a script: read it as one.
            Shape::Script | Shape::Csv => {
                (ReportFormat::CookiebotScript, "Cookiebot dialog script")
            }
        };
        let (text, replaced) = peeked.into_text(what)?;
        let mut sink = |e| collector.add(e);
        info.entries = match format {
            ReportFormat::OnetrustJson => onetrust::read(&text, &mut sink)?,
            ReportFormat::CookiebotHtml => cookiebot::read_html(&text, &mut sink)?,
            _ => cookiebot::read_script(&text, &mut sink)?,
        };
        info.format = Some(format);
        info.categories_given = true;
        info.non_utf8_line = replaced.then_some(0);
    }
    let observed = info.format.is_some_and(ReportFormat::is_observed);
    Ok(collector.finish(info, observed))
}
