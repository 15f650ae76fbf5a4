//! Termly (cmp-facts.md §2.12): held-back `type="text/plain" data-categories="<category>"`
//! scripts, `Termly.getConsentState()` and `Termly.on('consent' | 'initialized', cb)`.
//!
//! Termly's Auto Blocker is on by default and blocks unrecognised third-party scripts (the
//! widget) until the visitor accepts everything. The snippet therefore starts with the documented
//! custom blocking map, `<script data-termly-config>window.TERMLY_CUSTOM_BLOCKING_MAP = {...}`,
//! naming callpage.io (and a configured `embed_url` host) as essential; Termly reads it only
//! above its embed, so the whole snippet goes there (help.termly.io 69000308104). The widget
//! script also carries `data-categories="essential"` ("scripts categorized as Essential will
//! always be served", support.termly.io 7904653). The connector polls for Termly's API, so it
//! does not matter that Termly loads after it.

use super::{exempt_hosts, AutoBlocking, AutoBlockingKind, bridge::grant_call_attrs, CmpAdapter, CmpFacts, Context, fill, Placement, Target};
use crate::i18n::pick;
use crate::i18n::Text;
use crate::config::{BlockingMode, Category, CmpId};

pub(super) struct Termly;

/// Loads asynchronously: yes: its resource blocker and banner are fetched from the vendor's servers.
const FACTS: CmpFacts = CmpFacts {
    id: CmpId::Termly,
    name: "Termly",
    docs: &["https://support.termly.io/en/articles/9674733-getting-consent-state-and-handling-consent-changes-with-termly", "https://docs.termly.io/what-will-you-need-to-do-in-order-to-fully-take-advantage-of-termlys-cookie-solution"],
    mechanism: "data-categories held-back script + Termly.getConsentState and Termly.on",
    loads_asynchronously: true,
    placement: Placement::BeforeCmp,
    auto_blocking: AutoBlocking {
        kind: AutoBlockingKind::Mode,
        default_mode: Some(BlockingMode::Auto),
        how: "Auto Blocker (on by default: ?autoBlock=on in the embed URL) blocks recognised trackers by category and every unrecognised third-party script as Unclassified until the visitor accepts all; re-categorising cookies in the dashboard does not change it. Scripts categorised essential are always served.",
        inline_attributes: &[("data-categories", "essential")],
        element_attributes: &[("data-categories", "essential")],
        host_rule: Some(Text {
            en: "window.TERMLY_CUSTOM_BLOCKING_MAP = {\"callpage.io\": \"essential\"} in a <script data-termly-config>, above the Termly embed",
            pl: "window.TERMLY_CUSTOM_BLOCKING_MAP = {\"callpage.io\": \"essential\"} w <script data-termly-config>, nad kodem osadzenia Termly",
        }),
        step: Some(Text {
            en: "Termly's Auto Blocker (on by default) blocks third-party scripts it does not recognise, such as the CallPage widget. The first script of this code sets TERMLY_CUSTOM_BLOCKING_MAP so that Termly serves callpage.io as essential; Termly reads it only when it comes before the Termly embed script, which is why this code goes above it. If your site already defines TERMLY_CUSTOM_BLOCKING_MAP, delete this code's first script and add \"callpage.io\": \"essential\" to your map instead, or add callpage.io as Essential under Consent Management > Domain Rules.",
            pl: "Auto Blocker Termly (domyślnie włączony) blokuje nierozpoznane skrypty zewnętrzne, takie jak widżet CallPage. Pierwszy skrypt tego kodu ustawia TERMLY_CUSTOM_BLOCKING_MAP tak, by Termly traktował callpage.io jako niezbędny (essential); Termly odczytuje go tylko wtedy, gdy stoi przed skryptem osadzającym Termly, dlatego ten kod idzie nad nim. Jeśli Twoja strona już definiuje TERMLY_CUSTOM_BLOCKING_MAP, usuń pierwszy skrypt tego kodu i dopisz do swojej mapy \"callpage.io\": \"essential\" albo dodaj callpage.io jako Essential w Consent Management > Domain Rules.",
        }),
        step_required: false,
        docs: &["https://support.termly.io/en/articles/7904653-how-does-auto-blocker-work", "https://help.termly.io/support/solutions/articles/69000308104-how-can-i-define-a-custom-blocking-map-", "https://support.termly.io/hc/en-us/articles/32848083153169-How-to-use-Domain-Rules-to-change-Auto-Blocker-s-blocking-behavior"],
    },
};

fn category(c: Category) -> (&'static str, &'static str) {
    match c {
        Category::Necessary => ("essential", "Essential"),
        Category::Functional => ("performance", "Performance and functionality"),
        Category::Analytics => ("analytics", "Analytics and customization"),
        Category::Marketing => ("advertising", "Advertising"),
    }
}

impl CmpAdapter for Termly {
    fn facts(&self) -> &'static CmpFacts {
        &FACTS
    }
    fn target(&self, _ctx: &Context, c: Category) -> Target {
        let (id, name) = category(c);
        Target::new(id, name)
    }
    fn blocking(&self, _ctx: &Context, c: Category) -> Option<Vec<(&'static str, String)>> {
        Some(grant_call_attrs(&[("data-categories", category(c).0)]))
    }
    fn steps(&self, ctx: &Context) -> Vec<String> {
        let lang = ctx.lang;
        let mut steps = vec![pick(
            lang,
            "Paste this into the <head> of every page, above the Termly embed script (its first script configures Termly's Auto Blocker, which Termly reads only before it loads), replacing the old CallPage widget code.",
            "Wklej ten kod do sekcji <head> każdej strony, nad skryptem osadzającym Termly (jego pierwszy skrypt konfiguruje Auto Blocker Termly, który Termly odczytuje tylko przed swoim wczytaniem), w miejsce dotychczasowego kodu widżetu CallPage.",
        )
        .to_string()];
        for c in ctx.categories() {
            let (id, name) = category(c);
            let on = ctx.switch_on(c);
            steps.push(pick(
                lang,
                format!("{on} when the visitor accepts \"{name}\" ({id}). In Termly > Cookie Report, categorise the widget's cookies as {name}."),
                format!("{on}, gdy odwiedzający zaakceptuje „{name}” ({id}). W Termly > Cookie Report przypisz pliki cookie widżetu do kategorii {name}."),
            ));
        }
        steps
    }
    fn exemption_scripts(&self, ctx: &Context) -> Vec<(Vec<(&'static str, String)>, String)> {
        let map: std::collections::BTreeMap<String, &str> = exempt_hosts(ctx)
            .into_iter()
            .map(|host| (host, "essential"))
            .collect();
        vec![(
            vec![("data-termly-config", String::new())],
            fill!(
                "window.TERMLY_CUSTOM_BLOCKING_MAP = __MAP__;",
                [("__MAP__", &super::escape::js_value(&map))],
            ),
        )]
    }
    fn connector(&self, ctx: &Context) -> String {
        let template = r#"var C = __C__;
function read() {
  var state = null;
  try { state = w.Termly.getConsentState(); } catch (e) { state = null; }
  if (!state) { return; }
  B.set(states(C, function (id) { return state[id] === true; }));
}
when(function () { return w.Termly && typeof w.Termly.getConsentState === "function"; }, function () {
  if (typeof w.Termly.on === "function") {
    w.Termly.on("consent", function () { read(); });
    w.Termly.on("initialized", function () { read(); });
  }
  read();
});"#;
        fill!(template, [("__C__", &ctx.category_map(|c| category(c).0))])
    }
}
