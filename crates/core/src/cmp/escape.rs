//! Escaping for every context a configuration value can land in on a customer's page.
//!
//! - JavaScript: values go in as JSON ([`js_value`], [`js_str`]) produced by `serde_json`, with
//!   `<`, `>`, `&`, U+2028 and U+2029 written as `\uXXXX` escapes. Those characters can occur in
//!   JSON only inside string literals, so the escapes never change the value, and the result can
//!   contain neither `</script`, `<!--` nor a raw line separator.
//! - HTML attribute values and text: [`html_attr`] / [`html_text`] escape `& < > " '`.
//! - Comments (HTML `<!-- -->` and JS `//`): [`comment_text`] keeps only characters that cannot
//!   end or open a comment or a script.

use serde::Serialize;

/// A value as a JavaScript expression (JSON), safe inside an inline `<script>`.
pub fn js_value<T: Serialize + ?Sized>(value: &T) -> String {
    // Serialising plain data (strings, numbers, maps with string keys) cannot fail; fall back to
    // `null` rather than panic if a caller ever passes something that can.
    let json = serde_json::to_string(value).unwrap_or_else(|_| "null".to_string());
    if needs_hardening(&json) {
        harden_json(&json)
    } else {
        json
    }
}

/// A string as a JavaScript string literal, safe inside an inline `<script>`.
pub fn js_str(value: &str) -> String {
    js_value(value)
}

/// The escape [`harden_json`] writes for the character starting at byte `at` of `bytes`, if
/// it is one of `<`, `>`, `&`, U+2028, U+2029 (with that character's length in bytes).
fn json_escape_at(bytes: &[u8], at: usize) -> Option<(&'static str, usize)> {
    match bytes[at] {
        b'<' => Some(("\\u003c", 1)),
        b'>' => Some(("\\u003e", 1)),
        b'&' => Some(("\\u0026", 1)),
        // U+2028 is E2 80 A8 and U+2029 is E2 80 A9 in UTF-8.
        0xE2 if bytes.get(at + 1) == Some(&0x80) => match bytes.get(at + 2) {
            Some(0xA8) => Some(("\\u2028", 3)),
            Some(0xA9) => Some(("\\u2029", 3)),
            _ => None,
        },
        _ => None,
    }
}

fn needs_hardening(json: &str) -> bool {
    let bytes = json.as_bytes();
    // Cheap test first: most values hold none of the bytes an escape starts with.
    bytes.iter().any(|b| matches!(b, b'<' | b'>' | b'&' | 0xE2))
        && (0..bytes.len()).any(|at| json_escape_at(bytes, at).is_some())
}

/// Make JSON text safe to embed in an HTML `<script>` element (see the module docs).
pub fn harden_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + 16);
    let bytes = json.as_bytes();
    let mut copied = 0;
    let mut at = 0;
    while at < bytes.len() {
        if let Some((escape, len)) = json_escape_at(bytes, at) {
            // `at` is the first byte of a character (an ASCII byte or a lead byte), so both
            // slices fall on character boundaries.
            out.push_str(&json[copied..at]);
            out.push_str(escape);
            at += len;
            copied = at;
        } else {
            at += 1;
        }
    }
    out.push_str(&json[copied..]);
    out
}

/// Text for an HTML element's content or a quoted attribute value (`& < > " '` and U+2028/9).
pub fn html_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 8);
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Harmless in HTML, but a snippet may end up inside a JS string (a tag manager's
            // custom HTML field): keep line separators out of the output altogether.
            '\u{2028}' => out.push_str("&#x2028;"),
            '\u{2029}' => out.push_str("&#x2029;"),
            other => out.push(other),
        }
    }
    out
}

/// A double-quoted HTML attribute value (without the quotes).
pub fn html_attr(value: &str) -> String {
    html_text(value)
}

/// Free text reduced to what is inert inside an HTML comment and a JS line comment: letters,
/// digits, spaces and `. , _ @ : / ( ) + #`; anything else becomes `_`. Capped at 80 characters.
pub fn comment_text(value: &str) -> String {
    if value.len() <= 80
        && value
            .bytes()
            .all(|b| b.is_ascii() && inert_in_comment(char::from(b)))
    {
        return value.to_string();
    }
    value
        .chars()
        .take(80)
        .map(|c| if inert_in_comment(c) { c } else { '_' })
        .collect()
}

/// What [`comment_text`] keeps.
fn inert_in_comment(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, ' ' | '.' | ',' | '_' | '@' | ':' | '(' | ')' | '+' | '#')
}

/// Markdown table cell: pipes and line breaks escaped, HTML-significant characters escaped too
/// (Markdown renderers pass raw HTML through).
pub fn md_cell(value: &str) -> String {
    html_text(value)
        .replace('|', "\\|")
        .replace(['\r', '\n', '\u{2028}', '\u{2029}'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn js_str_cannot_close_a_script_or_open_a_comment() {
        let s = js_str("</script><!--\u{2028}\u{2029}&\"'");
        assert!(!s.to_ascii_lowercase().contains("</script"));
        assert!(!s.contains("<!--"));
        assert!(!s.contains('\u{2028}') && !s.contains('\u{2029}'));
        assert_eq!(s, r#""\u003c/script\u003e\u003c!--\u2028\u2029\u0026\"'""#);
        // The escapes decode back to the same value.
        let back: String = serde_json::from_str(&s).unwrap();
        assert_eq!(back, "</script><!--\u{2028}\u{2029}&\"'");
    }

    #[test]
    fn html_escapes_quotes_and_angles() {
        assert_eq!(html_attr(r#"a"b'<c>&"#), "a&quot;b&#39;&lt;c&gt;&amp;");
    }

    #[test]
    fn comment_text_is_inert() {
        let c = comment_text("ACME --> </script> */ \u{2028} Łódź");
        assert!(!c.contains("--") && !c.contains('<') && !c.contains("*/"));
        assert!(c.contains("Łódź"));
    }
}
