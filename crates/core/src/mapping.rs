//! Category mapping exports for the CMP team: which CMP category, purpose, consent type, service
//! or vendor each storage item of the widget belongs to, as CSV or JSON rows, for one CMP or
//! all; and the IAB TCF device storage disclosure JSON for the widget's storage.
//!
//! Rows cover the widget core's strictly necessary storage and the enabled features' storage
//! (what the site must declare).

use serde::Serialize;

use crate::catalog::{Catalog, Party, StorageType};
use crate::cmp::{self, Context};
use crate::config::{AccountConfig, Category, CmpId, Language};
use crate::cookies::CookieRow;
use crate::csv_safe::CsvText;
use crate::declaration::declaration_rows;
use crate::error::{Error, Result};

/// The export format of [`mapping_export`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MappingFormat {
    Csv,
    Json,
    /// The IAB TCF device storage disclosure (`{"disclosures":[...]}`); not per CMP.
    Tcf,
}

impl MappingFormat {
    pub fn parse(id: &str) -> Result<MappingFormat> {
        match id.trim() {
            "csv" => Ok(MappingFormat::Csv),
            "json" => Ok(MappingFormat::Json),
            "tcf" => Ok(MappingFormat::Tcf),
            other => Err(Error::Unknown {
                what: "mapping format",
                value: other.to_string(),
                expected: "csv, json, tcf".into(),
            }),
        }
    }
}

/// One storage item mapped to one CMP.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MappingRow {
    /// The name as declared; a pattern ends in `*`.
    pub storage_item: String,
    pub storage_type: StorageType,
    /// `core` or the optional feature's id.
    pub feature: String,
    pub internal_category: Category,
    /// The target's id (`cookiebot`, `onetrust`, ...).
    pub cmp: &'static str,
    /// The CMP's category / purpose / consent type / service / vendor id.
    pub cmp_category_id: String,
    pub cmp_category_name: String,
}

/// Mapping rows for one CMP (`Some`) or every supported target (`None`), storage item by
/// storage item within each target.
pub fn mapping_rows(
    catalog: &Catalog,
    config: &AccountConfig,
    cmp: Option<CmpId>,
) -> Vec<MappingRow> {
    let rows = declaration_rows(catalog, config, Language::En);
    let ctx = Context::new(catalog, config);
    let targets: Vec<CmpId> = match cmp {
        Some(c) => vec![c],
        None => CmpId::ALL.to_vec(),
    };
    let mut out = Vec::new();
    for target in targets {
        let adapter = cmp::adapter(target);
        for row in &rows {
            let mapped = adapter.target(&ctx, row.category);
            out.push(MappingRow {
                storage_item: row.display_name(),
                storage_type: row.storage_type,
                feature: row.feature.clone(),
                internal_category: row.category,
                cmp: target.id(),
                cmp_category_id: mapped.id,
                cmp_category_name: mapped.name,
            });
        }
    }
    out
}

fn storage_type_id(t: StorageType) -> &'static str {
    match t {
        StorageType::HttpCookie => "http_cookie",
        StorageType::LocalStorage => "local_storage",
        StorageType::SessionStorage => "session_storage",
    }
}

/// Rows as CSV with a header line.
pub fn mapping_csv(rows: &[MappingRow]) -> String {
    let mut out = CsvText::new();
    out.row([
        "storage_item",
        "storage_type",
        "feature",
        "internal_category",
        "cmp",
        "cmp_category_id",
        "cmp_category_name",
    ]);
    for r in rows {
        out.row([
            r.storage_item.as_str(),
            storage_type_id(r.storage_type),
            r.feature.as_str(),
            r.internal_category.id(),
            r.cmp,
            r.cmp_category_id.as_str(),
            r.cmp_category_name.as_str(),
        ]);
    }
    out.finish()
}

/// Rows as a pretty JSON array.
pub fn mapping_json(rows: &[MappingRow]) -> String {
    serde_json::to_string_pretty(rows).unwrap_or_else(|_| "[]".to_string()) + "\n"
}

/// One entry of the IAB TCF device storage disclosure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Disclosure {
    pub identifier: String,
    /// `cookie` or `web` (localStorage, sessionStorage).
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Cookie lifetime in seconds (0 = session); `null` for web storage.
    pub max_age_seconds: Option<u64>,
    /// Only for cookies. The catalog does not say whether the widget refreshes a cookie's
    /// lifetime, so this is `false`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cookie_refresh: Option<bool>,
    /// `*` for storage on the site's own domain, else the third-party domain.
    pub domains: Vec<String>,
    /// TCF purposes; strictly necessary storage declares none (exempt from consent), optional
    /// storage declares Purpose 1 plus the configured purposes of its category.
    pub purposes: Vec<u8>,
    pub description: String,
}

/// The device storage disclosures for the declared rows.
pub fn tcf_disclosures(catalog: &Catalog, config: &AccountConfig) -> Vec<Disclosure> {
    let ctx = Context::new(catalog, config);
    declaration_rows(catalog, config, Language::En)
        .iter()
        .map(|row: &CookieRow| {
            let cookie = row.storage_type == StorageType::HttpCookie;
            Disclosure {
                identifier: row.display_name(),
                kind: if cookie { "cookie" } else { "web" },
                max_age_seconds: if cookie {
                    Some(row.duration_seconds)
                } else {
                    None
                },
                cookie_refresh: if cookie { Some(false) } else { None },
                domains: match (row.party, &row.domain) {
                    (Party::ThirdParty, Some(domain)) => vec![domain.clone()],
                    _ => vec!["*".to_string()],
                },
                purposes: if row.category == Category::Necessary {
                    Vec::new()
                } else {
                    cmp::tcf_purposes(&ctx, row.category)
                },
                description: row.purpose.clone(),
            }
        })
        .collect()
}

/// The IAB TCF device storage disclosure JSON (`{"disclosures":[...]}`), ready to publish at
/// the vendor's `deviceStorageDisclosureUrl`.
pub fn tcf_disclosure_json(catalog: &Catalog, config: &AccountConfig) -> String {
    let value = serde_json::json!({ "disclosures": tcf_disclosures(catalog, config) });
    serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
}

/// The export for `cmp` (`None` = all targets) in `format`.
pub fn mapping_export(
    catalog: &Catalog,
    config: &AccountConfig,
    cmp: Option<CmpId>,
    format: MappingFormat,
) -> String {
    match format {
        MappingFormat::Csv => mapping_csv(&mapping_rows(catalog, config, cmp)),
        MappingFormat::Json => mapping_json(&mapping_rows(catalog, config, cmp)),
        MappingFormat::Tcf => tcf_disclosure_json(catalog, config),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Feature;

    fn config() -> AccountConfig {
        let mut c = AccountConfig::vendor_default(Catalog::embedded(), "acme", "ACME");
        c.features = Feature::ALL.into_iter().collect();
        c
    }

    #[test]
    fn one_cmp_and_all() {
        let catalog = Catalog::embedded();
        let rows = mapping_rows(catalog, &config(), Some(CmpId::Onetrust));
        assert_eq!(rows.len(), 6);
        assert!(rows
            .iter()
            .any(|r| r.storage_item == "cp_visitor_id" && r.cmp_category_id == "C0002"));
        assert!(rows
            .iter()
            .any(|r| r.feature == "core" && r.cmp_category_id == "C0001"));
        let all = mapping_rows(catalog, &config(), None);
        assert_eq!(all.len(), 6 * CmpId::ALL.len());
        let csv = mapping_csv(&rows);
        assert!(csv.starts_with("storage_item,storage_type,feature,"));
        assert!(csv.contains(
            "cp_tr_*,http_cookie,trace_route,analytics,onetrust,C0002,Performance Cookies"
        ));
        let json: serde_json::Value = serde_json::from_str(&mapping_json(&rows)).unwrap();
        assert_eq!(json.as_array().unwrap().len(), 6);
    }

    #[test]
    fn tcf_disclosure_shape() {
        let text = tcf_disclosure_json(Catalog::embedded(), &config());
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let list = v["disclosures"].as_array().unwrap();
        assert_eq!(list.len(), 6);
        let core = &list[0];
        assert_eq!(core["identifier"], "callpage-widget-version");
        assert_eq!(core["type"], "cookie");
        assert_eq!(core["purposes"], serde_json::json!([]));
        let tr = list.iter().find(|d| d["identifier"] == "cp_tr_*").unwrap();
        assert_eq!(tr["maxAgeSeconds"], 1800);
        assert_eq!(tr["cookieRefresh"], false);
        assert_eq!(tr["domains"], serde_json::json!(["*"]));
        assert_eq!(tr["purposes"], serde_json::json!([1, 8, 9, 10]));
        let form = list
            .iter()
            .find(|d| d["identifier"] == "callpage_form_data")
            .unwrap();
        assert_eq!(form["type"], "web");
        assert!(form["maxAgeSeconds"].is_null());
        assert!(form.get("cookieRefresh").is_none());
    }
}
