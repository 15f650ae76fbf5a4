//! Complianz (cmp-facts.md §2.8): held-back `type="text/plain" data-category="<category>"`
//! scripts, `cmplz_has_consent()` and the document events `cmplz_status_change`,
//! `cmplz_fire_categories`, `cmplz_revoke`.

use super::{AutoBlocking, AutoBlockingKind, bridge::grant_call_attrs, CmpAdapter, CmpFacts, Context, fill, Placement, Target};
use crate::i18n::pick;
use crate::i18n::Text;
use crate::config::{Category, CmpId};

pub(super) struct Complianz;

/// Loads asynchronously: no: a WordPress plugin that ships with the site and reads the stored choice from the page's own code.
const FACTS: CmpFacts = CmpFacts {
    id: CmpId::Complianz,
    name: "Complianz",
    docs: &["https://complianz.io/developers-guide-for-third-party-integrations", "https://github.com/Really-Simple-Plugins/complianz-gdpr"],
    mechanism: "data-category held-back script + cmplz_has_consent and cmplz events",
    loads_asynchronously: false,
    placement: Placement::Anywhere,
    auto_blocking: AutoBlocking {
        kind: AutoBlockingKind::Listed,
        default_mode: None,
        how: "On the server it rewrites the scripts of services it knows, and those listed in its Script Center, to type text/plain; a script tag with data-category=\"functional\" is left alone.",
        inline_attributes: &[("data-category", "functional")],
        element_attributes: &[],
        host_rule: None,
        step: Some(Text {
            en: "Complianz rewrites the scripts of services it knows, and those listed under Integrations > Script Center, so that they wait for consent; this code's scripts carry data-category=\"functional\", which Complianz leaves alone. Do not add a blocking rule for CallPage in the Script Center (if there is one, remove it or whitelist callpage.io): the widget always loads, only its optional features wait for consent.",
            pl: "Complianz przepisuje skrypty znanych sobie usług oraz te wpisane w Integrations > Script Center tak, by czekały na zgodę; skrypty tego kodu mają atrybut data-category=\"functional\", którego Complianz nie rusza. Nie dodawaj w Script Center reguły blokującej CallPage (jeśli jest, usuń ją albo dodaj callpage.io do wyjątków): widżet wczytuje się zawsze, na zgodę czekają tylko jego funkcje opcjonalne.",
        }),
        step_required: false,
        docs: &["https://github.com/Really-Simple-Plugins/complianz-gdpr/blob/master/cookiebanner/class-cookie-blocker.php"],
    },
};

fn category(c: Category) -> (&'static str, &'static str) {
    match c {
        Category::Necessary => ("functional", "Functional (always active)"),
        Category::Functional => ("preferences", "Preferences"),
        Category::Analytics => ("statistics", "Statistics"),
        Category::Marketing => ("marketing", "Marketing"),
    }
}

impl CmpAdapter for Complianz {
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
            "Paste this into every page's <head> (e.g. with a header-scripts plugin or your theme), replacing the old CallPage widget code; Complianz must be active.",
            "Wklej ten kod do sekcji <head> każdej strony (np. wtyczką do skryptów w nagłówku albo w motywie), w miejsce dotychczasowego kodu widżetu CallPage; Complianz musi być aktywny.",
        )
        .to_string()];
        for c in ctx.categories() {
            let (id, name) = category(c);
            let on = ctx.switch_on(c);
            steps.push(pick(
                lang,
                format!("{on} when the visitor accepts \"{name}\" ({id})."),
                format!("{on}, gdy odwiedzający zaakceptuje „{name}” ({id})."),
            ));
        }
        steps
    }
    fn connector(&self, ctx: &Context) -> String {
        let template = r#"var C = __C__;
function read() {
  if (typeof w.cmplz_has_consent !== "function") { return; }
  B.set(states(C, function (id) { return !!w.cmplz_has_consent(id); }));
}
on(d, ["cmplz_fire_categories"], function (e) {
  var list = e && e.detail && e.detail.categories;
  if (list && list.indexOf) {
    B.set(states(C, function (id) { return list.indexOf(id) >= 0; }));
  } else { read(); }
});
on(d, ["cmplz_status_change", "cmplz_revoke", "cmplz_enable_category"], function () { read(); });
when(function () { return typeof w.cmplz_has_consent === "function"; }, read);"#;
        fill!(template, [("__C__", &ctx.category_map(|c| category(c).0))])
    }
}
