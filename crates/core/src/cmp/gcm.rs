//! Google Consent Mode v2 (cmp-facts.md §2.1): a `gtag('consent','default',...)` block with the
//! configured consent types, `wait_for_update` and regions, and a bridge that follows the
//! `['consent','update',{...}]` entries pushed to `window.dataLayer` (the latest update wins).

use std::collections::BTreeMap;

use super::{AutoBlocking, CmpAdapter, CmpFacts, Context, fill, Placement, Target};
use crate::config::{Category, CmpId, Language};
use crate::i18n::pick;

pub(super) struct Gcm;

/// Loads asynchronously: yes: Consent Mode has no banner of its own; the update always comes from a banner that loads separately, after the default.
const FACTS: CmpFacts = CmpFacts {
    id: CmpId::Gcm,
    name: "Google Consent Mode v2",
    docs: &["https://developers.google.com/tag-platform/security/guides/consent", "https://developers.google.com/tag-platform/tag-manager/templates/consent-apis"],
    mechanism: "Consent Mode default + dataLayer consent updates",
    loads_asynchronously: true,
    placement: Placement::BeforeGoogleTag,
    auto_blocking: AutoBlocking::NONE,
};

impl Gcm {
    fn types(ctx: &Context, category: Category) -> Vec<&'static str> {
        ctx.config
            .consent_mode
            .consent_types
            .get(&category)
            .map(|types| types.iter().map(|t| t.id()).collect())
            .unwrap_or_default()
    }
}

impl CmpAdapter for Gcm {
    fn facts(&self) -> &'static CmpFacts {
        &FACTS
    }

    fn target(&self, ctx: &Context, category: Category) -> Target {
        let types = Gcm::types(ctx, category);
        if types.is_empty() {
            return Target::new("", "no consent type configured (features stay off)");
        }
        Target::new(
            types.join("+"),
            format!("Consent Mode: {} granted", types.join(" and ")),
        )
    }

    fn steps(&self, ctx: &Context) -> Vec<String> {
        let lang = ctx.lang;
        let mut steps: Vec<String> = [
            pick(lang, "Paste this into the <head> of every page, above the Google tag (gtag.js) or Google Tag Manager snippet, replacing the old CallPage widget code.", "Wklej ten kod do sekcji <head> każdej strony, nad tagiem Google (gtag.js) lub kodem Google Tag Managera, w miejsce dotychczasowego kodu widżetu CallPage."),
            pick(lang, "The first script sets the Consent Mode default (everything that needs consent denied). If your CMP or a Consent Mode template already sets a default, delete that first script and keep the rest.", "Pierwszy skrypt ustawia domyślny stan Consent Mode (wszystko, co wymaga zgody, odrzucone). Jeśli Twoja platforma CMP lub szablon Consent Mode już ustawia stan domyślny, usuń ten pierwszy skrypt, a resztę zostaw."),
            pick(lang, "Your CMP must send gtag('consent', 'update', {...}) on every page load once the visitor has chosen (CMPs with Consent Mode support do this when their Consent Mode option is on).", "Twoja platforma CMP musi wysyłać gtag('consent', 'update', {...}) przy każdym wczytaniu strony, gdy odwiedzający już dokonał wyboru (platformy CMP obsługujące Consent Mode robią to, gdy ich opcja Consent Mode jest włączona)."),
            pick(lang, "Not supported: a CMP that sets Consent Mode only through a Google Tag Manager consent template (Tag Manager's setDefaultConsentState / updateConsentState) never calls gtag, so this code cannot see the visitor's choice and the optional features stay off. For such a site, choose the CMP itself as the target (for example Cookiebot or CookieYes): that snippet reads the CMP directly, however the CMP is loaded.", "Nieobsługiwane: platforma CMP, która ustawia Consent Mode wyłącznie przez szablon zgody w Google Tag Managerze (setDefaultConsentState / updateConsentState), nigdy nie wywołuje gtag, więc ten kod nie widzi wyboru odwiedzającego, a funkcje opcjonalne pozostają wyłączone. Dla takiej strony wybierz jako cel samą platformę CMP (na przykład Cookiebot lub CookieYes): jej kod odczytuje zgody bezpośrednio z CMP, niezależnie od tego, jak jest wczytywana."),
        ]
        .map(str::to_string)
        .into();
        for category in ctx.categories() {
            let types = Gcm::types(ctx, category);
            let on = ctx.switch_on(category);
            steps.push(match (lang, types.is_empty()) {
                (Language::En, true) => format!("{on} when (no consent type configured for this category: they stay off) is granted."),
                (Language::En, false) => format!("{on} when {} is granted.", types.join(" and ")),
                (Language::Pl, true) => format!("{on} dopiero po skonfigurowaniu typu zgody dla tej kategorii (teraz nie ma żadnego, więc funkcje pozostają wyłączone)."),
                (Language::Pl, false) => format!("{on} po udzieleniu zgody: {}.", types.join(" i ")),
            });
        }
        if !ctx.config.consent_mode.regions.is_empty() {
            steps.push(pick(lang, "The default applies only to the configured regions; elsewhere the features still wait for a Consent Mode update before they switch on.", "Stan domyślny dotyczy tylko skonfigurowanych regionów; gdzie indziej funkcje i tak czekają na aktualizację Consent Mode, zanim się włączą.").to_string());
        }
        steps
    }

    fn prelude(&self, ctx: &Context) -> Vec<String> {
        let settings = &ctx.config.consent_mode;
        let mut defaults: BTreeMap<&str, &str> = BTreeMap::new();
        for (category, types) in &settings.consent_types {
            for t in types {
                let value = if *category == Category::Necessary {
                    "granted"
                } else {
                    "denied"
                };
                let slot = defaults.entry(t.id()).or_insert(value);
                if value == "denied" {
                    *slot = "denied";
                }
            }
        }
        let mut object = serde_json::Map::new();
        for (k, v) in defaults {
            object.insert(k.to_string(), serde_json::Value::from(v));
        }
        if let Some(ms) = settings.wait_for_update_ms {
            object.insert("wait_for_update".into(), serde_json::Value::from(ms));
        }
        if !settings.regions.is_empty() {
            object.insert(
                "region".into(),
                serde_json::Value::from(settings.regions.clone()),
            );
        }
        let template = r#"/* Google Consent Mode v2 default: storage that needs consent is denied until your CMP sends an update. Runs before the Google tag. */
window.dataLayer = window.dataLayer || [];
function gtag(){dataLayer.push(arguments);}
gtag("consent", "default", __DEFAULT__);"#;
        vec![fill!(
            template,
            [("__DEFAULT__", &super::escape::js_value(&object))],
        )]
    }

    fn connector(&self, ctx: &Context) -> String {
        let template = r#"var C = __C__;
var dl = w.dataLayer = w.dataLayer || [];
var defaults = {}, updates = {}, updated = false, seen = 0;
function take(item) {
  var target = item[1] === "update" ? updates : (item[1] === "default" ? defaults : null);
  if (!target || !item[2] || typeof item[2] !== "object") { return; }
  for (var k in item[2]) {
    if (has(item[2], k) && k !== "region" && k !== "wait_for_update") { target[k] = item[2][k]; }
  }
  if (item[1] === "update") { updated = true; }
}
function value(type) { return has(updates, type) ? updates[type] : defaults[type]; }
function scan() {
  var changed = false;
  for (; seen < dl.length; seen++) {
    var item = dl[seen];
    if (item && item[0] === "consent") { take(item); changed = true; }
  }
  /* Only an update is the CMP's answer; the default alone keeps everything off. */
  if (changed && updated) {
    B.set(states(C, function (types) {
      if (!types.length) { return false; }
      for (var i = 0; i < types.length; i++) { if (value(types[i]) !== "granted") { return false; } }
      return true;
    }));
  }
}
var push = dl.push;
dl.push = function () { var result = push.apply(dl, arguments); scan(); return result; };
scan();
/* Google's tags may replace dataLayer.push; a cheap scan of new entries keeps up anyway. */
w.setInterval(scan, 1000);"#;
        fill!(
            template,
            [("__C__", &ctx.category_map(|c| Gcm::types(ctx, c)))],
        )
    }
}
