//! iubenda (cmp-facts.md §2.9): held-back `type="text/plain" class="_iub_cs_activate-inline"
//! data-iub-purposes="<id>"` scripts (per-purpose consent), the
//! `_iub.csConfiguration.callback` hooks and `_iub.cs.api.getPreferences()`.
//!
//! iubenda calls the callbacks only when they are in `_iub.csConfiguration` before `cs.js`
//! reads it, i.e. when the snippet sits between the two. Placed elsewhere (after `cs.js`, or
//! with the newer single embed script, which brings its own configuration) the hooks are never
//! called: the snippet then reads `_iub.cs.api.getPreferences()` once the API exists and again
//! every second, and passes a changed answer on. The steps say so.

use super::{AutoBlocking, AutoBlockingKind, bridge::grant_call_attrs, CmpAdapter, CmpFacts, Context, fill, Placement, Target};
use crate::i18n::pick;
use crate::i18n::Text;
use crate::config::{BlockingMode, Category, CmpId};

pub(super) struct Iubenda;

/// Loads asynchronously: yes: `iubenda_cs.js` is fetched from the vendor's CDN, asynchronously.
const FACTS: CmpFacts = CmpFacts {
    id: CmpId::Iubenda,
    name: "iubenda",
    docs: &["https://www.iubenda.com/en/help/1205-cookie-solution-configuration", "https://www.iubenda.com/en/help/1229-manual-tagging-blocking-cookies"],
    mechanism: "_iub_cs_activate-inline held-back script + csConfiguration callbacks",
    loads_asynchronously: true,
    placement: Placement::BetweenConfigAndCmp,
    auto_blocking: AutoBlocking {
        kind: AutoBlockingKind::Mode,
        default_mode: Some(BlockingMode::Manual),
        how: "Automatic blocking (the autoblocking/<siteId>.js script or the unified embed, switched on by the admin) blocks third-party scripts that install cookies, from a list.",
        inline_attributes: &[("class", "_iub_cs_skip")],
        element_attributes: &[("class", "_iub_cs_skip")],
        host_rule: None,
        step: Some(Text {
            en: "If you turned on iubenda's automatic blocking (the autoblocking/<siteId>.js script, or the newer single embed script): this code's scripts and the widget script carry class=\"_iub_cs_skip\", the class iubenda's own WordPress plugin uses to keep scripts out of automatic blocking. It is not in iubenda's documentation, so also add cdn-widget.callpage.io to the automatic-blocking exceptions in your iubenda dashboard.",
            pl: "Jeśli włączono automatyczne blokowanie iubenda (skrypt autoblocking/<siteId>.js albo nowszy pojedynczy skrypt osadzający): skrypty tego kodu i skrypt widżetu mają klasę class=\"_iub_cs_skip\", której własna wtyczka iubenda do WordPressa używa, by wyłączyć skrypty z automatycznego blokowania. Nie ma jej w dokumentacji iubenda, więc dodaj też cdn-widget.callpage.io do wyjątków automatycznego blokowania w panelu iubenda.",
        }),
        step_required: true,
        docs: &["https://www.iubenda.com/en/help/133036-prior-blocking-of-cookies-automatic-blocking-auto-blocking", "https://www.iubenda.com/en/help/1205-cookie-solution-configuration"],
    },
};

fn purpose(c: Category) -> (&'static str, &'static str) {
    match c {
        Category::Necessary => ("1", "Strictly necessary"),
        Category::Functional => ("3", "Experience enhancement"),
        Category::Analytics => ("4", "Measurement"),
        Category::Marketing => ("5", "Targeting & Advertising"),
    }
}

impl CmpAdapter for Iubenda {
    fn facts(&self) -> &'static CmpFacts {
        &FACTS
    }
    fn target(&self, _ctx: &Context, c: Category) -> Target {
        let (id, name) = purpose(c);
        Target::new(id, name)
    }
    fn blocking(&self, _ctx: &Context, c: Category) -> Option<Vec<(&'static str, String)>> {
        Some(grant_call_attrs(&[
            ("class", "_iub_cs_activate-inline"),
            ("data-iub-purposes", purpose(c).0),
        ]))
    }
    fn steps(&self, ctx: &Context) -> Vec<String> {
        let lang = ctx.lang;
        let mut steps = vec![
            pick(lang, "Paste this into the <head> of every page after the script that sets _iub.csConfiguration and before the iubenda Cookie Solution script (cs.js), replacing the old CallPage widget code. Only there does iubenda call this code when the visitor chooses; placed after cs.js, or with iubenda's single embed script (embeds.iubenda.com/widgets/...), the code instead checks iubenda's stored choice when the page loads and every second after, so a choice takes effect within a second.", "Wklej ten kod do sekcji <head> każdej strony za skryptem ustawiającym _iub.csConfiguration, a przed skryptem iubenda Cookie Solution (cs.js), w miejsce dotychczasowego kodu widżetu CallPage. Tylko tam iubenda wywołuje ten kod, gdy odwiedzający dokonuje wyboru; umieszczony za cs.js albo przy pojedynczym skrypcie osadzającym iubenda (embeds.iubenda.com/widgets/...) kod sprawdza zapisany w iubenda wybór przy wczytaniu strony, a potem co sekundę, więc wybór zaczyna działać w ciągu sekundy.").to_string(),
            pick(lang, "In your iubenda Cookie Solution configuration, turn on per-purpose consent (perPurposeConsent: true).", "W konfiguracji iubenda Cookie Solution włącz zgodę dla poszczególnych celów (perPurposeConsent: true).").to_string(),
        ];
        for c in ctx.categories() {
            let (id, name) = purpose(c);
            let on = ctx.switch_on(c);
            steps.push(pick(
                lang,
                format!("{on} when the visitor consents to purpose {id} ({name})."),
                format!("{on}, gdy odwiedzający wyrazi zgodę na cel {id} ({name})."),
            ));
        }
        steps
    }
    fn connector(&self, ctx: &Context) -> String {
        let template = r#"var C = __C__;
var heard = false, last = null;
function give(s) {
  var key = JSON.stringify(s);
  if (key === last) { return; }
  last = key;
  B.set(s);
}
function apply(preference) {
  if (!preference) { return; }
  var purposes = preference.purposes;
  if (purposes && typeof purposes === "object") {
    give(states(C, function (id) { return purposes[id] === true; }));
  } else if (typeof preference.consent === "boolean") {
    give(states(C, function () { return preference.consent; }));
  }
}
function read() {
  try {
    var cs = w._iub && w._iub.cs;
    if (cs && cs.api && typeof cs.api.getPreferences === "function") { apply(cs.api.getPreferences()); }
    else if (cs && cs.consent) { apply(cs.consent); }
  } catch (e) { /* not ready */ }
}
var iub = w._iub = w._iub || [];
var config = iub.csConfiguration = iub.csConfiguration || {};
var callbacks = config.callback = config.callback || {};
function hook(name, handler) {
  var previous = callbacks[name];
  callbacks[name] = function () {
    heard = true;
    try { handler.apply(this, arguments); } catch (e) { /* keep the site's own callback running */ }
    if (typeof previous === "function") { return previous.apply(this, arguments); }
  };
}
hook("onPreferenceExpressedOrNotNeeded", function (preference) { if (preference) { apply(preference); } else { read(); } });
hook("onPreferenceExpressed", function (preference) { apply(preference); });
hook("onConsentRead", function () { read(); });
when(function () { var cs = w._iub && w._iub.cs; return cs && cs.api && typeof cs.api.getPreferences === "function"; }, function () {
  read();
  /* Placed after cs.js or with the single embed, iubenda never calls the hooks: follow the API. */
  w.setInterval(function () { if (!heard) { read(); } }, 1000);
});"#;
        fill!(template, [("__C__", &ctx.category_map(|c| purpose(c).0))])
    }
}
