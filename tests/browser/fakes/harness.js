/* Shared harness of the documented-API FAKES of proprietary CMPs (test doubles, not vendor
 * code). Each fake-<cmp>.js implements only what that CMP's public documentation says (its
 * globals, events and the script-unblocking of its attribute; see
 * ../../../../shared/docs/cmp-facts.md) on these helpers:
 * - load/save: the CMP's own consent cookie (JSON);
 * - fire: a (Custom)Event, as the CMP documents it;
 * - ready: run after the document is parsed, asynchronously, as a CMP script finishes loading;
 * - unblock: the CMP's script-unblocking: each held-back <script> that `selector` finds and
 *   `allowed` accepts is re-inserted as a runnable script (once);
 * - visitor: what the test's "visitor" clicks in the banner (reject / mapped / all / withdraw);
 * - choiceMap: {id: bool} for a choice over a list of the CMP's ids.
 */
(function (w, d) {
  'use strict';
  if (w.__fakeCmpHarness) { return; }
  var esc = function (s) { return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); };
  w.__fakeCmpHarness = {
    load: function (name) {
      var m = d.cookie.match(new RegExp('(?:^|; )' + esc(name) + '=([^;]*)'));
      if (!m) { return null; }
      try { return JSON.parse(decodeURIComponent(m[1])); } catch (e) { return null; }
    },
    save: function (name, value) {
      d.cookie = name + '=' + encodeURIComponent(JSON.stringify(value)) + '; max-age=31536000; path=/; SameSite=Lax';
    },
    fire: function (target, name, detail) {
      target.dispatchEvent(new CustomEvent(name, { detail: detail }));
    },
    ready: function (fn) {
      var run = function () { setTimeout(fn, 0); };
      if (d.readyState === 'loading') { d.addEventListener('DOMContentLoaded', run); } else { run(); }
    },
    unblock: function (selector, allowed) {
      var list = d.querySelectorAll(selector);
      for (var i = 0; i < list.length; i++) {
        var el = list[i];
        if (el.getAttribute('data-fake-released') || !allowed(el)) { continue; }
        var s = d.createElement('script');
        for (var j = 0; j < el.attributes.length; j++) {
          var a = el.attributes[j];
          if (a.name !== 'type') { s.setAttribute(a.name, a.value); }
        }
        s.setAttribute('data-fake-released', '1');
        el.setAttribute('data-fake-released', '1');
        s.text = el.text;
        el.parentNode.insertBefore(s, el.nextSibling);
      }
    },
    visitor: function (choose) { w.__visitor = { choose: choose }; },
    choiceMap: function (ids, choice, mapped) {
      var out = {};
      var m = (mapped || []).map(String);
      for (var i = 0; i < ids.length; i++) {
        out[ids[i]] = choice === 'all' || (choice === 'mapped' && m.indexOf(String(ids[i])) >= 0);
      }
      return out;
    }
  };
})(window, document);
