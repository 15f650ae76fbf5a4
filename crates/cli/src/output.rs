//! Writing to standard output: plain tables, JSON and CSV. Every write returns an error
//! instead of panicking (e.g. when the output pipe is closed).

use std::io::{self, Write};

use serde::Serialize;

use crate::error::CliError;

/// Write text to standard output.
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

/// Write rows as CSV with a header row from the field names.
pub fn print_csv<T: Serialize>(rows: &[T]) -> Result<(), CliError> {
    let mut writer = csv::Writer::from_writer(io::stdout().lock());
    for row in rows {
        writer.serialize(row)?;
    }
    writer.flush()?;
    Ok(())
}

/// A plain-text table: a header, a rule, one line per row; columns padded to the widest cell.
pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
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
}
