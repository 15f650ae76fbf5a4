//! CookieYes (cmp-facts.md §2.7): `getCkyConsent()` and the document events
//! `cookieyes_consent_update` / `cookieyes_banner_load`, nothing else.
//!
//! No held-back script: CookieYes documents `data-cookieyes="cookieyes-<category>"` on a script
//! tag without changing its `type` (implement-prior-consent-using-cookieyes), and its blocker
//! holds back and releases only scripts with a `src` (docs/auto-blocking.md §2.8); an inline
//! `type="text/plain"` script would never run, and an inline script without it would run before
//! consent. The documented consent API and events switch the features instead.

use super::{AutoBlocking, AutoBlockingKind, CmpAdapter, CmpFacts, Context, fill, Placement, Target};
use crate::i18n::pick;
use crate::i18n::Text;
use crate::config::{Category, CmpId};

pub(super) struct CookieYes;

/// Loads asynchronously: yes: its banner script is fetched from the vendor's CDN.
const FACTS: CmpFacts = CmpFacts {
    id: CmpId::Cookieyes,
    name: "CookieYes",
    docs: &["https://www.cookieyes.com/documentation/implement-prior-consent-using-cookieyes/", "https://www.cookieyes.com/documentation/retrieving-consent-data-using-api-getckyconsent/"],
    mechanism: "getCkyConsent + cookieyes_consent_update and cookieyes_banner_load (no held-back script: CookieYes releases only scripts with a src)",
    loads_asynchronously: true,
    placement: Placement::AfterCmp,
    auto_blocking: AutoBlocking {
        kind: AutoBlockingKind::Listed,
        default_mode: None,
        how: "It always blocks the scripts of providers it knows and any script URL pattern added in its Cookie Manager; no attribute lets one script through.",
        inline_attributes: &[],
        element_attributes: &[],
        host_rule: None,
        step: Some(Text {
            en: "CookieYes blocks the scripts of providers it knows and every script URL pattern added in Cookie Manager; no attribute lets a script through. Do not add a script URL pattern for CallPage (cdn-widget.callpage.io) under Analytics or any other optional category: CookieYes would hold the whole widget back until consent. List only the widget's cookies.",
            pl: "CookieYes blokuje skrypty znanych sobie dostawców oraz każdy wzorzec adresu skryptu dodany w Cookie Manager; żaden atrybut nie przepuszcza skryptu. Nie dodawaj wzorca adresu skryptu dla CallPage (cdn-widget.callpage.io) w kategorii Analytics ani żadnej innej opcjonalnej: CookieYes wstrzymałby cały widżet do czasu zgody. Wpisz tylko pliki cookie widżetu.",
        }),
        step_required: false,
        docs: &["https://www.cookieyes.com/documentation/implement-prior-consent-using-cookieyes/"],
    },
};

fn category(c: Category) -> (&'static str, &'static str) {
    match c {
        Category::Necessary => ("necessary", "Necessary"),
        Category::Functional => ("functional", "Functional"),
        Category::Analytics => ("analytics", "Analytics"),
        Category::Marketing => ("advertisement", "Advertisement"),
    }
}

impl CmpAdapter for CookieYes {
    fn facts(&self) -> &'static CmpFacts {
        &FACTS
    }
    fn target(&self, _ctx: &Context, c: Category) -> Target {
        let (id, name) = category(c);
        Target::new(id, name)
    }
    fn steps(&self, ctx: &Context) -> Vec<String> {
        let lang = ctx.lang;
        let mut steps = vec![pick(
            lang,
            "Paste this into the <head> of every page, after the CookieYes script, replacing the old CallPage widget code.",
            "Wklej ten kod do sekcji <head> każdej strony, za skryptem CookieYes, w miejsce dotychczasowego kodu widżetu CallPage.",
        )
        .to_string()];
        for c in ctx.categories() {
            let (id, name) = category(c);
            let on = ctx.switch_on(c);
            steps.push(pick(
                lang,
                format!("{on} when the visitor accepts the \"{name}\" category ({id}). In CookieYes > Cookie Manager, add the widget's cookies to \"{name}\"."),
                format!("{on}, gdy odwiedzający zaakceptuje kategorię „{name}” ({id}). W CookieYes > Cookie Manager dodaj pliki cookie widżetu do kategorii „{name}”."),
            ));
        }
        steps
    }
    fn connector(&self, ctx: &Context) -> String {
        let template = r#"var C = __C__;
function read() {
  if (typeof w.getCkyConsent !== "function") { return; }
  var consent = w.getCkyConsent();
  if (!consent || !consent.categories) { return; }
  B.set(states(C, function (id) { return consent.categories[id] === true; }));
}
on(d, ["cookieyes_consent_update"], function (e) {
  var accepted = e && e.detail && e.detail.accepted;
  if (accepted && accepted.indexOf) {
    B.set(states(C, function (id) { return accepted.indexOf(id) >= 0; }));
  } else { read(); }
});
on(d, ["cookieyes_banner_load"], read);
when(function () { return typeof w.getCkyConsent === "function"; }, read);"#;
        fill!(template, [("__C__", &ctx.category_map(|c| category(c).0))])
    }
}
