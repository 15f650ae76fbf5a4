/* The test site's storage recorder, shared by the browser proof (tests/browser/lib/proof.js adds
 * it as an init script) and the app's live consent preview: one file, so that what the proof
 * counts as a write and what the preview shows cannot drift apart.
 *
 * A classic script without imports that must run before any other script of the page (an init
 * script, or the page's first <script>). It wraps the page's storage APIs and reports, in the
 * order they happen:
 *
 *   {kind: 'write', type: 'http_cookie' | 'local_storage' | 'session_storage', name,
 *    op: 'set' | 'remove', size, path, t}
 *       size: UTF-8 bytes of the value written (a cookie's value before its first ';'), 0 for
 *       a removal; a cookie written already expired (Max-Age <= 0, or an Expires date in the
 *       past) is a removal, as the browser deletes it; Storage.clear() is one removal per key
 *       present.
 *   {kind: 'grant', category, path, t}
 *       a held-back script the CMP released called callpageConsentBridge.grant(category).
 *
 * path is location.pathname, t is performance.now() when the page made the call. Each event
 * goes to window.__previewRecord(event) when the host defined that function (a Playwright
 * binding, the preview's frame bridge); the recorder never throws into the page and never
 * changes what the page's calls do or return.
 */
(function () {
  'use strict';
  // Installed once per document: an init script and a <script> tag must not record twice.
  if (window.__previewRecorderInstalled) return;
  Object.defineProperty(window, '__previewRecorderInstalled', { value: true });

  // Taken now, before a page script could replace them.
  var now = performance.now.bind(performance);
  var dateNow = Date.now;
  var dateParse = Date.parse;
  var encoder = new TextEncoder();

  function bytes(value) {
    try { return encoder.encode(String(value)).length; } catch (e) { return 0; }
  }

  // make() builds the event inside the try: even converting a page's argument to a string may
  // throw (a Symbol), and that must not reach the page from here.
  function record(make) {
    try {
      var event = make();
      event.path = location.pathname;
      event.t = now();
      var sink = window.__previewRecord;
      if (typeof sink !== 'function') return;
      var result = sink(event);
      // A binding answers with a promise; its failure is the host's, not the page's.
      if (result && typeof result.then === 'function') result.then(null, function () {});
    } catch (e) { /* never into the page */ }
  }

  function write(type, name, op, value) {
    record(function () {
      return { kind: 'write', type: type, name: String(name), op: op, size: op === 'remove' ? 0 : bytes(value) };
    });
  }

  // "name=value; Max-Age=0; Path=/": expired when Max-Age <= 0 or, without Max-Age (which wins
  // over Expires), when Expires is in the past.
  function expired(text) {
    var maxAge = /;\s*max-age\s*=\s*(-?\d+)/i.exec(text);
    if (maxAge) return Number(maxAge[1]) <= 0;
    var expires = /;\s*expires\s*=\s*([^;]*)/i.exec(text);
    if (!expires) return false;
    var when = dateParse(expires[1]);
    return !isNaN(when) && when <= dateNow();
  }

  var cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  Object.defineProperty(Document.prototype, 'cookie', {
    configurable: true,
    enumerable: cookie.enumerable,
    get: function () { return cookie.get.call(this); },
    set: function (v) {
      try {
        var text = String(v);
        var pair = text.split(';')[0];
        var eq = pair.indexOf('=');
        write('http_cookie', text.split('=')[0].trim(), expired(text) ? 'remove' : 'set', eq < 0 ? '' : pair.slice(eq + 1));
      } catch (e) { /* never into the page */ }
      return cookie.set.call(this, v);
    },
  });

  function storageType(store) {
    try { return store === window.localStorage ? 'local_storage' : 'session_storage'; } catch (e) { return 'session_storage'; }
  }
  var setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (k, v) {
    write(storageType(this), k, 'set', v);
    return setItem.apply(this, arguments);
  };
  var removeItem = Storage.prototype.removeItem;
  Storage.prototype.removeItem = function (k) {
    write(storageType(this), k, 'remove');
    return removeItem.apply(this, arguments);
  };
  var clear = Storage.prototype.clear;
  Storage.prototype.clear = function () {
    try {
      var type = storageType(this);
      var keys = [];
      for (var i = 0; i < this.length; i++) keys.push(this.key(i));
      for (var j = 0; j < keys.length; j++) write(type, keys[j], 'remove');
    } catch (e) { /* never into the page */ }
    return clear.apply(this, arguments);
  };

  // Held-back scripts the CMP released call callpageConsentBridge.grant(category): record them.
  var bridge;
  Object.defineProperty(window, 'callpageConsentBridge', {
    configurable: true,
    get: function () { return bridge; },
    set: function (v) {
      bridge = v;
      if (v && typeof v.grant === 'function') {
        var grant = v.grant;
        v.grant = function (category) {
          record(function () { return { kind: 'grant', category: String(category) }; });
          return grant.apply(this, arguments);
        };
      }
    },
  });
})();
