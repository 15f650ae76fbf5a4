//! Every CSV the app writes (cookie declarations, category mappings, the store's exports, the
//! CLI's `--csv`) goes through here: RFC 4180 quoting by the `csv` crate and one rule against
//! formula injection (OWASP "CSV Injection"): a cell that starts with `=`, `+`, `-`, `@`, a tab
//! or a carriage return gets a leading `'`, so a spreadsheet shows it as text instead of
//! running it. Account names, notes and catalog texts are user text and may start with any of
//! these.

use std::borrow::Cow;

use serde::Serialize;

/// The one neutralising rule: `'` before a cell a spreadsheet would read as a formula.
pub fn defuse(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// CSV text built in memory, one record at a time, every cell defused.
pub struct CsvText {
    writer: csv::Writer<Vec<u8>>,
}

impl Default for CsvText {
    fn default() -> Self {
        CsvText::new()
    }
}

impl CsvText {
    pub fn new() -> CsvText {
        CsvText {
            writer: csv::WriterBuilder::new()
                .flexible(true)
                .from_writer(Vec::new()),
        }
    }

    /// Append one record.
    pub fn row<I, S>(&mut self, cells: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let cells: Vec<String> = cells
            .into_iter()
            .map(|c| defuse(c.as_ref()).into_owned())
            .collect();
        // Writing into a Vec cannot fail: csv reports only I/O errors for string records.
        let _ = self.writer.write_record(&cells);
    }

    /// The text written so far.
    pub fn finish(self) -> String {
        let bytes = self
            .writer
            .into_inner()
            .unwrap_or_else(|e| e.into_inner().get_ref().clone());
        // Every cell came from a `&str`, so the bytes are UTF-8.
        String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into())
    }
}

/// Flat rows (structs of strings, numbers, booleans, unit enums, options) as CSV with a header
/// row of the field names, every cell defused. Rows are serialised by the `csv` crate, then
/// each cell passes [`defuse`].
pub fn rows_to_csv<T: Serialize>(rows: &[T]) -> Result<String, csv::Error> {
    let mut plain = csv::Writer::from_writer(Vec::new());
    for row in rows {
        plain.serialize(row)?;
    }
    let bytes = plain
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    let mut out = CsvText::new();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes.as_slice());
    for record in reader.records() {
        out.row(record?.iter());
    }
    Ok(out.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_and_quoting_is_rfc_4180() {
        let mut csv = CsvText::new();
        csv.row([
            "=1+1",
            "+x",
            "-2",
            "@SUM(A1)",
            "\tx",
            "a,b",
            "say \"hi\"",
            "plain",
            "",
        ]);
        csv.row(["\r=x"]);
        assert_eq!(
            csv.finish(),
            "'=1+1,'+x,'-2,'@SUM(A1),'\tx,\"a,b\",\"say \"\"hi\"\"\",plain,\n\"'\r=x\"\n"
        );
    }

    #[test]
    fn serialised_rows_get_a_header_and_defused_cells() {
        #[derive(Serialize)]
        struct Row {
            name: &'static str,
            n: u32,
            ok: bool,
            none: Option<String>,
        }
        let text = rows_to_csv(&[Row {
            name: "=cmd",
            n: 3,
            ok: true,
            none: None,
        }])
        .unwrap();
        assert_eq!(text, "name,n,ok,none\n'=cmd,3,true,\n");
    }
}
