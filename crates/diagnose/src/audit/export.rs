//! The audit result for the customer: CSV (one line per catalog item, then one per finding
//! about the report) or Markdown (a summary, the table, then what to fix).
//!
//! Every cell goes through the core's escaping: RFC 4180 CSV with formula-looking cells
//! defused (`cookie_admin_core::cmp::escape::csv_line`), Markdown cells with HTML and pipes
//! escaped (`md_cell`). A report's text (a cookie name, a category) can therefore neither run
//! as a spreadsheet formula nor break the table.

use cookie_admin_core::cmp::escape::md_cell;
use cookie_admin_core::csv_safe::CsvText;
use cookie_admin_core::i18n::{count, pick};
use cookie_admin_core::{Language, Severity};

use super::{AuditResult, AuditRow, DeclaredEntry, RowStatus};
use crate::error::{Error, Result};
use crate::finding::Finding;

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Markdown,
}

impl ExportFormat {
    pub fn parse(id: &str) -> Result<ExportFormat> {
        match id.trim() {
            "csv" => Ok(ExportFormat::Csv),
            "md" | "markdown" => Ok(ExportFormat::Markdown),
            other => Err(Error::Format {
                what: "export format".into(),
                message: format!("unknown format '{other}'; expected csv or md"),
            }),
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Markdown => "md",
        }
    }
}

fn status(status: RowStatus, lang: Language) -> &'static str {
    match status {
        RowStatus::Declared => pick(lang, "declared", "zadeklarowany"),
        RowStatus::Missing => pick(lang, "missing", "brak"),
        RowStatus::Stale => pick(
            lang,
            "stale (feature off)",
            "nieaktualny (funkcja wyłączona)",
        ),
        RowStatus::NotInScan => pick(
            lang,
            "not in a cookie scan (web storage)",
            "poza skanem cookies (pamięć przeglądarki)",
        ),
    }
}

fn severity(s: Severity, lang: Language) -> &'static str {
    match s {
        Severity::Error => pick(lang, "error", "błąd"),
        Severity::Warning => pick(lang, "warning", "ostrzeżenie"),
        Severity::Info => pick(lang, "note", "informacja"),
    }
}

/// How the report declares the item: names, categories and lifetimes of its entries.
fn declared_names(row: &AuditRow) -> String {
    row.declared
        .iter()
        .map(|e| e.name.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

fn declared_categories(row: &AuditRow) -> String {
    join(&row.declared, |e| {
        if e.category.raw.is_empty() {
            None
        } else {
            Some(e.category.raw.clone())
        }
    })
}

fn declared_lifetimes(row: &AuditRow) -> String {
    join(&row.declared, |e| e.lifetime_text.clone())
}

fn join(entries: &[DeclaredEntry], f: impl Fn(&DeclaredEntry) -> Option<String>) -> String {
    let mut seen: Vec<String> = Vec::new();
    for value in entries.iter().filter_map(f) {
        if !seen.contains(&value) {
            seen.push(value);
        }
    }
    seen.join("; ")
}

fn worst(findings: &[Finding], lang: Language) -> &'static str {
    findings
        .iter()
        .map(|f| f.severity)
        .min()
        .map_or("ok", |s| severity(s, lang))
}

fn lines(findings: &[Finding], f: impl Fn(&Finding) -> String) -> String {
    findings.iter().map(f).collect::<Vec<_>>().join("\n")
}

/// The audit as CSV.
pub fn to_csv(result: &AuditResult) -> String {
    let lang = result.language;
    let mut out = CsvText::new();
    out.row(match lang {
        Language::En => [
            "Status",
            "Feature",
            "Item",
            "Storage",
            "Expected category",
            "Expected lifetime",
            "Declared as",
            "Declared category",
            "Declared lifetime",
            "Result",
            "Finding ids",
            "Problems",
            "Fixes",
        ],
        Language::Pl => [
            "Stan",
            "Funkcja",
            "Pozycja",
            "Rodzaj danych",
            "Oczekiwana kategoria",
            "Oczekiwany czas przechowywania",
            "Zadeklarowane jako",
            "Zadeklarowana kategoria",
            "Zadeklarowany czas przechowywania",
            "Wynik",
            "Identyfikatory ustaleń",
            "Problemy",
            "Jak poprawić",
        ],
    });
    for row in &result.rows {
        out.row([
            status(row.status, lang).to_string(),
            row.feature_name.clone(),
            row.display_name.clone(),
            row.storage_type.label(lang).to_string(),
            row.expected_category_label.clone(),
            row.expected_duration_text.clone(),
            declared_names(row),
            declared_categories(row),
            declared_lifetimes(row),
            worst(&row.findings, lang).to_string(),
            lines(&row.findings, |f| f.id.to_string()),
            lines(&row.findings, |f| f.message.clone()),
            lines(&row.findings, |f| f.fix.clone()),
        ]);
    }
    for f in &result.findings {
        let line = f
            .evidence
            .as_ref()
            .filter(|e| e.line > 0)
            .map(|e| format!("{} {}", pick(lang, "line", "linia"), e.line))
            .unwrap_or_default();
        out.row([
            pick(lang, "report", "raport").to_string(),
            String::new(),
            line,
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            severity(f.severity, lang).to_string(),
            f.id.to_string(),
            f.message.clone(),
            f.fix.clone(),
        ]);
    }
    out.finish()
}

/// The audit as Markdown, titled with the account's name.
pub fn to_markdown(result: &AuditResult, account: &str) -> String {
    let lang = result.language;
    if lang == Language::Pl {
        return to_markdown_pl(result, account);
    }
    let c = result.counts;
    let mut out = format!(
        "# CallPage widget: cookie declaration audit for {}\n\n",
        md_cell(account)
    );
    out.push_str(&format!(
        "Report: {}, {} entr{} read. Catalog version {}.\n\n",
        md_cell(result.format_name),
        result.entries,
        if result.entries == 1 { "y" } else { "ies" },
        md_cell(&result.catalog_version)
    ));
    out.push_str(&format!(
        "**{} error{}, {} warning{}, {} note{}.**\n\n",
        c.errors,
        plural(c.errors),
        c.warnings,
        plural(c.warnings),
        c.infos,
        plural(c.infos)
    ));
    push_table_and_fixes(&mut out, result, lang);
    out
}

/// [`to_markdown`] in Polish: the same table and list, in Polish words.
fn to_markdown_pl(result: &AuditResult, account: &str) -> String {
    let lang = Language::Pl;
    let c = result.counts;
    let mut out = format!(
        "# Widżet CallPage: sprawdzenie deklaracji cookies dla konta {}\n\n",
        md_cell(account)
    );
    out.push_str(&format!(
        "Raport: {}, odczytano {}. Wersja katalogu {}.\n\n",
        md_cell(result.format_name),
        count(lang, result.entries, ("", ""), ("wpis", "wpisy", "wpisów")),
        md_cell(&result.catalog_version)
    ));
    out.push_str(&format!(
        "**{}, {}, {}.**\n\n",
        count(lang, c.errors, ("", ""), ("błąd", "błędy", "błędów")),
        count(
            lang,
            c.warnings,
            ("", ""),
            ("ostrzeżenie", "ostrzeżenia", "ostrzeżeń")
        ),
        count(
            lang,
            c.infos,
            ("", ""),
            ("informacja", "informacje", "informacji")
        ),
    ));
    push_table_and_fixes(&mut out, result, lang);
    out
}

/// The table (one row per catalog item) and the list of what to fix, in `lang`: the part of the
/// Markdown that is the same in every language but for its words.
fn push_table_and_fixes(out: &mut String, result: &AuditResult, lang: Language) {
    out.push_str(pick(
        lang,
        "| Item | Feature | Status | Declared as | Category (expected) | Lifetime (expected) | Result |\n",
        "| Pozycja | Funkcja | Stan | Zadeklarowane jako | Kategoria (oczekiwana) | Czas przechowywania (oczekiwany) | Wynik |\n",
    ));
    out.push_str("|---|---|---|---|---|---|---|\n");
    for row in &result.rows {
        let category = match declared_categories(row) {
            d if d.is_empty() => format!("— ({})", row.expected_category_label),
            d => format!("{d} ({})", row.expected_category_label),
        };
        let lifetime = match declared_lifetimes(row) {
            d if d.is_empty() => format!("— ({})", row.expected_duration_text),
            d => format!("{d} ({})", row.expected_duration_text),
        };
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} |\n",
            md_cell(&row.display_name),
            md_cell(&row.feature_name),
            status(row.status, lang),
            md_cell(&declared_names(row)),
            md_cell(&category),
            md_cell(&lifetime),
            worst(&row.findings, lang)
        ));
    }
    let findings: Vec<&Finding> = result.all_findings().collect();
    if findings.is_empty() {
        out.push_str(pick(
            lang,
            "\nNothing to fix: the declaration matches the catalog and the account.\n",
            "\nNic do poprawienia: deklaracja zgadza się z katalogiem i kontem.\n",
        ));
        return;
    }
    out.push_str(pick(lang, "\n## What to fix\n\n", "\n## Co poprawić\n\n"));
    for f in findings {
        let at = f
            .evidence
            .as_ref()
            .filter(|e| e.line > 0)
            .map(|e| match lang {
                Language::En => format!(" (report line {})", e.line),
                Language::Pl => format!(" (linia {} raportu)", e.line),
            })
            .unwrap_or_default();
        out.push_str(&format!(
            "- **{}** {}{} {} {} `{}`\n",
            severity(f.severity, lang),
            md_cell(&f.message),
            md_cell(&at),
            pick(lang, "Fix:", "Jak poprawić:"),
            md_cell(&f.fix),
            f.id
        ));
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
