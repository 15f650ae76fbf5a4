//! Axeptio (cmp-facts.md §2.15): no attribute blocker; consent is per vendor key, read from the
//! SDK's `cookies:complete` event through `window._axcb`. That event can fire before the snippet
//! subscribes (a returning visitor's stored choice is dispatched as soon as the SDK loads), so
//! the snippet also reads the stored choice: the `axeptio_cookies` cookie (JSON of
//! `{vendorKey: bool}`, Axeptio's default cookie name) when it runs, and it subscribes with
//! `{replay: true}`, which calls the handler for an event already dispatched
//! (developers.axeptio.eu, "Listen to SDK events"; support.axeptio.eu 274085).

use super::{AutoBlocking, CmpAdapter, CmpFacts, Context, fill, Placement, Target};
use crate::i18n::pick;
use crate::config::{Category, CmpId};

pub(super) struct Axeptio;

/// Loads asynchronously: yes: its SDK is fetched from the vendor's CDN.
const FACTS: CmpFacts = CmpFacts {
    id: CmpId::Axeptio,
    name: "Axeptio",
    docs: &["https://developers.axeptio.eu/cookies/axeptio-javascript-sdk/listen-to-sdk-events", "https://support.axeptio.eu/en/articles/274085-does-axeptio-place-cookies"],
    mechanism: "_axcb cookies:complete choices per vendor key",
    loads_asynchronously: true,
    placement: Placement::AfterCmp,
    auto_blocking: AutoBlocking::NONE,
};

const DEFAULT_VENDOR: &str = "callpage";

fn step_name(c: Category) -> &'static str {
    match c {
        Category::Necessary => "Essential",
        Category::Functional => "Functional",
        Category::Analytics => "Audience measurement (Analytics)",
        Category::Marketing => "Marketing",
    }
}

impl CmpAdapter for Axeptio {
    fn facts(&self) -> &'static CmpFacts {
        &FACTS
    }
    fn target(&self, ctx: &Context, c: Category) -> Target {
        Target::new(
            ctx.service_key(DEFAULT_VENDOR, c),
            format!("vendor in the {} step", step_name(c)),
        )
    }
    fn steps(&self, ctx: &Context) -> Vec<String> {
        let lang = ctx.lang;
        let mut steps = vec![pick(
            lang,
            "Paste this into the <head> of every page, after the Axeptio SDK snippet, replacing the old CallPage widget code.",
            "Wklej ten kod do sekcji <head> każdej strony, za kodem Axeptio SDK, w miejsce dotychczasowego kodu widżetu CallPage.",
        )
        .to_string()];
        for c in ctx.categories() {
            let key = ctx.service_key(DEFAULT_VENDOR, c);
            let step = step_name(c);
            let on = ctx.switch_on(c);
            steps.push(pick(
                lang,
                format!("In the Axeptio back office, add a custom vendor with the key \"{key}\" (name CallPage) to the {step} step of your cookie widget and publish; {on} when the visitor accepts it."),
                format!("W panelu Axeptio (back office) dodaj własnego dostawcę o kluczu „{key}” (nazwa CallPage) do kroku {step} swojego widżetu cookies i opublikuj zmiany; {on}, gdy odwiedzający go zaakceptuje."),
            ));
        }
        steps
    }
    fn connector(&self, ctx: &Context) -> String {
        let template = r#"var C = __C__;
function apply(choices) {
  B.set(states(C, function (key) { return !!(choices && choices[key] === true); }));
}
/* A returning visitor's stored choice (Axeptio's own cookie), in case the SDK's event came first. */
function stored() {
  var parts = d.cookie ? d.cookie.split(";") : [];
  for (var i = 0; i < parts.length; i++) {
    var c = parts[i].replace(/^\s+/, "");
    if (c.indexOf("axeptio_cookies=") !== 0) { continue; }
    var text = c.substring("axeptio_cookies=".length);
    try { text = decodeURIComponent(text); } catch (e) { /* not encoded */ }
    try { return JSON.parse(text); } catch (e) { return null; }
  }
  return null;
}
var saved = stored();
if (saved && typeof saved === "object") { apply(saved); }
w._axcb = w._axcb || [];
w._axcb.push(function (sdk) {
  sdk.on("cookies:complete", apply, { replay: true });
});"#;
        fill!(
            template,
            [(
                "__C__",
                &ctx.category_map(|c| ctx.service_key(DEFAULT_VENDOR, c)),
            )],
        )
    }
}
