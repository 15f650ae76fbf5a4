//! The cookie declaration: the table a site puts in its cookie policy, in HTML, Markdown or
//! CSV, in English or Polish, grouped by category. It lists the widget core's strictly
//! necessary storage and the storage of the enabled optional features, with name, provider,
//! purpose, duration, type, party and whether it holds personal data. Every text is escaped for
//! its format (HTML entities; Markdown cells with HTML escaped and pipes guarded; RFC 4180 CSV
//! through [`crate::csv_safe`], formula-looking cells defused).

use crate::catalog::{Catalog, Party};
use crate::cmp::escape::{html_text, md_cell};
use crate::config::{AccountConfig, Category, Language};
use crate::cookies::{cookie_list_in, necessary_items_in, CookieRow};
use crate::csv_safe::CsvText;
use crate::error::{Error, Result};

/// The output format of the declaration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeclarationFormat {
    Html,
    Markdown,
    Csv,
}

impl DeclarationFormat {
    pub const ALL: [DeclarationFormat; 3] = [
        DeclarationFormat::Html,
        DeclarationFormat::Markdown,
        DeclarationFormat::Csv,
    ];

    pub fn id(self) -> &'static str {
        match self {
            DeclarationFormat::Html => "html",
            DeclarationFormat::Markdown => "md",
            DeclarationFormat::Csv => "csv",
        }
    }

    /// Parse `html`, `md` (or `markdown`) or `csv`.
    pub fn parse(id: &str) -> Result<DeclarationFormat> {
        match id.trim() {
            "html" => Ok(DeclarationFormat::Html),
            "md" | "markdown" => Ok(DeclarationFormat::Markdown),
            "csv" => Ok(DeclarationFormat::Csv),
            other => Err(Error::Unknown {
                what: "declaration format",
                value: other.to_string(),
                expected: "html, md, csv".into(),
            }),
        }
    }
}

struct Labels {
    title: &'static str,
    intro: &'static str,
    name: &'static str,
    provider: &'static str,
    purpose: &'static str,
    duration: &'static str,
    kind: &'static str,
    party: &'static str,
    personal: &'static str,
    category: &'static str,
    yes: &'static str,
    no: &'static str,
    first: &'static str,
    third: &'static str,
    pattern_note: &'static str,
}

fn labels(lang: Language) -> Labels {
    match lang {
        Language::En => Labels {
            title: "Cookies and similar technologies used by the CallPage widget",
            intro: "The CallPage call-back widget on this site uses the following cookies and browser storage. Calls and meetings work without them; the optional ones are used only with your consent.",
            name: "Name",
            provider: "Provider",
            purpose: "Purpose",
            duration: "Duration",
            kind: "Type",
            party: "Party",
            personal: "Personal data",
            category: "Category",
            yes: "Yes",
            no: "No",
            first: "First party",
            third: "Third party",
            pattern_note: "A name ending in * stands for every name that starts with it.",
        },
        Language::Pl => Labels {
            title: "Pliki cookie i podobne technologie używane przez widżet CallPage",
            intro: "Widżet CallPage na tej stronie używa poniższych plików cookie i pamięci przeglądarki. Rozmowy i spotkania działają bez nich; opcjonalne są używane wyłącznie za Twoją zgodą.",
            name: "Nazwa",
            provider: "Dostawca",
            purpose: "Cel",
            duration: "Okres przechowywania",
            kind: "Typ",
            party: "Podmiot",
            personal: "Dane osobowe",
            category: "Kategoria",
            yes: "Tak",
            no: "Nie",
            first: "Własny (first party)",
            third: "Zewnętrzny (third party)",
            pattern_note: "Nazwa zakończona znakiem * oznacza każdą nazwę, która się tak zaczyna.",
        },
    }
}

/// The rows of the declaration: the core's storage, then the enabled features', in `lang`.
pub fn declaration_rows(
    catalog: &Catalog,
    config: &AccountConfig,
    lang: Language,
) -> Vec<CookieRow> {
    let mut rows = necessary_items_in(catalog, lang);
    rows.extend(cookie_list_in(catalog, config, lang));
    rows
}

fn party(row: &CookieRow, l: &Labels) -> String {
    match (row.party, row.domain.as_deref()) {
        (Party::FirstParty, _) => l.first.to_string(),
        (Party::ThirdParty, Some(domain)) => format!("{} ({domain})", l.third),
        (Party::ThirdParty, None) => l.third.to_string(),
    }
}

fn cells(row: &CookieRow, l: &Labels) -> [String; 7] {
    [
        row.display_name(),
        row.provider.clone(),
        row.purpose.clone(),
        row.duration_text.clone(),
        row.storage_type_label.clone(),
        party(row, l),
        if row.personal_data { l.yes } else { l.no }.to_string(),
    ]
}

fn groups(rows: &[CookieRow]) -> Vec<(Category, Vec<&CookieRow>)> {
    Category::ALL
        .into_iter()
        .map(|c| {
            (
                c,
                rows.iter().filter(|r| r.category == c).collect::<Vec<_>>(),
            )
        })
        .filter(|(_, rows)| !rows.is_empty())
        .collect()
}

/// The declaration in `format` and `lang`.
pub fn declaration(
    catalog: &Catalog,
    config: &AccountConfig,
    lang: Language,
    format: DeclarationFormat,
) -> String {
    let rows = declaration_rows(catalog, config, lang);
    let l = labels(lang);
    let headers = [
        l.name, l.provider, l.purpose, l.duration, l.kind, l.party, l.personal,
    ];
    match format {
        DeclarationFormat::Html => {
            let lang_id = match lang {
                Language::En => "en",
                Language::Pl => "pl",
            };
            let mut out = format!(
                "<section class=\"callpage-cookie-declaration\" lang=\"{lang_id}\">\n<h2>{}</h2>\n<p>{}</p>\n",
                html_text(l.title),
                html_text(l.intro)
            );
            for (category, rows) in groups(&rows) {
                out.push_str(&format!(
                    "<h3>{}</h3>\n<table>\n<thead><tr>",
                    html_text(category.label(lang))
                ));
                for h in headers {
                    out.push_str(&format!("<th scope=\"col\">{}</th>", html_text(h)));
                }
                out.push_str("</tr></thead>\n<tbody>\n");
                for row in rows {
                    out.push_str("<tr>");
                    for (i, cell) in cells(row, &l).iter().enumerate() {
                        if i == 0 {
                            out.push_str(&format!("<td><code>{}</code></td>", html_text(cell)));
                        } else {
                            out.push_str(&format!("<td>{}</td>", html_text(cell)));
                        }
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</tbody>\n</table>\n");
            }
            out.push_str(&format!(
                "<p><small>{}</small></p>\n</section>\n",
                html_text(l.pattern_note)
            ));
            out
        }
        DeclarationFormat::Markdown => {
            let mut out = format!("## {}\n\n{}\n", md_cell(l.title), md_cell(l.intro));
            for (category, rows) in groups(&rows) {
                out.push_str(&format!("\n### {}\n\n", md_cell(category.label(lang))));
                out.push_str(&format!(
                    "| {} |\n|{}\n",
                    headers.join(" | "),
                    "---|".repeat(headers.len())
                ));
                for row in rows {
                    let c = cells(row, &l);
                    out.push_str(&format!(
                        "| `{}` | {} |\n",
                        c[0].replace('`', "'").replace('|', "\\|"),
                        c[1..]
                            .iter()
                            .map(|s| md_cell(s))
                            .collect::<Vec<_>>()
                            .join(" | ")
                    ));
                }
            }
            out.push_str(&format!("\n{}\n", md_cell(l.pattern_note)));
            out
        }
        DeclarationFormat::Csv => {
            let mut out = CsvText::new();
            out.row([
                l.category, l.name, l.provider, l.purpose, l.duration, l.kind, l.party, l.personal,
            ]);
            for (category, rows) in groups(&rows) {
                for row in rows {
                    let c = cells(row, &l);
                    let mut fields = vec![category.label(lang).to_string()];
                    fields.extend(c);
                    out.row(&fields);
                }
            }
            out.finish()
        }
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
    fn html_is_grouped_and_escaped() {
        let mut catalog = Catalog::embedded().clone();
        catalog.features[0].storage[0].purpose.en = "<b>x</b> & \"y\"".into();
        let html = declaration(&catalog, &config(), Language::En, DeclarationFormat::Html);
        assert!(
            html.contains("&lt;b&gt;x&lt;/b&gt; &amp; &quot;y&quot;"),
            "{html}"
        );
        assert!(!html.contains("<b>"));
        assert!(html.contains("<h3>Strictly necessary</h3>"));
        assert!(html.contains("<h3>Analytics</h3>"));
        assert!(html.contains("<code>cp_tr_*</code>"));
    }

    #[test]
    fn polish_markdown_and_csv() {
        let md = declaration(
            Catalog::embedded(),
            &config(),
            Language::Pl,
            DeclarationFormat::Markdown,
        );
        assert!(md.contains("### Analityczne"), "{md}");
        assert!(md.contains("| Nazwa | Dostawca | Cel |"));
        let csv = declaration(
            Catalog::embedded(),
            &config(),
            Language::Pl,
            DeclarationFormat::Csv,
        );
        let lines: Vec<&str> = csv.lines().collect();
        assert!(lines[0].starts_with("Kategoria,Nazwa,Dostawca"));
        // Core + 5 feature items.
        assert_eq!(lines.len(), 1 + 1 + 5, "{csv}");
        assert!(csv.contains("Tak"), "personal data marked");
    }

    #[test]
    fn without_features_only_the_core_is_declared() {
        let c = AccountConfig::vendor_default(Catalog::embedded(), "acme", "ACME");
        let csv = declaration(
            Catalog::embedded(),
            &c,
            Language::En,
            DeclarationFormat::Csv,
        );
        assert_eq!(csv.lines().count(), 2, "{csv}");
    }

    #[test]
    fn format_parse() {
        assert_eq!(
            DeclarationFormat::parse("md").unwrap(),
            DeclarationFormat::Markdown
        );
        assert!(DeclarationFormat::parse("pdf").is_err());
    }
}
