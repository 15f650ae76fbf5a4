//! The site check (issue 13): a customer's page (saved HTML or pasted source) and optionally a
//! HAR recording, against the account's configuration. Text in, findings out.
//!
//! ```text
//! bytes ─ decode ─ scan (lol_html) ─ recognise ─ page rules ─┐
//! HAR reader ─ har::read (streaming) ─────────── HAR rules ──┴─ Report { findings, summary }
//! ```
//!
//! - [`decode`]: the page's encoding (BOM, `<meta>` prescan, fallback) and refusal of what is
//!   not a page.
//! - [`scan`]: one HTML5 tokenizer pass for the head, one for scripts and comments.
//! - [`recognise`]: CMP loaders ([`vendors`]), Google loaders and `gtag()` calls ([`js`]), TCF
//!   stubs, CallPage embeds, our snippets ([`snippets`]).
//! - [`page_rules`], [`har_rules`]: the rules ([`rule::Rule`] lists them with their sources).
//! - [`report`]: the Markdown report support sends to the customer.

pub mod account;
pub mod decode;
pub mod har;
pub mod har_rules;
pub mod js;
pub mod page_rules;
pub mod recognise;
pub mod report;
pub mod rule;
pub mod scan;
pub mod snippets;
pub mod text;
pub mod vendors;

use cookie_admin_core::i18n::pick;
use cookie_admin_core::{Catalog, Language, Severity};
use serde::Serialize;

pub use account::{Account, KnownVersion};
pub use decode::EncodingSource;
pub use har::{read as read_har, Har};
pub use rule::{rules, Rule, RuleInfo};

use crate::error::Result;
use crate::finding::Finding;

/// The page to check.
#[derive(Debug, Clone, Copy)]
pub enum PageSource<'a> {
    /// A saved page file: its encoding is worked out as a browser does.
    Bytes(&'a [u8]),
    /// Page source that is already text (pasted).
    Text(&'a str),
}

/// What the check was given.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    pub page: PageSource<'a>,
    /// A recording read with [`read_har`], if any.
    pub har: Option<&'a Har>,
    pub catalog: &'a Catalog,
    /// The account the page should carry; without it the account rules are skipped.
    pub account: Option<&'a Account>,
    /// The language of the findings and the summary (English unless asked).
    pub language: Language,
}

/// Something recognised on the page, for the summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Seen {
    /// What it is (`Cookiebot loader`, `official CallPage embed`, ...).
    pub what: String,
    pub line: usize,
    /// Extra facts (`automatic blocking`, `async`, the widget id, ...).
    pub note: String,
}

/// What the page (and recording) hold, as the check read them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub encoding: &'static str,
    pub encoding_source: EncodingSource,
    pub bytes: usize,
    pub lines: usize,
    pub scripts: usize,
    /// CMPs, Google tags, TCF stubs, embeds, snippets, Consent Mode defaults, in page order.
    pub seen: Vec<Seen>,
    /// The account checked against (name and version), if any.
    pub account: Option<String>,
    pub har: Option<HarSummary>,
}

/// The recording, as the check read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HarSummary {
    pub bytes: u64,
    pub entries: usize,
    pub creator: Option<String>,
    pub first_url: Option<String>,
    pub widget_requests: usize,
}

/// The result of a site check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// Most serious first, then in page order.
    pub findings: Vec<Finding>,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub summary: Summary,
}

impl Report {
    pub fn has_errors(&self) -> bool {
        self.errors > 0
    }
}

/// Check a page (and a recording) against an account.
pub fn check(input: Input) -> Result<Report> {
    let decoded = match input.page {
        PageSource::Bytes(bytes) => decode::decode_in(bytes, input.language)?,
        PageSource::Text(text) => decode::from_text(text)?,
    };
    let encoding = decoded.encoding;
    let encoding_source = decoded.source.clone();
    let mut findings = decoded.findings;
    let page = scan::scan(decoded.text)?;
    let seen = recognise::observe(&page);
    let lang = input.language;
    findings.extend(page_rules::check(&page_rules::Context {
        page: &page,
        seen: &seen,
        catalog: input.catalog,
        account: input.account,
        language: lang,
    }));
    if let Some(har) = input.har {
        let mut expected = seen.page_cmps();
        if let Some(cmp) = input.account.and_then(|a| a.config.cmp) {
            if !expected.contains(&cmp) {
                expected.push(cmp);
            }
        }
        findings.extend(har_rules::check_in(har, &expected, lang));
    }
    sort(&mut findings);
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let (errors, warnings, infos) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    let summary = Summary {
        encoding,
        encoding_source,
        bytes: page.text.len(),
        lines: page.line(page.text.len()),
        scripts: page.scripts.len(),
        seen: summarise(&page, &seen, lang),
        account: input.account.map(|a| match a.version {
            Some(v) => pick(
                lang,
                format!("{} (version {v})", a.name),
                format!("{} (wersja {v})", a.name),
            ),
            None => a.name.clone(),
        }),
        har: input.har.map(|h| HarSummary {
            bytes: h.bytes,
            entries: h.entries,
            creator: h.creator.clone(),
            first_url: h.first_url.clone(),
            widget_requests: h.widget.len(),
        }),
    };
    Ok(Report {
        findings,
        errors,
        warnings,
        infos,
        summary,
    })
}

/// Most serious first; then by line (findings without a place last); then by rule id.
fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        let line = |f: &Finding| {
            f.evidence.as_ref().map_or(usize::MAX, |e| {
                if e.line == 0 {
                    usize::MAX - 1
                } else {
                    e.line
                }
            })
        };
        a.severity
            .cmp(&b.severity)
            .then(line(a).cmp(&line(b)))
            .then(a.id.cmp(b.id))
    });
}

fn summarise(page: &scan::Page, seen: &recognise::Observed, l: Language) -> Vec<Seen> {
    use recognise::EmbedKind;
    use vendors::{AutoBlocking, Role};
    let mut out: Vec<(usize, Seen)> = Vec::new();
    for c in &seen.cmps {
        let script = &page.scripts[c.script];
        let role = match c.role {
            Role::Loader => pick(l, "script", "skrypt"),
            Role::Blocker => pick(
                l,
                "automatic blocking script",
                "skrypt automatycznego blokowania",
            ),
            Role::Config => pick(l, "configuration", "konfiguracja"),
            Role::Part => pick(l, "file", "plik"),
        };
        let mut notes = Vec::new();
        if let Some(mode) = c.auto_blocking {
            notes.push(match mode {
                AutoBlocking::UsercentricsSdp => "Smart Data Protector",
                AutoBlocking::CookieYes
                | AutoBlocking::Osano
                | AutoBlocking::UsercentricsScanner => pick(
                    l,
                    "blocks by dashboard classification",
                    "blokuje według klasyfikacji w panelu",
                ),
                _ => pick(l, "automatic blocking", "automatyczne blokowanie"),
            });
        }
        if c.tcf {
            notes.push("TCF");
        }
        if script.is_async() {
            notes.push("async");
        }
        if script.is_defer() {
            notes.push("defer");
        }
        if !script.in_head {
            notes.push(pick(l, "in <body>", "w <body>"));
        }
        out.push((
            script.tag.start,
            Seen {
                what: pick(
                    l,
                    format!("{} {role}", c.cmp.name()),
                    format!("{} {}", capitalise(role), c.cmp.name()),
                ),
                line: page.line(script.tag.start),
                note: notes.join(", "),
            },
        ));
    }
    for g in &seen.google {
        out.push((
            g.at,
            Seen {
                what: capitalise(g.kind.name_in(l)),
                line: page.line(g.at),
                note: String::new(),
            },
        ));
    }
    for d in seen.consent_defaults() {
        let keys = d
            .object
            .as_ref()
            .map(|o| {
                o.entries
                    .iter()
                    .map(|e| e.key.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_else(|| pick(l, "(a variable)", "(zmienna)").into());
        out.push((
            d.at,
            Seen {
                what: "gtag('consent', 'default')".into(),
                line: page.line(d.at),
                note: text::shorten(&keys, 160),
            },
        ));
    }
    for &s in &seen.tcf_stubs {
        out.push((
            s,
            Seen {
                what: pick(l, "__tcfapi stub", "Zaślepka __tcfapi").into(),
                line: page.line(s),
                note: String::new(),
            },
        ));
    }
    for e in &seen.embeds {
        let what = match e.kind {
            EmbedKind::Official => pick(
                l,
                "Official CallPage embed code",
                "Oficjalny kod osadzenia CallPage",
            ),
            EmbedKind::Ours => pick(
                l,
                "Cookie Admin snippet: widget embed",
                "Kod Cookie Admin: osadzenie widżetu",
            ),
            EmbedKind::WidgetScript => pick(
                l,
                "CallPage widget script (callpage.js)",
                "Skrypt widżetu CallPage (callpage.js)",
            ),
        };
        let mut note = e
            .widget_id
            .as_deref()
            .map(|id| {
                let id = text::shorten(id, 60);
                pick(
                    l,
                    format!("widget id {id}"),
                    format!("identyfikator widżetu {id}"),
                )
            })
            .unwrap_or_default();
        if !page.scripts[e.script].runs() && !page.scripts[e.script].inert {
            let held = pick(l, "held back", "wstrzymany");
            if !note.is_empty() {
                note.push_str(", ");
            }
            note.push_str(held);
        }
        out.push((
            e.at,
            Seen {
                what: what.into(),
                line: page.line(e.at),
                note,
            },
        ));
    }
    for s in &seen.snippets {
        let mut notes = Vec::new();
        if let Some(t) = s.target {
            notes.push(pick(
                l,
                format!("for {}", t.name()),
                format!("dla {}", t.name()),
            ));
        }
        if let Some(a) = &s.account_name {
            let a = text::shorten(a, 60);
            notes.push(pick(l, format!("account {a}"), format!("konto {a}")));
        }
        if let Some(g) = &s.generator {
            notes.push(format!("Cookie Admin {}", text::shorten(g, 20)));
        }
        out.push((
            s.at,
            Seen {
                what: pick(l, "Cookie Admin snippet", "Kod Cookie Admin").into(),
                line: page.line(s.at),
                note: notes.join(", "),
            },
        ));
    }
    out.sort_by_key(|(at, _)| *at);
    out.into_iter().map(|(_, s)| s).collect()
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}
