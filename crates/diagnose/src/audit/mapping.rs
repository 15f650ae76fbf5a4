//! The column mapping for a CSV whose columns this tool does not recognise: which column holds
//! the cookie name (required), the category, the domain and the lifetime. The user chooses it
//! once; the caller remembers it per header ([`header_key`]): the window in its settings, the
//! CLI through `--map`.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Which column holds what, by header text (compared without case and surrounding space).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnMapping {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lifetime: Option<String>,
}

/// Column indexes a mapping resolves to in one header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MappedColumns {
    pub name: usize,
    pub category: Option<usize>,
    pub domain: Option<usize>,
    pub lifetime: Option<usize>,
}

pub(crate) fn normalise(header: &str) -> String {
    header
        .trim_start_matches('\u{feff}')
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The key a mapping is remembered under: the header's column names, normalised, in order.
pub fn header_key(headers: &[String]) -> String {
    headers
        .iter()
        .map(|h| normalise(h))
        .collect::<Vec<_>>()
        .join("|")
}

impl ColumnMapping {
    /// Parse the CLI's `name=Cookie,category=Group,domain=Host,lifetime=Expiry` (keys in any
    /// order; `name` is required). A column name may contain spaces; commas and `=` cannot be
    /// given this way.
    pub fn parse(spec: &str) -> Result<ColumnMapping> {
        let invalid = |message: String| Error::Format {
            what: "column mapping".into(),
            message,
        };
        let mut mapping = ColumnMapping::default();
        let mut name = None;
        for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let Some((key, column)) = part.split_once('=') else {
                return Err(invalid(format!(
                    "'{part}' is not KEY=COLUMN (keys: name, category, domain, lifetime)"
                )));
            };
            let column = column.trim();
            if column.is_empty() {
                return Err(invalid(format!("'{part}' names no column")));
            }
            let slot = match key.trim().to_lowercase().as_str() {
                "name" => &mut name,
                "category" => &mut mapping.category,
                "domain" => &mut mapping.domain,
                "lifetime" | "expiry" | "duration" => &mut mapping.lifetime,
                other => {
                    return Err(invalid(format!(
                        "unknown key '{other}' (keys: name, category, domain, lifetime)"
                    )))
                }
            };
            if slot.is_some() {
                return Err(invalid(format!("'{}' is given twice", key.trim())));
            }
            *slot = Some(column.to_string());
        }
        mapping.name = name.ok_or_else(|| {
            invalid("the column holding the cookie name is required: name=COLUMN".into())
        })?;
        Ok(mapping)
    }

    /// The CLI form of this mapping (what [`ColumnMapping::parse`] reads).
    pub fn to_spec(&self) -> String {
        let mut parts = vec![format!("name={}", self.name)];
        for (key, value) in [
            ("category", &self.category),
            ("domain", &self.domain),
            ("lifetime", &self.lifetime),
        ] {
            if let Some(value) = value {
                parts.push(format!("{key}={value}"));
            }
        }
        parts.join(",")
    }

    /// Find the mapped columns in a header; an unknown column is an error listing the header.
    pub fn resolve(&self, headers: &[String]) -> Result<MappedColumns> {
        let find = |column: &str| {
            let wanted = normalise(column);
            headers.iter().position(|h| normalise(h) == wanted)
        };
        let missing = |column: &str| Error::Format {
            what: "column mapping".into(),
            message: format!(
                "the CSV has no column '{column}'; its columns are: {}",
                headers.join(", ")
            ),
        };
        let optional = |column: &Option<String>| -> Result<Option<usize>> {
            match column {
                Some(c) => find(c).map(Some).ok_or_else(|| missing(c)),
                None => Ok(None),
            }
        };
        Ok(MappedColumns {
            name: find(&self.name).ok_or_else(|| missing(&self.name))?,
            category: optional(&self.category)?,
            domain: optional(&self.domain)?,
            lifetime: optional(&self.lifetime)?,
        })
    }
}

/// A mapping guessed from the column names, to start from. `None` when no column looks like
/// a cookie name.
pub fn suggest_mapping(headers: &[String]) -> Option<ColumnMapping> {
    let find = |words: &[&str], not: &[&str]| {
        headers.iter().find_map(|h| {
            let n = normalise(h);
            (words.iter().any(|w| n.contains(w)) && !not.iter().any(|w| n.contains(w)))
                .then(|| h.trim().to_string())
        })
    };
    let name = find(
        &["cookie name", "name", "cookie", "key", "nazwa"],
        &[
            "domain", "host", "provider", "vendor", "platform", "page", "url",
        ],
    )?;
    let others = |found: Option<String>| found.filter(|c| *c != name);
    Some(ColumnMapping {
        category: others(find(
            &[
                "category",
                "kategoria",
                "group",
                "grupa",
                "purpose",
                "classification",
            ],
            &["description"],
        )),
        domain: others(find(&["domain", "host", "domena"], &["page"])),
        lifetime: others(find(
            &[
                "lifetime",
                "expiry",
                "expiration",
                "expires",
                "duration",
                "retention",
                "max age",
                "storage period",
                "okres",
                "ważność",
            ],
            &[],
        )),
        name,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn parse_and_print_round_trip() {
        let m = ColumnMapping::parse("name=Cookie Name, category=Group ,lifetime=Expiry").unwrap();
        assert_eq!(m.name, "Cookie Name");
        assert_eq!(m.category.as_deref(), Some("Group"));
        assert_eq!(m.domain, None);
        assert_eq!(ColumnMapping::parse(&m.to_spec()).unwrap(), m);
        for bad in [
            "category=Group",
            "name",
            "name=A,name=B",
            "colour=Red,name=A",
            "name=",
        ] {
            assert!(ColumnMapping::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn resolve_names_the_missing_column() {
        let h = headers(&["Cookie", "Group", "Expiry"]);
        let m = ColumnMapping::parse("name=cookie,category=GROUP").unwrap();
        let cols = m.resolve(&h).unwrap();
        assert_eq!((cols.name, cols.category), (0, Some(1)));
        let err = ColumnMapping::parse("name=Cookie,domain=Host")
            .unwrap()
            .resolve(&h)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("'Host'") && err.contains("Cookie, Group, Expiry"),
            "{err}"
        );
    }

    #[test]
    fn suggestions_from_common_column_names() {
        let m = suggest_mapping(&headers(&[
            "Domain",
            "Cookie Name",
            "Category",
            "Expiration",
            "Description",
        ]))
        .unwrap();
        assert_eq!(m.name, "Cookie Name");
        assert_eq!(m.category.as_deref(), Some("Category"));
        assert_eq!(m.domain.as_deref(), Some("Domain"));
        assert_eq!(m.lifetime.as_deref(), Some("Expiration"));
        assert!(suggest_mapping(&headers(&["a", "b"])).is_none());
        assert_eq!(
            header_key(&headers(&[" Cookie  Name", "GROUP"])),
            "cookie name|group"
        );
    }
}
