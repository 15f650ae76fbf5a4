//! Klaro (cmp-facts.md §2.10, read in kiprotect/klaro 0.7.22): consent is per service. The
//! snippet adds the widget's service (with a `callback` Klaro calls on every apply) to
//! `window.klaroConfig.services` when that config is already defined, holds back
//! `type="text/plain" data-type="text/javascript" data-name="<service>"` scripts, and watches
//! `klaro.getManager()` (`saveConsents` / `applyConsents`). Klaro's effective consent is
//! `getConsent(name) && confirmed`.

use super::{AutoBlocking, bridge::grant_call_attrs, CmpAdapter, CmpFacts, Context, fill, Placement, Target};
use crate::catalog::StorageType;
use crate::i18n::pick;
use crate::config::{Category, CmpId};

pub(super) struct Klaro;

/// Loads asynchronously: no: a library that ships with the site and reads the stored choice from the page's own code.
const FACTS: CmpFacts = CmpFacts {
    id: CmpId::Klaro,
    name: "Klaro",
    docs: &["https://klaro.org/docs/getting-started", "https://github.com/kiprotect/klaro"],
    mechanism: "service in klaroConfig (callback) + data-name held-back script + manager.watch",
    loads_asynchronously: false,
    placement: Placement::BetweenConfigAndCmp,
    auto_blocking: AutoBlocking::NONE,
};

const DEFAULT_SERVICE: &str = "callpage";

fn purpose(c: Category) -> (&'static str, &'static str) {
    match c {
        Category::Necessary => ("functional", "Functional (required)"),
        Category::Functional => ("functional", "Functional"),
        Category::Analytics => ("analytics", "Analytics"),
        Category::Marketing => ("marketing", "Marketing"),
    }
}

impl CmpAdapter for Klaro {
    fn facts(&self) -> &'static CmpFacts {
        &FACTS
    }
    fn target(&self, ctx: &Context, c: Category) -> Target {
        let (id, _) = purpose(c);
        Target::new(
            ctx.service_key(DEFAULT_SERVICE, c),
            format!("service with purpose {id}"),
        )
    }
    fn blocking(&self, ctx: &Context, c: Category) -> Option<Vec<(&'static str, String)>> {
        Some(grant_call_attrs(&[
            ("data-type", "text/javascript"),
            ("data-name", &ctx.service_key(DEFAULT_SERVICE, c)),
        ]))
    }
    fn steps(&self, ctx: &Context) -> Vec<String> {
        let lang = ctx.lang;
        let mut steps = vec![pick(
            lang,
            "Paste this into the <head> of every page after the script that defines window.klaroConfig and before klaro.js, replacing the old CallPage widget code. The code adds the widget's service to klaroConfig.services itself.",
            "Wklej ten kod do sekcji <head> każdej strony za skryptem definiującym window.klaroConfig, a przed klaro.js, w miejsce dotychczasowego kodu widżetu CallPage. Kod sam dodaje usługę widżetu do klaroConfig.services.",
        )
        .to_string()];
        for c in ctx.categories() {
            let (id, _) = purpose(c);
            let on = ctx.switch_on(c);
            let key = ctx.service_key(DEFAULT_SERVICE, c);
            steps.push(pick(
                lang,
                format!("{on} when the visitor accepts the service \"{key}\" (purpose {id}). If you define services elsewhere (Klaro hosted), add a service with that name and purpose {id}."),
                format!("{on}, gdy odwiedzający zaakceptuje usługę „{key}” (cel {id}). Jeśli definiujesz usługi gdzie indziej (Klaro w wersji hostowanej), dodaj usługę o tej nazwie i celu {id}."),
            ));
        }
        steps
    }
    fn connector(&self, ctx: &Context) -> String {
        let services: Vec<serde_json::Value> = ctx
            .categories()
            .into_iter()
            .map(|c| {
                let mut cookies = Vec::new();
                let mut prefixes = Vec::new();
                for (feature, category) in ctx.enabled() {
                    if *category != c {
                        continue;
                    }
                    for item in &ctx.catalog.feature(*feature).storage {
                        if item.storage_type != StorageType::HttpCookie {
                            continue;
                        }
                        if item.is_pattern {
                            prefixes.push(item.name.clone());
                        } else {
                            cookies.push(item.name.clone());
                        }
                    }
                }
                serde_json::json!({
                    "category": c.id(),
                    "name": ctx.service_key(DEFAULT_SERVICE, c),
                    "title": ctx.service_title("CallPage", c),
                    "purposes": [purpose(c).0],
                    "cookies": cookies,
                    "cookiePrefixes": prefixes,
                })
            })
            .collect();
        let template = r#"var C = __C__;
var SERVICES = __SERVICES__;
function escapeRe(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }
var config = w.klaroConfig;
if (config && typeof config === "object") {
  config.services = config.services || [];
  for (var i = 0; i < SERVICES.length; i++) {
    (function (svc) {
      for (var j = 0; j < config.services.length; j++) { if (config.services[j] && config.services[j].name === svc.name) { return; } }
      var cookies = svc.cookies.slice();
      for (var k = 0; k < svc.cookiePrefixes.length; k++) { cookies.push(new RegExp("^" + escapeRe(svc.cookiePrefixes[k]))); }
      config.services.push({
        name: svc.name,
        title: svc.title,
        purposes: svc.purposes,
        cookies: cookies,
        required: false,
        "default": false,
        callback: function (consent) {
          var s = {};
          s[svc.category] = consent === true;
          B.set(s);
        }
      });
    })(SERVICES[i]);
  }
}
function read(manager) {
  if (!manager || typeof manager.getConsent !== "function") { return; }
  B.set(states(C, function (name) { return manager.getConsent(name) === true && manager.confirmed === true; }));
}
when(function () { return w.klaro && typeof w.klaro.getManager === "function"; }, function () {
  var manager = null;
  try { manager = w.klaro.getManager(); } catch (e) { return; }
  if (!manager) { return; }
  manager.watch({ update: function (m, type) { if (type === "saveConsents" || type === "applyConsents") { read(m); } } });
  read(manager);
});"#;
        fill!(
            template,
            [
                (
                    "__C__",
                    &ctx.category_map(|c| ctx.service_key(DEFAULT_SERVICE, c)),
                ),
                ("__SERVICES__", &super::escape::js_value(&services)),
            ],
        )
    }
}
