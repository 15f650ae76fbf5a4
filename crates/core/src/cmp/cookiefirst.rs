//! CookieFirst (cmp-facts.md §2.13): held-back `type="text/plain"
//! data-cookiefirst-category="<category>"` scripts, `CookieFirst.consent` and the window events
//! `cf_init` / `cf_consent`.

use super::{AutoBlocking, AutoBlockingKind, bridge::grant_call_attrs, CmpAdapter, CmpFacts, Context, fill, Placement, Target};
use crate::i18n::pick;
use crate::i18n::Text;
use crate::config::{Category, CmpId};

pub(super) struct CookieFirst;

/// Loads asynchronously: yes: its banner script is fetched from the vendor's CDN.
const FACTS: CmpFacts = CmpFacts {
    id: CmpId::Cookiefirst,
    name: "CookieFirst",
    docs: &["https://support.cookiefirst.com/hc/en-us/articles/360011568738-Cookie-Banner-Public-API-documentation"],
    mechanism: "data-cookiefirst-category held-back script + CookieFirst.consent and cf_consent",
    loads_asynchronously: true,
    placement: Placement::AfterCmp,
    auto_blocking: AutoBlocking {
        kind: AutoBlockingKind::Listed,
        default_mode: None,
        how: "Autoblock applies only to the scripts the admin adds under its Scripts tab with autoblock selected.",
        inline_attributes: &[],
        element_attributes: &[],
        host_rule: None,
        step: Some(Text {
            en: "CookieFirst's autoblock applies only to scripts added under its Scripts tab: do not add the CallPage widget there with autoblock (declare only its cookies).",
            pl: "Autoblokowanie CookieFirst dotyczy tylko skryptów dodanych w jego zakładce Scripts: nie dodawaj tam widżetu CallPage z autoblokowaniem (zadeklaruj tylko jego pliki cookie).",
        }),
        step_required: false,
        docs: &["https://support.cookiefirst.com/hc/en-us/articles/5348470054289-How-does-the-autoblock-feature-work"],
    },
};

fn category(c: Category) -> (&'static str, &'static str) {
    match c {
        Category::Necessary => ("necessary", "Necessary"),
        Category::Functional => ("functional", "Functional"),
        Category::Analytics => ("performance", "Performance"),
        Category::Marketing => ("advertising", "Advertising"),
    }
}

impl CmpAdapter for CookieFirst {
    fn facts(&self) -> &'static CmpFacts {
        &FACTS
    }
    fn target(&self, _ctx: &Context, c: Category) -> Target {
        let (id, name) = category(c);
        Target::new(id, name)
    }
    fn blocking(&self, _ctx: &Context, c: Category) -> Option<Vec<(&'static str, String)>> {
        Some(grant_call_attrs(&[(
            "data-cookiefirst-category",
            category(c).0,
        )]))
    }
    fn steps(&self, ctx: &Context) -> Vec<String> {
        let lang = ctx.lang;
        let mut steps = vec![pick(
            lang,
            "Paste this into the <head> of every page, after the CookieFirst banner script, replacing the old CallPage widget code.",
            "Wklej ten kod do sekcji <head> każdej strony, za skryptem banera CookieFirst, w miejsce dotychczasowego kodu widżetu CallPage.",
        )
        .to_string()];
        for c in ctx.categories() {
            let (id, name) = category(c);
            let on = ctx.switch_on(c);
            steps.push(pick(
                lang,
                format!("{on} when the visitor accepts \"{name}\" ({id}). In the CookieFirst admin, add the widget's cookies to {name}."),
                format!("{on}, gdy odwiedzający zaakceptuje „{name}” ({id}). W panelu CookieFirst dodaj pliki cookie widżetu do kategorii {name}."),
            ));
        }
        steps
    }
    fn connector(&self, ctx: &Context) -> String {
        let template = r#"var C = __C__;
function apply(consent) {
  if (!consent || typeof consent !== "object") { return false; }
  B.set(states(C, function (id) { return consent[id] === true; }));
  return true;
}
function read() { apply(w.CookieFirst && w.CookieFirst.consent); }
on(w, ["cf_init"], read);
on(w, ["cf_consent"], function (e) { if (!apply(e && e.detail)) { read(); } });
when(function () { return w.CookieFirst && w.CookieFirst.consent; }, read);"#;
        fill!(template, [("__C__", &ctx.category_map(|c| category(c).0))])
    }
}
