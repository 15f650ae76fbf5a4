//! The site check as a Markdown report, to paste into a ticket or an email to the customer:
//! the counts, each finding grouped by severity with its place, the excerpt and the fix, and
//! what the check recognised on the page.
//!
//! Everything that comes from the page is escaped for Markdown (and for HTML, which many
//! Markdown renderers pass through): an excerpt sits in a code fence longer than any run of
//! backticks in it; prose has `\`, `` ` ``, `*`, `_`, `[`, `]`, `<`, `>`, `|` and `#`
//! backslash-escaped, so a hostile page cannot add links, images or markup to the report.

use std::fmt::Write as _;

use cookie_admin_core::Severity;

use super::Report;
use crate::finding::Finding;

/// The report for a page called `title` (a file name, or "pasted source").
pub fn markdown(report: &Report, title: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# CallPage site check: {}", escape(title));
    out.push('\n');
    let s = &report.summary;
    let _ = write!(
        out,
        "Page: {} bytes, {} lines, {} scripts, read as {}.",
        s.bytes, s.lines, s.scripts, s.encoding
    );
    if let Some(account) = &s.account {
        let _ = write!(out, " Checked against the account {}.", escape(account));
    } else {
        out.push_str(" Checked without an account configuration.");
    }
    if let Some(har) = &s.har {
        let _ = write!(
            out,
            " HAR recording: {} requests{}.",
            har.entries,
            har.creator
                .as_deref()
                .map(|c| format!(" ({})", escape(c)))
                .unwrap_or_default()
        );
    }
    out.push_str("\n\n");
    let _ = writeln!(
        out,
        "**{} error{}, {} warning{}, {} note{}.**",
        report.errors,
        plural(report.errors),
        report.warnings,
        plural(report.warnings),
        report.infos,
        plural(report.infos)
    );
    if report.findings.is_empty() {
        out.push_str("\nNo problems found.\n");
    }
    let mut number = 0;
    for (severity, heading) in [
        (Severity::Error, "Errors"),
        (Severity::Warning, "Warnings"),
        (Severity::Info, "Notes"),
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
            finding(&mut out, number, f);
        }
    }
    if !s.seen.is_empty() {
        out.push_str("\n## What the check found on the page\n\n| Line | What | Details |\n| ---: | --- | --- |\n");
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

fn finding(out: &mut String, number: usize, f: &Finding) {
    let _ = writeln!(out, "{number}. {}", escape(&f.message));
    let _ = writeln!(out, "   - Rule: `{}`", f.id);
    if let Some(e) = &f.evidence {
        if e.line > 0 {
            let _ = writeln!(out, "   - Where: line {}, column {}", e.line, e.column);
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
    let _ = writeln!(out, "   - Fix: {}", escape(&f.fix));
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
