//! Bytes of a saved page to text, the way a browser decides the encoding (WHATWG HTML,
//! "determining the character encoding"): a byte order mark wins; else a `<meta charset>` or
//! `<meta http-equiv="Content-Type" content="...; charset=...">` in the first 1024 bytes
//! (found with the same HTML parser as the rest of the check, not with a pattern); else UTF-8
//! when the bytes are valid UTF-8, else windows-1252. Bytes that do not decode become U+FFFD
//! and give a finding with the place of the first one; input that is not an HTML page at all
//! (binary, compressed, JSON, empty) is refused with an error that says what it looks like.

use std::cell::RefCell;

use cookie_admin_core::i18n::{pick, plural_pl};
use cookie_admin_core::Language;
use encoding_rs::{DecoderResult, Encoding, UTF_8, WINDOWS_1252};
use lol_html::html_content::Element;
use lol_html::{element, AsciiCompatibleEncoding, HtmlRewriter, Settings};

use super::rule::Rule;
use super::text::LineIndex;
use crate::error::{Error, Result};
use crate::finding::{Evidence, Finding};

/// How many bytes the `<meta>` prescan reads (the HTML standard's limit).
const PRESCAN_BYTES: usize = 1024;

/// How the encoding was chosen.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "by")]
pub enum EncodingSource {
    /// A byte order mark.
    Bom,
    /// A `<meta>` element in the first 1024 bytes (its label as written).
    Meta { label: String },
    /// Nothing declared: the bytes are valid UTF-8.
    ValidUtf8,
    /// Nothing declared (or nothing usable) and not UTF-8: the web's default.
    Default,
}

/// A page as text.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    /// The encoding's WHATWG name (`UTF-8`, `windows-1250`, ...).
    pub encoding: &'static str,
    pub source: EncodingSource,
    /// Encoding problems (`site.page_encoding`).
    pub findings: Vec<Finding>,
}

/// Decode a saved page, or say why it is not one; findings in English.
pub fn decode(bytes: &[u8]) -> Result<Decoded> {
    decode_in(bytes, Language::En)
}

/// Decode a saved page, or say why it is not one; findings in `lang`.
pub fn decode_in(bytes: &[u8], lang: Language) -> Result<Decoded> {
    refuse_non_html(bytes)?;
    let mut findings = Vec::new();
    let (encoding, source, body) = match Encoding::for_bom(bytes) {
        Some((encoding, bom_len)) => (encoding, EncodingSource::Bom, &bytes[bom_len..]),
        None => {
            let declared = prescan(&bytes[..bytes.len().min(PRESCAN_BYTES)]);
            let mut chosen = None;
            for label in &declared {
                match Encoding::for_label(label.trim().as_bytes()) {
                    Some(encoding) => {
                        chosen = Some((meta_encoding(encoding), label.clone()));
                        break;
                    }
                    None => findings.push(Rule::PageEncoding.finding(
                        pick(
                            lang,
                            format!(
                                "The page declares the character encoding \"{}\", which browsers do not know; it was read as the browser would read it without a declaration.",
                                super::text::shorten(label, 60)
                            ),
                            format!(
                                "Strona deklaruje kodowanie znaków „{}”, którego przeglądarki nie znają; odczytano ją tak, jak przeglądarka odczytałaby ją bez deklaracji.",
                                super::text::shorten(label, 60)
                            ),
                        ),
                        pick(
                            lang,
                            "Declare a real encoding, normally <meta charset=\"utf-8\"> as the first element in <head>.",
                            "Zadeklaruj istniejące kodowanie, zwykle <meta charset=\"utf-8\"> jako pierwszy element w <head>.",
                        ),
                        None,
                    )),
                }
            }
            match chosen {
                Some((encoding, label)) => (encoding, EncodingSource::Meta { label }, bytes),
                None if std::str::from_utf8(bytes).is_ok() => {
                    (UTF_8, EncodingSource::ValidUtf8, bytes)
                }
                None => (WINDOWS_1252, EncodingSource::Default, bytes),
            }
        }
    };
    let (text, malformed) = decode_counting(encoding, body);
    if let Some((count, first)) = malformed {
        let index = LineIndex::new(&text);
        let (line, column) = index.position(&text, first);
        findings.push(Rule::PageEncoding.finding(
            pick(
                lang,
                format!(
                    "{count} byte sequence{} of the page {} not valid {}, the encoding the page {}; {} replaced with �. The first is at line {line}, column {column}.",
                    if count == 1 { "" } else { "s" },
                    if count == 1 { "is" } else { "are" },
                    encoding.name(),
                    match source {
                        EncodingSource::Bom => "starts with (byte order mark)",
                        EncodingSource::Meta { .. } => "declares",
                        _ => "was read as",
                    },
                    if count == 1 { "it was" } else { "they were" },
                ),
                format!(
                    "{count} {} strony {} poprawnym {}, kodowaniem, {}; {} znakiem �. Pierwsza jest w wierszu {line}, kolumnie {column}.",
                    plural_pl(count, "sekwencja bajtów", "sekwencje bajtów", "sekwencji bajtów"),
                    plural_pl(count, "nie jest", "nie są", "nie jest"),
                    encoding.name(),
                    match source {
                        EncodingSource::Bom => "od którego strona się zaczyna (znacznik kolejności bajtów)",
                        EncodingSource::Meta { .. } => "które strona deklaruje",
                        _ => "w którym odczytano stronę",
                    },
                    plural_pl(count, "zastąpiono ją", "zastąpiono je", "zastąpiono je"),
                ),
            ),
            pick(
                lang,
                "Save the page again from the browser (\"Save page as\", HTML only), or export the source with the encoding it declares; text around the broken bytes may be misread.",
                "Zapisz stronę ponownie z przeglądarki („Zapisz stronę jako”, tylko HTML) albo wyeksportuj źródło w kodowaniu, które deklaruje; tekst wokół uszkodzonych bajtów może zostać źle odczytany.",
            ),
            Some(Evidence {
                line,
                column,
                excerpt: super::text::excerpt(&text, first),
            }),
        ));
    }
    Ok(Decoded {
        text,
        encoding: encoding.name(),
        source,
        findings,
    })
}

/// Page source that is already text (pasted into the window): nothing to decode, but the same
/// refusal of what is not HTML.
pub fn from_text(text: &str) -> Result<Decoded> {
    refuse_non_html(text.as_bytes())?;
    Ok(Decoded {
        text: text.to_string(),
        encoding: UTF_8.name(),
        source: EncodingSource::ValidUtf8,
        findings: Vec::new(),
    })
}

/// What a `<meta>` label means for a page (HTML: UTF-16 labels in `<meta>` mean UTF-8, since a
/// page that can be prescanned as ASCII is not UTF-16; x-user-defined means windows-1252).
fn meta_encoding(encoding: &'static Encoding) -> &'static Encoding {
    if encoding == encoding_rs::UTF_16BE || encoding == encoding_rs::UTF_16LE {
        UTF_8
    } else if encoding == encoding_rs::X_USER_DEFINED {
        WINDOWS_1252
    } else {
        encoding
    }
}

/// Decode with U+FFFD for malformed sequences; also the number of them and the byte offset in
/// the output of the first.
fn decode_counting(encoding: &'static Encoding, bytes: &[u8]) -> (String, Option<(usize, usize)>) {
    if encoding == UTF_8 {
        if let Ok(text) = std::str::from_utf8(bytes) {
            return (text.to_string(), None);
        }
    }
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len().saturating_mul(3));
    let mut out = String::with_capacity(capacity);
    let mut rest = bytes;
    let mut count = 0;
    let mut first = None;
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(rest, &mut out, true);
        rest = &rest[read..];
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::Malformed(_, _) => {
                count += 1;
                first.get_or_insert(out.len());
                out.push('\u{FFFD}');
            }
            DecoderResult::OutputFull => {
                out.reserve(rest.len().saturating_mul(3).max(16));
            }
        }
    }
    (out, first.map(|f| (count, f)))
}

/// The encoding labels `<meta>` elements declare in `prefix`, in order.
fn prescan(prefix: &[u8]) -> Vec<String> {
    let labels = RefCell::new(Vec::new());
    {
        let settings = Settings {
            element_content_handlers: vec![element!("meta", |el: &mut Element| {
                if let Some(label) = meta_label(el) {
                    labels.borrow_mut().push(label);
                }
                Ok(())
            })],
            // Every byte is a character in windows-1252, so a prefix cut anywhere still parses;
            // the labels themselves are ASCII.
            encoding: AsciiCompatibleEncoding::new(WINDOWS_1252)
                .unwrap_or_else(AsciiCompatibleEncoding::utf_8),
            strict: false,
            ..Settings::new()
        };
        let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
        // A parse error in a cut-off prefix only means no further label.
        if rewriter.write(prefix).is_ok() {
            let _ = rewriter.end();
        }
    }
    labels.into_inner()
}

/// The label a `<meta>` element declares, if it declares one (HTML: `charset`, or
/// `http-equiv="content-type"` with a `content` that names a charset).
fn meta_label(el: &Element) -> Option<String> {
    if let Some(charset) = el.get_attribute("charset") {
        return Some(charset);
    }
    let http_equiv = el.get_attribute("http-equiv")?;
    if !http_equiv.trim().eq_ignore_ascii_case("content-type") {
        return None;
    }
    charset_from_content(&el.get_attribute("content")?)
}

/// HTML's "extracting a character encoding from a meta element": the value after the first
/// `charset` followed by `=`, unquoted or quoted.
pub fn charset_from_content(content: &str) -> Option<String> {
    let lower = content.to_ascii_lowercase();
    let mut from = 0;
    loop {
        let at = from + lower[from..].find("charset")?;
        let rest = lower[at + "charset".len()..].trim_start();
        let Some(value) = rest.strip_prefix('=') else {
            from = at + "charset".len();
            continue;
        };
        let value = value.trim_start();
        let start = content.len() - value.len();
        let original = &content[start..];
        return match original.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let inner = &original[1..];
                inner.find(q).map(|end| inner[..end].to_string())
            }
            Some(_) => {
                let end = original
                    .find(|c: char| c.is_ascii_whitespace() || c == ';')
                    .unwrap_or(original.len());
                Some(original[..end].to_string())
            }
            None => None,
        };
    }
}

/// Refuse input that is plainly not an HTML page, saying what it looks like.
fn refuse_non_html(bytes: &[u8]) -> Result<()> {
    let refuse = |message: &str| {
        Err(Error::Format {
            what: "page".into(),
            message: message.into(),
        })
    };
    let trimmed = trim_ascii_start(bytes);
    if trimmed.is_empty() {
        return refuse(
            "the file is empty (or only white space); save the page again, or paste its source",
        );
    }
    let magic: &[(&[u8], &str)] = &[
        (b"\x1f\x8b", "this is a gzip-compressed file; unpack it first (gunzip) and check the .html inside"),
        (b"PK\x03\x04", "this is a ZIP archive; unpack it and check the .html page inside"),
        (b"%PDF-", "this is a PDF document, not a web page; save the page from the browser as HTML"),
        (b"\x89PNG", "this is a PNG image, not a web page"),
        (b"\xff\xd8\xff", "this is a JPEG image, not a web page"),
        (b"GIF8", "this is a GIF image, not a web page"),
        (b"SQLite format 3\0", "this is an SQLite database (a Cookie Admin export?), not a web page"),
        (b"MHTML", "this looks like an MHTML archive (\"Save page as, single file\"); save the page as \"Webpage, HTML only\" instead"),
    ];
    for (prefix, message) in magic {
        if bytes.starts_with(prefix) || trimmed.starts_with(prefix) {
            return refuse(message);
        }
    }
    if trimmed.starts_with(b"From:")
        && contains(&bytes[..bytes.len().min(4096)], b"multipart/related")
    {
        return refuse("this is an MHTML archive (\"Save page as, single file\"); save the page as \"Webpage, HTML only\" instead");
    }
    if trimmed.starts_with(b"{") || trimmed.starts_with(b"[") {
        return refuse(
            "this is JSON, not a web page; a HAR recording goes in the HAR field (--har)",
        );
    }
    // A UTF-16 page has a NUL in every other byte of ASCII text: its BOM says so and it is
    // decoded as UTF-16. Anything else with many control bytes is binary.
    if Encoding::for_bom(bytes).is_none() {
        let sample = &bytes[..bytes.len().min(64 * 1024)];
        let controls = sample
            .iter()
            .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
            .count();
        if controls > 8 && controls * 100 > sample.len() {
            return refuse("this is a binary file, not a web page (it is full of control bytes); save the page from the browser as HTML");
        }
    }
    Ok(())
}

fn trim_ascii_start(bytes: &[u8]) -> &[u8] {
    let skip = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    &bytes[skip..]
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_wins_over_meta() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice("<meta charset=windows-1250><p>żółw".as_bytes());
        let page = decode(&bytes).unwrap();
        assert_eq!(page.encoding, "UTF-8");
        assert_eq!(page.source, EncodingSource::Bom);
        assert!(page.text.ends_with("żółw"));
        assert!(page.findings.is_empty());
    }

    #[test]
    fn utf16_with_bom_decodes() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "<p>zażółć</p>".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let page = decode(&bytes).unwrap();
        assert_eq!(page.encoding, "UTF-16LE");
        assert_eq!(page.text, "<p>zażółć</p>");
    }

    #[test]
    fn meta_charset_and_http_equiv_are_honoured() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1250
            .encode("<head><meta charset=\"windows-1250\"><title>Łódź</title>");
        let page = decode(&bytes).unwrap();
        assert_eq!(page.encoding, "windows-1250");
        assert!(page.text.contains("Łódź"));
        let (bytes, _, _) = encoding_rs::ISO_8859_2.encode(
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset='iso-8859-2'\"><p>żółw",
        );
        let page = decode(&bytes).unwrap();
        assert_eq!(page.encoding, "ISO-8859-2");
        assert!(page.text.contains("żółw"));
        assert_eq!(
            page.source,
            EncodingSource::Meta {
                label: "iso-8859-2".into()
            }
        );
    }

    #[test]
    fn meta_after_the_prescan_window_is_not_used() {
        let mut text = format!("<!-- {} -->", "x".repeat(1100));
        text.push_str("<meta charset=windows-1250><p>\u{e9}");
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
        let page = decode(&bytes).unwrap();
        assert_eq!(page.source, EncodingSource::Default);
        assert!(page.text.ends_with('é'));
    }

    #[test]
    fn broken_utf8_gives_a_finding_with_the_place() {
        let bytes = b"<meta charset=utf-8>\n<p>ok</p>\n<p>bad \xC3\x28 and \xFF</p>".to_vec();
        let page = decode(&bytes).unwrap();
        assert_eq!(page.findings.len(), 1);
        let finding = &page.findings[0];
        assert_eq!(finding.id, "site.page_encoding");
        assert!(
            finding.message.contains("2 byte sequences"),
            "{}",
            finding.message
        );
        let evidence = finding.evidence.as_ref().unwrap();
        assert_eq!((evidence.line, evidence.column), (3, 8));
        assert_eq!(page.text.matches('\u{FFFD}').count(), 2);
    }

    #[test]
    fn unknown_label_is_reported_and_ignored() {
        let page = decode(b"<meta charset=klingon><p>plain").unwrap();
        assert_eq!(page.encoding, "UTF-8");
        assert_eq!(page.findings.len(), 1);
        assert!(page.findings[0].message.contains("klingon"));
    }

    #[test]
    fn charset_is_extracted_from_content() {
        assert_eq!(
            charset_from_content("text/html; charset=UTF-8").as_deref(),
            Some("UTF-8")
        );
        assert_eq!(
            charset_from_content("text/html;charset = \"koi8-r\" ").as_deref(),
            Some("koi8-r")
        );
        assert_eq!(
            charset_from_content("text/html; charsetx; charset=x-y").as_deref(),
            Some("x-y")
        );
        assert_eq!(charset_from_content("text/html"), None);
        assert_eq!(charset_from_content("charset='unterminated"), None);
    }

    #[test]
    fn what_is_not_html_is_refused_with_what_it_is() {
        let message = |bytes: &[u8]| decode(bytes).unwrap_err().to_string();
        assert!(message(b"").contains("empty"));
        assert!(message(b"  \n ").contains("empty"));
        assert!(message(b"\x1f\x8b\x08\x00rest").contains("gzip"));
        assert!(message(b"%PDF-1.7").contains("PDF"));
        assert!(message(b" {\"log\": {}}").contains("HAR"));
        assert!(message(&[0u8, 1, 2, 3, 4, 5, 6, 7, 8, 11, 14, 15, 60, 62]).contains("binary"));
    }
}
