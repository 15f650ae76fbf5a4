//! OneTrust's published domain data: the language file of a rule set
//! (`cdn.cookielaw.org/consent/<id>/<rulesetId>/en.json`), or the object
//! `OneTrust.GetDomainData()` returns, saved as JSON.
//!
//! `DomainData.Groups[]` (or `Groups[]` at the top) holds the categories: `GroupName`,
//! `OptanonGroupId` / `CustomGroupId` (`C0002`), `Parent` for a subgroup, and the cookies in
//! `FirstPartyCookies[]` and `Hosts[].Cookies[]`, each with `Name`, `Host`, `IsSession` and
//! `Length` (days, written as a string or a number).

use serde::Deserialize;
use serde_json::Value;

use super::category::{onetrust_group, CategoryMatch, DeclaredCategory};
use super::entry::DeclaredEntry;
use super::input::{excerpt, position};
use super::lifetime::{BareNumber, Lifetime};
use crate::error::{Error, Result};
use crate::finding::Evidence;

#[derive(Deserialize)]
struct Root {
    #[serde(rename = "DomainData")]
    domain_data: Option<DomainData>,
    #[serde(rename = "Groups")]
    groups: Option<Vec<Group>>,
    #[serde(rename = "RuleSet")]
    rule_set: Option<Value>,
}

#[derive(Deserialize)]
struct DomainData {
    #[serde(rename = "Groups")]
    groups: Option<Vec<Group>>,
}

#[derive(Deserialize)]
struct Group {
    #[serde(rename = "GroupName")]
    name: Option<Value>,
    #[serde(rename = "OptanonGroupId")]
    optanon_id: Option<Value>,
    #[serde(rename = "CustomGroupId")]
    custom_id: Option<Value>,
    #[serde(rename = "Parent")]
    parent: Option<Value>,
    #[serde(rename = "FirstPartyCookies", default)]
    first_party: Vec<Cookie>,
    #[serde(rename = "Hosts", default)]
    hosts: Vec<Host>,
}

#[derive(Deserialize)]
struct Host {
    #[serde(rename = "HostName")]
    name: Option<Value>,
    #[serde(rename = "Cookies", default)]
    cookies: Vec<Cookie>,
}

#[derive(Deserialize)]
struct Cookie {
    #[serde(rename = "Name")]
    name: Option<Value>,
    #[serde(rename = "Host")]
    host: Option<Value>,
    #[serde(rename = "IsSession")]
    is_session: Option<Value>,
    #[serde(rename = "Length")]
    length: Option<Value>,
}

/// A string or a number as text (OneTrust writes ids and lengths both ways).
fn as_text(value: &Option<Value>) -> String {
    match value {
        Some(Value::String(s)) => s.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

fn format_error(path: String, message: String) -> Error {
    Error::Format {
        what: "OneTrust domain data".into(),
        message: format!("{path}: {message}"),
    }
}

/// Read the groups of a OneTrust domain data file, calling `sink` with every cookie; returns
/// how many entries were read.
pub fn read(text: &str, sink: &mut dyn FnMut(DeclaredEntry)) -> Result<usize> {
    let mut de = serde_json::Deserializer::from_str(text);
    let root: Root = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let (line, column) = (inner.line(), inner.column());
        format_error(
            if path == "." {
                "(top level)".into()
            } else {
                path
            },
            format!("{inner} (line {line}, column {column})"),
        )
    })?;
    let (groups, base) = match (root.domain_data, root.groups) {
        (Some(DomainData { groups: Some(g) }), _) => (g, "DomainData.Groups"),
        (_, Some(g)) => (g, "Groups"),
        _ if root.rule_set.is_some() => {
            return Err(format_error(
                "RuleSet".into(),
                "this is OneTrust's rule-set index, which lists no cookies; open the rule set's language file instead (…/consent/<id>/<rule set id>/en.json)".into(),
            ))
        }
        _ => {
            return Err(format_error(
                "(top level)".into(),
                "no DomainData.Groups: this JSON is not OneTrust domain data".into(),
            ))
        }
    };

    // A subgroup whose own id and name say nothing takes its parent's category.
    let categories: Vec<(String, DeclaredCategory)> = groups
        .iter()
        .map(|g| {
            let id = match as_text(&g.optanon_id) {
                id if id.is_empty() => as_text(&g.custom_id),
                id => id,
            };
            let category = onetrust_group(&id, &as_text(&g.name));
            (id, category)
        })
        .collect();
    let category_of = |index: usize| -> DeclaredCategory {
        let (_, own) = &categories[index];
        if own.mapped != CategoryMatch::Unknown {
            return own.clone();
        }
        let parent = as_text(&groups[index].parent);
        match categories
            .iter()
            .find(|(id, _)| !parent.is_empty() && *id == parent)
        {
            Some((_, up)) if up.mapped != CategoryMatch::Unknown => DeclaredCategory {
                raw: format!("{} (in {})", own.raw, up.raw),
                mapped: up.mapped,
            },
            _ => own.clone(),
        }
    };

    let mut count = 0;
    let mut searched_from = 0;
    for (g, group) in groups.iter().enumerate() {
        let category = category_of(g);
        let lists = std::iter::once((
            format!("{base}[{g}].FirstPartyCookies"),
            &group.first_party,
            None,
        ))
        .chain(group.hosts.iter().enumerate().map(|(h, host)| {
            (
                format!("{base}[{g}].Hosts[{h}].Cookies"),
                &host.cookies,
                Some(as_text(&host.name)),
            )
        }));
        for (path, cookies, host_name) in lists {
            for (c, cookie) in cookies.iter().enumerate() {
                let name = as_text(&cookie.name);
                if name.is_empty() {
                    continue;
                }
                count += 1;
                // Where the cookie's name stands in the file, for the evidence line.
                let quoted = format!("\"{name}\"");
                let found = text[searched_from..]
                    .find(&quoted)
                    .map(|i| i + searched_from)
                    .or_else(|| text.find(&quoted));
                if let Some(at) = found {
                    searched_from = at + quoted.len();
                }
                let (line, column) = found.map_or((0, 0), |at| position(text, at));
                let lifetime_text = lifetime_text(cookie);
                let lifetime = lifetime_of(cookie);
                let host = match as_text(&cookie.host) {
                    h if h.is_empty() => host_name.clone().unwrap_or_default(),
                    h => h,
                };
                let entry = DeclaredEntry::new(
                    &name,
                    category.clone(),
                    Evidence {
                        line,
                        column,
                        excerpt: excerpt(&format!("{path}[{c}]: {name}")),
                    },
                )
                .with_domain(Some(&host))
                .with_lifetime(Some(&lifetime_text), lifetime);
                sink(entry);
            }
        }
    }
    Ok(count)
}

fn is_session(cookie: &Cookie) -> bool {
    match &cookie.is_session {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => s.eq_ignore_ascii_case("true"),
        _ => false,
    }
}

fn lifetime_text(cookie: &Cookie) -> String {
    if is_session(cookie) {
        "Session".into()
    } else {
        match as_text(&cookie.length) {
            l if l.is_empty() => String::new(),
            l => format!("{l} days"),
        }
    }
}

fn lifetime_of(cookie: &Cookie) -> Option<Lifetime> {
    if is_session(cookie) {
        return Some(Lifetime::Session);
    }
    let length = as_text(&cookie.length);
    if length.is_empty() {
        return None;
    }
    Lifetime::parse(&length, BareNumber::Days)
}

#[cfg(test)]
mod tests {
    use super::*;
    use cookie_admin_core::Category;

    #[test]
    fn groups_first_party_and_host_cookies_with_lengths_in_days() {
        let json = r#"{"DomainData":{"Groups":[
          {"GroupName":"Strictly Necessary Cookies","OptanonGroupId":"C0001","FirstPartyCookies":[
            {"Name":"OptanonConsent","Host":"acme.example","IsSession":false,"Length":"365"}],"Hosts":[]},
          {"GroupName":"Performance Cookies","OptanonGroupId":"C0002","FirstPartyCookies":[
            {"Name":"cp_visitor_id","Host":"acme.example","IsSession":false,"Length":365}],
           "Hosts":[{"HostName":"callpage.io","Cookies":[{"Name":"cp_tr_x","IsSession":true,"Length":"0"}]}]},
          {"GroupName":"Website improvement","OptanonGroupId":"C0099","Parent":"C0002","FirstPartyCookies":[
            {"Name":"callpage_form_data","Length":"90"}]}
        ]}}"#;
        let mut list = Vec::new();
        assert_eq!(read(json, &mut |e| list.push(e)).unwrap(), 4);
        assert_eq!(list[1].name, "cp_visitor_id");
        assert_eq!(
            list[1].category.mapped,
            CategoryMatch::Known(Category::Analytics)
        );
        assert_eq!(list[1].lifetime, Some(Lifetime::of(365, 86_400)));
        assert_eq!(list[1].evidence.line, 5);
        assert!(list[1]
            .evidence
            .excerpt
            .contains("DomainData.Groups[1].FirstPartyCookies[0]"));
        assert_eq!(list[2].domain.as_deref(), Some("callpage.io"));
        assert_eq!(list[2].lifetime, Some(Lifetime::Session));
        assert_eq!(
            list[3].category.mapped,
            CategoryMatch::Known(Category::Analytics),
            "from the parent"
        );
    }

    #[test]
    fn errors_name_the_json_path() {
        let err = read(
            r#"{"DomainData":{"Groups":[{"FirstPartyCookies":[{"Name":"a"}, 3]}]}}"#,
            &mut |_| {},
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("DomainData.Groups[0].FirstPartyCookies[1]"),
            "{err}"
        );
        let err = read(r#"{"RuleSet":[]}"#, &mut |_| {})
            .unwrap_err()
            .to_string();
        assert!(err.contains("en.json"), "{err}");
        let err = read(r#"{"cookies":[]}"#, &mut |_| {})
            .unwrap_err()
            .to_string();
        assert!(err.contains("not OneTrust"), "{err}");
        let err = read("{\"DomainData\": ", &mut |_| {})
            .unwrap_err()
            .to_string();
        assert!(err.contains("line 1"), "{err}");
    }
}
