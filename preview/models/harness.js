/* Shared harness of the DOCUMENTED MODELS of proprietary CMPs (test doubles, not vendor code).
 *
 * Each models/<cmp>.js does only what that CMP's public documentation (or, where docs are
 * silent, the vendor's own published code) says, and cites the page beside each behaviour.
 * docs/auto-blocking.md and ../shared/docs/cmp-facts.md collect the sources. This file holds the
 * mechanics they share:
 *
 * - site: the site's configuration in the CMP's dashboard (what the real CMP downloads from its
 *   servers: scan results, classification rules, compliance mode), set by the page as
 *   window.__cmpModelSite before the CMP's script, or {} when the page sets none;
 * - load/save: the CMP's own consent cookie (JSON);
 * - fire: a (Custom)Event, as the CMP documents it;
 * - domReady: run once the document is parsed (at once if it already is);
 * - activate: a CMP's activation of its documented manual markup (a held-back <script> that
 *   `selector` finds and `allowed` accepts is re-inserted as a runnable script, once; its URL
 *   from `srcAttribute` where the CMP keeps it elsewhere than src);
 * - blocker: the automatic-blocking engine (see below);
 * - late: how a page loads a CMP late (after every other script of the page ran);
 * - visitor: what the test's "visitor" clicks in the banner (reject / mapped / all / withdraw);
 * - choiceMap: {id: bool} for a choice over a list of the CMP's ids.
 *
 * Loading time is not decided here: each model initialises synchronously when its script runs,
 * so the page decides EARLY (the script before the snippet: a returning visitor's stored consent
 * is announced before the snippet subscribed) or LATE (a stub or queue first where the vendor has
 * one, the script itself only after the page's load event).
 */
(function (w, d) {
  'use strict';
  if (w.__cmpModel) { return; }
  var esc = function (s) { return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); };
  var nativeCreate = d.createElement;
  var nativeInsertBefore = Node.prototype.insertBefore;
  var nativeAppendChild = Node.prototype.appendChild;
  var nativeSetAttribute = Element.prototype.setAttribute;
  var nativeTypeSetter = Object.getOwnPropertyDescriptor(HTMLScriptElement.prototype, 'type').set;

  function hostOf(url) {
    try { return new URL(url, w.location.href).hostname; } catch (e) { return ''; }
  }
  /* A source another site serves (a "third-party" script in the vendors' wording). */
  function thirdParty(url) {
    var h = hostOf(url);
    return !!h && h !== w.location.hostname;
  }
  /* A fresh copy of a held-back element that runs: every attribute but those `drop` names. */
  function runnableCopy(el, src, drop) {
    var s = nativeCreate.call(d, 'script');
    for (var j = 0; j < el.attributes.length; j++) {
      var a = el.attributes[j];
      if (a.name === 'type' || a.name === 'src' || drop.indexOf(a.name) >= 0) { continue; }
      nativeSetAttribute.call(s, a.name, a.value);
    }
    if (src) { nativeSetAttribute.call(s, 'src', src); } else { s.text = el.text; }
    return s;
  }

  /* Automatic blocking, the two mechanisms the vendors' documentation and code describe:
   *  - 'createElement': document.createElement('script') returns an element whose `src` setter
   *    (and setAttribute('src')) decides, synchronously and once, at the moment src is assigned
   *    (OneTrust OtAutoBlock.js, CookieYes "Script blocker Version 2", consentmanager's blocker:
   *    docs/auto-blocking.md §2.2, §2.7, §2.8); attributes set after src are not seen;
   *  - 'insertion': the element is checked when it is about to be inserted into the DOM
   *    (Cookiebot: "comparing elements about to be injected into the DOM with a checklist",
   *    docs/auto-blocking.md §2.1; used where a vendor documents the effect, not the mechanism);
   * both with a MutationObserver for scripts the HTML parser inserts (the type is changed before
   * the parser runs the script).
   * o.decide(el, src) -> null (let it run) or a decision; o.allowed(decision) -> may it run now;
   * o.mark(el, decision, src) neutralises the element the vendor's way; o.inline: also inline
   * scripts are checked (consentmanager); o.drop: attributes a release removes.
   * Returns {release(): re-insert every held element whose decision is now allowed, once;
   * held(): the held elements}. */
  function blocker(o) {
    var held = [];
    var seen = typeof WeakSet === 'function' ? new WeakSet() : null;
    var ours = typeof WeakSet === 'function' ? new WeakSet() : null;
    function checked(el) { return seen.has(el); }
    function consider(el, src) {
      if (ours.has(el) || checked(el)) { return false; }
      seen.add(el);
      var decision = o.decide(el, src);
      if (!decision || o.allowed(decision)) { return false; }
      o.mark(el, decision, src);
      held.push({ el: el, src: src, decision: decision, released: false });
      return true;
    }
    function scriptsIn(node) {
      if (!node || node.nodeType !== 1 && node.nodeType !== 11) { return []; }
      if (node.nodeName === 'SCRIPT') { return [node]; }
      return node.querySelectorAll ? Array.prototype.slice.call(node.querySelectorAll('script')) : [];
    }
    function check(node) {
      var list = scriptsIn(node);
      for (var i = 0; i < list.length; i++) {
        var el = list[i];
        var src = el.getAttribute('src');
        if (src || o.inline) { consider(el, src ? new URL(src, w.location.href).href : null); }
      }
    }
    if (o.mechanism === 'createElement') {
      d.createElement = function (tag) {
        var el = nativeCreate.apply(d, arguments);
        if (String(tag).toLowerCase() !== 'script') { return el; }
        Object.defineProperties(el, {
          src: {
            configurable: true,
            get: function () { return el.getAttribute('src') || ''; },
            set: function (value) {
              var url = new URL(String(value), w.location.href).href;
              consider(el, url);
              nativeSetAttribute.call(el, 'src', String(value));
            }
          },
          type: {
            configurable: true,
            get: function () { return el.getAttribute('type') || ''; },
            set: function (value) {
              /* A held element keeps its neutral type ("the type setter forces text/plain"). */
              for (var i = 0; i < held.length; i++) { if (held[i].el === el) { return; } }
              nativeTypeSetter.call(el, value);
            }
          }
        });
        el.setAttribute = function (name, value) {
          if (name === 'src' || name === 'type') { el[name] = value; return; }
          nativeSetAttribute.call(el, name, value);
        };
        return el;
      };
    } else {
      var wrap = function (proto, name) {
        var original = proto[name];
        proto[name] = function () {
          for (var i = 0; i < arguments.length; i++) { check(arguments[i]); }
          return original.apply(this, arguments);
        };
      };
      wrap(Node.prototype, 'appendChild');
      /* insertBefore(node, ref): only the first argument is inserted. */
      var before = Node.prototype.insertBefore;
      Node.prototype.insertBefore = function (node) { check(node); return before.apply(this, arguments); };
      wrap(Element.prototype, 'append');
      wrap(Element.prototype, 'prepend');
    }
    new MutationObserver(function (records) {
      for (var i = 0; i < records.length; i++) {
        var added = records[i].addedNodes;
        for (var j = 0; j < added.length; j++) { check(added[j]); }
      }
    }).observe(d.documentElement, { childList: true, subtree: true });

    return {
      release: function () {
        for (var i = 0; i < held.length; i++) {
          var h = held[i];
          if (h.released || !o.allowed(h.decision)) { continue; }
          h.released = true;
          var copy = runnableCopy(h.el, h.src, o.drop || []);
          ours.add(copy);
          var parent = h.el.parentNode || d.head;
          nativeInsertBefore.call(parent, copy, h.el.parentNode ? h.el.nextSibling : null);
        }
      },
      held: function () { return held.map(function (h) { return { src: h.src, released: h.released }; }); }
    };
  }

  w.__cmpModel = {
    /* Read when a model starts: the page sets it after this harness, before the CMP. */
    get site() { return w.__cmpModelSite || {}; },
    hostOf: hostOf,
    thirdParty: thirdParty,
    blocker: blocker,
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
    domReady: function (fn) {
      if (d.readyState === 'loading') { d.addEventListener('DOMContentLoaded', fn); } else { fn(); }
    },
    activate: function (selector, allowed, srcAttribute) {
      var list = d.querySelectorAll(selector);
      for (var i = 0; i < list.length; i++) {
        var el = list[i];
        if (el.getAttribute('data-model-activated') || !allowed(el)) { continue; }
        var s = runnableCopy(el, el.getAttribute(srcAttribute || 'src'), srcAttribute ? [srcAttribute] : []);
        s.setAttribute('data-model-activated', '1');
        el.setAttribute('data-model-activated', '1');
        nativeInsertBefore.call(el.parentNode, s, el.nextSibling);
      }
    },
    /* LATE: the CMP's script is inserted after the page's load event (every other script of the
     * page, the widget included, has run), in order, one after the other. */
    late: function (scripts) {
      function next(i) {
        if (i >= scripts.length) { return; }
        var s = nativeCreate.call(d, 'script');
        var attrs = scripts[i];
        for (var k in attrs) { if (Object.prototype.hasOwnProperty.call(attrs, k)) { nativeSetAttribute.call(s, k, attrs[k]); } }
        s.onload = function () { next(i + 1); };
        nativeAppendChild.call(d.head, s);
      }
      var go = function () { setTimeout(function () { next(0); }, 0); };
      if (d.readyState === 'complete') { go(); } else { w.addEventListener('load', go); }
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
