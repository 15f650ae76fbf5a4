//! What changes when one widget catalog replaces another: storage items added, removed,
//! renamed, moved to another feature, or with another purpose, duration or other detail, and
//! the features' own texts and default category. Pure: the window shows the result before a
//! new catalog is applied; tests need no display.
//!
//! How items are matched, in this order:
//!
//! 1. **Same item**: the same storage type and the same name (a validated catalog lists each
//!    pair once). If it now sits under another feature it is *moved*; any other difference
//!    (purpose, duration, provider, ...) is listed as a field change.
//! 2. **Renamed**: of the items left over, an old and a new one are taken as the same item
//!    under another name when they belong to the **same feature**, have the **same storage
//!    type** and hold the **same position** in that feature's storage list (the vendor edited
//!    the name in place). Failing that, when they belong to the same feature, have the same
//!    storage type and the **same English purpose** (the item kept its role and moved in the
//!    list). Each old item pairs with at most one new item, first by position, then by purpose.
//! 3. Whatever is still left over is **removed** (old) or **added** (new).

use serde::Serialize;

use crate::catalog::{Catalog, FeatureEntry, LocalizedText, StorageItem, StorageType};

/// How one storage item changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StorageChangeKind {
    /// Only in the new catalog.
    Added,
    /// Only in the catalog in use.
    Removed,
    /// The same item (same feature, type and position or purpose) under another name.
    Renamed,
    /// The same name and type, now listed under another feature.
    Moved,
    /// The same name, type and feature; some detail changed (see `fields`).
    Changed,
}

/// One changed detail: the field (`purpose.en`, `duration_seconds`, `default_category`, ...) and its
/// value before and after, as text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DetailChange {
    pub field: String,
    pub before: String,
    pub after: String,
}

/// One storage item that differs between the two catalogs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StorageChange {
    pub kind: StorageChangeKind,
    /// The feature id the item belongs to (in the new catalog; in the old one when removed).
    pub feature: String,
    /// The feature it belonged to before, when moved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_feature: Option<String>,
    pub storage_type: StorageType,
    /// The item's name (the new one when renamed; the old one when removed).
    pub name: String,
    /// The name before, when renamed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_name: Option<String>,
    pub is_pattern: bool,
    /// What else changed (purpose, duration, provider, ...); empty for added and removed.
    pub fields: Vec<DetailChange>,
}

/// A feature (or the core) whose own texts or default category changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FeatureChange {
    pub feature: String,
    pub fields: Vec<DetailChange>,
}

/// Counts of each kind of storage change, for a one-line summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct CatalogDiffCounts {
    pub added: usize,
    pub removed: usize,
    pub renamed: usize,
    pub moved: usize,
    pub changed: usize,
}

/// Everything that differs between the catalog in use (`from`) and another one (`to`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CatalogDiff {
    pub from_version: String,
    pub to_version: String,
    /// Storage changes, in the new catalog's order (core first, then features), removed
    /// items after the item changes of their feature.
    pub storage: Vec<StorageChange>,
    pub features: Vec<FeatureChange>,
    /// Catalog-wide fields: vendor, notice, source, consent bridge.
    pub catalog: Vec<DetailChange>,
    pub counts: CatalogDiffCounts,
}

impl CatalogDiff {
    /// True when the two catalogs declare the same thing (the version may still differ).
    pub fn is_empty(&self) -> bool {
        self.storage.is_empty() && self.features.is_empty() && self.catalog.is_empty()
    }
}

/// A storage item and where it is: feature id and position in that feature's list.
#[derive(Clone, Copy)]
struct Placed<'a> {
    feature: &'a str,
    index: usize,
    item: &'a StorageItem,
}

fn entries(catalog: &Catalog) -> impl Iterator<Item = &FeatureEntry> {
    std::iter::once(&catalog.core).chain(&catalog.features)
}

fn placed(catalog: &Catalog) -> Vec<Placed<'_>> {
    entries(catalog)
        .flat_map(|entry| {
            entry
                .storage
                .iter()
                .enumerate()
                .map(|(index, item)| Placed {
                    feature: &entry.id,
                    index,
                    item,
                })
        })
        .collect()
}

fn same_key(a: &StorageItem, b: &StorageItem) -> bool {
    a.storage_type == b.storage_type && a.name == b.name
}

/// The serde id of a unit enum value (`http_cookie`, `analytics`, ...).
fn id_of<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

fn push(out: &mut Vec<DetailChange>, field: &str, before: String, after: String) {
    if before != after {
        out.push(DetailChange {
            field: field.to_string(),
            before,
            after,
        });
    }
}

fn push_text(
    out: &mut Vec<DetailChange>,
    field: &str,
    before: &LocalizedText,
    after: &LocalizedText,
) {
    push(
        out,
        &format!("{field}.en"),
        before.en.clone(),
        after.en.clone(),
    );
    push(
        out,
        &format!("{field}.pl"),
        before.pl.clone(),
        after.pl.clone(),
    );
}

/// Every detail of an item other than its name, type and feature that differs.
fn item_fields(a: &StorageItem, b: &StorageItem) -> Vec<DetailChange> {
    let mut out = Vec::new();
    push_text(&mut out, "purpose", &a.purpose, &b.purpose);
    // The seconds as a number and the texts per language, so the window can say all of it in
    // the user's language.
    push(
        &mut out,
        "duration_seconds",
        a.duration_seconds.to_string(),
        b.duration_seconds.to_string(),
    );
    push_text(
        &mut out,
        "duration_text",
        &a.duration_text,
        &b.duration_text,
    );
    push(
        &mut out,
        "is_pattern",
        a.is_pattern.to_string(),
        b.is_pattern.to_string(),
    );
    push(&mut out, "party", id_of(&a.party), id_of(&b.party));
    push(
        &mut out,
        "domain",
        a.domain.clone().unwrap_or_default(),
        b.domain.clone().unwrap_or_default(),
    );
    push(&mut out, "provider", a.provider.clone(), b.provider.clone());
    push(
        &mut out,
        "personal_data",
        a.personal_data.to_string(),
        b.personal_data.to_string(),
    );
    push(&mut out, "evidence", id_of(&a.evidence), id_of(&b.evidence));
    out
}

fn feature_fields(a: &FeatureEntry, b: &FeatureEntry) -> Vec<DetailChange> {
    let mut out = Vec::new();
    push_text(&mut out, "name", &a.name, &b.name);
    push_text(&mut out, "summary", &a.summary, &b.summary);
    push_text(
        &mut out,
        "without_consent",
        &a.without_consent,
        &b.without_consent,
    );
    push(
        &mut out,
        "default_category",
        id_of(&a.default_category),
        id_of(&b.default_category),
    );
    out
}

fn catalog_fields(a: &Catalog, b: &Catalog) -> Vec<DetailChange> {
    let mut out = Vec::new();
    push(&mut out, "vendor", a.vendor.clone(), b.vendor.clone());
    push_text(&mut out, "notice", &a.notice, &b.notice);
    push(&mut out, "source", a.source.clone(), b.source.clone());
    let (x, y) = (&a.consent_bridge, &b.consent_bridge);
    push(
        &mut out,
        "consent_bridge.description",
        x.description.clone(),
        y.description.clone(),
    );
    push(
        &mut out,
        "consent_bridge.queue_global",
        x.queue_global.clone(),
        y.queue_global.clone(),
    );
    push(
        &mut out,
        "consent_bridge.command",
        x.command.clone(),
        y.command.clone(),
    );
    push(
        &mut out,
        "consent_bridge.event",
        x.event.clone(),
        y.event.clone(),
    );
    out
}

/// What changes when `to` replaces `from`. See the module docs for how items are matched.
pub fn diff_catalogs(from: &Catalog, to: &Catalog) -> CatalogDiff {
    let old = placed(from);
    let new = placed(to);
    // For each new item, the old item it continues (index into `old`) and how.
    let mut matched_new: Vec<Option<(usize, StorageChangeKind)>> = vec![None; new.len()];
    let mut old_taken = vec![false; old.len()];

    // 1. Same type and name.
    for (n, new_item) in new.iter().enumerate() {
        if let Some(o) = old.iter().position(|o| same_key(o.item, new_item.item)) {
            old_taken[o] = true;
            let kind = if old[o].feature == new_item.feature {
                StorageChangeKind::Changed
            } else {
                StorageChangeKind::Moved
            };
            matched_new[n] = Some((o, kind));
        }
    }
    // 2. Renamed: same feature and type, then the same position, else the same purpose.
    let rename_rules: [fn(&Placed<'_>, &Placed<'_>) -> bool; 2] = [
        |o, n| o.index == n.index,
        |o, n| o.item.purpose.en == n.item.purpose.en,
    ];
    for rule in rename_rules {
        for (n, new_item) in new.iter().enumerate() {
            if matched_new[n].is_some() {
                continue;
            }
            let found = old.iter().enumerate().position(|(o, old_item)| {
                !old_taken[o]
                    && old_item.feature == new_item.feature
                    && old_item.item.storage_type == new_item.item.storage_type
                    && rule(old_item, new_item)
            });
            if let Some(o) = found {
                old_taken[o] = true;
                matched_new[n] = Some((o, StorageChangeKind::Renamed));
            }
        }
    }

    let mut storage = Vec::new();
    let mut counts = CatalogDiffCounts::default();
    let removed_of =
        |feature: &str, storage: &mut Vec<StorageChange>, counts: &mut CatalogDiffCounts| {
            for (o, old_item) in old.iter().enumerate() {
                if !old_taken[o] && old_item.feature == feature {
                    counts.removed += 1;
                    storage.push(StorageChange {
                        kind: StorageChangeKind::Removed,
                        feature: old_item.feature.to_string(),
                        old_feature: None,
                        storage_type: old_item.item.storage_type,
                        name: old_item.item.name.clone(),
                        old_name: None,
                        is_pattern: old_item.item.is_pattern,
                        fields: Vec::new(),
                    });
                }
            }
        };
    for entry in entries(to) {
        for (n, new_item) in new.iter().enumerate() {
            if new_item.feature != entry.id {
                continue;
            }
            let item = new_item.item;
            let change = match matched_new[n] {
                None => {
                    counts.added += 1;
                    StorageChange {
                        kind: StorageChangeKind::Added,
                        feature: entry.id.clone(),
                        old_feature: None,
                        storage_type: item.storage_type,
                        name: item.name.clone(),
                        old_name: None,
                        is_pattern: item.is_pattern,
                        fields: Vec::new(),
                    }
                }
                Some((o, kind)) => {
                    let fields = item_fields(old[o].item, item);
                    match kind {
                        StorageChangeKind::Changed if fields.is_empty() => continue,
                        StorageChangeKind::Changed => counts.changed += 1,
                        StorageChangeKind::Moved => counts.moved += 1,
                        _ => counts.renamed += 1,
                    }
                    StorageChange {
                        kind,
                        feature: entry.id.clone(),
                        old_feature: (kind == StorageChangeKind::Moved)
                            .then(|| old[o].feature.to_string()),
                        storage_type: item.storage_type,
                        name: item.name.clone(),
                        old_name: (kind == StorageChangeKind::Renamed)
                            .then(|| old[o].item.name.clone()),
                        is_pattern: item.is_pattern,
                        fields,
                    }
                }
            };
            storage.push(change);
        }
        removed_of(&entry.id, &mut storage, &mut counts);
    }
    // Features are the same set in every valid catalog; this covers an unvalidated one.
    for entry in entries(from) {
        if !entries(to).any(|e| e.id == entry.id) {
            removed_of(&entry.id, &mut storage, &mut counts);
        }
    }

    let features = entries(to)
        .filter_map(|b| {
            let a = entries(from).find(|a| a.id == b.id)?;
            let fields = feature_fields(a, b);
            (!fields.is_empty()).then(|| FeatureChange {
                feature: b.id.clone(),
                fields,
            })
        })
        .collect();

    CatalogDiff {
        from_version: from.catalog_version.clone(),
        to_version: to.catalog_version.clone(),
        storage,
        features,
        catalog: catalog_fields(from, to),
        counts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::DEFAULT_CATALOG_JSON;
    use crate::Feature;

    fn builtin() -> Catalog {
        Catalog::embedded().clone()
    }

    fn edited(edit: impl FnOnce(&mut Catalog)) -> Catalog {
        let mut catalog = builtin();
        edit(&mut catalog);
        catalog.catalog_version = "2027.1.0".into();
        catalog.validate().unwrap();
        catalog
    }

    fn feature_mut(catalog: &mut Catalog, feature: Feature) -> &mut FeatureEntry {
        catalog
            .features
            .iter_mut()
            .find(|f| f.id == feature.id())
            .unwrap()
    }

    fn kinds(diff: &CatalogDiff) -> Vec<(StorageChangeKind, String)> {
        diff.storage
            .iter()
            .map(|c| (c.kind, c.name.clone()))
            .collect()
    }

    #[test]
    fn the_same_catalog_has_no_changes() {
        let diff = diff_catalogs(&builtin(), &builtin());
        assert!(diff.is_empty(), "{diff:?}");
        assert_eq!(diff.counts, CatalogDiffCounts::default());
        // Only the version differs: still nothing to show but the versions.
        let other = edited(|_| {});
        let diff = diff_catalogs(&builtin(), &other);
        assert!(diff.is_empty());
        assert_eq!(
            (diff.from_version.as_str(), diff.to_version.as_str()),
            ("2026.11.0", "2027.1.0")
        );
    }

    #[test]
    fn an_added_and_a_removed_item_are_named_with_their_feature() {
        let new = edited(|c| {
            let scoring = feature_mut(c, Feature::ScoringRules);
            let mut item = scoring.storage[0].clone();
            item.name = "cp_score_v2".into();
            item.purpose.en = "A brand new score.".into();
            scoring.storage.push(item);
            feature_mut(c, Feature::DataMemorization).storage.remove(0);
        });
        let diff = diff_catalogs(&builtin(), &new);
        assert_eq!(
            kinds(&diff),
            [
                (StorageChangeKind::Added, "cp_score_v2".to_string()),
                (StorageChangeKind::Removed, "callpage_form_data".to_string()),
            ]
        );
        assert_eq!(diff.storage[0].feature, "scoring_rules");
        assert_eq!(diff.storage[1].feature, "data_memorization");
        assert_eq!((diff.counts.added, diff.counts.removed), (1, 1));
    }

    #[test]
    fn a_name_edited_in_place_is_a_rename_with_its_other_changes() {
        let new = edited(|c| {
            let item = &mut feature_mut(c, Feature::ScoringRules).storage[1];
            item.name = "cp_visits".into();
            item.duration_seconds = 86_400;
            item.duration_text.en = "1 day".into();
        });
        let diff = diff_catalogs(&builtin(), &new);
        assert_eq!(diff.storage.len(), 1, "{diff:?}");
        let change = &diff.storage[0];
        assert_eq!(change.kind, StorageChangeKind::Renamed);
        assert_eq!(change.old_name.as_deref(), Some("cp_visit_count"));
        assert_eq!(change.name, "cp_visits");
        assert_eq!(change.fields.len(), 2, "{:?}", change.fields);
        assert_eq!(change.fields[0].field, "duration_seconds");
        assert_eq!(change.fields[0].before, "31536000");
        assert_eq!(change.fields[0].after, "86400");
        assert_eq!(change.fields[1].field, "duration_text.en");
        assert_eq!(change.fields[1].before, "1 year");
        assert_eq!(change.fields[1].after, "1 day");
        assert_eq!(diff.counts.renamed, 1);
    }

    #[test]
    fn a_renamed_item_that_moved_in_its_list_is_found_by_its_purpose() {
        let new = edited(|c| {
            let storage = &mut feature_mut(c, Feature::ScoringRules).storage;
            storage.swap(0, 1);
            storage[0].name = "cp_visits".into(); // was cp_visit_count, at index 1
        });
        let diff = diff_catalogs(&builtin(), &new);
        // cp_visitor_id is the same item (by name); cp_visit_count -> cp_visits by purpose.
        assert_eq!(
            kinds(&diff),
            [(StorageChangeKind::Renamed, "cp_visits".to_string())]
        );
        assert_eq!(diff.storage[0].old_name.as_deref(), Some("cp_visit_count"));
    }

    #[test]
    fn another_type_or_feature_is_never_a_rename() {
        let new = edited(|c| {
            let item = &mut feature_mut(c, Feature::ScoringRules).storage[1];
            item.name = "cp_visits".into();
            item.storage_type = StorageType::LocalStorage;
        });
        let diff = diff_catalogs(&builtin(), &new);
        assert_eq!(
            kinds(&diff),
            [
                (StorageChangeKind::Added, "cp_visits".to_string()),
                (StorageChangeKind::Removed, "cp_visit_count".to_string()),
            ]
        );
    }

    #[test]
    fn purpose_and_duration_changes_are_listed_field_by_field() {
        let new = edited(|c| {
            let item = &mut feature_mut(c, Feature::TraceRoute).storage[0];
            item.purpose.pl = "Nowy cel.".into();
            item.duration_seconds = 3600;
            item.duration_text = LocalizedText {
                en: "1 hour".into(),
                pl: "1 godzina".into(),
            };
        });
        let diff = diff_catalogs(&builtin(), &new);
        assert_eq!(
            kinds(&diff),
            [(StorageChangeKind::Changed, "cp_tr_".to_string())]
        );
        let fields: Vec<&str> = diff.storage[0]
            .fields
            .iter()
            .map(|f| f.field.as_str())
            .collect();
        assert_eq!(
            fields,
            [
                "purpose.pl",
                "duration_seconds",
                "duration_text.en",
                "duration_text.pl"
            ]
        );
        assert!(diff.storage[0].is_pattern);
        assert_eq!(diff.counts.changed, 1);
    }

    #[test]
    fn an_item_under_another_feature_is_moved() {
        let new = edited(|c| {
            let item = feature_mut(c, Feature::ScoringRules).storage.remove(1);
            feature_mut(c, Feature::DataMemorization).storage.push(item);
        });
        let diff = diff_catalogs(&builtin(), &new);
        assert_eq!(
            kinds(&diff),
            [(StorageChangeKind::Moved, "cp_visit_count".to_string())]
        );
        assert_eq!(diff.storage[0].feature, "data_memorization");
        assert_eq!(
            diff.storage[0].old_feature.as_deref(),
            Some("scoring_rules")
        );
    }

    #[test]
    fn feature_texts_category_and_catalog_fields_are_listed() {
        let new = edited(|c| {
            let trace = feature_mut(c, Feature::TraceRoute);
            trace.name.en = "Visitor path".into();
            trace.default_category = crate::Category::Functional;
            c.consent_bridge.event = "callpage:consent2".into();
        });
        let diff = diff_catalogs(&builtin(), &new);
        assert!(diff.storage.is_empty());
        assert_eq!(diff.features.len(), 1);
        let fields: Vec<(&str, &str)> = diff.features[0]
            .fields
            .iter()
            .map(|f| (f.field.as_str(), f.after.as_str()))
            .collect();
        assert_eq!(
            fields,
            [
                ("name.en", "Visitor path"),
                ("default_category", "functional")
            ]
        );
        assert_eq!(diff.catalog[0].field, "consent_bridge.event");
        assert!(!diff.is_empty());
    }

    #[test]
    fn the_diff_serializes_for_the_window() {
        let new =
            Catalog::from_json(&DEFAULT_CATALOG_JSON.replacen("\"cp_tr_\"", "\"cp_trace_\"", 1))
                .unwrap();
        let json = serde_json::to_value(diff_catalogs(&builtin(), &new)).unwrap();
        assert_eq!(json["storage"][0]["kind"], "renamed");
        assert_eq!(json["storage"][0]["old_name"], "cp_tr_");
        assert_eq!(json["storage"][0]["storage_type"], "http_cookie");
        assert_eq!(json["counts"]["renamed"], 1);
    }
}
