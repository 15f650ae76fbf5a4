//! Reading a report: a look at its first bytes to tell what it is (by content, never by file
//! name), a clear error for what is no text report at all, and size limits.
//!
//! CSV reports are streamed and may be of any size. JSON, scripts and HTML are read whole, up
//! to [`DOCUMENT_LIMIT`]: real ones are far smaller (a OneTrust language file or a Cookiebot
//! `cc.js` is a few hundred kilobytes).

use std::io::{self, Read};

use crate::error::{Error, Result};

/// How much of the start of a report is looked at to tell its shape.
pub const SAMPLE_BYTES: usize = 64 * 1024;

/// The largest JSON, script or HTML report read (they cannot be streamed).
pub const DOCUMENT_LIMIT: u64 = 32 * 1024 * 1024;

/// What a report looks like from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Json,
    Html,
    Script,
    Csv,
}

/// The first bytes of a report and a reader that yields the whole report again.
pub struct Peeked<R> {
    pub sample: Vec<u8>,
    rest: R,
}

impl<R: Read> Peeked<R> {
    /// Read up to [`SAMPLE_BYTES`] from `input`.
    pub fn new(mut input: R) -> Result<Peeked<R>> {
        let mut sample = Vec::with_capacity(SAMPLE_BYTES.min(8192));
        (&mut input)
            .take(SAMPLE_BYTES as u64)
            .read_to_end(&mut sample)
            .map_err(io_error)?;
        Ok(Peeked {
            sample,
            rest: input,
        })
    }

    /// The whole report (the sample, then the rest), without a UTF-8 byte order mark.
    pub fn into_reader(self) -> impl Read {
        let skip = bom_len(&self.sample);
        io::Cursor::new(self.sample)
            .chain(self.rest)
            .skip_bytes(skip)
    }

    /// The whole report as text, refused above [`DOCUMENT_LIMIT`]. Bytes that are not UTF-8
    /// are replaced; the second value says whether that happened.
    pub fn into_text(self, what: &str) -> Result<(String, bool)> {
        let mut bytes = Vec::new();
        self.into_reader()
            .take(DOCUMENT_LIMIT + 1)
            .read_to_end(&mut bytes)
            .map_err(io_error)?;
        if bytes.len() as u64 > DOCUMENT_LIMIT {
            return Err(Error::TooLarge {
                what: what.to_string(),
                limit_bytes: DOCUMENT_LIMIT,
            });
        }
        match String::from_utf8(bytes) {
            Ok(text) => Ok((text, false)),
            Err(e) => Ok((String::from_utf8_lossy(e.as_bytes()).into_owned(), true)),
        }
    }
}

/// Skip the first `n` bytes of a reader.
trait SkipBytes: Read + Sized {
    fn skip_bytes(self, n: usize) -> Skip<Self> {
        Skip {
            inner: self,
            left: n,
        }
    }
}
impl<R: Read> SkipBytes for R {}

struct Skip<R> {
    inner: R,
    left: usize,
}

impl<R: Read> Read for Skip<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.left > 0 {
            let mut scratch = [0u8; 8];
            let want = self.left.min(scratch.len());
            let n = self.inner.read(&mut scratch[..want])?;
            if n == 0 {
                return Ok(0);
            }
            self.left -= n;
        }
        self.inner.read(buf)
    }
}

pub fn io_error(e: io::Error) -> Error {
    Error::Io {
        message: e.to_string(),
    }
}

fn bom_len(sample: &[u8]) -> usize {
    if sample.starts_with(&[0xEF, 0xBB, 0xBF]) {
        3
    } else {
        0
    }
}

/// Tell the shape of a report from its first bytes, or say why it is not a text report.
pub fn sniff(sample: &[u8]) -> Result<Shape> {
    let not_a_report = |message: &str| Error::Format {
        what: "report".into(),
        message: message.into(),
    };
    if sample.is_empty() {
        return Err(not_a_report("the file is empty"));
    }
    if sample.starts_with(&[0xFF, 0xFE]) || sample.starts_with(&[0xFE, 0xFF]) {
        return Err(not_a_report(
            "the file is UTF-16 text; save it as UTF-8 (in a spreadsheet: “CSV UTF-8”) and try again",
        ));
    }
    if sample.starts_with(b"PK\x03\x04") {
        return Err(not_a_report(
            "this is a ZIP archive, most likely an Excel workbook (.xlsx); open it and save the sheet with the cookies as CSV",
        ));
    }
    if sample.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(not_a_report(
            "this is an old Excel workbook (.xls); open it and save the sheet with the cookies as CSV",
        ));
    }
    if sample.starts_with(b"%PDF") {
        return Err(not_a_report(
            "this is a PDF; export the cookie list from the CMP as CSV, JSON or HTML instead",
        ));
    }
    let text = &sample[bom_len(sample)..];
    let controls = text
        .iter()
        .filter(|b| **b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    if text.contains(&0) || controls * 10 > text.len().max(1) {
        return Err(not_a_report(
            "this is a binary file, not a cookie report (CSV, OneTrust JSON, Cookiebot script or HTML)",
        ));
    }
    let head = String::from_utf8_lossy(&text[..text.len().min(4096)]);
    let trimmed = head.trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        return Ok(Shape::Json);
    }
    if trimmed.starts_with('<') {
        return Ok(Shape::Html);
    }
    let whole = String::from_utf8_lossy(text);
    const SCRIPT_STARTS: &[&str] = &[
        "function",
        "(function",
        "!function",
        "var ",
        "let ",
        "const ",
        "window.",
        "/*",
        "//",
        "\"use strict\"",
        "'use strict'",
        "CookieControl.",
        "CookieConsent",
    ];
    if SCRIPT_STARTS.iter().any(|s| trimmed.starts_with(s))
        || whole.contains("CookieConsentDialog.")
        || whole.contains("CookieControl.Dialog")
    {
        return Ok(Shape::Script);
    }
    Ok(Shape::Csv)
}

/// Line and column (1-based, in characters) of a byte offset into `text`.
pub fn position(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let mut start = offset;
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let before = &text[..start];
    let line = before.bytes().filter(|b| *b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// A short excerpt for evidence: at most 120 characters, control characters made visible.
pub fn excerpt(text: &str) -> String {
    let shown: String = text.chars().take(120).collect();
    let mut out = super::entry::visible(&shown);
    if text.chars().count() > 120 {
        out.push('…');
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_refusals() {
        assert_eq!(sniff(b"\xEF\xBB\xBFName,Category\n").unwrap(), Shape::Csv);
        assert_eq!(sniff(b"  {\"DomainData\":{}}").unwrap(), Shape::Json);
        assert_eq!(sniff(b"<!doctype html><p>").unwrap(), Shape::Html);
        assert_eq!(
            sniff(b"CookieControl.Dialog=function(e){}").unwrap(),
            Shape::Script
        );
        for (bytes, says) in [
            (&b""[..], "empty"),
            (b"PK\x03\x04rest", "xlsx"),
            (b"\xFF\xFEN\0a\0", "UTF-16"),
            (b"abc\0def", "binary"),
            (b"%PDF-1.7", "PDF"),
        ] {
            let err = sniff(bytes).unwrap_err().to_string();
            assert!(err.contains(says), "{err}");
        }
    }

    #[test]
    fn the_reader_gives_back_everything_but_the_bom() {
        let data = b"\xEF\xBB\xBFName\nx\n".to_vec();
        let peeked = Peeked::new(&data[..]).unwrap();
        let mut out = String::new();
        peeked.into_reader().read_to_string(&mut out).unwrap();
        assert_eq!(out, "Name\nx\n");
    }

    #[test]
    fn positions_count_characters() {
        let text = "ab\nżółw x";
        assert_eq!(position(text, 0), (1, 1));
        assert_eq!(position(text, text.find('x').unwrap()), (2, 6));
    }
}
