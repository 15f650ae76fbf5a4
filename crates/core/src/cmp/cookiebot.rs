//! Cookiebot (cmp-facts.md §2.3): held-back `type="text/plain" data-cookieconsent="<category>"`
//! scripts, `Cookiebot.consent.<category>` and the `CookiebotOn*` window events.

use super::{AutoBlocking, AutoBlockingKind, bridge::grant_call_attrs, CmpAdapter, CmpFacts, Context, fill, Placement, Target};
use crate::i18n::pick;
use crate::i18n::Text;
use crate::config::{BlockingMode, Category, CmpId};

pub(super) struct Cookiebot;

/// Loads asynchronously: yes: its banner script (uc.js) is fetched from the vendor's CDN.
const FACTS: CmpFacts = CmpFacts {
    id: CmpId::Cookiebot,
    name: "Cookiebot",
    docs: &["https://www.cookiebot.com/en/developer/", "https://support.cookiebot.com/hc/en-us/articles/360021304979-Blocking-cookies"],
    mechanism: "data-cookieconsent held-back script + Cookiebot.consent and events",
    loads_asynchronously: true,
    placement: Placement::AfterCmp,
    auto_blocking: AutoBlocking {
        kind: AutoBlockingKind::Mode,
        default_mode: Some(BlockingMode::Manual),
        how: "Automatic cookie blocking (data-blockingmode=\"auto\" on uc.js, chosen per site) holds back every element its scan attributed Preferences, Statistics or Marketing cookies to until all those categories are accepted.",
        inline_attributes: &[("data-cookieconsent", "ignore")],
        element_attributes: &[("data-cookieconsent", "ignore")],
        host_rule: None,
        step: Some(Text {
            en: "Cookiebot automatic cookie blocking (data-blockingmode=\"auto\") is fine: every script of this code that must always run, and the widget script it loads, carry data-cookieconsent=\"ignore\", which Cookiebot lets through. Keep that attribute and do not make those scripts type=\"text/plain\"; only the held-back script waits for consent.",
            pl: "Automatyczne blokowanie cookies w Cookiebot (data-blockingmode=\"auto\") nie przeszkadza: każdy skrypt tego kodu, który musi zawsze działać, i wczytywany przez niego skrypt widżetu mają atrybut data-cookieconsent=\"ignore\", który Cookiebot przepuszcza. Zachowaj ten atrybut i nie zmieniaj tych skryptów na type=\"text/plain\"; na zgodę czeka tylko wstrzymany skrypt.",
        }),
        step_required: false,
        docs: &["https://support.cookiebot.com/hc/en-us/articles/360009074960-Automatic-cookie-blocking", "https://support.cookiebot.com/hc/en-us/articles/11438730619804-How-does-auto-blocking-work", "https://support.cookiebot.com/hc/en-us/articles/4405978132242-Manual-Markup-Guide"],
    },
};

fn category(c: Category) -> (&'static str, &'static str) {
    match c {
        Category::Necessary => ("necessary", "Necessary"),
        Category::Functional => ("preferences", "Preferences"),
        Category::Analytics => ("statistics", "Statistics"),
        Category::Marketing => ("marketing", "Marketing"),
    }
}

impl CmpAdapter for Cookiebot {
    fn facts(&self) -> &'static CmpFacts {
        &FACTS
    }
    fn target(&self, _ctx: &Context, c: Category) -> Target {
        let (id, name) = category(c);
        Target::new(id, name)
    }
    fn blocking(&self, _ctx: &Context, c: Category) -> Option<Vec<(&'static str, String)>> {
        Some(grant_call_attrs(&[("data-cookieconsent", category(c).0)]))
    }
    fn steps(&self, ctx: &Context) -> Vec<String> {
        let lang = ctx.lang;
        let mut steps = vec![pick(
            lang,
            "Paste this into the <head> of every page, after the Cookiebot script (uc.js), replacing the old CallPage widget code. It works with Cookiebot's manual and automatic blocking alike.",
            "Wklej ten kod do sekcji <head> każdej strony, za skryptem Cookiebot (uc.js), w miejsce dotychczasowego kodu widżetu CallPage. Działa zarówno z ręcznym, jak i z automatycznym blokowaniem Cookiebot.",
        )
        .to_string()];
        for c in ctx.categories() {
            let (id, name) = category(c);
            let on = ctx.switch_on(c);
            steps.push(pick(
                lang,
                format!("{on} when the visitor accepts the \"{name}\" category ({id})."),
                format!("{on}, gdy odwiedzający zaakceptuje kategorię „{name}” ({id})."),
            ));
        }
        steps.push(pick(lang, "In Cookiebot Manager > Cookies, add the widget's cookies (see the cookie declaration export) to the same category so the banner lists them.", "W Cookiebot Manager > Cookies dodaj pliki cookie widżetu (zobacz eksport deklaracji cookies) do tej samej kategorii, aby baner je wymieniał.").to_string());
        steps
    }
    fn connector(&self, ctx: &Context) -> String {
        let template = r#"var C = __C__;
function read(answered) {
  var cb = w.Cookiebot;
  if (!cb || !cb.consent) { return; }
  B.set(states(C, function (id) { return cb.consent[id] === true; }), answered || cb.hasResponse === true);
}
on(w, ["CookiebotOnConsentReady", "CookiebotOnAccept", "CookiebotOnDecline"], function () { read(true); });
on(w, ["CookiebotOnLoad"], function () { read(false); });
read(false);"#;
        fill!(template, [("__C__", &ctx.category_map(|c| category(c).0))])
    }
}
