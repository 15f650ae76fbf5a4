//! A small reader for JavaScript array literals made of strings, numbers, `true`, `false` and
//! `null` (the cookie tables in Cookiebot's dialog script). Nothing is executed: anything else
//! (a variable, a call, an operator) is refused with its position.
//!
//! It is tolerant where JavaScript is and JSON is not: single-quoted strings, `\'` and `\x41`
//! escapes, a trailing comma, comments between values.

/// A literal value.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    Array(Vec<(usize, Literal)>),
    Str(String),
    Number(String),
    Bool(bool),
    Null,
}

impl Literal {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Literal::Str(s) => Some(s),
            Literal::Number(n) => Some(n),
            _ => None,
        }
    }
}

/// Why a literal could not be read, and where (a byte offset into the text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiteralError {
    pub offset: usize,
    pub message: String,
}

/// Arrays nested deeper than this are refused (a table is two levels deep).
const MAX_DEPTH: usize = 16;

/// Read the literal that starts at byte `start` of `text`; returns it and the offset just after.
pub fn parse_at(text: &str, start: usize) -> Result<(Literal, usize), LiteralError> {
    let mut parser = Parser {
        bytes: text.as_bytes(),
        text,
        at: start,
    };
    let value = parser.value(0)?;
    Ok((value, parser.at))
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
}

impl Parser<'_> {
    fn error<T>(&self, message: impl Into<String>) -> Result<T, LiteralError> {
        Err(LiteralError {
            offset: self.at,
            message: message.into(),
        })
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// Skip white space and comments.
    fn skip_space(&mut self) -> Result<(), LiteralError> {
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) => self.at += 1,
                Some(b'/') if self.bytes.get(self.at + 1) == Some(&b'/') => {
                    while !matches!(self.peek(), None | Some(b'\n')) {
                        self.at += 1;
                    }
                }
                Some(b'/') if self.bytes.get(self.at + 1) == Some(&b'*') => {
                    let Some(end) = self.text[self.at + 2..].find("*/") else {
                        return self.error("a comment that is never closed");
                    };
                    self.at += 2 + end + 2;
                }
                // Non-breaking and other Unicode spaces.
                Some(b) if b >= 0x80 => {
                    let c = self.text[self.at..].chars().next().unwrap_or('x');
                    if c.is_whitespace() {
                        self.at += c.len_utf8();
                    } else {
                        return Ok(());
                    }
                }
                _ => return Ok(()),
            }
        }
    }

    fn value(&mut self, depth: usize) -> Result<Literal, LiteralError> {
        self.skip_space()?;
        match self.peek() {
            Some(b'[') => self.array(depth),
            Some(q @ (b'"' | b'\'')) => self.string(q).map(Literal::Str),
            Some(b'-' | b'+' | b'.' | b'0'..=b'9') => self.number(),
            Some(b't') if self.text[self.at..].starts_with("true") => {
                self.at += 4;
                Ok(Literal::Bool(true))
            }
            Some(b'f') if self.text[self.at..].starts_with("false") => {
                self.at += 5;
                Ok(Literal::Bool(false))
            }
            Some(b'n') if self.text[self.at..].starts_with("null") => {
                self.at += 4;
                Ok(Literal::Null)
            }
            None => self.error("the text ends inside the list"),
            Some(_) => {
                let snippet: String = self.text[self.at..]
                    .chars()
                    .take_while(|c| !c.is_whitespace())
                    .take(20)
                    .collect();
                self.error(format!(
                    "expected a string, a number or a list, found `{snippet}` (only plain values are read, nothing is run)"
                ))
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Literal, LiteralError> {
        if depth >= MAX_DEPTH {
            return self.error("lists nested too deeply");
        }
        self.at += 1; // [
        let mut items = Vec::new();
        loop {
            self.skip_space()?;
            match self.peek() {
                Some(b']') => {
                    self.at += 1;
                    return Ok(Literal::Array(items));
                }
                None => return self.error("the list is never closed (missing `]`)"),
                _ => {}
            }
            let start = self.at;
            let value = self.value(depth + 1)?;
            items.push((start, value));
            self.skip_space()?;
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {}
                None => return self.error("the list is never closed (missing `]`)"),
                Some(_) => return self.error("expected `,` or `]` after a value"),
            }
        }
    }

    fn number(&mut self) -> Result<Literal, LiteralError> {
        let start = self.at;
        while matches!(
            self.peek(),
            Some(
                b'0'..=b'9'
                | b'.'
                | b'-'
                | b'+'
                | b'e'
                | b'E'
                | b'x'
                | b'X'
                | b'a'..=b'd'
                | b'f'
                | b'A'..=b'D'
                | b'F',
            )
        ) {
            self.at += 1;
        }
        let text = &self.text[start..self.at];
        if text.chars().any(|c| c.is_ascii_digit()) {
            Ok(Literal::Number(text.to_string()))
        } else {
            self.at = start;
            self.error("expected a number")
        }
    }

    fn string(&mut self, quote: u8) -> Result<String, LiteralError> {
        let open = self.at;
        self.at += 1;
        let mut out = String::new();
        loop {
            let Some(rest) = self.text.get(self.at..) else {
                return self.error("unexpected end of text");
            };
            let Some(c) = rest.chars().next() else {
                self.at = open;
                return self.error("a string that is never closed");
            };
            self.at += c.len_utf8();
            match c {
                '\\' => self.escape(&mut out)?,
                '\n' | '\r' => {
                    self.at = open;
                    return self.error("a string that is never closed on its line");
                }
                c if c as u32 == quote as u32 => return Ok(out),
                c => out.push(c),
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), LiteralError> {
        let Some(c) = self.text[self.at..].chars().next() else {
            return self.error("the text ends inside an escape");
        };
        self.at += c.len_utf8();
        match c {
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'v' => out.push('\u{b}'),
            '0' => out.push('\0'),
            // A backslash before a line break continues the string.
            '\n' => {}
            '\r' => {
                if self.peek() == Some(b'\n') {
                    self.at += 1;
                }
            }
            'x' => {
                let code = self.hex(2)?;
                out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
            }
            'u' => {
                let code = if self.peek() == Some(b'{') {
                    self.at += 1;
                    let end = self.text[self.at..].find('}').filter(|e| *e <= 6);
                    let Some(end) = end else {
                        return self.error("a `\\u{…}` escape that is never closed");
                    };
                    let digits = &self.text[self.at..self.at + end];
                    let Ok(code) = u32::from_str_radix(digits, 16) else {
                        return self.error("a bad `\\u{…}` escape");
                    };
                    self.at += end + 1;
                    code
                } else {
                    let high = self.hex(4)?;
                    // A surrogate pair written as two escapes.
                    if (0xD800..0xDC00).contains(&high) && self.text[self.at..].starts_with("\\u") {
                        let save = self.at;
                        self.at += 2;
                        let low = self.hex(4)?;
                        if (0xDC00..0xE000).contains(&low) {
                            0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            self.at = save;
                            high
                        }
                    } else {
                        high
                    }
                };
                out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
            }
            other => out.push(other),
        }
        Ok(())
    }

    fn hex(&mut self, digits: usize) -> Result<u32, LiteralError> {
        let Some(text) = self.text.get(self.at..self.at + digits) else {
            return self.error("a bad escape");
        };
        match u32::from_str_radix(text, 16) {
            Ok(code) if text.bytes().all(|b| b.is_ascii_hexdigit()) => {
                self.at += digits;
                Ok(code)
            }
            _ => self.error("a bad escape"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(value: &Literal) -> Vec<Vec<String>> {
        let Literal::Array(rows) = value else {
            panic!("not an array")
        };
        rows.iter()
            .map(|(_, row)| {
                let Literal::Array(cells) = row else {
                    panic!("not a row")
                };
                cells
                    .iter()
                    .map(|(_, c)| c.as_str().unwrap_or("").to_string())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn cookiebot_rows_with_javascript_escapes() {
        let text = r#"x = [["CookieConsent","site.com","Stores the user\'s consent","1 year","HTTP","1","",'cookiebot.com'],
            ["a\x41\u0042\u{43}", "p", "", "Session", "HTML", 2, "", "",], ];"#;
        let start = text.find('[').unwrap();
        let (value, end) = parse_at(text, start).unwrap();
        assert_eq!(&text[end..], ";");
        let rows = strings(&value);
        assert_eq!(rows[0][2], "Stores the user's consent");
        assert_eq!(rows[0][7], "cookiebot.com");
        assert_eq!(rows[1][0], "aABC");
        assert_eq!(rows[1][5], "2");
    }

    #[test]
    fn code_is_refused_with_its_position() {
        for bad in [
            r#"[["a", alert(1)]]"#,
            r#"[["a" + "b"]]"#,
            r#"[["a", "b"]"#,
            r#"[["never closed]]"#,
            r#"[["a"] ["b"]]"#,
        ] {
            let err = parse_at(bad, 0).unwrap_err();
            assert!(err.offset <= bad.len(), "{bad}: {err:?}");
        }
        let deep = "[".repeat(100) + &"]".repeat(100);
        assert!(parse_at(&deep, 0).is_err());
    }
}
