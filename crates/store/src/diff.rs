//! Field-by-field differences between two configuration versions.
//!
//! Both configurations are turned into their JSON form and compared path by path: objects
//! key by key, lists (domains, features, regions, ...) as whole values with what was added and
//! removed, so a change reads `features: added ["trace_route"]`.

use cookie_admin_core::AccountConfig;
use serde::Serialize;
use serde_json::Value;

use crate::accounts::{StoredVersion, VersionInfo};

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

/// The difference between two versions of one account.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VersionDiff {
    pub account: String,
    pub from: VersionInfo,
    pub to: VersionInfo,
    /// Changed configuration fields, in path order. Empty when the two are identical.
    pub fields: Vec<FieldChange>,
}

pub(crate) fn version_diff(a: &StoredVersion, b: &StoredVersion) -> VersionDiff {
    VersionDiff {
        account: b.account.clone(),
        from: a.info.clone(),
        to: b.info.clone(),
        fields: diff_configs(&a.config, &b.config),
    }
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
    use cookie_admin_core::{Catalog, CmpId, Feature};

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
    }
}
