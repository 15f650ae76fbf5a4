//! Cookiebot (cmp-facts.md §2.3): held-back `type="text/plain" data-cookieconsent="<category>"`
//! scripts, `Cookiebot.consent.<category>` and the `CookiebotOn*` window events.

use super::{bridge::grant_call_attrs, fill, CmpAdapter, Context, Target};
use crate::config::{Category, CmpId};

pub(super) struct Cookiebot;

fn category(c: Category) -> (&'static str, &'static str) {
    match c {
        Category::Necessary => ("necessary", "Necessary"),
        Category::Functional => ("preferences", "Preferences"),
        Category::Analytics => ("statistics", "Statistics"),
        Category::Marketing => ("marketing", "Marketing"),
    }
}

impl CmpAdapter for Cookiebot {
    fn id(&self) -> CmpId {
        CmpId::Cookiebot
    }
    fn mechanism(&self) -> &'static str {
        "data-cookieconsent held-back script + Cookiebot.consent and events"
    }
    fn target(&self, _ctx: &Context, c: Category) -> Target {
        let (id, name) = category(c);
        Target::new(id, name)
    }
    fn blocking(&self, _ctx: &Context, c: Category) -> Option<Vec<(&'static str, String)>> {
        Some(grant_call_attrs(&[("data-cookieconsent", category(c).0)]))
    }
    fn steps(&self, ctx: &Context) -> Vec<String> {
        let mut steps = vec![
            "Paste this into the <head> of every page, after the Cookiebot script (uc.js), replacing the old CallPage widget code.".to_string(),
            "Keep Cookiebot in manual blocking mode for this code, or, with auto-blocking, leave the first two scripts untouched (they set no optional cookie).".to_string(),
        ];
        for c in ctx.categories() {
            let (id, name) = category(c);
            steps.push(format!(
                "{} when the visitor accepts the \"{name}\" category ({id}).",
                ctx.switch_on(c)
            ));
        }
        steps.push("In Cookiebot Manager > Cookies, add the widget's cookies (see the cookie declaration export) to the same category so the banner lists them.".to_string());
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
