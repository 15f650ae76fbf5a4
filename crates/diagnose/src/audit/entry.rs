//! One cookie or storage item as a report lists it, in the same shape whatever the format.

use serde::Serialize;

use super::category::DeclaredCategory;
use super::lifetime::Lifetime;
use crate::finding::Evidence;

/// One entry of a CMP report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeclaredEntry {
    /// The name as the report writes it (Cookiebot's `[x4]` provider count removed).
    pub name: String,
    /// For a wildcard entry (`cp_tr_*`, Cookiebot's `cp_tr_#`, the Open Cookie Database's
    /// "Wildcard match"): the prefix every name it stands for starts with.
    pub prefix: Option<String>,
    pub category: DeclaredCategory,
    pub domain: Option<String>,
    pub provider: Option<String>,
    /// The lifetime as written, when the report gives one.
    pub lifetime_text: Option<String>,
    /// The lifetime read from it.
    pub lifetime: Option<Lifetime>,
    /// Where in the report (line, or JSON path in the excerpt).
    pub evidence: Evidence,
}

impl DeclaredEntry {
    /// An entry named `raw_name`; wildcards in the name (`*`, `#`) make it a prefix entry.
    pub fn new(raw_name: &str, category: DeclaredCategory, evidence: Evidence) -> DeclaredEntry {
        let name = clean_name(raw_name);
        let prefix = wildcard_prefix(&name);
        DeclaredEntry {
            name,
            prefix,
            category,
            domain: None,
            provider: None,
            lifetime_text: None,
            lifetime: None,
            evidence,
        }
    }

    /// Mark the whole name as a prefix (a "Wildcard match" column said so).
    pub fn set_wildcard(&mut self) {
        if self.prefix.is_none() {
            let prefix = self.name.trim_end_matches('*').to_string();
            if prefix.chars().count() >= MIN_PREFIX {
                self.prefix = Some(prefix);
            }
        }
    }

    pub fn with_domain(mut self, domain: Option<&str>) -> DeclaredEntry {
        self.domain = non_empty(domain);
        self
    }

    pub fn with_provider(mut self, provider: Option<&str>) -> DeclaredEntry {
        self.provider = non_empty(provider);
        self
    }

    pub fn with_lifetime(
        mut self,
        text: Option<&str>,
        lifetime: Option<Lifetime>,
    ) -> DeclaredEntry {
        self.lifetime_text = non_empty(text);
        self.lifetime = lifetime;
        self
    }

    /// Whether the entry stands for `name` (exactly, case-insensitively, or by its prefix).
    pub fn covers_name(&self, name: &str) -> bool {
        match &self.prefix {
            Some(prefix) => starts_with_ignore_case(name, prefix),
            None => self.name.eq_ignore_ascii_case(name),
        }
    }

    /// Whether the entry stands for any name starting with `prefix` (a catalog pattern).
    pub fn covers_prefix(&self, prefix: &str) -> bool {
        match &self.prefix {
            // `cp_#` covers the catalog's `cp_tr_`, and `cp_tr_session#` is one of its names.
            Some(own) => {
                starts_with_ignore_case(prefix, own) || starts_with_ignore_case(own, prefix)
            }
            None => starts_with_ignore_case(&self.name, prefix),
        }
    }
}

/// A wildcard prefix shorter than this would stand for almost anything; such entries are
/// compared by their full name instead.
const MIN_PREFIX: usize = 2;

fn non_empty(text: Option<&str>) -> Option<String> {
    text.map(str::trim)
        .filter(|t| !t.is_empty() && !t.eq_ignore_ascii_case("#n/a"))
        .map(visible)
}

/// Report text made safe to show anywhere (a terminal, a table, a message): control characters
/// (terminal escape sequences start with one) and bidirectional overrides become U+FFFD; line
/// breaks and tabs become spaces.
pub fn visible(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | '\r' | '\t' => ' ',
            '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
                '\u{fffd}'
            }
            c if c.is_control() => '\u{fffd}',
            c => c,
        })
        .collect()
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.len() >= prefix.len()
        && text.is_char_boundary(prefix.len())
        && text[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// The name without surrounding space, non-breaking spaces, and Cookiebot's `[xN]` count of
/// providers that follows a name set by several hosts (`CookieConsent [x4]`).
pub fn clean_name(raw: &str) -> String {
    let name = visible(&raw.replace('\u{a0}', " "));
    let name = name.trim();
    if let Some(open) = name.rfind("[x") {
        let tail = &name[open + 2..];
        if let Some(digits) = tail.strip_suffix(']') {
            if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
                return name[..open].trim_end().to_string();
            }
        }
    }
    name.to_string()
}

/// The prefix of a wildcard name: text before the first `*` or `#` (a `.` right before a `*`,
/// as in the regex-like `cp_tr_.*`, is dropped too).
fn wildcard_prefix(name: &str) -> Option<String> {
    let at = name.find(['*', '#'])?;
    let mut prefix = &name[..at];
    if name[at..].starts_with('*') {
        prefix = prefix.strip_suffix('.').unwrap_or(prefix);
    }
    (prefix.chars().count() >= MIN_PREFIX).then(|| prefix.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(name: &str) -> DeclaredEntry {
        DeclaredEntry::new(
            name,
            DeclaredCategory::not_given(),
            Evidence {
                line: 1,
                column: 0,
                excerpt: String::new(),
            },
        )
    }

    #[test]
    fn names_lose_the_provider_count_and_wildcards_become_prefixes() {
        assert_eq!(clean_name("CookieConsent [x4]"), "CookieConsent");
        assert_eq!(clean_name("CookieConsent\u{a0}[x17] "), "CookieConsent");
        assert_eq!(clean_name("pvc_visits[0]"), "pvc_visits[0]");
        assert_eq!(entry("cp_tr_#").prefix.as_deref(), Some("cp_tr_"));
        assert_eq!(entry("cp_tr_*").prefix.as_deref(), Some("cp_tr_"));
        assert_eq!(entry("cp_tr_.*").prefix.as_deref(), Some("cp_tr_"));
        assert_eq!(entry("*").prefix, None, "too broad");
        let mut wild = entry("cp_tr_");
        wild.set_wildcard();
        assert_eq!(wild.prefix.as_deref(), Some("cp_tr_"));
    }

    #[test]
    fn terminal_escapes_and_bidi_overrides_are_made_visible() {
        assert_eq!(
            clean_name("\u{1b}[31mcp_\u{202e}x\n"),
            "\u{fffd}[31mcp_\u{fffd}x"
        );
    }

    #[test]
    fn coverage_by_name_and_by_prefix() {
        assert!(entry("cp_visitor_id").covers_name("cp_visitor_id"));
        assert!(entry("CP_Visitor_ID").covers_name("cp_visitor_id"));
        assert!(!entry("cp_visitor").covers_name("cp_visitor_id"));
        assert!(entry("cp_#").covers_name("cp_visitor_id"));
        assert!(entry("cp_tr_#").covers_prefix("cp_tr_"));
        assert!(entry("cp_#").covers_prefix("cp_tr_"));
        assert!(entry("cp_tr_1234").covers_prefix("cp_tr_"));
        assert!(!entry("cp_visit_count").covers_prefix("cp_tr_"));
    }
}
