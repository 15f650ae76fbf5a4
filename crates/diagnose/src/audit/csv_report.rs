//! CSV cookie reports, streamed row by row with the `csv` crate (quoted cells may span lines).
//!
//! The header row says which report it is:
//! - the Open Cookie Database (`Cookie / Data Key name`, `Category`, `Retention period`,
//!   `Wildcard match`, ...);
//! - our cookie declaration CSV (`Category, Name, Provider, Purpose, Duration, ...`, English or
//!   Polish) and our cookie list CSV (`name`, `is_pattern`, `category`, `duration_seconds`);
//! - Didomi's compliance report cookie sheet (`Page URL, Cookie Domain, Cookie Name, Lifetime,
//!   Sample`, lifetime in seconds, no category);
//! - anything else through a [`ColumnMapping`].
//!
//! The delimiter (`,`, `;` or tab) is read from the header line (or Excel's `sep=;` line). No
//! record may exceed [`MAX_RECORD_BYTES`]: a quote left open would otherwise swallow the rest of
//! a large file into memory.

use std::io::{self, Read};

use super::category::DeclaredCategory;
use super::entry::DeclaredEntry;
use super::input::excerpt;
use super::lifetime::{BareNumber, Lifetime};
use super::mapping::{normalise, suggest_mapping, ColumnMapping};
use super::ReportFormat;
use crate::error::{Error, Result};
use crate::finding::Evidence;

/// The longest record (one row, quoted line breaks included) read.
pub const MAX_RECORD_BYTES: usize = 1024 * 1024;

/// Which columns of a recognised header hold what.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Layout {
    format: ReportFormat,
    name: usize,
    category: Option<usize>,
    domain: Option<usize>,
    lifetime: Option<usize>,
    provider: Option<usize>,
    /// A column saying the name is a prefix (`1` or `true`).
    wildcard: Option<usize>,
    bare: BareNumber,
}

/// What the caller asked for.
#[derive(Debug, Clone, Copy)]
pub enum CsvRequest<'a> {
    /// Recognise the header; use `mapping` when given (it wins over recognition).
    Auto(Option<&'a ColumnMapping>),
    /// Didomi's cookie sheet: its columns must be there.
    Didomi,
}

/// What reading a CSV report found besides its entries.
#[derive(Debug, Clone, Default)]
pub struct CsvSummary {
    pub format: Option<ReportFormat>,
    pub entries: usize,
    pub skipped: usize,
    pub first_skipped_line: Option<usize>,
    pub first_non_utf8_line: Option<usize>,
    pub categories_given: bool,
    pub headers: Vec<String>,
}

fn format_error(message: String) -> Error {
    Error::Format {
        what: "CSV report".into(),
        message,
    }
}

/// Where the entries of a streamed report go.
pub trait EntrySink {
    /// Whether an entry with this name, provider and domain may matter (rows that do not are
    /// counted and dropped before any further work).
    fn wants(&self, name: &str, provider: Option<&str>, domain: Option<&str>) -> bool;
    fn add(&mut self, entry: DeclaredEntry);
}

impl EntrySink for super::compare::Collector<'_> {
    fn wants(&self, name: &str, provider: Option<&str>, domain: Option<&str>) -> bool {
        super::compare::Collector::wants(self, name, provider, domain)
    }
    fn add(&mut self, entry: DeclaredEntry) {
        super::compare::Collector::add(self, entry)
    }
}

impl EntrySink for Vec<DeclaredEntry> {
    fn wants(&self, _: &str, _: Option<&str>, _: Option<&str>) -> bool {
        true
    }
    fn add(&mut self, entry: DeclaredEntry) {
        self.push(entry)
    }
}

/// Read a CSV report into `sink`.
pub fn read<R: Read>(
    reader: R,
    sample: &[u8],
    request: CsvRequest<'_>,
    sink: &mut dyn EntrySink,
) -> Result<CsvSummary> {
    let delimiter = detect_delimiter(sample);
    let guard = RecordGuard::new(reader, delimiter);
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(guard);
    let mut record = csv::ByteRecord::new();
    let mut summary = CsvSummary::default();

    let mut header_line = 1;
    let headers = loop {
        if !csv.read_byte_record(&mut record).map_err(csv_error)? {
            return Err(format_error(
                "the file has no header row (it is empty or holds only blank lines)".into(),
            ));
        }
        header_line = record.position().map_or(header_line, |p| p.line() as usize);
        let fields = decode(&record, &mut summary, header_line);
        let first = fields
            .first()
            .map(|f| f.trim().to_lowercase())
            .unwrap_or_default();
        // Excel's hint line (`sep=;`) and blank lines come before the header.
        let sep_line =
            first.starts_with("sep=") && fields.iter().skip(1).all(|f| f.trim().is_empty());
        if sep_line || fields.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        break fields;
    };
    let layout = layout(&headers, request)?;
    summary.format = Some(layout.format);
    summary.categories_given = layout.category.is_some();
    summary.headers = headers.iter().map(|h| h.trim().to_string()).collect();

    while csv.read_byte_record(&mut record).map_err(csv_error)? {
        if record.iter().all(|f| f.trim_ascii().is_empty()) {
            continue;
        }
        let line = record.position().map_or(0, |p| p.line() as usize);
        let mut cell = |index: Option<usize>| -> Option<String> {
            let bytes = record.get(index?)?;
            let text = match std::str::from_utf8(bytes) {
                Ok(text) => std::borrow::Cow::Borrowed(text),
                Err(_) => {
                    summary.first_non_utf8_line.get_or_insert(line);
                    String::from_utf8_lossy(bytes)
                }
            };
            let text = text.trim_start_matches('\u{feff}').trim();
            (!text.is_empty() && !text.eq_ignore_ascii_case("#n/a")).then(|| text.to_string())
        };
        let Some(name) = cell(Some(layout.name)) else {
            summary.skipped += 1;
            summary.first_skipped_line.get_or_insert(line);
            continue;
        };
        summary.entries += 1;
        let provider = cell(layout.provider);
        let domain = cell(layout.domain);
        if !sink.wants(&name, provider.as_deref(), domain.as_deref()) {
            continue;
        }
        let category_text = cell(layout.category);
        let lifetime_text = cell(layout.lifetime);
        let wildcard = cell(layout.wildcard);
        let category = match category_text {
            Some(text) => DeclaredCategory::from_text(&text),
            None if layout.category.is_some() => DeclaredCategory::from_text(""),
            None => DeclaredCategory::not_given(),
        };
        let fields = decode(&record, &mut summary, line);
        let evidence = Evidence {
            line,
            column: 0,
            excerpt: excerpt(&fields.join(&char::from(delimiter).to_string())),
        };
        let lifetime = lifetime_text
            .as_deref()
            .and_then(|t| Lifetime::parse(t, layout.bare));
        let mut entry = DeclaredEntry::new(&name, category, evidence)
            .with_domain(domain.as_deref())
            .with_provider(provider.as_deref())
            .with_lifetime(lifetime_text.as_deref(), lifetime);
        if let Some(flag) = wildcard {
            if matches!(flag.to_lowercase().as_str(), "1" | "true" | "yes") {
                entry.set_wildcard();
            }
        }
        sink.add(entry);
    }
    Ok(summary)
}

/// The fields of a record as text; bytes that are not UTF-8 are replaced (and noted).
fn decode(record: &csv::ByteRecord, summary: &mut CsvSummary, line: usize) -> Vec<String> {
    record
        .iter()
        .map(|field| match std::str::from_utf8(field) {
            Ok(text) => text.to_string(),
            Err(_) => {
                summary.first_non_utf8_line.get_or_insert(line);
                String::from_utf8_lossy(field).into_owned()
            }
        })
        .map(|s| s.trim_start_matches('\u{feff}').to_string())
        .collect()
}

fn csv_error(e: csv::Error) -> Error {
    let line = e.position().map(|p| p.line());
    match e.into_kind() {
        csv::ErrorKind::Io(io) if io.kind() == io::ErrorKind::InvalidData => {
            format_error(io.to_string())
        }
        csv::ErrorKind::Io(io) => Error::Io {
            message: io.to_string(),
        },
        other => format_error(match line {
            Some(line) => format!("line {line}: {other:?}"),
            None => format!("{other:?}"),
        }),
    }
}

/// `,`, `;` or tab: whichever the header line holds most of outside quotes (`,` on a tie or
/// when it has none). Excel's `sep=X` first line wins.
pub fn detect_delimiter(sample: &[u8]) -> u8 {
    let text = String::from_utf8_lossy(sample);
    let text = text.trim_start_matches('\u{feff}');
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let Some(mut first) = lines.next() else {
        return b',';
    };
    if let Some(sep) = first.trim().to_lowercase().strip_prefix("sep=") {
        match sep.chars().next() {
            Some(';') => return b';',
            Some('\t') => return b'\t',
            Some(',') => return b',',
            Some('|') => return b'|',
            _ => {}
        }
        first = lines.next().unwrap_or("");
    }
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for c in first.bytes() {
        if c == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for (d, n) in counts.iter_mut() {
                if c == *d {
                    *n += 1;
                }
            }
        }
    }
    counts
        .iter()
        .copied()
        .fold(
            (b',', 0),
            |best, (d, n)| if n > best.1 { (d, n) } else { best },
        )
        .0
}

/// Which report a header row belongs to, with its columns.
fn layout(headers: &[String], request: CsvRequest<'_>) -> Result<Layout> {
    let normalised: Vec<String> = headers.iter().map(|h| normalise(h)).collect();
    let col = |names: &[&str]| normalised.iter().position(|h| names.contains(&h.as_str()));

    if let CsvRequest::Auto(Some(mapping)) = request {
        let cols = mapping.resolve(headers)?;
        return Ok(Layout {
            format: ReportFormat::MappedCsv,
            name: cols.name,
            category: cols.category,
            domain: cols.domain,
            lifetime: cols.lifetime,
            provider: None,
            wildcard: None,
            bare: BareNumber::Seconds,
        });
    }

    let didomi = (col(&["cookie name"]), col(&["lifetime"]));
    if let (Some(name), Some(lifetime)) = didomi {
        if col(&["cookie domain"]).is_some() || matches!(request, CsvRequest::Didomi) {
            return Ok(Layout {
                format: ReportFormat::DidomiCsv,
                name,
                category: None,
                domain: col(&["cookie domain"]),
                lifetime: Some(lifetime),
                provider: None,
                wildcard: None,
                bare: BareNumber::Seconds,
            });
        }
    }
    if matches!(request, CsvRequest::Didomi) {
        return Err(format_error(format!(
            "this is not Didomi's cookie sheet: it needs the columns Page URL, Cookie Domain, Cookie Name, Lifetime, Sample; this file has: {}",
            headers.join(", ")
        )));
    }

    if let Some(name) = col(&["cookie / data key name"]) {
        return Ok(Layout {
            format: ReportFormat::OpenCookieDatabaseCsv,
            name,
            category: col(&["category"]),
            domain: col(&["domain"]),
            lifetime: col(&["retention period"]),
            provider: col(&["platform"]),
            wildcard: col(&["wildcard match"]),
            bare: BareNumber::Seconds,
        });
    }
    // Our cookie list CSV (`cookie-admin-cli cookies --csv`, the csv-cookies export).
    if let (Some(name), Some(_), Some(seconds)) = (
        col(&["name"]),
        col(&["is_pattern"]),
        col(&["duration_seconds"]),
    ) {
        return Ok(Layout {
            format: ReportFormat::CookieListCsv,
            name,
            category: col(&["category"]),
            domain: col(&["domain"]),
            lifetime: Some(seconds),
            provider: col(&["provider"]),
            wildcard: col(&["is_pattern"]),
            bare: BareNumber::Seconds,
        });
    }
    // Our cookie declaration CSV, in English or Polish.
    for (name, category, duration, provider) in [
        ("name", "category", "duration", "provider"),
        ("nazwa", "kategoria", "okres przechowywania", "dostawca"),
    ] {
        if let (Some(n), Some(c), Some(d)) = (col(&[name]), col(&[category]), col(&[duration])) {
            return Ok(Layout {
                format: ReportFormat::DeclarationCsv,
                name: n,
                category: Some(c),
                domain: None,
                lifetime: Some(d),
                provider: col(&[provider]),
                wildcard: None,
                bare: BareNumber::Seconds,
            });
        }
    }
    Err(Error::MappingNeeded {
        headers: headers.iter().map(|h| h.trim().to_string()).collect(),
        suggestion: suggest_mapping(headers),
    })
}

/// Passes bytes through while following CSV quoting (as the `csv` crate reads it by default),
/// and fails when one record grows beyond [`MAX_RECORD_BYTES`].
struct RecordGuard<R> {
    inner: R,
    delimiter: u8,
    state: QuoteState,
    record_bytes: usize,
    line: usize,
    record_line: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum QuoteState {
    FieldStart,
    Unquoted,
    Quoted,
    QuoteInQuoted,
}

impl<R> RecordGuard<R> {
    fn new(inner: R, delimiter: u8) -> RecordGuard<R> {
        RecordGuard {
            inner,
            delimiter,
            state: QuoteState::FieldStart,
            record_bytes: 0,
            line: 1,
            record_line: 1,
        }
    }

    fn end_record(&mut self) {
        self.state = QuoteState::FieldStart;
        self.record_bytes = 0;
        self.record_line = self.line;
    }

    /// Follow the bytes of `chunk`; jumps over the inside of quoted cells and unquoted cells
    /// with `memchr`, so that large files pass quickly. Returns `false` once the current record
    /// is longer than the limit.
    fn follow(&mut self, chunk: &[u8]) -> bool {
        use QuoteState::*;
        let mut at = 0;
        while at < chunk.len() {
            let rest = &chunk[at..];
            let skipped = match self.state {
                Quoted => memchr::memchr(b'"', rest),
                Unquoted => memchr::memchr3(self.delimiter, b'\n', b'\r', rest),
                FieldStart | QuoteInQuoted => Some(0),
            };
            let Some(skip) = skipped else {
                // The chunk ends inside this cell.
                self.line += memchr::memchr_iter(b'\n', rest).count();
                self.record_bytes += rest.len();
                return self.record_bytes <= MAX_RECORD_BYTES;
            };
            if skip > 0 {
                self.line += memchr::memchr_iter(b'\n', &rest[..skip]).count();
                self.record_bytes += skip;
                at += skip;
                continue;
            }
            let byte = rest[0];
            at += 1;
            let newline = byte == b'\n' || byte == b'\r';
            if byte == b'\n' {
                self.line += 1;
            }
            self.state = match (self.state, byte) {
                (FieldStart, b'"') => Quoted,
                (Quoted, _) => QuoteInQuoted,
                (QuoteInQuoted, b'"') => Quoted,
                (FieldStart | Unquoted | QuoteInQuoted, b) if b == self.delimiter => FieldStart,
                (FieldStart | Unquoted | QuoteInQuoted, _) if newline => {
                    self.end_record();
                    continue;
                }
                (FieldStart | Unquoted | QuoteInQuoted, _) => Unquoted,
            };
            self.record_bytes += 1;
            if self.record_bytes > MAX_RECORD_BYTES {
                return false;
            }
        }
        self.record_bytes <= MAX_RECORD_BYTES
    }
}

impl<R: Read> Read for RecordGuard<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if !self.follow(&buf[..n]) {
            return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!(
                        "line {}: one row is longer than {} MiB{}; this is not a cookie list, or a quote is left open",
                        self.record_line,
                        MAX_RECORD_BYTES / (1024 * 1024),
                        if self.state == QuoteState::Quoted {
                            " (it is inside a quoted cell)"
                        } else {
                            ""
                        }
                    ),
                ));
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(text: &str, request: CsvRequest<'_>) -> Result<(Vec<DeclaredEntry>, CsvSummary)> {
        let mut out = Vec::new();
        let summary = read(text.as_bytes(), text.as_bytes(), request, &mut out)?;
        Ok((out, summary))
    }

    #[test]
    fn delimiters() {
        assert_eq!(detect_delimiter(b"a;b;c\n1;2;3"), b';');
        assert_eq!(detect_delimiter(b"a\tb\tc\n"), b'\t');
        assert_eq!(detect_delimiter(b"\"a;b\",c\n"), b',');
        assert_eq!(detect_delimiter(b"sep=;\nName,Category\n"), b';');
        assert_eq!(detect_delimiter(b"name\n"), b',');
    }

    #[test]
    fn open_cookie_database_rows_with_traps() {
        let text = "ID,Platform,Category,Cookie / Data Key name,Domain,Description,Retention period,Data Controller,User Privacy & GDPR Rights Portals,Wildcard match\n\
            1,Cookiebot,Functional,CookieConsent [x4],,\"Stores the consent,\nover two lines\",1 year,Cookiebot,https://x,0\n\
            2,CallPage,Analytics,cp_tr_,,Trace,30 minutes,CallPage,#N/A,1\n\
            3,X,#N/A,,,,,,,\n";
        let (list, summary) = entries(text, CsvRequest::Auto(None)).unwrap();
        assert_eq!(summary.format, Some(ReportFormat::OpenCookieDatabaseCsv));
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].name, "CookieConsent");
        assert_eq!(list[0].evidence.line, 2);
        assert_eq!(list[1].prefix.as_deref(), Some("cp_tr_"));
        assert_eq!(list[1].evidence.line, 4, "after a two-line cell");
        assert_eq!(summary.skipped, 1);
        assert_eq!(summary.first_skipped_line, Some(5));
    }

    #[test]
    fn unknown_columns_need_a_mapping_and_a_mapping_reads_them() {
        let text = "Cookie;Group;Expiry\ncp_visitor_id;Statistics;1 year\n";
        let err = entries(text, CsvRequest::Auto(None)).unwrap_err();
        let Error::MappingNeeded {
            headers,
            suggestion,
        } = err
        else {
            panic!("{err}")
        };
        assert_eq!(headers, ["Cookie", "Group", "Expiry"]);
        let suggestion = suggestion.unwrap();
        assert_eq!(suggestion.name, "Cookie");
        let (list, summary) = entries(text, CsvRequest::Auto(Some(&suggestion))).unwrap();
        assert_eq!(summary.format, Some(ReportFormat::MappedCsv));
        assert_eq!(list[0].name, "cp_visitor_id");
        assert_eq!(list[0].category.raw, "Statistics");
        assert_eq!(list[0].lifetime, Some(Lifetime::of(1, 31_536_000)));
    }

    #[test]
    fn an_open_quote_cannot_swallow_a_large_file() {
        let mut text = String::from("Cookie Name,Cookie Domain,Lifetime\n\"open,x,1\n");
        let line = "a,b,c\n".repeat(200_000); // 1.2 MB inside the open quote
        text.push_str(&line);
        let err = entries(&text, CsvRequest::Auto(None))
            .unwrap_err()
            .to_string();
        assert!(err.contains("line 2") && err.contains("quote"), "{err}");
    }
}
