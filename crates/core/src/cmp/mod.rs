//! CMP snippets: what the admin pastes into their site (and sets in their CMP) so that the
//! widget's optional features run only with the visitor's consent.
//!
//! One small module per target behind [`CmpAdapter`]; shared pieces are the escaping
//! ([`escape`]), the widget embed (`embed.rs`) and the consent bridge (`bridge.rs`). The
//! snippet contract:
//!
//! - the widget embed always loads (calls and meetings need no consent), also under a CMP that
//!   blocks scripts by itself: the embed, the bridge and the widget script carry the CMP's
//!   documented exemption ([`AutoBlocking`]);
//! - each enabled feature is switched on only when the CMP reports consent for the category the
//!   configuration maps it to, through the CMP's own mechanism (a held-back `<script>` the CMP
//!   releases, where the CMP has a blocking attribute, and its consent API and change events);
//! - features are switched off, and their catalog storage removed, when consent is withdrawn;
//! - the widget hears about it only through the catalog's `consent_bridge`;
//! - every configuration value is escaped for where it lands;
//! - the snippet is wrapped in a machine-readable marker ([`marker`]).
//!
//! Adding a CMP: a module implementing [`CmpAdapter`] (with its [`CmpFacts`]) and one line in
//! the `targets!` table below; then a row in the fact table test and the goldens.

pub mod escape;
pub mod marker;

mod bridge;
mod embed;

use std::collections::BTreeSet;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use bridge::BRIDGE_GLOBAL;
pub use embed::{exempt_hosts, script_url, EMBED_VERSION, WIDGET_SCRIPT_URL};
pub use marker::SnippetMarker;

use crate::catalog::Catalog;
use crate::config::{all_variants, AccountConfig, BlockingMode, Category, Feature, Language};
use crate::i18n::{pick, Text};
use escape::{html_attr, js_str};

/// The supported targets, one line each: `Variant => module::Adapter`. This declares the
/// adapter's module, the [`CmpId`] variant (its id is the variant in snake_case, for the JSON
/// configuration, `--cmp` and the window) and the [`adapter`] lookup. Everything else about a
/// target (name, documentation, mechanism, load timing, automatic blocking) is data on the
/// adapter ([`CmpFacts`]).
macro_rules! targets {
    ($($variant:ident => $module:ident :: $adapter:ident,)*) => {
        $(mod $module;)*

        /// The consent management platforms (and frameworks) the app generates snippets for,
        /// in the configuration's order.
        #[derive(
            Debug,
            Clone,
            Copy,
            PartialEq,
            Eq,
            PartialOrd,
            Ord,
            Hash,
            Serialize,
            Deserialize,
            JsonSchema,
            strum::IntoStaticStr,
            strum::EnumString,
            strum::VariantArray,
            strum::EnumCount,
        )]
        #[serde(rename_all = "snake_case")]
        #[strum(serialize_all = "snake_case")]
        pub enum CmpId {
            $($variant,)*
        }

        /// The adapter of a target.
        pub fn adapter(cmp: CmpId) -> &'static dyn CmpAdapter {
            match cmp {
                $(CmpId::$variant => &$module::$adapter,)*
            }
        }
    };
}

targets! {
    Gcm => gcm::Gcm,
    Tcf => tcf::Tcf,
    Cookiebot => cookiebot::Cookiebot,
    Onetrust => onetrust::OneTrust,
    Usercentrics => usercentrics::Usercentrics,
    Didomi => didomi::Didomi,
    Cookieyes => cookieyes::CookieYes,
    Complianz => complianz::Complianz,
    Iubenda => iubenda::Iubenda,
    Klaro => klaro::Klaro,
    Cookieconsent => cookieconsent::CookieConsent,
    Termly => termly::Termly,
    Cookiefirst => cookiefirst::CookieFirst,
    Osano => osano::Osano,
    Axeptio => axeptio::Axeptio,
    Consentmanager => consentmanager::Consentmanager,
    Borlabs => borlabs::Borlabs,
    Tarteaucitron => tarteaucitron::Tarteaucitron,
}

impl CmpId {
    pub const ALL: [CmpId; <CmpId as strum::EnumCount>::COUNT] = all_variants!(CmpId);

    /// The id used in configurations, `--cmp` and the window (`cookiebot`, `gcm`, ...).
    pub fn id(self) -> &'static str {
        self.into()
    }

    /// The product name as its vendor writes it.
    pub fn name(self) -> &'static str {
        adapter(self).facts().name
    }

    /// Everything the adapter states about the target.
    pub fn facts(self) -> &'static CmpFacts {
        adapter(self).facts()
    }

    /// Parse a user-typed id, with an error listing the valid ones.
    pub fn parse(id: &str) -> crate::Result<CmpId> {
        let id = id.trim();
        id.parse().map_err(|_| crate::Error::Unknown {
            what: "CMP",
            value: id.to_string(),
            expected: CmpId::ALL.map(CmpId::id).join(", "),
        })
    }
}

/// What a CMP calls the place an internal category lands: its category, purpose, consent type,
/// service or vendor id, and a human name for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Target {
    /// The exact id to use in the CMP (`statistics`, `C0002`, `4`, `analytics_storage`, ...).
    pub id: String,
    /// What the admin sees in the CMP's dashboard, in English.
    pub name: String,
}

impl Target {
    fn new(id: impl Into<String>, name: impl Into<String>) -> Target {
        Target {
            id: id.into(),
            name: name.into(),
        }
    }
}

/// A snippet ready to paste, with the steps it needs in the CMP.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Snippet {
    pub cmp: CmpId,
    pub cmp_name: String,
    /// No optional feature is on: the snippet is only the widget embed (with the CMP's
    /// automatic-blocking exemption) and the CMP needs no consent setting for the widget.
    pub nothing_to_do: bool,
    /// Where to paste and what to set in the CMP, one step per entry (plain text, in the
    /// language asked for; the same steps are in the snippet's leading comment).
    pub steps: Vec<String>,
    /// The HTML to paste, from its begin marker to its end marker ([`marker`]).
    pub html: String,
    /// What the begin marker says (account, configuration fingerprint, target, generator,
    /// content fingerprint).
    pub marker: SnippetMarker,
}

/// Where the snippet goes relative to the CMP's own code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Placement {
    /// After the CMP's script (its API and events are then defined or queued).
    AfterCmp,
    /// Above the CMP's script: its first script configures the CMP's automatic blocking, which
    /// the CMP reads only when it loads (Termly, consentmanager).
    BeforeCmp,
    /// After the CMP's configuration object and before its script (iubenda's
    /// `_iub.csConfiguration` and `cs.js`, Klaro's `klaroConfig` and `klaro.js`).
    BetweenConfigAndCmp,
    /// Above the Google tag or Tag Manager (the Consent Mode default must come first).
    BeforeGoogleTag,
    /// Anywhere in `<head>` (the CMP's API is read by polling and events).
    Anywhere,
}

/// Whether and how a CMP blocks scripts by itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AutoBlockingKind {
    /// It blocks only what is marked up for it (or nothing).
    None,
    /// It always blocks the scripts it knows or the admin lists, with no mode to switch (a
    /// built-in provider list, a dashboard list); unknown scripts run.
    Listed,
    /// It has an automatic mode that blocks scripts by scan results, source host or
    /// classification; the site runs it or not ([`BlockingMode`]).
    Mode,
}

/// A CMP's automatic blocking: what the vendor documents, and how the snippet gets the widget
/// through it while the optional features stay gated by consent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AutoBlocking {
    pub kind: AutoBlockingKind,
    /// The vendor's default for a new site (for [`AutoBlockingKind::Mode`] only).
    pub default_mode: Option<BlockingMode>,
    /// How it decides, in one sentence.
    pub how: &'static str,
    /// Attributes on the snippet's own inline `<script>` tags (embed, bridge, Consent Mode
    /// default), for CMPs that rewrite or block inline scripts.
    pub inline_attributes: &'static [(&'static str, &'static str)],
    /// Attributes set on the created widget `<script>` element before its `src` (blockers that
    /// patch `createElement` decide when `src` is set).
    pub element_attributes: &'static [(&'static str, &'static str)],
    /// A host-level exemption the snippet writes in a script of its own (which is why it goes
    /// above the CMP), in words of every language; `None` when there is none.
    pub host_rule: Option<Text>,
    /// What the admin must do (or avoid) in the CMP's dashboard for the widget to load with
    /// automatic blocking on; part of the instructions, in every language.
    pub step: Option<Text>,
    /// Whether that step is required in automatic mode (the check warns about it).
    pub step_required: bool,
    /// The vendor's documentation of its automatic blocking and the exemption.
    pub docs: &'static [&'static str],
}

impl AutoBlocking {
    /// A CMP with no automatic blocking.
    pub const NONE: AutoBlocking = AutoBlocking {
        kind: AutoBlockingKind::None,
        default_mode: None,
        how: "It blocks only what is marked up for it; the widget needs no exemption.",
        inline_attributes: &[],
        element_attributes: &[],
        host_rule: None,
        step: None,
        step_required: false,
        docs: &[],
    };

    /// Whether the instructions carry the dashboard step for a site in `mode` (unknown, or
    /// automatic, or a CMP that always blocks listed scripts).
    pub fn step_applies(&self, mode: Option<BlockingMode>) -> bool {
        match self.kind {
            AutoBlockingKind::None => false,
            AutoBlockingKind::Listed => true,
            AutoBlockingKind::Mode => mode != Some(BlockingMode::Manual),
        }
    }
}

/// What one target is, as data: the adapter states it, the CLI (`cmps`), the window and the
/// checks read it. Documented per vendor in `docs/cmp-snippets.md` and `docs/auto-blocking.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CmpFacts {
    pub id: CmpId,
    /// The product name as its vendor writes it.
    pub name: &'static str,
    /// The vendor documentation the adapter follows (blocking syntax, consent API, events).
    pub docs: &'static [&'static str],
    /// How the snippet switches features for this CMP.
    pub mechanism: &'static str,
    /// Whether the consent state typically arrives after Google tags start (for the
    /// `wait_for_update` rule; see the adapter module for the reading).
    pub loads_asynchronously: bool,
    /// Where the snippet goes relative to the CMP's code.
    pub placement: Placement,
    pub auto_blocking: AutoBlocking,
}

/// Everything an adapter needs to know about one configuration.
pub struct Context<'a> {
    pub catalog: &'a Catalog,
    pub config: &'a AccountConfig,
    /// The language of the instructions (the code itself is the same in every language).
    pub lang: Language,
    enabled: Vec<(Feature, Category)>,
}

impl<'a> Context<'a> {
    /// The context with instructions in English ([`Context::in_language`] for another).
    pub fn new(catalog: &'a Catalog, config: &'a AccountConfig) -> Context<'a> {
        let enabled = Feature::ALL
            .into_iter()
            .filter(|f| config.is_enabled(*f))
            .map(|f| (f, config.category_of(f, catalog)))
            .collect();
        Context {
            catalog,
            config,
            lang: Language::En,
            enabled,
        }
    }

    /// The same context with instructions in `lang`.
    pub fn in_language(self, lang: Language) -> Context<'a> {
        Context { lang, ..self }
    }

    /// The enabled features with the category each is mapped to.
    pub fn enabled(&self) -> &[(Feature, Category)] {
        &self.enabled
    }

    /// The categories the enabled features are mapped to.
    pub fn categories(&self) -> BTreeSet<Category> {
        self.enabled.iter().map(|(_, c)| *c).collect()
    }

    fn several_categories(&self) -> bool {
        self.categories().len() > 1
    }

    /// The key of the widget's service in a CMP that consents per service (configured
    /// `service_name`, else `default`); with features in several categories, one service per
    /// category: `<key>-<category>`.
    pub fn service_key(&self, default: &str, category: Category) -> String {
        let base = self.setting(&self.config.cmp_settings.service_name, default);
        if self.several_categories() {
            format!("{base}-{}", category.id())
        } else {
            base
        }
    }

    /// Like [`Context::service_key`] for CMPs that show the service's name: `<name> (<Category>)`.
    pub fn service_title(&self, default: &str, category: Category) -> String {
        let base = self.setting(&self.config.cmp_settings.service_name, default);
        if self.several_categories() {
            format!("{base} ({})", category.label(crate::config::Language::En))
        } else {
            base
        }
    }

    /// The widget's custom vendor id in the CMP (configured `vendor_id`, else `default`).
    pub fn vendor_id(&self, default: &str) -> String {
        self.setting(&self.config.cmp_settings.vendor_id, default)
    }

    fn setting(&self, value: &Option<String>, default: &str) -> String {
        value
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .unwrap_or(default)
            .to_string()
    }

    /// Names of the enabled features in a category, for instructions.
    pub fn features_in(&self, category: Category) -> String {
        self.enabled
            .iter()
            .filter(|(_, c)| *c == category)
            .map(|(f, _)| self.catalog.feature(*f).name.en.clone())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// "Trace Route switches on" / "Trace Route, Scoring Rules and Data Memorization switch on"
    /// (Polish: "… włącza się" / "… włączają się"): the enabled features in a category, named
    /// in the context's language, with the verb, for instructions.
    pub fn switch_on(&self, category: Category) -> String {
        let names: Vec<String> = self
            .enabled
            .iter()
            .filter(|(_, c)| *c == category)
            .map(|(f, _)| self.catalog.feature(*f).name.get(self.lang).to_string())
            .collect();
        match (self.lang, names.as_slice()) {
            (Language::En, []) => "Nothing switches on".to_string(),
            (Language::En, [one]) => format!("{one} switches on"),
            (Language::En, [init @ .., last]) => {
                format!("{} and {last} switch on", init.join(", "))
            }
            (Language::Pl, []) => "Nic się nie włącza".to_string(),
            (Language::Pl, [one]) => format!("{one} włącza się"),
            (Language::Pl, [init @ .., last]) => {
                format!("{} i {last} włączają się", init.join(", "))
            }
        }
    }

    /// A JSON object `{internal category: value}` over the enabled categories, hardened for a
    /// `<script>`: the text `js_value` gives for such a map (keys sorted, compact), written
    /// directly instead of through a JSON map.
    pub fn category_map<T: Serialize>(&self, value: impl Fn(Category) -> T) -> String {
        let mut entries: Vec<(&'static str, String)> = self
            .categories()
            .into_iter()
            .map(|c| (c.id(), escape::js_value(&value(c))))
            .collect();
        entries.sort_unstable_by_key(|(id, _)| *id);
        let mut out = String::with_capacity(16 + entries.len() * 32);
        out.push('{');
        for (index, (id, json)) in entries.iter().enumerate() {
            if index > 0 {
                out.push(',');
            }
            out.push_str(&js_str(id));
            out.push(':');
            out.push_str(json);
        }
        out.push('}');
        out
    }
}

/// One target: its facts, its ids, its blocking attribute, its instructions and its consent
/// reader.
pub trait CmpAdapter: Sync {
    /// What the target is (id, name, documentation, mechanism, load timing, automatic
    /// blocking).
    fn facts(&self) -> &'static CmpFacts;

    fn id(&self) -> CmpId {
        self.facts().id
    }

    /// How the snippet switches features for this CMP (for `cmps`).
    fn mechanism(&self) -> &'static str {
        self.facts().mechanism
    }

    /// The CMP's category / purpose / consent type / service / vendor for an internal category.
    fn target(&self, ctx: &Context, category: Category) -> Target;

    /// The attributes of a `<script>` the CMP holds back until consent for `category` and then
    /// runs, or `None` when the CMP has no documented attribute blocker.
    fn blocking(&self, _ctx: &Context, _category: Category) -> Option<Vec<(&'static str, String)>> {
        None
    }

    /// Where to paste and what to set in the CMP, one plain-text step per entry; the first
    /// step says where to paste. The automatic-blocking step ([`AutoBlocking::step`]) is added
    /// after it by [`snippet`].
    fn steps(&self, ctx: &Context) -> Vec<String>;

    /// Scripts (attributes, body) that tell the CMP's automatic blocking to let the widget
    /// through at host level; they come first in the snippet, with no feature on too.
    fn exemption_scripts(&self, _ctx: &Context) -> Vec<(Vec<(&'static str, String)>, String)> {
        Vec::new()
    }

    /// Script bodies that must run before the widget embed (e.g. the Consent Mode default).
    fn prelude(&self, _ctx: &Context) -> Vec<String> {
        Vec::new()
    }

    /// JavaScript statements that read the CMP's consent and follow its changes, run inside the
    /// bridge (see `bridge.rs` for what is in scope).
    fn connector(&self, ctx: &Context) -> String;
}

/// Every supported target's facts, in the configuration's order.
pub fn supported() -> Vec<&'static CmpFacts> {
    CmpId::ALL.into_iter().map(CmpId::facts).collect()
}

/// Purpose 1 plus the TCF purposes configured for `category` (sorted, without duplicates).
pub fn tcf_purposes(ctx: &Context, category: Category) -> Vec<u8> {
    tcf::purposes(ctx, category)
}

/// Where `category` lands in `cmp` for this configuration.
pub fn target(catalog: &Catalog, config: &AccountConfig, cmp: CmpId, category: Category) -> Target {
    adapter(cmp).target(&Context::new(catalog, config), category)
}

/// The snippet for the configuration's own CMP (`config.cmp`), with its instructions in
/// `lang`, or an error naming the field.
pub fn snippet_for_config(
    catalog: &Catalog,
    config: &AccountConfig,
    lang: Language,
) -> crate::Result<Snippet> {
    let cmp = config.cmp.ok_or_else(|| crate::Error::ConfigInvalid {
        field: "cmp".into(),
        message: "no CMP chosen; pick one of the supported targets".into(),
    })?;
    Ok(snippet(catalog, config, cmp, lang))
}

/// The where-to-paste step for a snippet with no optional feature on.
fn placement_step_without_features(facts: &CmpFacts, lang: Language) -> String {
    let name = facts.name;
    match (facts.placement, lang) {
        (Placement::BeforeCmp, Language::En) => format!(
            "Paste this into the <head> of every page, above the {name} script (its first script tells {name}'s automatic blocking to let the widget load), where the CallPage widget code goes (replace the old widget code)."
        ),
        (Placement::BeforeCmp, Language::Pl) => format!(
            "Wklej ten kod do sekcji <head> każdej strony, nad skryptem {name} (jego pierwszy skrypt każe automatycznemu blokowaniu {name} przepuścić widżet), tam, gdzie jest kod widżetu CallPage (zastąp nim dotychczasowy kod widżetu)."
        ),
        (_, lang) => pick(
            lang,
            "Paste this into the <head> of every page of your site, where the CallPage widget code goes (replace the old widget code).",
            "Wklej ten kod do sekcji <head> każdej strony swojej witryny, tam, gdzie jest kod widżetu CallPage (zastąp nim dotychczasowy kod widżetu).",
        )
        .to_string(),
    }
}

/// The snippet for `cmp`, whatever CMP the configuration names, with its instructions (the
/// steps and the leading comment that repeats them) in `lang`. The code is the same in every
/// language; the content fingerprint in the marker covers the comment too, so a Polish snippet
/// has another fingerprint than the English one.
pub fn snippet(catalog: &Catalog, config: &AccountConfig, cmp: CmpId, lang: Language) -> Snippet {
    let ctx = Context::new(catalog, config).in_language(lang);
    let adapter = adapter(cmp);
    let facts = adapter.facts();
    let blocking = &facts.auto_blocking;
    let nothing_to_do = ctx.enabled().is_empty();
    let blocking_step = blocking
        .step
        .filter(|_| blocking.step_applies(config.cmp_settings.blocking_mode))
        .map(|step| step.get(lang));
    let steps = if nothing_to_do {
        let mut steps = vec![placement_step_without_features(facts, lang)];
        steps.extend(blocking_step.map(str::to_string));
        let name = facts.name;
        steps.push(pick(
            lang,
            format!("{name} needs no consent setting for the widget: none of its optional features (Trace Route, Scoring Rules, Data Memorization) is on, so the widget sets no cookie that needs consent."),
            format!("{name} nie wymaga dla widżetu żadnego ustawienia zgód: żadna z jego funkcji opcjonalnych (Trace Route, Scoring Rules, Data Memorization) nie jest włączona, więc widżet nie zapisuje plików cookie wymagających zgody."),
        ));
        steps
    } else {
        let mut steps = adapter.steps(&ctx);
        if let Some(step) = blocking_step {
            steps.insert(1.min(steps.len()), step.to_string());
        }
        steps
    };

    // The longest snippet is about 12 KB: one allocation for the whole of it (and one for
    // its normalised text, which the content fingerprint hashes).
    let mut html = String::with_capacity(16 * 1024);
    let mut marker = SnippetMarker::new(config, cmp, &catalog.catalog_version);
    let fingerprint_at = marker::push_begin(&mut html, &marker);
    let mut out = SnippetOut {
        html,
        digest: marker::ContentDigest::with_capacity(12 * 1024),
    };
    header(&mut out, &ctx, cmp, &steps);
    for (attributes, body) in adapter.exemption_scripts(&ctx) {
        push_script(
            &mut out,
            attributes.iter().map(|(n, v)| (*n, v.as_str())),
            &body,
        );
    }
    let inline = || blocking.inline_attributes.iter().copied();
    if !nothing_to_do {
        for body in adapter.prelude(&ctx) {
            push_script(&mut out, inline(), &body);
        }
    }
    push_script_open(&mut out, inline());
    embed::script(&mut out, &ctx, facts);
    out.text("\n</script>\n");
    if !nothing_to_do {
        push_script_open(&mut out, inline());
        bridge::script(&mut out, &ctx, facts.name, &adapter.connector(&ctx));
        out.text("\n</script>\n");
        for category in ctx.categories() {
            if let Some(attributes) = adapter.blocking(&ctx, category) {
                out.text("<!-- Held back by ");
                out.text(&escape::comment_text(facts.name));
                out.text(" until consent for ");
                out.text(&escape::comment_text(&adapter.target(&ctx, category).id));
                out.text("; it then switches on: ");
                out.text(&escape::comment_text(&ctx.features_in(category)));
                out.text(". -->\n");
                push_script(
                    &mut out,
                    attributes.iter().map(|(n, v)| (*n, v.as_str())),
                    &bridge::grant_call(category.id()),
                );
            }
        }
    }
    let SnippetOut { mut html, digest } = out;
    marker.content = digest.finish();
    marker::fill_content(&mut html, fingerprint_at, &marker.content);
    html.push_str(marker::END_COMMENT);
    html.push('\n');
    Snippet {
        cmp,
        cmp_name: facts.name.to_string(),
        nothing_to_do,
        steps,
        html,
        marker,
    }
}

/// Append the leading comment (account, catalog, steps) to `out`. Its first line is the same
/// in every language: the site check recognises a snippet and its account by it.
fn header(out: &mut SnippetOut, ctx: &Context, cmp: CmpId, steps: &[String]) {
    out.text("<!-- CallPage widget for ");
    out.text(cmp.name());
    out.text(" - generated by CallPage Cookie Admin ");
    out.text(crate::VERSION);
    out.text(" (catalog ");
    out.text(&escape::comment_text(&ctx.catalog.catalog_version));
    out.text(") for account ");
    out.text(&escape::comment_text(&ctx.config.account.name));
    out.text(".\n");
    for (index, step) in steps.iter().enumerate() {
        out.text("  ");
        out.text(&(index + 1).to_string());
        out.text(". ");
        push_html_comment_text(out, step);
        out.push('\n');
    }
    out.text("-->\n");
}

/// Append `text` as text inside an HTML comment: with `<` and `>` written as entities no comment
/// or script can be opened or closed (`-->`, `--!>`, `<!--`, `</script` all need one of them);
/// U+2028 and U+2029 become spaces.
fn push_html_comment_text(out: &mut SnippetOut, text: &str) {
    let bytes = text.as_bytes();
    let mut copied = 0;
    let mut at = 0;
    while at < bytes.len() {
        let (replacement, len) = match bytes[at] {
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            // U+2028 is E2 80 A8 and U+2029 is E2 80 A9 in UTF-8.
            0xE2 if bytes.get(at + 1) == Some(&0x80)
                && matches!(bytes.get(at + 2), Some(0xA8 | 0xA9)) =>
            {
                (" ", 3)
            }
            _ => {
                at += 1;
                continue;
            }
        };
        // `at` starts a character (an ASCII byte or a lead byte): both slices are on character
        // boundaries.
        out.text(&text[copied..at]);
        out.text(replacement);
        at += len;
        copied = at;
    }
    out.text(&text[copied..]);
}

/// Append `<script attr="value" ...>` and a line break; an empty value is written as a bare
/// attribute name (`data-ot-ignore`).
fn push_script_open<'v>(
    out: &mut SnippetOut,
    attributes: impl IntoIterator<Item = (&'static str, &'v str)>,
) {
    out.text("<script");
    for (name, value) in attributes {
        out.push(' ');
        out.text(name);
        if !value.is_empty() {
            out.text("=\"");
            out.text(&html_attr(value));
            out.push('"');
        }
    }
    out.text(">\n");
}

fn push_script<'v>(
    out: &mut SnippetOut,
    attributes: impl IntoIterator<Item = (&'static str, &'v str)>,
    body: &str,
) {
    push_script_open(out, attributes);
    out.text(body);
    out.text("\n</script>\n");
}

/// Substitute `__NAME__` placeholders in one pass, so that a substituted value is never
/// searched for placeholders again: `fill!(template, [("__A__", value), ...])`.
///
/// The template (a string literal) is split into literal text and placeholders once per call
/// site ([`Template`], kept in a `OnceLock`); each call then only copies the literal pieces and
/// the (already escaped) values into one pre-sized `String`.
macro_rules! fill {
    ($template:expr, [$(($key:expr, $value:expr $(,)?)),* $(,)?] $(,)?) => {{
        static COMPILED: ::std::sync::OnceLock<$crate::cmp::Template> =
            ::std::sync::OnceLock::new();
        COMPILED
            .get_or_init(|| $crate::cmp::Template::compile($template, &[$($key),*]))
            .render(&[$(::core::convert::AsRef::<str>::as_ref($value)),*])
    }};
    // `fill!(into out, template, [...])`: append to `out` (a [`Sink`]) instead.
    (into $out:expr, $template:expr, [$(($key:expr, $value:expr $(,)?)),* $(,)?] $(,)?) => {{
        static COMPILED: ::std::sync::OnceLock<$crate::cmp::Template> =
            ::std::sync::OnceLock::new();
        COMPILED
            .get_or_init(|| $crate::cmp::Template::compile($template, &[$($key),*]))
            .render_into($out, &[$(::core::convert::AsRef::<str>::as_ref($value)),*])
    }};
}
pub(crate) use fill;

/// Where rendered text goes: a plain `String`, or a snippet being written ([`SnippetOut`]),
/// which also feeds the content fingerprint.
pub(crate) trait Sink {
    /// Text of any shape.
    fn text(&mut self, text: &str);
    /// A template's literal text (its normalisation already worked out).
    fn literal(&mut self, literal: &Literal) {
        self.text(literal.text);
    }
}

impl Sink for String {
    fn text(&mut self, text: &str) {
        self.push_str(text);
    }
}

/// A snippet being written: its HTML and, from the end of the begin marker on, the running
/// content fingerprint ([`marker::ContentDigest`]), so that the snippet is never scanned again
/// after it is written.
pub(crate) struct SnippetOut {
    html: String,
    digest: marker::ContentDigest,
}

impl SnippetOut {
    fn push(&mut self, c: char) {
        let mut buf = [0u8; 4];
        self.text(c.encode_utf8(&mut buf));
    }
}

impl Sink for SnippetOut {
    fn text(&mut self, text: &str) {
        self.html.push_str(text);
        self.digest.text(text);
    }
    fn literal(&mut self, literal: &Literal) {
        self.html.push_str(literal.text);
        self.digest.piece(&literal.normalised);
    }
}

/// Literal text of a compiled [`Template`], with its whitespace normalisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Literal {
    text: &'static str,
    normalised: marker::NormalisedPiece,
}

/// One piece of a compiled [`Template`].
#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    /// Text copied as is.
    Literal(Literal),
    /// The value of the placeholder with this index in the key list.
    Value(usize),
}

impl Segment {
    fn literal(text: &'static str) -> Segment {
        Segment::Literal(Literal {
            text,
            normalised: marker::NormalisedPiece::new(text),
        })
    }
}

/// A template split into literal text and placeholders (see [`fill!`]).
#[derive(Debug)]
pub(crate) struct Template {
    segments: Vec<Segment>,
    literal_len: usize,
}

impl Template {
    /// Split `template` at its placeholders: at each step the leftmost occurrence of any key
    /// (the longest key when several start at the same place); the text after a placeholder is
    /// searched again, never a value. Each literal piece's whitespace normalisation (for the
    /// snippet's content fingerprint) is worked out here, once.
    pub(crate) fn compile(template: &'static str, keys: &[&str]) -> Template {
        let mut segments = Vec::new();
        let mut rest = template;
        loop {
            let next = keys
                .iter()
                .enumerate()
                .filter(|(_, key)| !key.is_empty())
                .filter_map(|(index, key)| rest.find(key).map(|at| (at, index, key.len())))
                .min_by_key(|(at, _, len)| (*at, usize::MAX - len));
            match next {
                Some((at, index, len)) => {
                    if at > 0 {
                        segments.push(Segment::literal(&rest[..at]));
                    }
                    segments.push(Segment::Value(index));
                    rest = &rest[at + len..];
                }
                None => {
                    if !rest.is_empty() {
                        segments.push(Segment::literal(rest));
                    }
                    break;
                }
            }
        }
        let literal_len = segments
            .iter()
            .map(|s| match s {
                Segment::Literal(literal) => literal.text.len(),
                Segment::Value(_) => 0,
            })
            .sum();
        Template {
            segments,
            literal_len,
        }
    }

    /// The template with `values[i]` in place of key `i`.
    pub(crate) fn render(&self, values: &[&str]) -> String {
        let value_len: usize = self
            .segments
            .iter()
            .map(|s| match s {
                Segment::Literal(_) => 0,
                Segment::Value(index) => values.get(*index).map_or(0, |v| v.len()),
            })
            .sum();
        let mut out = String::with_capacity(self.literal_len + value_len);
        self.render_into(&mut out, values);
        out
    }

    /// Append the template with `values[i]` in place of key `i` to `out`.
    pub(crate) fn render_into<S: Sink + ?Sized>(&self, out: &mut S, values: &[&str]) {
        for segment in &self.segments {
            match segment {
                Segment::Literal(literal) => out.literal(literal),
                Segment::Value(index) => out.text(values.get(*index).copied().unwrap_or("")),
            }
        }
    }
}

/// A JS string literal (shorthand for adapters).
pub(crate) fn s(value: &str) -> String {
    js_str(value)
}

#[cfg(test)]
mod tests {
    use super::Template;

    #[test]
    fn template_takes_the_leftmost_longest_key_and_never_rescans_values() {
        let template = Template::compile("a __X__ b __XY__ c __X__", &["__X__", "__XY__"]);
        assert_eq!(template.render(&["__XY__", "2"]), "a __XY__ b 2 c __XY__");
        let mut out = String::from(">");
        template.render_into(&mut out, &["1", ""]);
        assert_eq!(out, ">a 1 b  c 1");
    }
}
