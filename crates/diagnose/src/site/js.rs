//! Reading inline script text without running it: a small JavaScript lexer that knows
//! strings, template literals, comments and regular expression literals well enough to find
//! calls such as `gtag('consent', 'default', {...})` and object literals such as the embed's
//! `{"id": "...", "version": "1.1"}` in the code, and never inside a string or a comment.
//!
//! It is not a JavaScript parser: a call whose arguments are variables is reported with what
//! is unknown left out. It never panics and always moves forward, whatever the text.

/// A string-valued or other top-level entry of an object literal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub key: String,
    /// The value's source text, trimmed (cut at 200 bytes).
    pub raw: String,
    /// The value when it is a plain string literal.
    pub string: Option<String>,
}

/// An object literal: its top-level entries.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Object {
    pub entries: Vec<Entry>,
}

impl Object {
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.key == key)
    }

    pub fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub fn string(&self, key: &str) -> Option<&str> {
        self.get(key).and_then(|e| e.string.as_deref())
    }
}

/// One call `name(...)` found in code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    /// Byte offset of the callee name in the text.
    pub at: usize,
    /// The arguments that are string literals, in order, until the first that is not.
    pub strings: Vec<String>,
    /// The first object-literal argument, if any.
    pub object: Option<Object>,
    /// How many arguments the call has (as far as the lexer can tell).
    pub arguments: usize,
}

/// Every call of a function named `name` (also as `window.name(...)`), in order.
pub fn calls(src: &str, name: &str) -> Vec<Call> {
    let mut found = Vec::new();
    let mut lexer = Lexer::new(src);
    while let Some(token) = lexer.next_token() {
        if let Token::Ident(start, end) = token {
            if &src[start..end] == name {
                let save = lexer.pos;
                lexer.skip_trivia();
                if lexer.peek() == Some(b'(') {
                    lexer.pos += 1;
                    found.push(lexer.arguments(start));
                } else {
                    lexer.pos = save;
                }
            }
        }
    }
    found
}

/// Every object literal in the code that has all of `keys` at its top level, with the byte
/// offset of its `{`.
pub fn objects_with(src: &str, keys: &[&str]) -> Vec<(usize, Object)> {
    let mut found = Vec::new();
    let mut lexer = Lexer::new(src);
    while let Some(token) = lexer.next_token() {
        if let Token::Punct(at, b'{') = token {
            let save = lexer.pos;
            let object = lexer.object();
            if keys.iter().all(|k| object.has(k)) {
                found.push((at, object));
            } else {
                // Look inside it too: the object may be nested.
                lexer.pos = save;
            }
        }
    }
    found
}

/// Whether `needle` occurs in the code outside strings and comments as an identifier
/// (`__tcfapi`, `OptanonWrapper`, ...).
pub fn has_identifier(src: &str, needle: &str) -> bool {
    let mut lexer = Lexer::new(src);
    while let Some(token) = lexer.next_token() {
        if let Token::Ident(start, end) = token {
            if &src[start..end] == needle {
                return true;
            }
        }
    }
    false
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    Ident(usize, usize),
    Str(usize, usize),
    Punct(usize, u8),
    Other,
}

struct Lexer<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    /// Whether a `/` here would start a regular expression (after an operator or at the
    /// start) rather than divide.
    regex_allowed: bool,
}

const VALUE_CAP: usize = 200;

impl<'a> Lexer<'a> {
    fn new(src: &'a str) -> Lexer<'a> {
        Lexer {
            src,
            bytes: src.as_bytes(),
            pos: 0,
            regex_allowed: true,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// Skip white space and comments.
    fn skip_trivia(&mut self) {
        loop {
            match self.peek() {
                Some(b) if b.is_ascii_whitespace() => self.pos += 1,
                Some(b'/') if self.bytes.get(self.pos + 1) == Some(&b'/') => {
                    self.pos = self.bytes[self.pos..]
                        .iter()
                        .position(|&b| b == b'\n' || b == b'\r')
                        .map_or(self.bytes.len(), |p| self.pos + p);
                }
                Some(b'/') if self.bytes.get(self.pos + 1) == Some(&b'*') => {
                    self.pos =
                        find(self.bytes, self.pos + 2, b"*/").map_or(self.bytes.len(), |p| p + 2);
                }
                // An HTML-like comment opener inside a script is a line comment in browsers.
                Some(b'<') if self.bytes[self.pos..].starts_with(b"<!--") => {
                    self.pos = self.bytes[self.pos..]
                        .iter()
                        .position(|&b| b == b'\n')
                        .map_or(self.bytes.len(), |p| self.pos + p);
                }
                // Non-ASCII white space (NBSP, line separators, BOM) is skipped a character at
                // a time so that positions stay on character boundaries.
                Some(b) if b >= 0x80 => {
                    let c = self.src[self.pos..].chars().next();
                    match c {
                        Some(c) if c.is_whitespace() || c == '\u{feff}' => self.pos += c.len_utf8(),
                        _ => return,
                    }
                }
                _ => return,
            }
        }
    }

    fn next_token(&mut self) -> Option<Token> {
        self.skip_trivia();
        let start = self.pos;
        let b = self.peek()?;
        let token = match b {
            b'\'' | b'"' => {
                self.pos = skip_string(self.bytes, start);
                self.regex_allowed = false;
                Token::Str(start, self.pos)
            }
            b'`' => {
                self.pos = skip_template(self.bytes, start);
                self.regex_allowed = false;
                Token::Other
            }
            b'/' if self.regex_allowed => {
                self.pos = skip_regex(self.bytes, start);
                self.regex_allowed = false;
                Token::Other
            }
            b if b == b'_' || b == b'$' || b.is_ascii_alphabetic() || b >= 0x80 => {
                let end = self.bytes[start..]
                    .iter()
                    .position(|&c| {
                        !(c == b'_' || c == b'$' || c.is_ascii_alphanumeric() || c >= 0x80)
                    })
                    .map_or(self.bytes.len(), |p| start + p);
                // Keep on a character boundary (an identifier cannot end inside a character, but
                // stray bytes of a non-identifier character can be swallowed as one).
                self.pos = end.max(start + 1);
                while !self.src.is_char_boundary(self.pos) {
                    self.pos += 1;
                }
                let word = &self.src[start..self.pos];
                // After a keyword like `return` a `/` starts a regular expression.
                self.regex_allowed = matches!(
                    word,
                    "return"
                        | "typeof"
                        | "instanceof"
                        | "in"
                        | "of"
                        | "new"
                        | "delete"
                        | "void"
                        | "throw"
                        | "case"
                        | "do"
                        | "else"
                        | "yield"
                        | "await"
                );
                Token::Ident(start, self.pos)
            }
            b if b.is_ascii_digit() => {
                self.pos = self.bytes[start..]
                    .iter()
                    .position(|&c| !(c.is_ascii_alphanumeric() || c == b'.' || c == b'_'))
                    .map_or(self.bytes.len(), |p| start + p)
                    .max(start + 1);
                self.regex_allowed = false;
                Token::Other
            }
            _ => {
                self.pos = start + 1;
                self.regex_allowed = !matches!(b, b')' | b']' | b'}');
                Token::Punct(start, b)
            }
        };
        Some(token)
    }

    /// After `(`: the call's arguments, up to the matching `)`.
    fn arguments(&mut self, at: usize) -> Call {
        let mut call = Call {
            at,
            strings: Vec::new(),
            object: None,
            arguments: 0,
        };
        let mut strings_done = false;
        let mut argument_has_tokens = false;
        loop {
            self.skip_trivia();
            match self.peek() {
                None => break,
                Some(b')') => {
                    self.pos += 1;
                    if argument_has_tokens {
                        call.arguments += 1;
                    }
                    break;
                }
                Some(b',') => {
                    self.pos += 1;
                    call.arguments += 1;
                    argument_has_tokens = false;
                    continue;
                }
                _ => {}
            }
            let first_of_argument = !argument_has_tokens;
            argument_has_tokens = true;
            let Some(token) = self.next_token() else {
                break;
            };
            match token {
                Token::Str(s, e) if first_of_argument && !strings_done => {
                    // Only a literal that is the whole argument counts.
                    let save = self.pos;
                    self.skip_trivia();
                    if matches!(self.peek(), Some(b',') | Some(b')')) {
                        call.strings.push(unquote(&self.src[s..e]));
                    } else {
                        strings_done = true;
                    }
                    self.pos = save;
                }
                Token::Punct(_, b'{') if first_of_argument => {
                    strings_done = true;
                    let object = self.object();
                    if call.object.is_none() {
                        call.object = Some(object);
                    }
                }
                Token::Punct(_, b'(' | b'[' | b'{') => {
                    strings_done = true;
                    self.skip_group();
                }
                _ => strings_done = true,
            }
        }
        call
    }

    /// After `{`: the object literal's top-level entries, up to the matching `}`.
    fn object(&mut self) -> Object {
        let mut object = Object::default();
        loop {
            self.skip_trivia();
            match self.peek() {
                None => return object,
                Some(b'}') => {
                    self.pos += 1;
                    self.regex_allowed = false;
                    return object;
                }
                Some(b',') => {
                    self.pos += 1;
                    continue;
                }
                _ => {}
            }
            let key = match self.next_token() {
                Some(Token::Ident(s, e)) => Some(self.src[s..e].to_string()),
                Some(Token::Str(s, e)) => Some(unquote(&self.src[s..e])),
                Some(Token::Punct(_, b'[' | b'(' | b'{')) => {
                    self.skip_group();
                    None
                }
                Some(Token::Punct(_, b'}')) => return object,
                Some(_) => None,
                None => return object,
            };
            self.skip_trivia();
            if self.peek() == Some(b':') {
                self.pos += 1;
                self.regex_allowed = true;
                let (raw, string) = self.value();
                if let Some(key) = key {
                    if object.entries.len() < 256 {
                        object.entries.push(Entry { key, raw, string });
                    }
                }
            } else {
                // Shorthand property, method or spread: skip to the next top-level comma.
                self.value();
            }
        }
    }

    /// A value up to the next top-level `,` or closing bracket (not consumed): its source
    /// text and its string value when it is a single string literal.
    fn value(&mut self) -> (String, Option<String>) {
        self.skip_trivia();
        let start = self.pos;
        let mut tokens = 0;
        let mut only_string = None;
        loop {
            self.skip_trivia();
            match self.peek() {
                None | Some(b',' | b'}' | b')' | b']') => break,
                _ => {}
            }
            let Some(token) = self.next_token() else {
                break;
            };
            tokens += 1;
            match token {
                Token::Str(s, e) if tokens == 1 => only_string = Some(unquote(&self.src[s..e])),
                Token::Punct(_, b'(' | b'[' | b'{') => {
                    only_string = None;
                    self.skip_group();
                }
                _ => only_string = None,
            }
        }
        let end = super::text::floor_char_boundary(self.src, self.pos.min(start + VALUE_CAP));
        let raw = self
            .src
            .get(start..end.max(start))
            .unwrap_or("")
            .trim()
            .to_string();
        (raw, if tokens == 1 { only_string } else { None })
    }

    /// After an opening bracket: skip to after its match.
    fn skip_group(&mut self) {
        let mut depth = 1usize;
        while depth > 0 {
            let Some(token) = self.next_token() else {
                return;
            };
            if let Token::Punct(_, b) = token {
                match b {
                    b'(' | b'[' | b'{' => depth += 1,
                    b')' | b']' | b'}' => depth -= 1,
                    _ => {}
                }
            }
        }
    }
}

/// After the opening quote at `start`: the index after the closing quote (or the end).
fn skip_string(bytes: &[u8], start: usize) -> usize {
    let quote = bytes[start];
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b if b == quote => return i + 1,
            // An unescaped line break ends a (broken) string literal.
            b'\n' | b'\r' => return i,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// A template literal, with `${...}` substitutions (which may hold strings and templates).
fn skip_template(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'`' => return i + 1,
            b'$' if bytes.get(i + 1) == Some(&b'{') => {
                let mut depth = 1usize;
                i += 2;
                while i < bytes.len() && depth > 0 {
                    match bytes[i] {
                        b'{' => depth += 1,
                        b'}' => depth -= 1,
                        b'\'' | b'"' => {
                            i = skip_string(bytes, i);
                            continue;
                        }
                        b'`' => {
                            i = skip_template(bytes, i);
                            continue;
                        }
                        _ => {}
                    }
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    bytes.len()
}

/// A regular expression literal (with classes, where `/` does not end it).
fn skip_regex(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    let mut in_class = false;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'[' => {
                in_class = true;
                i += 1
            }
            b']' => {
                in_class = false;
                i += 1
            }
            b'/' if !in_class => {
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                    i += 1;
                }
                return i;
            }
            b'\n' | b'\r' => return i,
            _ => i += 1,
        }
    }
    bytes.len()
}

fn find(haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

/// The value of a string literal (with its quotes): simple escapes decoded.
fn unquote(literal: &str) -> String {
    let inner = literal
        .get(1..literal.len().saturating_sub(1).max(1))
        .unwrap_or("");
    let inner = if literal.len() >= 2 && literal.ends_with(&literal[..1]) {
        inner
    } else {
        literal.get(1..).unwrap_or("")
    };
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('x') => {
                let hex: String = chars.by_ref().take(2).collect();
                out.push(
                    u32::from_str_radix(&hex, 16)
                        .ok()
                        .and_then(char::from_u32)
                        .unwrap_or('\u{FFFD}'),
                );
            }
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                out.push(
                    u32::from_str_radix(&hex, 16)
                        .ok()
                        .and_then(char::from_u32)
                        .unwrap_or('\u{FFFD}'),
                );
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_gtag_consent_calls_with_keys() {
        let src = r#"
          window.dataLayer = window.dataLayer || [];
          function gtag(){dataLayer.push(arguments);}
          // gtag('consent', 'default', {}) in a comment does not count
          var s = "gtag('config', 'X')";
          gtag('consent', 'default', {
            'ad_storage': 'denied', analytics_storage: "denied",
            wait_for_update: 500, region: ['PL', 'DE'], nested: {a: 1}
          });
          window.gtag("config", "G-1", { send_page_view: false });
          gtag('consent', 'update', consentState);
        "#;
        let found = calls(src, "gtag");
        // The definition `function gtag(){...}` is a "call" with no arguments.
        let found: Vec<_> = found.into_iter().filter(|c| c.arguments > 0).collect();
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(found[0].strings, vec!["consent", "default"]);
        let object = found[0].object.as_ref().unwrap();
        let keys: Vec<&str> = object.entries.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "ad_storage",
                "analytics_storage",
                "wait_for_update",
                "region",
                "nested"
            ]
        );
        assert_eq!(object.string("analytics_storage"), Some("denied"));
        assert_eq!(object.get("wait_for_update").unwrap().raw, "500");
        assert_eq!(found[1].strings, vec!["config", "G-1"]);
        assert_eq!(found[2].strings, vec!["consent", "update"]);
        assert!(found[2].object.is_none());
        assert_eq!(&src[found[0].at..found[0].at + 4], "gtag");
    }

    #[test]
    fn regex_and_template_literals_do_not_confuse_it() {
        let src =
            r#"var r = /["'`]/g; var t = `x ${ "}" } gtag('no')`; var d = a / b / c; gtag('yes');"#;
        let found = calls(src, "gtag");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].strings, vec!["yes"]);
    }

    #[test]
    fn finds_the_embed_object() {
        let src = r#"var loadWidget = function(){ var __cp = {"id":"o3BYtk-8","version":"1.1"}; x({a:{id:1}}) }"#;
        let found = objects_with(src, &["id", "version"]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].1.string("id"), Some("o3BYtk-8"));
    }

    #[test]
    fn identifiers_outside_strings() {
        assert!(has_identifier("window.__tcfapi = function(){}", "__tcfapi"));
        assert!(!has_identifier("var a = '__tcfapi';", "__tcfapi"));
    }

    #[test]
    fn hostile_text_never_panics() {
        for src in [
            "gtag(",
            "gtag('",
            "gtag({",
            "gtag(`${",
            "/",
            "'\\",
            "{\"a\":",
            "gtag('x', {a: [",
            "ż/ż\u{2028}gtag('ż')",
            "\\u{",
            "gtag('\\x",
            "gtag('\\u12",
        ] {
            let _ = calls(src, "gtag");
            let _ = objects_with(src, &["a"]);
        }
    }
}
