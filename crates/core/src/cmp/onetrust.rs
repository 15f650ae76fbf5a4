//! OneTrust (cmp-facts.md §2.4): held-back `type="text/plain" class="optanon-category-<id>"`
//! scripts, `window.OnetrustActiveGroups`, `OneTrust.OnConsentChanged` and the
//! `OneTrustGroupsUpdated` / `OTConsentApplied` window events.

use super::{AutoBlocking, AutoBlockingKind, bridge::grant_call_attrs, CmpAdapter, CmpFacts, Context, fill, Placement, Target};
use crate::i18n::pick;
use crate::i18n::Text;
use crate::config::{BlockingMode, Category, CmpId};

pub(super) struct OneTrust;

/// Loads asynchronously: yes: its banner script is fetched from the vendor's CDN.
const FACTS: CmpFacts = CmpFacts {
    id: CmpId::Onetrust,
    name: "OneTrust",
    docs: &["https://developer.onetrust.com/onetrust/docs/javascript-events-guide", "https://my.onetrust.com/articles/en_US/Knowledge/UUID-518074a1-a6da-81c3-be52-bae7685d9c94"],
    mechanism: "optanon-category class held-back script + OnetrustActiveGroups and events",
    loads_asynchronously: true,
    placement: Placement::AfterCmp,
    auto_blocking: AutoBlocking {
        kind: AutoBlockingKind::Mode,
        default_mode: Some(BlockingMode::Manual),
        how: "Auto-blocking (the OtAutoBlock.js script, added by the admin) sets scripts whose source its scan categorised to type text/plain until their category is active; it decides when a created script's src is set.",
        inline_attributes: &[("data-ot-ignore", "")],
        element_attributes: &[("data-ot-ignore", ""), ("class", "optanon-category-C0001")],
        host_rule: None,
        step: Some(Text {
            en: "If you use OneTrust auto-blocking (OtAutoBlock.js), keep this code after OtAutoBlock.js and otSDKStub.js: the widget script it loads carries data-ot-ignore and the class optanon-category-C0001 (Strictly Necessary), set before its source, so auto-blocking lets it load. No dashboard change is needed.",
            pl: "Jeśli używasz automatycznego blokowania OneTrust (OtAutoBlock.js), umieść ten kod za OtAutoBlock.js i otSDKStub.js: wczytywany przez niego skrypt widżetu ma atrybut data-ot-ignore i klasę optanon-category-C0001 (Strictly Necessary), ustawione przed jego adresem źródłowym, więc automatyczne blokowanie pozwala mu się wczytać. Zmiany w panelu nie są potrzebne.",
        }),
        step_required: false,
        docs: &["https://my.onetrust.com/articles/en_US/Knowledge/UUID-c5122557-2070-65cb-2612-f2752c0cc4aa", "https://my.onetrust.com/articles/en_US/Knowledge/UUID-cdb2fcad-1640-fdbd-e432-73c5536f0bbd"],
    },
};

fn category(c: Category) -> (&'static str, &'static str) {
    match c {
        Category::Necessary => ("C0001", "Strictly Necessary Cookies"),
        Category::Functional => ("C0003", "Functional Cookies"),
        Category::Analytics => ("C0002", "Performance Cookies"),
        Category::Marketing => ("C0004", "Targeting Cookies"),
    }
}

impl CmpAdapter for OneTrust {
    fn facts(&self) -> &'static CmpFacts {
        &FACTS
    }
    fn target(&self, _ctx: &Context, c: Category) -> Target {
        let (id, name) = category(c);
        Target::new(id, name)
    }
    fn blocking(&self, _ctx: &Context, c: Category) -> Option<Vec<(&'static str, String)>> {
        Some(grant_call_attrs(&[(
            "class",
            &format!("optanon-category-{}", category(c).0),
        )]))
    }
    fn steps(&self, ctx: &Context) -> Vec<String> {
        let lang = ctx.lang;
        let mut steps = vec![pick(
            lang,
            "Paste this into the <head> of every page, after the OneTrust script (otSDKStub.js), replacing the old CallPage widget code.",
            "Wklej ten kod do sekcji <head> każdej strony, za skryptem OneTrust (otSDKStub.js), w miejsce dotychczasowego kodu widżetu CallPage.",
        )
        .to_string()];
        for c in ctx.categories() {
            let (id, name) = category(c);
            let on = ctx.switch_on(c);
            steps.push(pick(
                lang,
                format!("{on} when the visitor allows the category {id} (\"{name}\" in the default OneTrust template). If your template uses another id for it, change {id} in this code."),
                format!("{on}, gdy odwiedzający zezwoli na kategorię {id} („{name}” w domyślnym szablonie OneTrust). Jeśli Twój szablon używa dla niej innego identyfikatora, zmień {id} w tym kodzie."),
            ));
        }
        steps.push(pick(lang, "In OneTrust > Cookie Consent > Cookies, assign the widget's cookies (see the category mapping export) to the same category.", "W OneTrust > Cookie Consent > Cookies przypisz pliki cookie widżetu (zobacz eksport mapowania kategorii) do tej samej kategorii.").to_string());
        steps
    }
    fn connector(&self, ctx: &Context) -> String {
        let template = r#"var C = __C__;
function read(active) {
  var groups = active && active.join ? active.join(",") : w.OnetrustActiveGroups;
  if (typeof groups !== "string") { return; }
  groups = "," + groups + ",";
  B.set(states(C, function (id) { return groups.indexOf("," + id + ",") >= 0; }));
}
on(w, ["OneTrustGroupsUpdated"], function (e) { read(e && e.detail); });
on(w, ["OTConsentApplied"], function () { read(null); });
when(function () { return w.OneTrust && typeof w.OneTrust.OnConsentChanged === "function"; }, function () {
  w.OneTrust.OnConsentChanged(function () { read(null); });
  read(null);
});"#;
        fill!(template, [("__C__", &ctx.category_map(|c| category(c).0))])
    }
}
