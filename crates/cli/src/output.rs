//! Writing to standard output: plain tables, JSON and CSV. Every write returns an error
//! instead of panicking (e.g. when the output pipe is closed).
//!
//! Text for people (tables, reports, error lines) goes through [`visible`]: account names,
//! notes and authors come from customers' files and could hold terminal escape sequences
//! (ESC, BEL, C1 controls) or bidirectional controls that reorder what is shown. They are
//! printed as visible escapes (`\x1b`, `\u{202e}`) instead. JSON, CSV, snippets and
//! declarations are printed exactly ([`print`]): they are data for programs.

use std::borrow::Cow;
use std::io::{self, Write};

use serde::Serialize;

use crate::error::CliError;

/// Whether a character would act on a terminal (or reorder text) instead of showing: C0 and
/// C1 controls, DEL, and the bidirectional controls.
fn acts_on_terminal(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// User text made safe to show on a terminal: every control character becomes a visible
/// escape (`\x1b`, `\x07`, `\n`, `\u{9b}`, `\u{202e}`). The one helper for every piece of
/// user text the CLI prints for people.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(acts_on_terminal) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if acts_on_terminal(c) && u32::from(c) < 0x80 => {
                out.push_str(&format!("\\x{:02x}", u32::from(c)));
            }
            c if acts_on_terminal(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Write text for people: each line through [`visible`] (the line breaks are kept).
pub fn print_text(text: &str) -> Result<(), CliError> {
    let safe: Vec<Cow<'_, str>> = text.split('\n').map(visible).collect();
    print(&safe.join("\n"))
}

/// Write text to standard output exactly as it is (JSON, CSV, snippets, declarations).
pub fn print(text: &str) -> Result<(), CliError> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Write a value as pretty JSON with a trailing newline.
pub fn print_json<T: Serialize>(value: &T) -> Result<(), CliError> {
    let text =
        serde_json::to_string_pretty(value).map_err(|e| CliError::Write(io::Error::other(e)))?;
    print(&format!("{text}\n"))
}

/// Write rows as CSV with a header row from the field names, through the core's one CSV
/// writer (every cell defused against formula injection).
pub fn print_csv<T: Serialize>(rows: &[T]) -> Result<(), CliError> {
    print(&cookie_admin_core::csv_safe::rows_to_csv(rows)?)
}

/// A plain-text table: a header, a rule, one line per row; columns padded to the widest cell.
/// Cells go through [`visible`], so a cell is always one line and never a terminal command.
pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|row| row.iter().map(|c| visible(c).into_owned()).collect())
        .collect();
    let rows = rows.as_slice();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(cell.chars().count());
            }
        }
    }
    let line = |cells: &mut dyn Iterator<Item = &str>| {
        let mut text = String::new();
        for (i, cell) in cells.enumerate() {
            let width = widths.get(i).copied().unwrap_or(0);
            if i > 0 {
                text.push_str("  ");
            }
            text.push_str(cell);
            if i + 1 < widths.len() {
                let pad = width.saturating_sub(cell.chars().count());
                text.extend(std::iter::repeat_n(' ', pad));
            }
        }
        text.trim_end().to_string() + "\n"
    };
    let mut out = line(&mut headers.iter().copied());
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    out.push_str(&line(&mut rule.iter().map(String::as_str)));
    for row in rows {
        out.push_str(&line(&mut row.iter().map(String::as_str)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_pads_columns_by_characters() {
        let text = table(
            &["Name", "Type"],
            &[
                vec!["żółw".into(), "x".into()],
                vec!["ab".into(), "yy".into()],
            ],
        );
        assert_eq!(text, "Name  Type\n----  ----\nżółw  x\nab    yy\n");
    }

    #[test]
    fn control_characters_are_shown_not_sent() {
        assert_eq!(visible("plain żółw"), "plain żółw");
        assert_eq!(
            visible("a\u{1b}[2Jb\u{7}c\nd\u{9b}e\u{202e}f\u{7f}"),
            "a\\x1b[2Jb\\x07c\\nd\\u{9b}e\\u{202e}f\\x7f"
        );
        let t = table(&["N"], &[vec!["x\u{1b}]0;t\u{7}\ny".into()]]);
        assert_eq!(t, "N\n----------------\nx\\x1b]0;t\\x07\\ny\n");
    }
}
