//! Osano (cmp-facts.md §2.14): `Osano.cm.getConsent()` (`{ANALYTICS: "ACCEPT"|"DENY"}`) read on
//! `osano-cm-initialized` (fired at once for a listener added after initialisation, so a stored
//! choice is read too) and `osano-cm-consent-saved`. Not on `osano-cm-consent-changed`: Osano
//! documents it as a toggle that "does not reflect the consent being saved"
//! (developers.osano.com, Consent JavaScript API). Osano blocks by classification rules on a
//! script's `src`; it documents no attribute that holds back an inline script (`data-osano` is
//! only seen in public code [obs]), so the snippet has no held-back script: the documented API
//! and events switch the features. The widget script's `data-osano="ESSENTIAL"` is that
//! undocumented attribute too: harmless (at worst ignored), and the instructions name the
//! documented way, an Essential classification rule for the widget's host.

use super::{AutoBlocking, AutoBlockingKind, CmpAdapter, CmpFacts, Context, fill, Placement, Target};
use crate::i18n::pick;
use crate::i18n::Text;
use crate::config::{BlockingMode, Category, CmpId};

pub(super) struct Osano;

/// Loads asynchronously: yes: `osano.js` is fetched from the vendor's CDN.
const FACTS: CmpFacts = CmpFacts {
    id: CmpId::Osano,
    name: "Osano",
    docs: &["https://docs.osano.com/article/19-developer-documentation", "https://developers.osano.com/cmp/javascript-api/developer-documentation-consent-javascript-api"],
    mechanism: "Osano.cm.getConsent + osano-cm-initialized and osano-cm-consent-saved (no held-back script: Osano documents none)",
    loads_asynchronously: true,
    placement: Placement::AfterCmp,
    auto_blocking: AutoBlocking {
        kind: AutoBlockingKind::Mode,
        default_mode: Some(BlockingMode::Manual),
        how: "The Compliance Mode decides: Listener (the default for a new configuration) blocks nothing, Permissive blocks classified scripts until consent, Strict also blocks every unclassified script; classification rules match the script URL. Automatic here means Strict.",
        inline_attributes: &[],
        element_attributes: &[("data-osano", "ESSENTIAL")],
        host_rule: None,
        step: Some(Text {
            en: "With Osano's Strict compliance mode (unclassified scripts are blocked), add a script classification rule in Osano: cdn-widget.callpage.io as Essential (Essential scripts always load); keep the widget's cookies classified as Analytics. The widget script also carries data-osano=\"ESSENTIAL\", seen in public code but not in Osano's documentation: harmless (Osano may ignore it), so the rule is what counts.",
            pl: "W trybie Strict compliance Osano (niesklasyfikowane skrypty są blokowane) dodaj w Osano regułę klasyfikacji skryptu: cdn-widget.callpage.io jako Essential (skrypty Essential wczytują się zawsze); pliki cookie widżetu pozostaw sklasyfikowane jako Analytics. Skrypt widżetu ma też atrybut data-osano=\"ESSENTIAL\", spotykany w publicznym kodzie, ale nieopisany w dokumentacji Osano: jest nieszkodliwy (Osano może go pominąć), więc liczy się reguła.",
        }),
        step_required: true,
        docs: &["https://docs.osano.com/compliance-modes-listener-permissive-strict", "https://docs.osano.com/hc/en-us/articles/22472145627540-Classification-Rules"],
    },
};

fn category(c: Category) -> (&'static str, &'static str) {
    match c {
        Category::Necessary => ("ESSENTIAL", "Essential"),
        Category::Functional => ("PERSONALIZATION", "Personalization"),
        Category::Analytics => ("ANALYTICS", "Analytics"),
        Category::Marketing => ("MARKETING", "Marketing"),
    }
}

impl CmpAdapter for Osano {
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
            "Paste this into the <head> of every page, after osano.js (which must stay the first script), replacing the old CallPage widget code.",
            "Wklej ten kod do sekcji <head> każdej strony, za osano.js (który musi pozostać pierwszym skryptem), w miejsce dotychczasowego kodu widżetu CallPage.",
        )
        .to_string()];
        for c in ctx.categories() {
            let (id, name) = category(c);
            let on = ctx.switch_on(c);
            steps.push(pick(
                lang,
                format!("{on} when the visitor accepts {name} ({id}). In Osano > Cookies, classify the widget's cookies as {name}."),
                format!("{on}, gdy odwiedzający zaakceptuje {name} ({id}). W Osano > Cookies sklasyfikuj pliki cookie widżetu jako {name}."),
            ));
        }
        steps
    }
    fn connector(&self, ctx: &Context) -> String {
        let template = r#"var C = __C__;
function read() {
  var cm = w.Osano && w.Osano.cm;
  if (!cm || typeof cm.getConsent !== "function") { return; }
  var consent = cm.getConsent() || {};
  B.set(states(C, function (id) { return consent[id] === "ACCEPT"; }));
}
when(function () { return w.Osano && w.Osano.cm && typeof w.Osano.cm.addEventListener === "function"; }, function () {
  var cm = w.Osano.cm;
  /* Not osano-cm-consent-changed: a toggle in the dialog, not a saved choice. */
  cm.addEventListener("osano-cm-initialized", read);
  cm.addEventListener("osano-cm-consent-saved", read);
});"#;
        fill!(template, [("__C__", &ctx.category_map(|c| category(c).0))])
    }
}
