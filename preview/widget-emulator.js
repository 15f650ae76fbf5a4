/* CallPage widget EMULATOR for the browser proof and the app's preview (not the real widget).
 *
 * The page loads it from the widget's real URL (https://cdn-widget.callpage.io/build/js/callpage.js,
 * as the generated snippets carry it), which the browser answers with this file. It reads the
 * catalog (crates/core/data/catalog.json, served as /catalog.json) at run time and follows its
 * consent bridge interface:
 *
 * - window[queue_global] is the official embed's queue: calls made before this script ran are
 *   read with window[queue_global]("__getQueue"); from now on window[queue_global].execute
 *   receives every call directly.
 * - The core (a call-back form) always works, whatever the consent state.
 * - `command` ({feature_id: bool, ...}) switches optional features. A feature that is switched
 *   on writes exactly the storage the catalog lists for it (a pattern name gets a concrete
 *   suffix); a feature switched from on to off removes that storage. A feature that was never
 *   on touches nothing (so a returning visitor's storage survives the "all off" the bridge sends
 *   before the CMP has answered).
 *
 * What it did is visible to the test as window.__callpageEmulator and as data-* attributes on
 * <html>.
 */
(function (w, d) {
  "use strict";
  var catalog = null;
  var pending = [];
  var on = {};
  var calls = [];
  var visit = Math.random().toString(16).slice(2, 10);

  function log(kind, args) {
    calls.push({ kind: kind, args: JSON.parse(JSON.stringify(args || null)) });
  }

  function storageName(item) {
    return item.is_pattern ? item.name + visit : item.name;
  }

  function feature(id) {
    for (var i = 0; i < catalog.features.length; i++) {
      if (catalog.features[i].id === id) { return catalog.features[i]; }
    }
    return null;
  }

  function value(f, item) {
    if (f.id === "trace_route" && item.storage_type === "session_storage") {
      var list = [];
      try { list = JSON.parse(w.sessionStorage.getItem(item.name) || "[]"); } catch (e) { list = []; }
      if (list[list.length - 1] !== w.location.pathname) { list.push(w.location.pathname); }
      return JSON.stringify(list);
    }
    if (f.id === "scoring_rules" && item.name.indexOf("count") >= 0) {
      var m = d.cookie.match(new RegExp("(?:^|; )" + item.name + "=(\\d+)"));
      return String((m ? parseInt(m[1], 10) : 0) + 1);
    }
    if (f.id === "data_memorization") {
      return JSON.stringify({ phone: form.phone || "" });
    }
    return visit;
  }

  function existingCookie(prefix) {
    var parts = d.cookie ? d.cookie.split("; ") : [];
    for (var i = 0; i < parts.length; i++) {
      var name = parts[i].split("=")[0];
      if (name.indexOf(prefix) === 0) { return name; }
    }
    return null;
  }

  function write(f) {
    for (var i = 0; i < f.storage.length; i++) {
      var item = f.storage[i];
      if (f.id === "data_memorization" && !form.submitted) { continue; }
      var name = storageName(item);
      if (item.storage_type === "http_cookie") {
        if (item.is_pattern) { name = existingCookie(item.name) || name; }
        var age = item.duration_seconds > 0 ? "; max-age=" + item.duration_seconds : "";
        d.cookie = name + "=" + encodeURIComponent(value(f, item)) + age + "; path=/; SameSite=Lax";
      } else if (item.storage_type === "local_storage") {
        w.localStorage.setItem(name, value(f, item));
      } else if (item.storage_type === "session_storage") {
        w.sessionStorage.setItem(name, value(f, item));
      }
    }
  }

  function remove(f) {
    for (var i = 0; i < f.storage.length; i++) {
      var item = f.storage[i];
      if (item.storage_type === "http_cookie") {
        var parts = d.cookie ? d.cookie.split("; ") : [];
        for (var j = 0; j < parts.length; j++) {
          var name = parts[j].split("=")[0];
          if (item.is_pattern ? name.indexOf(item.name) === 0 : name === item.name) {
            d.cookie = name + "=; max-age=0; path=/";
          }
        }
      } else {
        var store = item.storage_type === "local_storage" ? w.localStorage : w.sessionStorage;
        var doomed = [];
        for (var k = 0; k < store.length; k++) {
          var key = store.key(k);
          if (item.is_pattern ? key.indexOf(item.name) === 0 : key === item.name) { doomed.push(key); }
        }
        for (var n = 0; n < doomed.length; n++) { store.removeItem(doomed[n]); }
      }
    }
  }

  function render() {
    var root = d.documentElement;
    for (var i = 0; i < catalog.features.length; i++) {
      var id = catalog.features[i].id;
      root.setAttribute("data-callpage-" + id.replace(/_/g, "-"), on[id] ? "on" : "off");
    }
  }

  function setConsent(states) {
    if (!states || typeof states !== "object") { return; }
    for (var i = 0; i < catalog.features.length; i++) {
      var f = catalog.features[i];
      if (!Object.prototype.hasOwnProperty.call(states, f.id)) { continue; }
      var next = states[f.id] === true;
      if (next && !on[f.id]) { on[f.id] = true; write(f); }
      else if (!next && on[f.id]) { on[f.id] = false; remove(f); }
    }
    render();
  }

  function execute(command, arg) {
    log("call", Array.prototype.slice.call(arguments));
    if (!catalog) { pending.push(arguments); return; }
    if (command === catalog.consent_bridge.command) { setConsent(arg); }
  }

  /* The core: a call-back form that needs no consent. */
  var form = { phone: "", submitted: false };
  function core() {
    var box = d.createElement("div");
    box.id = "callpage-widget";
    box.innerHTML = '<button type="button" id="callpage-open">Call me back</button>' +
      '<form id="callpage-form" hidden><input id="callpage-phone" type="tel" autocomplete="off">' +
      '<button type="submit" id="callpage-call">Call me</button></form>' +
      '<p id="callpage-status" role="status"></p>';
    (d.body || d.documentElement).appendChild(box);
    d.getElementById("callpage-open").addEventListener("click", function () {
      d.getElementById("callpage-form").hidden = false;
    });
    d.getElementById("callpage-form").addEventListener("submit", function (e) {
      e.preventDefault();
      form.phone = d.getElementById("callpage-phone").value;
      form.submitted = true;
      d.getElementById("callpage-status").textContent = "We are calling " + form.phone + " now.";
      if (on.data_memorization) { write(feature("data_memorization")); }
    });
    d.documentElement.setAttribute("data-callpage-core", "ready");
  }

  function start(text) {
    catalog = JSON.parse(text);
    var Q = catalog.consent_bridge.queue_global;
    var queue = w[Q];
    if (typeof queue !== "function") {
      queue = w[Q] = function () { return queue.execute.apply(this, arguments); };
    }
    var earlier = [];
    /* A method call on window, as the official embed's queue expects (it keeps calls on `this`). */
    try { earlier = w[Q]("__getQueue") || []; } catch (e) { earlier = []; }
    queue.execute = execute;
    for (var i = 0; i < earlier.length; i++) { execute.apply(null, earlier[i].arguments); }
    for (var j = 0; j < pending.length; j++) { execute.apply(null, pending[j]); }
    pending = [];
    render();
    if (d.body) { core(); } else { d.addEventListener("DOMContentLoaded", core); }
    /* A feature that is on records every page view (Trace Route's path). */
    if (on.trace_route) { write(feature("trace_route")); }
  }

  w.__callpageEmulator = {
    features: function () { var out = {}; for (var k in on) { out[k] = on[k]; } return out; },
    calls: function () { return calls.slice(); },
    ready: function () { return catalog !== null; }
  };

  var xhr = new XMLHttpRequest();
  xhr.open("GET", "/catalog.json");
  xhr.onload = function () { start(xhr.responseText); };
  xhr.send();
})(window, document);
