//! Positions and excerpts in a decoded page: byte offsets become 1-based lines and columns (in
//! characters, as an editor counts them), and an excerpt is a short, single-line, safe-to-show
//! piece of the page at that place.

use crate::finding::Evidence;

/// How many characters an excerpt shows at most (before the ellipsis).
pub const EXCERPT_CHARS: usize = 100;

/// The start of every line of a text, for turning byte offsets into lines and columns.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset of the first byte of each line; `starts[0] == 0`.
    starts: Vec<usize>,
}

impl LineIndex {
    /// Lines end at `\n`, `\r\n` or a lone `\r`, as HTML's input stream preprocessing has it.
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut at = 0;
        while let Some(found) = memchr2(b'\n', b'\r', &bytes[at..]) {
            let i = at + found;
            let next = if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                i + 2
            } else {
                i + 1
            };
            starts.push(next);
            at = next;
        }
        LineIndex { starts }
    }

    /// The 1-based line and 1-based column (in characters) of a byte offset. An offset inside
    /// a character counts as that character.
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let column = text
            .get(start..floor_char_boundary(text, offset))
            .map_or(0, |s| s.chars().count());
        (line, column + 1)
    }

    /// Evidence at a byte offset: line, column and an excerpt that starts there.
    pub fn evidence(&self, text: &str, offset: usize) -> Evidence {
        let (line, column) = self.position(text, offset);
        Evidence {
            line,
            column,
            excerpt: excerpt(text, offset),
        }
    }
}

fn memchr2(a: u8, b: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|&c| c == a || c == b)
}

/// The largest character boundary at or before `offset`.
pub fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut at = offset.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A short excerpt of `text` starting at byte `offset`: at most [`EXCERPT_CHARS`] characters
/// of the rest of that line (longer lines end in `…`), with control characters made visible.
pub fn excerpt(text: &str, offset: usize) -> String {
    let start = floor_char_boundary(text, offset);
    let rest = &text[start..];
    let line_end = rest.find(['\n', '\r']).unwrap_or(rest.len());
    shorten(&rest[..line_end], EXCERPT_CHARS)
}

/// `text` cut to `max` characters (with `…` when cut), on one line, control characters shown
/// as their Unicode control pictures (`␀`, `␛`, ...), so that an excerpt can never move a
/// terminal's cursor, ring its bell or start an escape sequence.
pub fn shorten(text: &str, max: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max * 4) + 3);
    for (count, c) in text.chars().enumerate() {
        if count == max {
            out.push('…');
            break;
        }
        push_visible(&mut out, c);
    }
    out
}

/// `text` with control and invisible formatting characters made visible (as in [`shorten`]),
/// whole: every finding's message and fix go through this, since they quote the page.
pub fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_visible(&mut out, c);
    }
    out
}

/// Push `c`, or a visible stand-in for a control or invisible formatting character.
fn push_visible(out: &mut String, c: char) {
    match c {
        // C0 controls become the control pictures U+2400..U+241F; tab stays readable as ␉ too.
        '\u{0}'..='\u{1f}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('?')),
        '\u{7f}' => out.push('␡'),
        // C1 controls, line/paragraph separators, bidirectional overrides and isolates, BOM:
        // shown as their code point so they cannot reorder or hide the text around them.
        '\u{80}'..='\u{9f}'
        | '\u{2028}'
        | '\u{2029}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}'
        | '\u{200b}'..='\u{200f}'
        | '\u{feff}' => out.push_str(&format!("<U+{:04X}>", c as u32)),
        _ => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_count_characters_and_all_line_ends() {
        let text = "ab\r\nżółw<x>\rq\n\nz";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 0), (1, 1));
        assert_eq!(index.position(text, text.find("<x>").unwrap()), (2, 5));
        assert_eq!(index.position(text, text.find('q').unwrap()), (3, 1));
        assert_eq!(index.position(text, text.find('z').unwrap()), (5, 1));
        assert_eq!(index.position(text, text.len() + 10), (5, 2));
    }

    #[test]
    fn excerpts_are_one_short_line_with_controls_visible() {
        let text = "x<script>\u{1b}[2Jbad\u{7}\u{202e}</script>\nnext";
        assert_eq!(excerpt(text, 1), "<script>␛[2Jbad␇<U+202E></script>");
        let long = "a".repeat(300);
        let cut = excerpt(&long, 0);
        assert_eq!(cut.chars().count(), EXCERPT_CHARS + 1);
        assert!(cut.ends_with('…'));
        // An offset inside a character is moved back to its start.
        assert_eq!(excerpt("żx", 1), "żx");
    }
}
