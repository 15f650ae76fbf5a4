//! Cookiebot: the per-domain dialog script (`consent.cookiebot.com/<cbid>/cc.js`) and the cookie
//! declaration saved as HTML.
//!
//! The script assigns one array per category:
//! `CookieConsentDialog.cookieTableNecessary = [[name, provider, purpose, expiry, type name,
//! type id, regex, host], ...];` and likewise `…Preference`, `…Statistics`, `…Advertising`,
//! `…Unclassified`. The arrays are read as literals (see `js_literal`); nothing is executed.
//!
//! The declaration (rendered by `cd.js`) has one `div.CookieDeclarationType` per category, its
//! name in `.CookieDeclarationTypeHeader` ("Statistics (11)", translated on non-English sites),
//! and a `table.CookieDeclarationTable` with the columns Name, Provider, Purpose, Maximum Storage
//! Duration (older: Expiry), Type. A name set by several hosts reads `CookieConsent [x4]`; `#`
//! in a name stands for any characters (`_ga_#`).

use dom_query::Document;

use super::category::{cookiebot_table, DeclaredCategory};
use super::entry::DeclaredEntry;
use super::input::{excerpt, position};
use super::js_literal::{parse_at, Literal};
use super::lifetime::{BareNumber, Lifetime};
use crate::error::{Error, Result};
use crate::finding::Evidence;

const TABLES: [&str; 5] = [
    "Necessary",
    "Preference",
    "Statistics",
    "Advertising",
    "Unclassified",
];

fn script_error(line: usize, column: usize, message: String) -> Error {
    Error::Format {
        what: "Cookiebot dialog script".into(),
        message: format!("line {line}, column {column}: {message}"),
    }
}

/// Read the cookie tables of a Cookiebot dialog script; returns how many entries were read.
pub fn read_script(text: &str, sink: &mut dyn FnMut(DeclaredEntry)) -> Result<usize> {
    let mut tables_found = 0;
    let mut count = 0;
    for table in TABLES {
        let marker = format!("CookieConsentDialog.cookieTable{table}");
        let mut from = 0;
        while let Some(found) = text[from..].find(&marker) {
            let at = from + found + marker.len();
            from = at;
            // Only an assignment of an array literal: `… = [` (not `…Count = 6`).
            let rest = &text[at..];
            let after_space = rest.trim_start();
            let Some(after_eq) = after_space.strip_prefix('=') else {
                continue;
            };
            if after_eq.starts_with('=') {
                continue; // a comparison
            }
            let value_at = text.len() - after_eq.trim_start().len();
            if !text[value_at..].starts_with('[') {
                continue;
            }
            tables_found += 1;
            let (value, _end) = parse_at(text, value_at).map_err(|e| {
                let (line, column) = position(text, e.offset);
                script_error(line, column, format!("cookieTable{table}: {}", e.message))
            })?;
            let category = cookiebot_table(table).unwrap_or_else(DeclaredCategory::not_given);
            let Literal::Array(rows) = value else {
                continue;
            };
            for (row_at, row) in rows {
                let Literal::Array(cells) = row else {
                    let (line, column) = position(text, row_at);
                    return Err(script_error(
                        line,
                        column,
                        format!("cookieTable{table}: a row that is not a list"),
                    ));
                };
                let cell = |i: usize| cells.get(i).and_then(|(_, v)| v.as_str()).unwrap_or("");
                let name = cell(0);
                if name.trim().is_empty() {
                    continue;
                }
                count += 1;
                let (line, column) = position(text, row_at);
                let expiry = cell(3);
                let mut entry = DeclaredEntry::new(
                    name,
                    category.clone(),
                    Evidence {
                        line,
                        column,
                        excerpt: excerpt(&format!("cookieTable{table}: {name}")),
                    },
                )
                .with_provider(Some(&cell(1).replace("<br/>", ", ")))
                .with_domain(Some(&cell(7).replace("<br/>", ", ")))
                .with_lifetime(Some(expiry), Lifetime::parse(expiry, BareNumber::Seconds));
                if entry.prefix.is_none() {
                    if let Some(prefix) = regex_prefix(cell(6)) {
                        entry.prefix = Some(prefix);
                    }
                }
                sink(entry);
            }
        }
    }
    if tables_found == 0 {
        return Err(Error::Format {
            what: "Cookiebot dialog script".into(),
            message: "no cookie tables found (CookieConsentDialog.cookieTableNecessary = [...] and the like); is this the domain's cc.js from consent.cookiebot.com?".into(),
        });
    }
    Ok(count)
}

/// The literal start of a Cookiebot name regex (`^_gat(_.+)*$` → `_gat`) when the regex lets
/// more characters follow it; `None` for an exact name or a regex that starts with a wildcard.
fn regex_prefix(regex: &str) -> Option<String> {
    let body = regex.strip_prefix('^')?;
    let literal: String = body
        .chars()
        .take_while(|c| !".*+?()[]{}|\\$".contains(*c))
        .collect();
    let rest = &body[literal.len()..];
    (literal.chars().count() >= 2 && !rest.is_empty() && rest != "$").then_some(literal)
}

/// Read the tables of a saved Cookiebot cookie declaration; returns how many entries were read.
pub fn read_html(text: &str, sink: &mut dyn FnMut(DeclaredEntry)) -> Result<usize> {
    let document = Document::from(text);
    let types = document.select(".CookieDeclarationType");
    if !types.exists() {
        return Err(Error::Format {
            what: "Cookiebot cookie declaration".into(),
            message: "no cookie tables found (no element with class CookieDeclarationType); save the page that shows the declaration after it has loaded, or use the domain's cc.js".into(),
        });
    }
    let mut count = 0;
    let mut searched_from = 0;
    for kind in types.iter() {
        let header = kind.select(".CookieDeclarationTypeHeader").text();
        let header = strip_count(&header);
        let category = DeclaredCategory::from_text(&header);
        for table in kind.select("table.CookieDeclarationTable").iter() {
            let heads: Vec<String> = table
                .select("thead th")
                .iter()
                .map(|th| th.text().trim().to_lowercase())
                .collect();
            let lifetime_col = heads
                .iter()
                .position(|h| {
                    [
                        "expir",
                        "duration",
                        "okres",
                        "ablauf",
                        "speicherdauer",
                        "ważno",
                    ]
                    .iter()
                    .any(|w| h.contains(w))
                })
                .unwrap_or(3);
            for row in table.select("tbody tr").iter() {
                let cells: Vec<String> = row
                    .select("td")
                    .iter()
                    .map(|td| collapse(&td.text()))
                    .collect();
                let Some(name) = cells.first().filter(|n| !n.is_empty()) else {
                    continue;
                };
                count += 1;
                let found = text[searched_from..]
                    .find(name.as_str())
                    .map(|i| i + searched_from);
                if let Some(at) = found {
                    searched_from = at + name.len();
                }
                let (line, column) = found.map_or((0, 0), |at| position(text, at));
                let expiry = cells.get(lifetime_col).map(String::as_str);
                let entry = DeclaredEntry::new(
                    name,
                    category.clone(),
                    Evidence {
                        line,
                        column,
                        excerpt: excerpt(&format!("{header}: {name}")),
                    },
                )
                .with_provider(cells.get(1).map(String::as_str))
                .with_lifetime(
                    expiry,
                    expiry.and_then(|e| Lifetime::parse(e, BareNumber::Seconds)),
                );
                sink(entry);
            }
        }
    }
    Ok(count)
}

/// "Statistics (11)" → "Statistics".
fn strip_count(header: &str) -> String {
    let header = collapse(header);
    match header.rfind('(') {
        Some(open)
            if header.ends_with(')')
                && header[open + 1..header.len() - 1]
                    .chars()
                    .all(|c| c.is_ascii_digit()) =>
        {
            header[..open].trim().to_string()
        }
        _ => header,
    }
}

fn collapse(text: &str) -> String {
    text.replace('\u{a0}', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::category::CategoryMatch;
    use cookie_admin_core::Category;

    #[test]
    fn script_tables_are_read_without_running_anything() {
        let js = "CookieControl.Dialog=function(e){this.cookieTableNecessary=\"\"};\n\
            CookieConsentDialog.cookieTableNecessary = [[\"CookieConsent\",\"site.com\",\"Stores the user\\'s consent\",\"1 year\",\"HTTP\",\"1\",\"\",\"cookiebot.com\"]];\n\
            CookieConsentDialog.cookieTableStatistics = [[\"cp_tr_#\",\"site.com\",\"Trace\",\"1 day\",\"HTTP\",\"1\",\"^cp_tr_.+\",\"site.com\"],[\"_gat\",\"a.com<br/>b.com\",\"x\",\"1 day\",\"HTTP\",\"1\",\"^_gat(_.+)*$\",\"a.com\"]];\n\
            CookieConsentDialog.cookieTableStatisticsCount = 2;\n";
        let mut list = Vec::new();
        assert_eq!(read_script(js, &mut |e| list.push(e)).unwrap(), 3);
        assert_eq!(
            list[0].category.mapped,
            CategoryMatch::Known(Category::Necessary)
        );
        assert_eq!(list[1].prefix.as_deref(), Some("cp_tr_"));
        assert_eq!(list[1].category.raw, "Statistics");
        assert_eq!(list[1].evidence.line, 3);
        assert_eq!(list[2].prefix.as_deref(), Some("_gat"));
        assert_eq!(list[2].provider.as_deref(), Some("a.com, b.com"));

        let err = read_script(
            "CookieConsentDialog.cookieTableNecessary = [[\"a\", alert(1)]];",
            &mut |_| {},
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("line 1") && err.contains("nothing is run"),
            "{err}"
        );
        assert!(read_script("var x = 1;", &mut |_| {}).is_err());
    }

    #[test]
    fn saved_declaration_tables() {
        let html = r#"<html><body><div class="CookieDeclaration">
          <div class="CookieDeclarationType"><p class="CookieDeclarationTypeHeader">Necessary (1) </p>
            <table class="CookieDeclarationTable"><thead><tr><th>Name</th><th>Provider</th><th>Purpose</th><th>Maximum Storage Duration</th><th>Type</th></tr></thead>
            <tbody><tr><td class="CookieDeclarationTableCell">CookieConsent&nbsp;[x4] </td><td>acme.example</td><td>Consent</td><td>1 year</td><td>HTTP Cookie</td></tr></tbody></table></div>
          <div class="CookieDeclarationType"><p class="CookieDeclarationTypeHeader">Statystyka (1)</p>
            <table class="CookieDeclarationTable"><thead><tr><th>Nazwa</th><th>Dostawca</th><th>Cel</th><th>Maksymalny okres przechowywania</th><th>Rodzaj</th></tr></thead>
            <tbody><tr><td>cp_visitor_id</td><td>acme.example</td><td>x</td><td>1 rok</td><td>Plik cookie HTTP</td></tr></tbody></table></div>
        </div></body></html>"#;
        let mut list = Vec::new();
        assert_eq!(read_html(html, &mut |e| list.push(e)).unwrap(), 2);
        assert_eq!(list[0].name, "CookieConsent");
        assert_eq!(list[0].category.raw, "Necessary");
        assert_eq!(
            list[1].category.mapped,
            CategoryMatch::Known(Category::Analytics)
        );
        assert_eq!(list[1].lifetime, Some(Lifetime::of(1, 31_536_000)));
        assert!(list[1].evidence.line > 1);
        assert!(read_html("<html><p>no tables</p></html>", &mut |_| {}).is_err());
    }
}
