//! What is on the page, in document order: the CMPs' scripts, Google's tag loaders and
//! `gtag(...)` calls, TCF stubs, CallPage embeds (the official one and ours) and our snippets.
//! The rules work on this, never on the raw text.

use std::ops::Range;

use cookie_admin_core::CmpId;

use super::js::{self, Object};
use super::scan::Page;
use super::snippets::{self, SnippetOnPage};
use super::vendors::{self, CmpScript, Url};

/// A Google tag loader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoogleLoader {
    /// Byte offset (the script tag, or the loader's URL inside an inline script).
    pub at: usize,
    pub kind: GoogleKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoogleKind {
    /// gtag.js (`www.googletagmanager.com/gtag/js?id=...`).
    Gtag,
    /// A Google Tag Manager container (`gtm.js`), usually GTM's inline snippet.
    Gtm,
    /// Universal Analytics' analytics.js or ga.js (no Consent Mode v2 support).
    Legacy,
}

impl GoogleKind {
    pub fn name(self) -> &'static str {
        match self {
            GoogleKind::Gtag => "the Google tag (gtag.js)",
            GoogleKind::Gtm => "the Google Tag Manager snippet",
            GoogleKind::Legacy => "Google Analytics (analytics.js)",
        }
    }

    /// The name in `lang` (English: [`GoogleKind::name`]).
    pub fn name_in(self, lang: cookie_admin_core::Language) -> &'static str {
        match (lang, self) {
            (cookie_admin_core::Language::En, _) => self.name(),
            (_, GoogleKind::Gtag) => "tag Google (gtag.js)",
            (_, GoogleKind::Gtm) => "kod Google Tag Manager",
            (_, GoogleKind::Legacy) => "Google Analytics (analytics.js)",
        }
    }
}

/// One `gtag(...)` call in a script that runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GtagCall {
    /// Byte offset of `gtag` in the page.
    pub at: usize,
    /// `consent`, `config`, `event`, `js`, `set`, ...
    pub command: String,
    /// The second argument when it is a string (`default`, `update`, a tag id, an event).
    pub action: Option<String>,
    pub object: Option<Object>,
    /// Index of the script.
    pub script: usize,
}

/// What kind of CallPage embed a script is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmbedKind {
    /// The official embed code (CallPage's dashboard, the WordPress plugin).
    Official,
    /// The embed part of a Cookie Admin snippet.
    Ours,
    /// A `<script src=".../callpage.js">` element: what the embed inserts at run time (seen
    /// in pages saved "complete"), or the widget loaded without any embed code.
    WidgetScript,
}

/// A CallPage embed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Embed {
    pub script: usize,
    pub kind: EmbedKind,
    /// The widget id the embed sets in `__cp` (`{"id": ..., "version": ...}`).
    pub widget_id: Option<String>,
    /// Byte offset to point at (the script tag).
    pub at: usize,
}

/// Everything recognised, in document order within each list.
#[derive(Debug, Clone)]
pub struct Observed {
    pub cmps: Vec<CmpScript>,
    pub google: Vec<GoogleLoader>,
    pub gtag: Vec<GtagCall>,
    /// Byte offsets of TCF stubs (an inline `__tcfapi` stub with its `__tcfapiLocator` frame,
    /// or a stub file).
    pub tcf_stubs: Vec<usize>,
    pub embeds: Vec<Embed>,
    pub snippets: Vec<SnippetOnPage>,
}

impl Observed {
    /// The CMPs whose loader is on the page, in order of first appearance.
    pub fn page_cmps(&self) -> Vec<CmpId> {
        let mut out = Vec::new();
        for c in &self.cmps {
            if c.role == vendors::Role::Loader && !out.contains(&c.cmp) {
                out.push(c.cmp);
            }
        }
        out
    }

    pub fn loaders(&self, cmp: CmpId) -> impl Iterator<Item = &CmpScript> {
        self.cmps
            .iter()
            .filter(move |c| c.cmp == cmp && c.role == vendors::Role::Loader)
    }

    /// The consent default calls, in order.
    pub fn consent_defaults(&self) -> impl Iterator<Item = &GtagCall> {
        self.gtag
            .iter()
            .filter(|c| c.command == "consent" && c.action.as_deref() == Some("default"))
    }

    /// Whether a script index lies inside one of our snippets.
    pub fn in_snippet(&self, script: usize) -> Option<&SnippetOnPage> {
        self.snippets.iter().find(|s| s.scripts.contains(&script))
    }
}

/// Recognise everything on a parsed page.
pub fn observe(page: &Page) -> Observed {
    let snippets = snippets::find(page);
    let mut cmps = Vec::new();
    let mut google = Vec::new();
    let mut gtag = Vec::new();
    let mut tcf_stubs = Vec::new();
    let mut embeds = Vec::new();
    for (index, script) in page.scripts.iter().enumerate() {
        let ours = snippets.iter().any(|s| s.scripts.contains(&index));
        if !ours {
            if let Some(hit) = vendors::recognise(page, index) {
                if hit.role == vendors::Role::Part && hit.tcf && is_stub_file(script.src()) {
                    tcf_stubs.push(script.tag.start);
                }
                cmps.push(hit);
            }
        }
        let body = page.body_text(script);
        match script.src() {
            Some(src) => {
                let url = Url::parse(src);
                if url.host_is("googletagmanager.com") || url.host_is("google-analytics.com") {
                    let path = url.path_lower();
                    let kind = if path.starts_with("/gtag/js") {
                        Some(GoogleKind::Gtag)
                    } else if path.starts_with("/gtm.js") {
                        Some(GoogleKind::Gtm)
                    } else if path.ends_with("/analytics.js") || path.ends_with("/ga.js") {
                        Some(GoogleKind::Legacy)
                    } else {
                        None
                    };
                    if let (Some(kind), true) = (kind, script.runs()) {
                        google.push(GoogleLoader {
                            at: script.tag.start,
                            kind,
                        });
                    }
                }
                if is_stub_file(Some(src)) && script.runs() {
                    tcf_stubs.push(script.tag.start);
                }
                // The widget script; in a page saved "complete" its src is a local copy.
                if (url.host_is("callpage.io") || url.host.is_empty())
                    && url.file() == "callpage.js"
                {
                    embeds.push(Embed {
                        script: index,
                        kind: EmbedKind::WidgetScript,
                        widget_id: None,
                        at: script.tag.start,
                    });
                }
            }
            None => {
                if script.runs() {
                    for (needle, kind) in [
                        ("googletagmanager.com/gtm.js", GoogleKind::Gtm),
                        ("googletagmanager.com/gtag/js", GoogleKind::Gtag),
                        ("google-analytics.com/analytics.js", GoogleKind::Legacy),
                    ] {
                        if let Some(offset) = body.find(needle) {
                            google.push(GoogleLoader {
                                at: script.body.start + offset,
                                kind,
                            });
                        }
                    }
                    if body.contains("__tcfapiLocator") && body.contains("__tcfapi") {
                        tcf_stubs.push(script.tag.start);
                    }
                    if body.contains("gtag") {
                        for call in js::calls(body, "gtag") {
                            let Some(command) = call.strings.first().cloned() else {
                                continue;
                            };
                            gtag.push(GtagCall {
                                at: script.body.start + call.at,
                                command,
                                action: call.strings.get(1).cloned(),
                                object: call.object,
                                script: index,
                            });
                        }
                    }
                }
                if let Some(embed) = official_embed(page, index, ours) {
                    embeds.push(embed);
                }
            }
        }
    }
    for snippet in &snippets {
        if let Some(index) = snippet.embed_script {
            embeds.push(Embed {
                script: index,
                kind: EmbedKind::Ours,
                widget_id: snippet.widget_id.clone(),
                at: page.scripts[index].tag.start,
            });
        }
    }
    embeds.sort_by_key(|e| e.at);
    google.sort_by_key(|g| g.at);
    Observed {
        cmps,
        google,
        gtag,
        tcf_stubs,
        embeds,
        snippets,
    }
}

/// A TCF stub file (the IAB's `@iabtcf/stub`, a CMP's `tcf/stub.js`, iubenda's `stub-v2.js`).
fn is_stub_file(src: Option<&str>) -> bool {
    let Some(src) = src else { return false };
    let url = Url::parse(src);
    let path = url.path_lower();
    url.file().contains("stub") && (path.contains("tcf") || path.contains("iab"))
}

/// The official embed code, recognised by what the CallPage dashboard's code always has: the
/// widget host and the `__cp = {"id": ..., "version": ...}` settings, with the
/// `api.button.autoshow` call.
fn official_embed(page: &Page, index: usize, ours: bool) -> Option<Embed> {
    if ours {
        return None;
    }
    let script = &page.scripts[index];
    let body = page.body_text(script);
    let mentions_widget = body.contains("cdn-widget.callpage.io")
        || body.contains("cdn-widget+callpage")
        || (body.contains("callpage") && body.contains("__cp"));
    if !mentions_widget {
        return None;
    }
    let widget_id = js::objects_with(body, &["id", "version"])
        .into_iter()
        .find_map(|(_, o)| o.string("id").map(str::to_string));
    if widget_id.is_none() && !body.contains("api.button.autoshow") {
        return None;
    }
    Some(Embed {
        script: index,
        kind: EmbedKind::Official,
        widget_id,
        at: script.tag.start,
    })
}

/// The byte range a list of scripts covers.
pub fn span(page: &Page, scripts: &[usize]) -> Option<Range<usize>> {
    let first = scripts
        .iter()
        .filter_map(|&i| page.scripts.get(i))
        .map(|s| s.tag.start)
        .min()?;
    let last = scripts
        .iter()
        .filter_map(|&i| page.scripts.get(i))
        .map(|s| s.body.end)
        .max()?;
    Some(first..last)
}
