//! Values quoted in messages. A value from a file or an argument can be any length (a 50 MB
//! account name in a hostile bundle); an error message quotes at most [`QUOTE_CHARS`]
//! characters of it and says how much was left out, so one bad value never makes a huge
//! error line. Every error that quotes a value (core, store, CLI) goes through [`quote`] or
//! [`shorten`].

use std::borrow::Cow;

/// How many characters of a value a message quotes.
pub const QUOTE_CHARS: usize = 80;

/// `value` cut to [`QUOTE_CHARS`] characters, with `…(N more bytes)` when it was longer.
pub fn shorten(value: &str) -> Cow<'_, str> {
    match value.char_indices().nth(QUOTE_CHARS) {
        None => Cow::Borrowed(value),
        Some((cut, _)) => Cow::Owned(format!(
            "{}…({} more bytes)",
            &value[..cut],
            value.len() - cut
        )),
    }
}

/// `value` in single quotes, shortened: `'ACME Ltd'`, `'NNNN…(2999920 more bytes)'`.
pub fn quote(value: &str) -> String {
    format!("'{}'", shorten(value))
}

/// A message written by a library (serde, SQLite) that may quote a whole value between
/// backticks or double quotes (`unknown variant `…``, `invalid type: string "…"`): every such
/// quoted part longer than [`QUOTE_CHARS`] characters is shortened.
pub fn shorten_quoted_parts(message: &str) -> Cow<'_, str> {
    if message.chars().count() <= QUOTE_CHARS {
        return Cow::Borrowed(message);
    }
    let mut out = String::with_capacity(message.len().min(4 * QUOTE_CHARS));
    let mut rest = message;
    while let Some(open) = rest.find(['`', '"']) {
        let mark = &rest[open..open + 1];
        out.push_str(&rest[..=open]);
        let after = &rest[open + 1..];
        match after.find(mark) {
            Some(close) => {
                out.push_str(&shorten(&after[..close]));
                out.push_str(mark);
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&shorten(after));
                rest = "";
            }
        }
    }
    out.push_str(rest);
    // Anything else long (a path segment, an unquoted value) is cut at the end.
    if out.chars().count() > 8 * QUOTE_CHARS {
        let cut = out
            .char_indices()
            .nth(8 * QUOTE_CHARS)
            .map_or(out.len(), |(i, _)| i);
        let more = out.len() - cut;
        out.truncate(cut);
        out.push_str(&format!("…({more} more bytes)"));
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_values_are_quoted_whole() {
        assert_eq!(quote("ACME"), "'ACME'");
        assert_eq!(quote(&"x".repeat(80)), format!("'{}'", "x".repeat(80)));
    }

    #[test]
    fn long_values_are_cut_at_a_character_boundary() {
        let q = quote(&"ż".repeat(100));
        assert_eq!(q, format!("'{}…(40 more bytes)'", "ż".repeat(80)));
        let huge = "N".repeat(3_000_000);
        assert!(quote(&huge).len() < 120);
    }

    #[test]
    fn library_messages_have_their_quoted_values_cut() {
        let huge = "A".repeat(1_000_000);
        let m = format!("unknown variant `{huge}`, expected one of `gcm`, `tcf`");
        let s = shorten_quoted_parts(&m);
        assert!(s.len() < 300, "{s}");
        assert!(s.starts_with("unknown variant `AAAA"));
        assert!(s.ends_with("expected one of `gcm`, `tcf`"), "{s}");
        let m = format!("invalid type: string \"{huge}\", expected a number");
        assert!(shorten_quoted_parts(&m).ends_with("\", expected a number"));
        assert_eq!(shorten_quoted_parts("short `x`"), "short `x`");
    }
}
