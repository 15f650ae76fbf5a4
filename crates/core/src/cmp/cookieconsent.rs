//! orestbida CookieConsent v3 (cmp-facts.md §2.11, read in vanilla-cookieconsent 3.1.0):
//! held-back `type="text/plain" data-category="<category>"` scripts (run by CookieConsent's
//! script manager), `CookieConsent.acceptedCategory()` and the window events `cc:onConsent`,
//! `cc:onChange`, `cc:onFirstConsent`.

use super::{AutoBlocking, bridge::grant_call_attrs, CmpAdapter, CmpFacts, Context, fill, Placement, Target};
use crate::i18n::pick;
use crate::config::{Category, CmpId};

pub(super) struct CookieConsent;

/// Loads asynchronously: no: a library that ships with the site and reads the stored choice from the page's own code.
const FACTS: CmpFacts = CmpFacts {
    id: CmpId::Cookieconsent,
    name: "CookieConsent (orestbida v3)",
    docs: &["https://cookieconsent.orestbida.com/advanced/manage-scripts.html", "https://cookieconsent.orestbida.com/reference/api-reference.html"],
    mechanism: "data-category held-back script + acceptedCategory and cc:on* events",
    loads_asynchronously: false,
    placement: Placement::Anywhere,
    auto_blocking: AutoBlocking::NONE,
};

fn category(c: Category) -> (&'static str, &'static str) {
    match c {
        Category::Necessary => ("necessary", "Necessary (readOnly)"),
        Category::Functional => ("functionality", "Functionality"),
        Category::Analytics => ("analytics", "Analytics"),
        Category::Marketing => ("marketing", "Marketing"),
    }
}

impl CmpAdapter for CookieConsent {
    fn facts(&self) -> &'static CmpFacts {
        &FACTS
    }
    fn target(&self, _ctx: &Context, c: Category) -> Target {
        let (id, name) = category(c);
        Target::new(id, name)
    }
    fn blocking(&self, _ctx: &Context, c: Category) -> Option<Vec<(&'static str, String)>> {
        Some(grant_call_attrs(&[("data-category", category(c).0)]))
    }
    fn steps(&self, ctx: &Context) -> Vec<String> {
        let lang = ctx.lang;
        let mut steps = vec![pick(
            lang,
            "Paste this into the <head> of every page, replacing the old CallPage widget code (before or after cookieconsent.umd.js; CookieConsent.run() must keep manageScriptTags on, its default).",
            "Wklej ten kod do sekcji <head> każdej strony, w miejsce dotychczasowego kodu widżetu CallPage (przed cookieconsent.umd.js albo za nim; CookieConsent.run() musi mieć włączone manageScriptTags, co jest ustawieniem domyślnym).",
        )
        .to_string()];
        for c in ctx.categories() {
            let (id, _) = category(c);
            let on = ctx.switch_on(c);
            steps.push(pick(
                lang,
                format!("In CookieConsent.run({{ categories: {{ ... }} }}), keep a category \"{id}\" (not readOnly); {on} when it is accepted."),
                format!("W CookieConsent.run({{ categories: {{ ... }} }}) zachowaj kategorię „{id}” (bez readOnly); {on}, gdy zostanie zaakceptowana."),
            ));
        }
        steps
    }
    fn connector(&self, ctx: &Context) -> String {
        let template = r#"var C = __C__;
function read() {
  var cc = w.CookieConsent;
  if (!cc || typeof cc.acceptedCategory !== "function") { return; }
  var decided = typeof cc.validConsent === "function" ? cc.validConsent() === true : true;
  B.set(states(C, function (id) { return decided && cc.acceptedCategory(id) === true; }), decided);
}
on(w, ["cc:onConsent", "cc:onChange", "cc:onFirstConsent"], function () { read(); });
when(function () { return w.CookieConsent && typeof w.CookieConsent.acceptedCategory === "function"; }, read);"#;
        fill!(template, [("__C__", &ctx.category_map(|c| category(c).0))])
    }
}
