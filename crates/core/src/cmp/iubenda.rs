//! iubenda (cmp-facts.md §2.9): held-back `type="text/plain" class="_iub_cs_activate-inline"
//! data-iub-purposes="<id>"` scripts (per-purpose consent), the
//! `_iub.csConfiguration.callback` hooks and `_iub.cs.api.getPreferences()`.

use super::{bridge::grant_call_attrs, fill, CmpAdapter, Context, Target};
use crate::config::{Category, CmpId};

pub(super) struct Iubenda;

fn purpose(c: Category) -> (&'static str, &'static str) {
    match c {
        Category::Necessary => ("1", "Strictly necessary"),
        Category::Functional => ("3", "Experience enhancement"),
        Category::Analytics => ("4", "Measurement"),
        Category::Marketing => ("5", "Targeting & Advertising"),
    }
}

impl CmpAdapter for Iubenda {
    fn id(&self) -> CmpId {
        CmpId::Iubenda
    }
    fn mechanism(&self) -> &'static str {
        "_iub_cs_activate-inline held-back script + csConfiguration callbacks"
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
        let mut steps = vec![
            "Paste this into the <head> of every page after the script that sets _iub.csConfiguration and before the iubenda Cookie Solution script (cs.js), replacing the old CallPage widget code.".to_string(),
            "In your iubenda Cookie Solution configuration, turn on per-purpose consent (perPurposeConsent: true).".to_string(),
        ];
        for c in ctx.categories() {
            let (id, name) = purpose(c);
            steps.push(format!(
                "{} when the visitor consents to purpose {id} ({name}).",
                ctx.switch_on(c)
            ));
        }
        steps
    }
    fn connector(&self, ctx: &Context) -> String {
        let template = r#"var C = __C__;
function apply(preference) {
  if (!preference) { return; }
  var purposes = preference.purposes;
  if (purposes && typeof purposes === "object") {
    B.set(states(C, function (id) { return purposes[id] === true; }));
  } else if (typeof preference.consent === "boolean") {
    B.set(states(C, function () { return preference.consent; }));
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
    try { handler.apply(this, arguments); } catch (e) { /* keep the site's own callback running */ }
    if (typeof previous === "function") { return previous.apply(this, arguments); }
  };
}
hook("onPreferenceExpressedOrNotNeeded", function (preference) { if (preference) { apply(preference); } else { read(); } });
hook("onPreferenceExpressed", function (preference) { apply(preference); });
hook("onConsentRead", function () { read(); });
when(function () { var cs = w._iub && w._iub.cs; return cs && cs.api && typeof cs.api.getPreferences === "function"; }, read);"#;
        fill!(template, [("__C__", &ctx.category_map(|c| purpose(c).0))])
    }
}
