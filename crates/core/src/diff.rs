//! What changed between two configurations: field by field, in the cookie list, and in the
//! snippet (a line diff with context, by the `similar` crate). Pure derivation: the store
//! compares two stored versions with it, the window and the CLI show the result.
//!
//! Both configurations are turned into their JSON form and compared path by path: objects
//! key by key, lists (domains, features, regions, ...) as whole values with what was added and
//! removed, so a change reads `features: added ["trace_route"]`.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::Serialize;
use serde_json::Value;
use similar::{ChangeTag, TextDiff};

use crate::catalog::{Catalog, StorageType};
use crate::cmp;
use crate::config::{AccountConfig, Category, CmpId};
use crate::cookies::{full_list, CookieRow};

/// Unchanged lines shown around each change in a snippet diff.
pub const CONTEXT_LINES: usize = 3;

/// How a field changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

/// One changed field, by its JSON path (`consent_mode.wait_for_update_ms`, `features`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    pub path: String,
    pub kind: ChangeKind,
    /// The value before (`None` when the field was added).
    pub before: Option<Value>,
    /// The value after (`None` when the field was removed).
    pub after: Option<Value>,
    /// For lists: the items only in `after`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub items_added: Vec<Value>,
    /// For lists: the items only in `before`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub items_removed: Vec<Value>,
}

impl std::fmt::Display for FieldChange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let show = |v: &Option<Value>| v.as_ref().map_or("(none)".into(), Value::to_string);
        if !self.items_added.is_empty() || !self.items_removed.is_empty() {
            write!(f, "{}:", self.path)?;
            if !self.items_added.is_empty() {
                write!(f, " added {}", Value::Array(self.items_added.clone()))?;
            }
            if !self.items_removed.is_empty() {
                write!(f, " removed {}", Value::Array(self.items_removed.clone()))?;
            }
            return Ok(());
        }
        match self.kind {
            ChangeKind::Added => write!(f, "{}: added {}", self.path, show(&self.after)),
            ChangeKind::Removed => write!(f, "{}: removed (was {})", self.path, show(&self.before)),
            ChangeKind::Changed => write!(
                f,
                "{}: {} -> {}",
                self.path,
                show(&self.before),
                show(&self.after)
            ),
        }
    }
}

/// One storage item of the cookie list that changed between two versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CookieChange {
    pub kind: ChangeKind,
    /// As shown to people: a pattern ends in `*`.
    pub name: String,
    pub storage_type: StorageType,
    /// `core` or the optional feature's id.
    pub feature: String,
    pub category_before: Option<Category>,
    pub category_after: Option<Category>,
    /// For `changed`: the names of the cookie-list fields that differ.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
}

impl std::fmt::Display for CookieChange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let cat = |c: Option<Category>| c.map_or("-", Category::id);
        match self.kind {
            ChangeKind::Added => write!(
                f,
                "+ {} ({}, {})",
                self.name,
                self.feature,
                cat(self.category_after)
            ),
            ChangeKind::Removed => write!(
                f,
                "- {} ({}, {})",
                self.name,
                self.feature,
                cat(self.category_before)
            ),
            ChangeKind::Changed => write!(
                f,
                "~ {} ({}): {}",
                self.name,
                self.feature,
                self.fields.join(", ")
            ),
        }
    }
}

/// The change in the snippet. Each side is the snippet for that version's own CMP (`None`
/// when no CMP is chosen, which has no snippet).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SnippetDiff {
    pub cmp_before: Option<CmpId>,
    pub cmp_after: Option<CmpId>,
    pub changed: bool,
    /// The changed lines with [`CONTEXT_LINES`] unchanged lines around them, in hunks, as a
    /// unified diff shows them; empty when unchanged.
    pub lines: Vec<DiffLine>,
}

/// One line of a line diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiffLine {
    /// `+` added, `-` removed, ` ` unchanged (context), `@` the start of a hunk (its text is
    /// `@@ -old_start,old_len +new_start,new_len @@`, as in a unified diff).
    pub op: char,
    /// 1-based line number in the side the line comes from (the new side for context lines;
    /// 0 for a hunk header).
    pub line: usize,
    pub text: String,
}

/// Everything that changed from one configuration to another.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConfigDiff {
    /// Changed configuration fields, in path order. Empty when the two are identical.
    pub fields: Vec<FieldChange>,
    /// Storage items that appear, disappear or change (category, duration, ...).
    pub cookies: Vec<CookieChange>,
    /// The change in the snippet for each configuration's own CMP.
    pub snippet: SnippetDiff,
}

/// Fields, cookie list and snippet changes from `before` to `after`.
pub fn diff(catalog: &Catalog, before: &AccountConfig, after: &AccountConfig) -> ConfigDiff {
    ConfigDiff {
        fields: diff_configs(before, after),
        cookies: diff_cookies(catalog, before, after),
        snippet: diff_snippets(catalog, before, after),
    }
}

/// How the cookie list (core and enabled features) changes from `before` to `after`.
pub fn diff_cookies(
    catalog: &Catalog,
    before: &AccountConfig,
    after: &AccountConfig,
) -> Vec<CookieChange> {
    type Key = (String, String, StorageType);
    let index = |config: &AccountConfig| -> BTreeMap<Key, CookieRow> {
        full_list(catalog, config)
            .into_iter()
            .map(|row| {
                (
                    (row.feature.clone(), row.display_name(), row.storage_type),
                    row,
                )
            })
            .collect()
    };
    let (a, b) = (index(before), index(after));
    let mut keys: Vec<&Key> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    let mut out = Vec::new();
    for key in keys {
        let (x, y) = (a.get(key), b.get(key));
        let kind = match (x, y) {
            (None, Some(_)) => ChangeKind::Added,
            (Some(_), None) => ChangeKind::Removed,
            (Some(x), Some(y)) if x != y => ChangeKind::Changed,
            _ => continue,
        };
        let fields = match (x, y) {
            (Some(x), Some(y)) => {
                let (xv, yv) = (
                    serde_json::to_value(x).unwrap_or(Value::Null),
                    serde_json::to_value(y).unwrap_or(Value::Null),
                );
                match (xv, yv) {
                    (Value::Object(xm), Value::Object(ym)) => xm
                        .iter()
                        .filter(|(k, v)| ym.get(*k) != Some(*v))
                        .map(|(k, _)| k.clone())
                        .collect(),
                    _ => Vec::new(),
                }
            }
            _ => Vec::new(),
        };
        out.push(CookieChange {
            kind,
            name: key.1.clone(),
            storage_type: key.2,
            feature: key.0.clone(),
            category_before: x.map(|r| r.category),
            category_after: y.map(|r| r.category),
            fields,
        });
    }
    out
}

/// The line diff of the snippets for each configuration's own CMP.
pub fn diff_snippets(
    catalog: &Catalog,
    before: &AccountConfig,
    after: &AccountConfig,
) -> SnippetDiff {
    let text = |config: &AccountConfig| {
        config
            .cmp
            .map(|c| cmp::snippet(catalog, config, c, crate::config::Language::En).html)
            .unwrap_or_default()
    };
    let (a, b) = (text(before), text(after));
    let lines = if a == b {
        Vec::new()
    } else {
        line_diff(&a, &b)
    };
    SnippetDiff {
        cmp_before: before.cmp,
        cmp_after: after.cmp,
        changed: a != b,
        lines,
    }
}

/// The line diff of two texts in hunks with [`CONTEXT_LINES`] lines of context; empty when
/// the texts are equal.
pub fn line_diff(a: &str, b: &str) -> Vec<DiffLine> {
    let diff = TextDiff::configure()
        // A bound for pathological inputs; snippets are a few hundred lines.
        .timeout(Duration::from_secs(2))
        .diff_lines(a, b);
    let mut out = Vec::new();
    for group in diff.grouped_ops(CONTEXT_LINES) {
        let (Some(first), Some(last)) = (group.first(), group.last()) else {
            continue;
        };
        let (old, new) = (
            first.old_range().start..last.old_range().end,
            first.new_range().start..last.new_range().end,
        );
        out.push(DiffLine {
            op: '@',
            line: 0,
            text: format!(
                "@@ -{},{} +{},{} @@",
                old.start + 1,
                old.len(),
                new.start + 1,
                new.len()
            ),
        });
        for op in &group {
            for change in diff.iter_changes(op) {
                let (op, index) = match change.tag() {
                    ChangeTag::Delete => ('-', change.old_index()),
                    ChangeTag::Insert => ('+', change.new_index()),
                    ChangeTag::Equal => (' ', change.new_index()),
                };
                out.push(DiffLine {
                    op,
                    line: index.map_or(0, |i| i + 1),
                    text: change.value().trim_end_matches(['\n', '\r']).to_string(),
                });
            }
        }
    }
    out
}

/// Field-by-field changes from `before` to `after`.
pub fn diff_configs(before: &AccountConfig, after: &AccountConfig) -> Vec<FieldChange> {
    let a = serde_json::to_value(before).unwrap_or(Value::Null);
    let b = serde_json::to_value(after).unwrap_or(Value::Null);
    let mut out = Vec::new();
    diff_values("", Some(&a), Some(&b), &mut out);
    out
}

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

fn diff_values(path: &str, a: Option<&Value>, b: Option<&Value>, out: &mut Vec<FieldChange>) {
    match (a, b) {
        (Some(Value::Object(x)), Some(Value::Object(y))) => {
            let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                diff_values(&join(path, key), x.get(key), y.get(key), out);
            }
        }
        (Some(x), Some(y)) if x == y => {}
        (None, None) => {}
        (Some(x), Some(y)) => {
            let (mut items_added, mut items_removed) = (Vec::new(), Vec::new());
            if let (Value::Array(xs), Value::Array(ys)) = (x, y) {
                items_added = ys.iter().filter(|v| !xs.contains(v)).cloned().collect();
                items_removed = xs.iter().filter(|v| !ys.contains(v)).cloned().collect();
            }
            out.push(FieldChange {
                path: path.to_string(),
                kind: ChangeKind::Changed,
                before: Some(x.clone()),
                after: Some(y.clone()),
                items_added,
                items_removed,
            });
        }
        (None, Some(y)) => out.push(FieldChange {
            path: path.to_string(),
            kind: ChangeKind::Added,
            before: None,
            after: Some(y.clone()),
            items_added: Vec::new(),
            items_removed: Vec::new(),
        }),
        (Some(x), None) => out.push(FieldChange {
            path: path.to_string(),
            kind: ChangeKind::Removed,
            before: Some(x.clone()),
            after: None,
            items_added: Vec::new(),
            items_removed: Vec::new(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Feature;

    #[test]
    fn reports_each_changed_field_by_path() {
        let a = AccountConfig::vendor_default(Catalog::embedded(), "acme", "ACME");
        let mut b = a.clone();
        b.features.insert(Feature::TraceRoute);
        b.cmp = Some(CmpId::Cookiebot);
        b.consent_mode.wait_for_update_ms = Some(800);
        let changes = diff_configs(&a, &b);
        let paths: Vec<&str> = changes.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(
            paths,
            ["cmp", "consent_mode.wait_for_update_ms", "features"]
        );
        assert_eq!(changes[2].items_added, [Value::from("trace_route")]);
        assert_eq!(changes[2].to_string(), r#"features: added ["trace_route"]"#);
        assert_eq!(changes[0].to_string(), r#"cmp: null -> "cookiebot""#);
        assert!(diff_configs(&a, &a).is_empty());

        let cookies = diff_cookies(Catalog::embedded(), &a, &b);
        assert!(!cookies.is_empty());
        assert!(cookies
            .iter()
            .all(|c| c.kind == ChangeKind::Added && c.feature == "trace_route"));
        assert!(diff_cookies(Catalog::embedded(), &b, &b).is_empty());

        let snippet = diff_snippets(Catalog::embedded(), &a, &b);
        assert_eq!(
            (snippet.cmp_before, snippet.cmp_after),
            (None, Some(CmpId::Cookiebot))
        );
        assert!(snippet.changed);
        assert!(snippet.lines.iter().all(|l| l.op == '+' || l.op == '@'));
        let mut c = b.clone();
        c.categories
            .insert(Feature::TraceRoute, Category::Marketing);
        let cookies = diff_cookies(Catalog::embedded(), &b, &c);
        assert!(cookies.iter().all(|c| c.kind == ChangeKind::Changed
            && c.category_after == Some(Category::Marketing)
            && c.fields.contains(&"category".to_string())));
        let snippet = diff_snippets(Catalog::embedded(), &b, &c);
        assert!(snippet.changed);
        // Changed lines come with unchanged lines around them.
        assert!(snippet.lines.iter().any(|l| l.op == ' '));
        assert!(snippet.lines.iter().any(|l| l.op == '-'));
        assert_eq!(snippet.lines[0].op, '@');
    }

    #[test]
    fn line_diff_has_hunks_with_context() {
        let a = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\nb\n12\n";
        let b = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\nx\n12\nd\n";
        let ops: Vec<String> = line_diff(a, b)
            .iter()
            .map(|l| format!("{}{}{}", l.op, l.line, l.text))
            .collect();
        assert_eq!(
            ops,
            [
                "@0@@ -8,5 +8,6 @@",
                " 88",
                " 99",
                " 1010",
                "-11b",
                "+11x",
                " 1212",
                "+13d"
            ]
        );
        assert!(line_diff("same", "same").is_empty());
        // Far-apart changes are separate hunks.
        let long_a: String = (0..40).map(|i| format!("{i}\n")).collect();
        let long_b: String = (0..40)
            .map(|i| match i {
                2 => "two\n".to_string(),
                35 => "thirty-five\n".to_string(),
                i => format!("{i}\n"),
            })
            .collect();
        let hunks = line_diff(&long_a, &long_b)
            .iter()
            .filter(|l| l.op == '@')
            .count();
        assert_eq!(hunks, 2);
    }
}
