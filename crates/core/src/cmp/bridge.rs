//! The consent bridge: the one piece of JavaScript every snippet shares.
//!
//! It keeps the set of internal categories the CMP has granted, derives from it which enabled
//! feature may run, and tells the widget through the interface the catalog documents
//! (`consent_bridge`): `window[queue_global](command, {feature: bool, ...})` and a window
//! `CustomEvent` named `event` with the same object as `detail`. When a feature is off and the CMP
//! has answered for its category, it removes the storage the catalog lists for that feature.
//!
//! Adapters talk to it through `B` (also `window.callpageConsentBridge`, for held-back scripts):
//! - `B.set({category: bool, ...}, answered)`: the CMP's current answer for these categories
//!   (`answered` defaults to true; false means "not a decision yet", so no storage is removed);
//! - `B.grant(category)`: a held-back script the CMP released for this category;
//! - `B.state()`: the feature map last sent.
//!
//! and through helpers in scope: `states(C, test)` builds `{category: test(C[category], category)}`
//! over the adapter's category map `C`; `when(ready, run)` runs `run` once, as soon as `ready()`
//! is true (checked now, then every 250 ms for up to 30 s), and stops polling even when `run`
//! throws; `on(target, names, fn)` adds listeners.

use std::collections::BTreeMap;

use serde::Serialize;

use super::escape::{js_str, js_value};
use super::{fill, Context, SnippetOut};
use crate::catalog::StorageType;
use crate::config::Feature;

/// The global through which held-back `<script>` elements reach the bridge.
pub const BRIDGE_GLOBAL: &str = "callpageConsentBridge";

/// The official embed's queue function (see `embed.rs`), shared so that whichever of the embed
/// and the bridge runs first installs the same one. `Q` must be in scope. A macro, so that it is
/// part of both templates' literal text (`concat!`).
macro_rules! queue_fn {
    () => {
        r#"function (method) {
      if (method === "__getQueue") { return this.methods; }
      if (method) {
        if (typeof w[Q].execute === "function") { return w[Q].execute.apply(this, arguments); }
        (this.methods = this.methods || []).push({ arguments: arguments });
      }
    }"#
    };
}
pub(super) use queue_fn;

/// One feature's entry in the bridge's `F` map (fields in the order `serde_json` sorts them).
#[derive(Serialize)]
struct FeatureEntry<'a> {
    category: &'static str,
    #[serde(rename = "cookiePrefixes")]
    cookie_prefixes: Vec<&'a str>,
    cookies: Vec<&'a str>,
    #[serde(rename = "localStorage")]
    local_storage: Vec<&'a str>,
    #[serde(rename = "localStoragePrefixes")]
    local_storage_prefixes: Vec<&'a str>,
    #[serde(rename = "sessionStorage")]
    session_storage: Vec<&'a str>,
    #[serde(rename = "sessionStoragePrefixes")]
    session_storage_prefixes: Vec<&'a str>,
}

/// The storage of each enabled feature, from the catalog, as the bridge's `F` map (keys
/// sorted, like a JSON object built with `serde_json`).
fn features_value<'a>(ctx: &Context<'a>) -> BTreeMap<&'static str, FeatureEntry<'a>> {
    let mut map = BTreeMap::new();
    for (feature, category) in ctx.enabled() {
        let entry = ctx.catalog.feature(*feature);
        let mut lists: [(Vec<&str>, Vec<&str>); 3] = Default::default();
        for item in &entry.storage {
            let slot = match item.storage_type {
                StorageType::HttpCookie => 0,
                StorageType::LocalStorage => 1,
                StorageType::SessionStorage => 2,
            };
            if item.is_pattern {
                lists[slot].1.push(&item.name);
            } else {
                lists[slot].0.push(&item.name);
            }
        }
        let [cookies, local, session] = lists;
        map.insert(
            feature.id(),
            FeatureEntry {
                category: category.id(),
                cookie_prefixes: cookies.1,
                cookies: cookies.0,
                local_storage: local.0,
                local_storage_prefixes: local.1,
                session_storage: session.0,
                session_storage_prefixes: session.1,
            },
        );
    }
    map
}

/// Append the bridge script body to `out`, with the adapter's connector (JS statements) inside its scope.
pub(super) fn script(out: &mut SnippetOut, ctx: &Context, cmp_name: &str, connector: &str) {
    let bridge = &ctx.catalog.consent_bridge;
    let all: Vec<&str> = Feature::ALL.iter().map(|f| f.id()).collect();
    let template = concat!(
        r#"/* CallPage consent bridge: switches the widget's optional features on and off from __CMP_NAME__. */
(function (w, d) {
  "use strict";
  var Q = __Q__, CMD = __CMD__, EV = __EV__;
  var F = __F__;
  var ALL = __ALL__;
  if (w[__BG__]) { return; }
  var granted = {}, last = null;
  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  function widget() {
    if (typeof w[Q] !== "function") {
      w[Q] = "#,
        queue_fn!(),
        r#";
    }
    return w[Q];
  }
  function detail() {
    var out = {};
    for (var i = 0; i < ALL.length; i++) {
      var f = F[ALL[i]];
      out[ALL[i]] = !!(f && granted[f.category] === true);
    }
    return out;
  }
  function cookieNames() {
    var out = [], parts = d.cookie ? d.cookie.split(";") : [];
    for (var i = 0; i < parts.length; i++) {
      var name = parts[i].split("=")[0].replace(/^\s+|\s+$/g, "");
      if (name) { out.push(name); }
    }
    return out;
  }
  function matches(name, exact, prefixes) {
    for (var i = 0; i < exact.length; i++) { if (name === exact[i]) { return true; } }
    for (var j = 0; j < prefixes.length; j++) { if (name.indexOf(prefixes[j]) === 0) { return true; } }
    return false;
  }
  function expire(name) {
    var host = w.location.hostname.split("."), domains = [""], paths = ["/"];
    for (var i = 0; i < host.length - 1; i++) { domains.push(host.slice(i).join(".")); }
    var segs = w.location.pathname.split("/"), acc = "";
    for (var j = 1; j < segs.length; j++) { if (segs[j]) { acc += "/" + segs[j]; paths.push(acc); } }
    for (var a = 0; a < domains.length; a++) {
      for (var b = 0; b < paths.length; b++) {
        d.cookie = name + "=; expires=Thu, 01 Jan 1970 00:00:00 GMT; max-age=0; path=" + paths[b] +
          (domains[a] ? "; domain=" + domains[a] : "");
      }
    }
  }
  function clearStore(kind, exact, prefixes) {
    try {
      var s = w[kind], doomed = [];
      if (!s) { return; }
      for (var i = 0; i < s.length; i++) {
        var k = s.key(i);
        if (k !== null && matches(k, exact, prefixes)) { doomed.push(k); }
      }
      for (var j = 0; j < doomed.length; j++) { s.removeItem(doomed[j]); }
    } catch (e) { /* storage blocked by the browser: nothing to remove */ }
  }
  function removeStorage(f) {
    var names = cookieNames();
    for (var i = 0; i < names.length; i++) {
      if (matches(names[i], f.cookies, f.cookiePrefixes)) { expire(names[i]); }
    }
    clearStore("localStorage", f.localStorage, f.localStoragePrefixes);
    clearStore("sessionStorage", f.sessionStorage, f.sessionStoragePrefixes);
  }
  function publish(answered) {
    var next = detail(), key = JSON.stringify(next);
    if (key !== last) {
      last = key;
      try { widget(); w[Q](CMD, JSON.parse(key)); } catch (e) { /* the widget reports its own errors */ }
      try { w.dispatchEvent(new CustomEvent(EV, { detail: JSON.parse(key) })); } catch (e) { /* very old browser */ }
    }
    if (answered) {
      /* Only for categories the CMP has answered: a per-service CMP answers one at a time. */
      for (var id in F) { if (has(F, id) && !next[id] && has(granted, F[id].category)) { removeStorage(F[id]); } }
    }
  }
  var B = {
    set: function (states, answered) {
      for (var c in states) { if (has(states, c)) { granted[c] = states[c] === true; } }
      publish(answered !== false);
    },
    grant: function (category) { granted[category] = true; publish(false); },
    state: function () { return detail(); }
  };
  w[__BG__] = B;
  function states(C, test) {
    var out = {};
    for (var c in C) { if (has(C, c)) { out[c] = !!test(C[c], c); } }
    return out;
  }
  function when(ready, run) {
    var tries = 0, done = false, timer = null;
    function attempt() {
      var ok = false;
      try { ok = !!ready(); } catch (e) { ok = false; }
      if (!ok) { return false; }
      /* Once ready, run exactly once: a CMP call that throws must neither reach the page nor
         run (and register its listeners) again. */
      done = true;
      if (timer !== null) { w.clearInterval(timer); }
      try { run(); } catch (e) { /* the CMP's events still update the features */ }
      return true;
    }
    if (attempt()) { return; }
    timer = w.setInterval(function () {
      tries += 1;
      if (!done && !attempt() && tries >= 120) { w.clearInterval(timer); }
    }, 250);
  }
  function on(target, names, fn) {
    for (var i = 0; i < names.length; i++) { target.addEventListener(names[i], fn); }
  }
  publish(false);
  /* __CMP_NAME__: read consent and follow its changes. */
  try {
    (function () {
__CONNECTOR__
    })();
  } catch (e) { /* a CMP that breaks must not break the page; features stay off */ }
})(window, document);"#,
    );
    fill!(
        into out,
        template,
        [
            ("__CMP_NAME__", &super::escape::comment_text(cmp_name)),
            ("__Q__", &js_str(&bridge.queue_global)),
            ("__CMD__", &js_str(&bridge.command)),
            ("__EV__", &js_str(&bridge.event)),
            ("__F__", &js_value(&features_value(ctx))),
            ("__ALL__", &js_value(&all)),
            ("__BG__", &js_str(BRIDGE_GLOBAL)),
            ("__CONNECTOR__", &indent(connector, 6)),
        ],
    )
}

/// The body of a held-back script the CMP releases on consent for `category_id`.
pub(super) fn grant_call(category_id: &str) -> String {
    format!(
        "window.{BRIDGE_GLOBAL} && window.{BRIDGE_GLOBAL}.grant({});",
        js_str(category_id)
    )
}

fn indent(text: &str, spaces: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8 + spaces);
    for (index, line) in text.lines().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        if !line.is_empty() {
            for _ in 0..spaces {
                out.push(' ');
            }
            out.push_str(line);
        }
    }
    out
}

/// The attributes of a held-back script: `type="text/plain"` (unless the CMP names its own
/// type) followed by the CMP's own attributes.
pub(super) fn grant_call_attrs(extra: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    let mut attributes = Vec::with_capacity(extra.len() + 1);
    if !extra.iter().any(|(name, _)| *name == "type") {
        attributes.push(("type", "text/plain".to_string()));
    }
    attributes.extend(extra.iter().map(|(name, value)| (*name, value.to_string())));
    attributes
}
