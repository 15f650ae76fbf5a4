//! tarteaucitron.js (cmp-facts.md §2.18, read in tarteaucitronjs 1.34.0): the widget's optional
//! features are a custom service (`tarteaucitron.services.<key>` with `js()` / `fallback()`),
//! pushed to `tarteaucitron.job`; the document events `<key>_allowed` / `<key>_disallowed`
//! follow changes. tarteaucitron purges the service's `cookies` itself on refusal too.

use super::{AutoBlocking, CmpAdapter, CmpFacts, Context, fill, Placement, Target};
use crate::catalog::StorageType;
use crate::i18n::pick;
use crate::config::{Category, CmpId};

pub(super) struct Tarteaucitron;

/// Loads asynchronously: no: a library that ships with the site and reads the stored choice from the page's own code.
const FACTS: CmpFacts = CmpFacts {
    id: CmpId::Tarteaucitron,
    name: "tarteaucitron.js",
    docs: &["https://github.com/AmauriC/tarteaucitron.js", "https://tarteaucitron.io/en/install/"],
    mechanism: "custom tarteaucitron service (js/fallback) + <key>_allowed/_disallowed events",
    loads_asynchronously: false,
    placement: Placement::AfterCmp,
    auto_blocking: AutoBlocking::NONE,
};

const DEFAULT_SERVICE: &str = "callpage";

fn service_type(c: Category) -> (&'static str, &'static str) {
    match c {
        Category::Necessary => ("other", "Others"),
        Category::Functional => ("support", "Support"),
        Category::Analytics => ("analytic", "Audience measurement"),
        Category::Marketing => ("ads", "Advertising network"),
    }
}

impl CmpAdapter for Tarteaucitron {
    fn facts(&self) -> &'static CmpFacts {
        &FACTS
    }
    fn target(&self, ctx: &Context, c: Category) -> Target {
        let (id, name) = service_type(c);
        Target::new(
            ctx.service_key(DEFAULT_SERVICE, c),
            format!("service of type {id} ({name})"),
        )
    }
    fn steps(&self, ctx: &Context) -> Vec<String> {
        let lang = ctx.lang;
        let mut steps = vec![pick(
            lang,
            "Paste this into the <head> of every page, after tarteaucitron.js and tarteaucitron.init({...}), replacing the old CallPage widget code. It registers the widget's service itself: nothing to add to your tarteaucitron configuration.",
            "Wklej ten kod do sekcji <head> każdej strony, za tarteaucitron.js i tarteaucitron.init({...}), w miejsce dotychczasowego kodu widżetu CallPage. Kod sam rejestruje usługę widżetu: w konfiguracji tarteaucitron nie trzeba niczego dodawać.",
        )
        .to_string()];
        for c in ctx.categories() {
            let (id, _) = service_type(c);
            let on = ctx.switch_on(c);
            let key = ctx.service_key(DEFAULT_SERVICE, c);
            steps.push(pick(
                lang,
                format!("{on} when the visitor allows the service \"{key}\" (type {id})."),
                format!("{on}, gdy odwiedzający zezwoli na usługę „{key}” (typ {id})."),
            ));
        }
        steps
    }
    fn connector(&self, ctx: &Context) -> String {
        let services: Vec<serde_json::Value> = ctx
            .categories()
            .into_iter()
            .map(|c| {
                let cookies: Vec<&str> = ctx
                    .enabled()
                    .iter()
                    .filter(|(_, category)| *category == c)
                    .flat_map(|(f, _)| ctx.catalog.feature(*f).storage.iter())
                    .filter(|i| i.storage_type == StorageType::HttpCookie)
                    .map(|i| i.name.as_str())
                    .collect();
                serde_json::json!({
                    "category": c.id(),
                    "key": ctx.service_key(DEFAULT_SERVICE, c),
                    "type": service_type(c).0,
                    "name": ctx.service_title("CallPage", c),
                    "cookies": cookies,
                })
            })
            .collect();
        let template = r#"var SERVICES = __SERVICES__;
function set(category, value) { var s = {}; s[category] = value; B.set(s); }
when(function () { return w.tarteaucitron && w.tarteaucitron.services; }, function () {
  var t = w.tarteaucitron;
  for (var i = 0; i < SERVICES.length; i++) {
    (function (svc) {
      if (!has(t.services, svc.key)) {
        t.services[svc.key] = {
          key: svc.key,
          type: svc.type,
          name: svc.name,
          uri: "https://callpage.io/privacy-policy",
          needConsent: true,
          cookies: svc.cookies,
          readmoreLink: "",
          js: function () { set(svc.category, true); },
          fallback: function () { set(svc.category, false); }
        };
      }
      on(d, [svc.key + "_allowed"], function () { set(svc.category, true); });
      on(d, [svc.key + "_disallowed"], function () { set(svc.category, false); });
      (t.job = t.job || []).push(svc.key);
    })(SERVICES[i]);
  }
});"#;
        fill!(
            template,
            [("__SERVICES__", &super::escape::js_value(&services))],
        )
    }
}
