//! The snippet marker: a machine-readable pair of HTML comments around every generated snippet,
//! so that a check of a customer's page can find the snippet, tell whose and which it is, and
//! tell whether it was edited by hand.
//!
//! ```html
//! <!-- callpage-snippet {"v":1,"account":"acme","target":"cookiebot","config":"3f1c…","catalog":"2026.11.0","generator":"0.1.0","content":"9a0b…"} -->
//! …the snippet…
//! <!-- /callpage-snippet -->
//! ```
//!
//! - The begin comment is `<!--`, a space, `callpage-snippet`, a space, one JSON object, a space,
//!   `-->`. Inside the JSON the characters `-`, `<`, `>`, `&`, U+2028 and U+2029 are written as
//!   `\u002d`, `\u003c`, `\u003e`, `\u0026`, `\u2028`, `\u2029`, so no value (an account id is
//!   the customer's text) can end the comment or open another; any JSON parser reads the
//!   escapes back. Readers ignore members they do not know (later versions may add some).
//! - `config` is [`config_fingerprint`]: the first 16 hex digits of the SHA-256 of the
//!   configuration's compact JSON as this app writes it (`serde_json` of `AccountConfig`:
//!   fields in declaration order, maps and sets sorted by key, optional settings left out when
//!   unset).
//! - `content` is [`content_fingerprint`] of everything between the end of the begin comment
//!   and the start of the end comment, after whitespace normalisation: every run of HTML ASCII
//!   whitespace (U+0009, U+000A, U+000C, U+000D, U+0020) becomes one space, and leading and
//!   trailing whitespace is removed. Re-indenting, CRLF line ends or a browser's "Save page as"
//!   therefore keep the fingerprint; any other change (an attribute, a character of code or of
//!   the instructions) changes it.
//! - The end comment is exactly `<!-- /callpage-snippet -->`.

use std::fmt::Write as _;
use std::ops::Range;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::CmpId;
use crate::config::AccountConfig;

/// The word that starts the begin comment.
pub const BEGIN_WORD: &str = "callpage-snippet";
/// The word of the end comment.
pub const END_WORD: &str = "/callpage-snippet";
/// The end comment as generated.
pub const END_COMMENT: &str = "<!-- /callpage-snippet -->";
/// The marker format this build writes.
pub const MARKER_VERSION: u32 = 1;
/// Hex digits kept of a SHA-256 fingerprint.
pub const FINGERPRINT_HEX_DIGITS: usize = 16;

/// What the begin comment says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnippetMarker {
    /// The marker format version ([`MARKER_VERSION`]).
    pub v: u32,
    /// The account id (`account.id` of the configuration; the widget id).
    pub account: String,
    /// The target id (`cookiebot`, `gcm`, ...); a string so that markers of targets this build
    /// does not know still parse.
    pub target: String,
    /// [`config_fingerprint`] of the configuration the snippet came from.
    pub config: String,
    /// The widget catalog version the snippet was generated with.
    pub catalog: String,
    /// The version of the app that generated it.
    pub generator: String,
    /// [`content_fingerprint`] of the snippet between the markers.
    pub content: String,
}

impl SnippetMarker {
    /// The marker for a snippet of `config` for `cmp`, with the content fingerprint still empty.
    pub(crate) fn new(config: &AccountConfig, cmp: CmpId, catalog_version: &str) -> SnippetMarker {
        SnippetMarker {
            v: MARKER_VERSION,
            account: config.account.id.clone(),
            target: cmp.id().to_string(),
            config: config_fingerprint(config),
            catalog: catalog_version.to_string(),
            generator: crate::VERSION.to_string(),
            content: String::new(),
        }
    }

    /// The target as a known [`CmpId`], if this build knows it.
    pub fn cmp(&self) -> Option<CmpId> {
        self.target.parse().ok()
    }

    /// The begin comment for this marker.
    pub fn begin_comment(&self) -> String {
        let mut out = String::new();
        push_begin(&mut out, self);
        out
    }
}

/// The first [`FINGERPRINT_HEX_DIGITS`] hex digits of a SHA-256 digest.
fn short_hex(digest: &[u8]) -> String {
    let mut out = String::with_capacity(FINGERPRINT_HEX_DIGITS);
    for byte in digest.iter().take(FINGERPRINT_HEX_DIGITS / 2) {
        // Writing to a String cannot fail.
        let _ = write!(out, "{byte:02x}");
    }
    out
}

/// The fingerprint of a configuration: SHA-256 of its compact JSON (see the module docs).
pub fn config_fingerprint(config: &AccountConfig) -> String {
    // Serialising plain data with string keys cannot fail; an empty text would still hash.
    let json = serde_json::to_vec(config).unwrap_or_default();
    short_hex(&Sha256::digest(&json))
}

/// HTML's ASCII whitespace (U+0009, U+000A, U+000C, U+000D, U+0020), as `u8::is_ascii_whitespace`.
fn is_html_space(c: char) -> bool {
    c.is_ascii_whitespace()
}

/// `text` with every whitespace run collapsed to one space and the ends trimmed (see the module
/// docs); what [`content_fingerprint`] hashes.
pub fn normalise_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(is_html_space).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The fingerprint of a snippet's content: SHA-256 of its whitespace-normalised text (see the
/// module docs). One pass over the bytes into one buffer, hashed once. Text that is already
/// normal (words separated by one space) is copied in whole spans, so only line breaks and
/// indentation cost a copy each; the whitespace bytes are ASCII and never occur inside a
/// multi-byte UTF-8 character.
pub fn content_fingerprint(text: &str) -> String {
    let bytes = text.as_bytes();
    let end = bytes.len();
    let mut normalised = Vec::with_capacity(end);
    let mut at = 0;
    while at < end && bytes[at].is_ascii_whitespace() {
        at += 1;
    }
    let mut span = at;
    while at < end {
        if !bytes[at].is_ascii_whitespace() {
            at += 1;
            continue;
        }
        // A single space between two words is already normal: keep it in the span.
        if bytes[at] == b' ' && at + 1 < end && !bytes[at + 1].is_ascii_whitespace() {
            at += 1;
            continue;
        }
        normalised.extend_from_slice(&bytes[span..at]);
        while at < end && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        if at < end {
            normalised.push(b' ');
        }
        span = at;
    }
    normalised.extend_from_slice(&bytes[span..end]);
    short_hex(&Sha256::digest(&normalised))
}

/// A literal piece of snippet text with its whitespace normalisation worked out once (see
/// [`ContentDigest::literal`]): the text without leading and trailing whitespace and with
/// inner runs collapsed, and whether whitespace was cut at either end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NormalisedPiece {
    /// The normalised text (empty when the piece is all whitespace or empty).
    core: String,
    /// Whitespace was cut at the start (an all-whitespace piece has it set, and no `core`).
    leading_space: bool,
    /// Whitespace was cut at the end.
    trailing_space: bool,
}

impl NormalisedPiece {
    pub(crate) fn new(text: &str) -> NormalisedPiece {
        let bytes = text.as_bytes();
        NormalisedPiece {
            core: normalise_whitespace(text),
            leading_space: bytes.first().is_some_and(u8::is_ascii_whitespace),
            trailing_space: bytes.last().is_some_and(u8::is_ascii_whitespace),
        }
    }
}

/// Whether eight bytes (little-endian) hold no byte below 0x20 and no two adjacent spaces:
/// then they are normal text as far as whitespace goes (a lone space is normal).
fn plain_word(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    const LOWS: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    // Some byte is below 0x20 (exact as a yes/no answer for a bound up to 0x80).
    let control = word.wrapping_sub(ONES * 0x20) & !word & HIGHS;
    // 0x80 exactly in each byte that is a space.
    let x = word ^ (ONES * 0x20);
    let spaces = !(((x & LOWS).wrapping_add(LOWS)) | x | LOWS);
    control == 0 && spaces & (spaces >> 8) == 0
}

/// The content fingerprint computed while the snippet is written: the whitespace-normalised
/// text (as [`content_fingerprint`] defines it) is built piece by piece, whatever the pieces'
/// boundaries, and hashed once at the end. Literal template text arrives already normalised
/// ([`NormalisedPiece`]), so only the substituted values are scanned.
#[derive(Debug, Default)]
pub(crate) struct ContentDigest {
    /// The normalised text so far; never ends with a space.
    normalised: Vec<u8>,
    /// Whitespace was seen after the last word (becomes one space if another word follows).
    pending_space: bool,
}

impl ContentDigest {
    pub(crate) fn with_capacity(bytes: usize) -> ContentDigest {
        ContentDigest {
            normalised: Vec::with_capacity(bytes),
            pending_space: false,
        }
    }

    /// One word-run (no leading or trailing whitespace, already normal inside).
    fn word_run(&mut self, run: &[u8]) {
        if self.pending_space && !self.normalised.is_empty() {
            self.normalised.push(b' ');
        }
        self.normalised.extend_from_slice(run);
        self.pending_space = false;
    }

    /// Text of any shape: scanned (the whitespace bytes are ASCII and never occur inside a
    /// multi-byte UTF-8 character).
    pub(crate) fn text(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let end = bytes.len();
        let mut at = 0;
        while at < end {
            if bytes[at].is_ascii_whitespace() {
                self.pending_space = true;
                at += 1;
                continue;
            }
            // A span of words separated by single spaces is already normal: copy it whole.
            let span = at;
            while at < end {
                // Eight bytes at a time while they hold no control byte (every HTML whitespace
                // byte but the space is one) and no two spaces in a row (also across the next
                // byte); a word that may hold either goes byte by byte below.
                if let Some(word) = bytes.get(at..at + 9) {
                    let mut eight = [0u8; 8];
                    eight.copy_from_slice(&word[..8]);
                    if plain_word(u64::from_le_bytes(eight))
                        && !(word[7] == b' ' && word[8].is_ascii_whitespace())
                    {
                        at += 8;
                        continue;
                    }
                }
                // A word byte, or a single space between words.
                let normal = !bytes[at].is_ascii_whitespace()
                    || (bytes[at] == b' ' && at + 1 < end && !bytes[at + 1].is_ascii_whitespace());
                if !normal {
                    break;
                }
                at += 1;
            }
            self.word_run(&bytes[span..at]);
        }
    }

    /// A literal piece whose normalisation was worked out once.
    pub(crate) fn piece(&mut self, piece: &NormalisedPiece) {
        if piece.core.is_empty() {
            self.pending_space |= piece.leading_space;
            return;
        }
        self.pending_space |= piece.leading_space;
        self.word_run(piece.core.as_bytes());
        self.pending_space = piece.trailing_space;
    }

    /// [`content_fingerprint`] of everything fed.
    pub(crate) fn finish(&self) -> String {
        short_hex(&Sha256::digest(&self.normalised))
    }
}

/// JSON for inside an HTML comment: `-`, `<`, `>`, `&`, U+2028, U+2029 as `\uXXXX` escapes.
/// Those characters occur in the marker's JSON only inside string literals (it has no negative
/// numbers), where the escapes mean the same characters.
fn comment_safe_json(marker: &SnippetMarker) -> String {
    let json = serde_json::to_string(marker).unwrap_or_else(|_| "{}".to_string());
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '-' => out.push_str("\\u002d"),
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            other => out.push(other),
        }
    }
    out
}

/// Append the begin comment to `out`; returns the byte offset of the content fingerprint's
/// value in `out` (for [`fill_content`]), or `None` when the marker has an empty one (never
/// for generated snippets, which reserve it).
pub(crate) fn push_begin(out: &mut String, marker: &SnippetMarker) -> Option<usize> {
    // Reserve the fingerprint with a placeholder of its final length, so that it can be
    // written in place once the content exists (no second copy of the snippet).
    let mut reserved;
    let marker = if marker.content.is_empty() {
        reserved = marker.clone();
        reserved.content = "0".repeat(FINGERPRINT_HEX_DIGITS);
        &reserved
    } else {
        marker
    };
    let json = comment_safe_json(marker);
    out.push_str("<!-- ");
    out.push_str(BEGIN_WORD);
    out.push(' ');
    let json_start = out.len();
    out.push_str(&json);
    out.push_str(" -->\n");
    // The content member is the last one and its value is plain hex: find it from the end.
    let needle = format!("\"content\":\"{}\"", marker.content);
    json.rfind(&needle)
        .map(|at| json_start + at + "\"content\":\"".len())
}

/// Write the content fingerprint over the placeholder reserved by [`push_begin`].
pub(crate) fn fill_content(out: &mut String, at: Option<usize>, fingerprint: &str) {
    if let Some(at) = at {
        if fingerprint.len() == FINGERPRINT_HEX_DIGITS && out.is_char_boundary(at) {
            out.replace_range(at..at + FINGERPRINT_HEX_DIGITS, fingerprint);
        }
    }
}

/// Why a begin comment could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the CallPage snippet marker cannot be read: {0}")]
pub struct MarkerError(pub String);

/// Read the text inside an HTML comment (between `<!--` and `-->`, as an HTML parser gives it):
/// `None` when it is not a begin marker; the marker, or why it cannot be read, when it is.
pub fn parse_comment(inner: &str) -> Option<Result<SnippetMarker, MarkerError>> {
    let rest = inner.trim_matches(is_html_space).strip_prefix(BEGIN_WORD)?;
    if !rest.starts_with(is_html_space) {
        return None;
    }
    let json = rest.trim_matches(is_html_space);
    Some(serde_json::from_str(json).map_err(|e| MarkerError(e.to_string())))
}

/// Whether the text inside an HTML comment is the end marker.
pub fn is_end_comment(inner: &str) -> bool {
    inner.trim_matches(is_html_space) == END_WORD
}

/// One snippet found in a page's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundSnippet {
    /// Byte range of the begin comment in the page.
    pub begin: Range<usize>,
    /// What the begin comment says, or why it cannot be read.
    pub marker: Result<SnippetMarker, MarkerError>,
    /// Byte range of the end comment: the first one after the begin comment and before the
    /// next begin comment; `None` when there is none (the snippet was cut).
    pub end: Option<Range<usize>>,
    /// Byte range of the content: from the end of the begin comment to the start of the end
    /// comment (or of the next begin comment, or the end of the page).
    pub content: Range<usize>,
    /// `Some(true)` when the content's fingerprint is the marker's, `Some(false)` when it
    /// differs (edited by hand, or cut), `None` when the marker cannot be read.
    pub intact: Option<bool>,
}

/// Every marked snippet in a page's text (HTML source), in page order. The page is scanned as
/// text for `<!-- ... -->` comments; it is never run.
pub fn find_markers(page: &str) -> Vec<FoundSnippet> {
    // Every comment in the page: (range, inner text).
    let mut comments = Vec::new();
    let mut from = 0;
    while let Some(open) = page[from..].find("<!--").map(|at| from + at) {
        let inner_start = open + 4;
        let Some(close) = page[inner_start..].find("-->").map(|at| inner_start + at) else {
            break;
        };
        comments.push((open..close + 3, &page[inner_start..close]));
        from = close + 3;
    }
    let mut found = Vec::new();
    for (index, (range, inner)) in comments.iter().enumerate() {
        let Some(marker) = parse_comment(inner) else {
            continue;
        };
        let mut end = None;
        let mut stop = page.len();
        for (next_range, next_inner) in &comments[index + 1..] {
            if is_end_comment(next_inner) {
                end = Some(next_range.clone());
                stop = next_range.start;
                break;
            }
            if parse_comment(next_inner).is_some() {
                stop = next_range.start;
                break;
            }
        }
        let content = range.end..stop;
        let intact = marker
            .as_ref()
            .ok()
            .map(|m| end.is_some() && content_fingerprint(&page[content.clone()]) == m.content);
        found.push(FoundSnippet {
            begin: range.clone(),
            marker,
            end,
            content,
            intact,
        });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    fn config(id: &str) -> AccountConfig {
        AccountConfig::vendor_default(Catalog::embedded(), id, "ACME")
    }

    #[test]
    fn fingerprint_is_the_hash_of_the_normalised_text() {
        for text in [
            "",
            "   ",
            "a",
            " a ",
            "a b",
            "a  b",
            "a\nb",
            "a \n b",
            "\r\n\ta b\x0cc  d e\n",
            "x y z ",
            " Łódź  東京\u{a0}x ",
        ] {
            assert_eq!(
                content_fingerprint(text),
                short_hex(&Sha256::digest(normalise_whitespace(text).as_bytes())),
                "{text:?}"
            );
        }
    }

    #[test]
    fn streaming_digest_matches_the_fingerprint_whatever_the_pieces() {
        let texts = [
            "",
            "  ",
            "a",
            " a b  c\n\t d ",
            "x\r\n y",
            "Łódź  東京\u{a0}x",
            "end ",
            " start",
            "  var Q = __Q__;\n  function read(answered) {\n    if (x  && y) {}\n}  ",
            "words words words words  words\twords words words words words words\r\n",
        ];
        // Every sequence of three pieces, fed as scanned text or as precomputed literals.
        for a in texts {
            for b in texts {
                for c in texts {
                    let whole = format!("{a}{b}{c}");
                    let expected = content_fingerprint(&whole);
                    for mask in 0..8 {
                        let mut digest = ContentDigest::default();
                        for (i, part) in [a, b, c].into_iter().enumerate() {
                            if mask & (1 << i) == 0 {
                                digest.text(part);
                            } else {
                                digest.piece(&NormalisedPiece::new(part));
                            }
                        }
                        assert_eq!(digest.finish(), expected, "{whole:?} mask {mask}");
                    }
                }
            }
        }
    }

    #[test]
    fn plain_words_are_those_without_control_bytes_or_double_spaces() {
        let word = |b: &[u8; 8]| plain_word(u64::from_le_bytes(*b));
        assert!(word(b"abcdefgh"));
        assert!(word(b"a b c d "));
        assert!(word(b" a b c d"));
        assert!(word("óźa bc".as_bytes().try_into().unwrap()));
        for bad in [
            b"ab  cdef",
            b"abcdef  ",
            b"  abcdef",
            b"abc\ndefg",
            b"\tabcdefg",
            b"abcdefg\r",
            b"abc\x0cdefg",
        ] {
            assert!(!word(bad), "{:?}", String::from_utf8_lossy(bad));
        }
        // Every position of a double space and of a line break.
        for at in 0..8 {
            let mut b = *b"abcdefgh";
            b[at] = b'\n';
            assert!(!word(&b));
            if at < 7 {
                let mut b = *b"abcdefgh";
                b[at] = b' ';
                b[at + 1] = b' ';
                assert!(!word(&b));
            }
        }
    }

    #[test]
    fn normalisation_collapses_html_whitespace_only() {
        assert_eq!(normalise_whitespace("  a \t\r\n b\x0c c  "), "a b c");
        // U+00A0 and U+2028 are not HTML whitespace: kept.
        assert_eq!(
            normalise_whitespace("a\u{a0}b\u{2028}c"),
            "a\u{a0}b\u{2028}c"
        );
        assert_eq!(
            content_fingerprint(" a  b\n"),
            short_hex(&Sha256::digest(b"a b"))
        );
        assert_eq!(content_fingerprint("a\r\n\tb"), content_fingerprint("a b"));
        assert_ne!(content_fingerprint("a b"), content_fingerprint("ab"));
    }

    #[test]
    fn config_fingerprint_follows_the_configuration() {
        let a = config_fingerprint(&config("acme"));
        assert_eq!(a.len(), 16);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        assert_eq!(a, config_fingerprint(&config("acme")));
        assert_ne!(a, config_fingerprint(&config("acme2")));
    }

    #[test]
    fn hostile_account_id_stays_inside_the_comment_and_reads_back() {
        let id = "x --> <!-- </script> & \u{2028} -- --!>";
        let mut marker = SnippetMarker::new(&config(id), CmpId::Cookiebot, "2026.11.0");
        marker.content = "0123456789abcdef".into();
        let comment = marker.begin_comment();
        let inner = comment
            .strip_prefix("<!--")
            .and_then(|c| c.trim_end().strip_suffix("-->"))
            .unwrap();
        for bad in ["-->", "<!--", "--!>", "<", ">", "&", "\u{2028}"] {
            assert!(!inner.contains(bad), "{bad:?} in {inner}");
        }
        // The only `-` left is the one in the marker word.
        assert_eq!(inner.matches('-').count(), 1, "{inner}");
        assert_eq!(parse_comment(inner).unwrap().unwrap(), marker);
    }

    #[test]
    fn find_markers_reports_extent_and_edits() {
        let mut marker = SnippetMarker::new(&config("acme"), CmpId::Osano, "c");
        let mut snippet = String::new();
        let at = push_begin(&mut snippet, &marker);
        let start = snippet.len();
        snippet.push_str("<script>\n  go();\n</script>\n");
        marker.content = content_fingerprint(&snippet[start..]);
        fill_content(&mut snippet, at, &marker.content);
        snippet.push_str(END_COMMENT);
        assert!(snippet.contains(&marker.content));

        let page = format!("<html><head><!-- other -->\n{snippet}\n</head></html>");
        let found = find_markers(&page);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].marker.as_ref().unwrap(), &marker);
        assert_eq!(found[0].intact, Some(true));
        assert_eq!(&page[found[0].end.clone().unwrap()], END_COMMENT);

        // Re-indented (CRLF, tabs): still intact.
        let reindented = page.replace('\n', "\r\n\t\t");
        assert_eq!(find_markers(&reindented)[0].intact, Some(true));
        // Edited by hand: not intact.
        let edited = page.replace("go()", "go(1)");
        assert_eq!(find_markers(&edited)[0].intact, Some(false));
        // Cut (no end marker): not intact, content to the end of the page.
        let cut = page.replace(END_COMMENT, "");
        let found = find_markers(&cut);
        assert_eq!((found[0].end.clone(), found[0].intact), (None, Some(false)));
        assert_eq!(found[0].content.end, cut.len());
        // An unreadable marker is reported, not skipped.
        let broken = page.replace("{\"v\"", "{v");
        assert!(find_markers(&broken)[0].marker.is_err());
        // Two snippets: each ends at its own end marker.
        let twice = format!("{page}{page}");
        let found = find_markers(&twice);
        assert_eq!(found.len(), 2);
        assert!(found.iter().all(|f| f.intact == Some(true)));
    }
}
