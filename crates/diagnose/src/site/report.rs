//! The site check as a Markdown report, to paste into a ticket or an email to the customer:
//! the counts, each finding grouped by severity with its place, the excerpt and the fix, and
//! what the check recognised on the page.
//!
//! Everything that comes from the page is escaped for Markdown (and for HTML, which many
//! Markdown renderers pass through): an excerpt sits in a code fence longer than any run of
//! backticks in it; prose has `\`, `` ` ``, `*`, `_`, `[`, `]`, `<`, `>`, `|` and `#`
//! backslash-escaped, so a hostile page cannot add links, images or markup to the report.

use std::fmt::Write as _;

use cookie_admin_core::i18n::{pick, plural_pl};
use cookie_admin_core::{Language, Severity};

use super::Report;
use crate::finding::Finding;

/// The report for a page called `title` (a file name, or "pasted source"), in English.
pub fn markdown(report: &Report, title: &str) -> String {
    markdown_in(report, title, Language::En)
}

/// The report in `lang` (the findings are in the language the check was run in).
pub fn markdown_in(report: &Report, title: &str, lang: Language) -> String {
    let l = lang;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {}: {}",
        pick(l, "CallPage site check", "Sprawdzenie strony CallPage"),
        escape(title)
    );
    out.push('\n');
    let s = &report.summary;
    match l {
        Language::En => {
            let _ = write!(
                out,
                "Page: {} bytes, {} lines, {} scripts, read as {}.",
                s.bytes, s.lines, s.scripts, s.encoding
            );
        }
        Language::Pl => {
            let _ = write!(
                out,
                "Strona: {} {}, {} {}, {} {}, odczytana jako {}.",
                s.bytes,
                plural_pl(s.bytes, "bajt", "bajty", "bajtów"),
                s.lines,
                plural_pl(s.lines, "wiersz", "wiersze", "wierszy"),
                s.scripts,
                plural_pl(s.scripts, "skrypt", "skrypty", "skryptów"),
                s.encoding
            );
        }
    }
    if let Some(account) = &s.account {
        let _ = match l {
            Language::En => write!(out, " Checked against the account {}.", escape(account)),
            Language::Pl => write!(out, " Sprawdzono względem konta {}.", escape(account)),
        };
    } else {
        out.push_str(pick(
            l,
            " Checked without an account configuration.",
            " Sprawdzono bez konfiguracji konta.",
        ));
    }
    if let Some(har) = &s.har {
        let creator = har
            .creator
            .as_deref()
            .map(|c| format!(" ({})", escape(c)))
            .unwrap_or_default();
        let _ = match l {
            Language::En => write!(out, " HAR recording: {} requests{creator}.", har.entries),
            Language::Pl => write!(
                out,
                " Nagranie HAR: {} {}{creator}.",
                har.entries,
                plural_pl(har.entries, "żądanie", "żądania", "żądań")
            ),
        };
    }
    out.push_str("\n\n");
    let _ = writeln!(out, "**{}.**", counts(report, l));
    if report.findings.is_empty() {
        out.push_str(pick(
            l,
            "\nNo problems found.\n",
            "\nNie znaleziono problemów.\n",
        ));
    }
    let mut number = 0;
    for (severity, heading) in [
        (Severity::Error, pick(l, "Errors", "Błędy")),
        (Severity::Warning, pick(l, "Warnings", "Ostrzeżenia")),
        (Severity::Info, pick(l, "Notes", "Uwagi")),
    ] {
        let group: Vec<&Finding> = report
            .findings
            .iter()
            .filter(|f| f.severity == severity)
            .collect();
        if group.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n## {heading}\n");
        for f in group {
            number += 1;
            finding(&mut out, number, f, l);
        }
    }
    if !s.seen.is_empty() {
        out.push_str(pick(
            l,
            "\n## What the check found on the page\n\n| Line | What | Details |\n| ---: | --- | --- |\n",
            "\n## Co sprawdzenie znalazło na stronie\n\n| Wiersz | Co | Szczegóły |\n| ---: | --- | --- |\n",
        ));
        for item in &s.seen {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                item.line,
                escape(&item.what),
                escape(&item.note)
            );
        }
    }
    out
}

fn finding(out: &mut String, number: usize, f: &Finding, l: Language) {
    let _ = writeln!(out, "{number}. {}", escape(&f.message));
    let _ = writeln!(out, "   - {}: `{}`", pick(l, "Rule", "Reguła"), f.id);
    if let Some(e) = &f.evidence {
        if e.line > 0 {
            let _ = match l {
                Language::En => writeln!(out, "   - Where: line {}, column {}", e.line, e.column),
                Language::Pl => {
                    writeln!(out, "   - Gdzie: wiersz {}, kolumna {}", e.line, e.column)
                }
            };
        }
        if !e.excerpt.is_empty() {
            let fence = "`".repeat(longest_backtick_run(&e.excerpt).max(2) + 1);
            let _ = writeln!(
                out,
                "\n     {fence}html\n     {}\n     {fence}\n",
                e.excerpt
            );
        }
    }
    let _ = writeln!(
        out,
        "   - {}: {}",
        pick(l, "Fix", "Jak naprawić"),
        escape(&f.fix)
    );
}

fn longest_backtick_run(text: &str) -> usize {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    longest
}

/// Prose safe for Markdown and for HTML passed through by a renderer.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// "2 errors, 1 warning, 0 notes" in `lang`: the counts line of the Markdown report and of the
/// CLI's terminal output.
pub fn counts(report: &Report, lang: Language) -> String {
    match lang {
        Language::En => format!(
            "{} error{}, {} warning{}, {} note{}",
            report.errors,
            plural(report.errors),
            report.warnings,
            plural(report.warnings),
            report.infos,
            plural(report.infos)
        ),
        Language::Pl => format!(
            "{} {}, {} {}, {} {}",
            report.errors,
            plural_pl(report.errors, "błąd", "błędy", "błędów"),
            report.warnings,
            plural_pl(report.warnings, "ostrzeżenie", "ostrzeżenia", "ostrzeżeń"),
            report.infos,
            plural_pl(report.infos, "uwaga", "uwagi", "uwag")
        ),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_text_cannot_add_markup() {
        assert_eq!(
            escape("<img src=x onerror=alert(1)> [a](b) `c` *d*"),
            "\\<img src=x onerror=alert(1)\\> \\[a\\](b) \\`c\\` \\*d\\*"
        );
        assert_eq!(longest_backtick_run("a ```` b ` c"), 4);
    }
}
