/* The app's consent preview, step 2: the first script of every test-site page in the Preview
 * tab's frame (before preview/recorder.js, the CMP and the snippet). It is the frame's side of
 * the conversation with the app's window, by postMessage only:
 *
 *   from the window  {source: 'callpage-admin', cmd: 'step', state, since}   the current step
 *                    {source: 'callpage-admin', cmd: 'choose', state, since} the visitor chooses
 *                    {source: 'callpage-admin', cmd: 'reload'}                a returning visit
 *   to the window    {source: 'callpage-preview', type: 'hello', path}        a page started
 *                    {source: 'callpage-preview', type: 'target', target}    what runs on it
 *                    {source: 'callpage-preview', type: 'record', event}      one storage write,
 *                        removal or release, as preview/recorder.js saw it, with its owner and
 *                        whether the current step allows it
 *                    {source: 'callpage-preview', type: 'snapshot', ...}      features, consent,
 *                        storage and the verdict (preview/matrix.mjs, the browser proof's rule)
 *
 * It drives the page as the browser proof does (tests/browser/lib/proof.js): the CMP's banner
 * or API through the site's window.__visitor.choose (preview/cmp, preview/models), and the
 * widget's core used once per page and step (open it, type a phone number, ask for a call),
 * since Data Memorization writes only then.
 */
(function () {
  'use strict';
  var APP = window.parent;
  if (!APP || APP === window) return;

  // The frame is a third party to the app's window (tauri://localhost), where the browser would
  // refuse a SameSite=Lax or Strict cookie that the same script sets as a first party on the
  // customer's site, and the test site is plain http://, where a Secure cookie is refused. Both
  // attributes only concern requests to other sites and HTTPS, none of which the preview makes:
  // they are dropped from what the page writes, so its cookies behave as on the real site.
  // (preview/recorder.js, installed next, still reports the write as the page made it.)
  var nativeCookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  Object.defineProperty(Document.prototype, 'cookie', {
    configurable: true,
    enumerable: nativeCookie.enumerable,
    get: function () { return nativeCookie.get.call(this); },
    set: function (v) {
      var text = String(v).replace(/;\s*(samesite\s*=\s*[^;]*|secure)\s*(?=;|$)/gi, '');
      return nativeCookie.set.call(this, text);
    },
  });

  var CHOICE = { 'reject all': 'reject', 'accept mapped': 'mapped', withdraw: 'withdraw', 'accept all': 'all' };
  var SETTLE_MS = 900; // as the proof: more than 3 polls of the bridge (250 ms) after the page settled
  var loadedAt = Date.now();
  var lastChange = loadedAt;
  var step = null; // {state, since}: known once the window answers 'hello'
  var ctx = null; // {matrix, target, scene, catalog, mapped}
  var queue = [];
  var violations = [];
  var lastSent = '';
  var usedFor = null;

  function post(message) {
    message.source = 'callpage-preview';
    try { APP.postMessage(message, '*'); } catch (e) { /* the window went away */ }
  }

  // preview/recorder.js reports here; events wait until the page knows its step and catalog.
  window.__previewRecord = function (event) {
    // When the page made the call, on the clock the window shares (ms since the epoch).
    event.at = performance.timeOrigin + (typeof event.t === 'number' ? event.t : performance.now());
    lastChange = Date.now();
    if (ctx && step) emit(event); else queue.push(event);
  };

  function expected() {
    return ctx.matrix.expectedOn(step.state, { enabled: ctx.scene.enabled, mapped: ctx.mapped });
  }

  function emit(event) {
    if (event.kind === 'write') {
      var c = ctx.matrix.classify(ctx.catalog, ctx.target, event.type, event.name);
      event.owner = c ? c.owner : null;
      event.allowed = event.op === 'remove' || (c !== null && (c.owner === 'core' || c.owner === 'cmp' || expected().indexOf(c.owner) >= 0));
      if (!event.allowed) {
        violations.push(c
          ? event.type + ' "' + event.name + '" of ' + c.owner + ' was written although ' + c.owner + ' has no consent'
          : 'something wrote ' + event.type + ' "' + event.name + '", which is in neither the catalog nor the CMP\'s own storage');
      }
    }
    post({ type: 'record', event: event });
  }

  function flush() {
    if (!ctx || !step) return;
    var pending = queue;
    queue = [];
    for (var i = 0; i < pending.length; i++) emit(pending[i]);
  }

  window.addEventListener('message', function (e) {
    if (e.source !== APP || !e.data || e.data.source !== 'callpage-admin') return;
    var m = e.data;
    if (m.cmd === 'step' || m.cmd === 'choose') {
      if (typeof m.state !== 'string' || !(m.state in CHOICE || m.state === 'no decision')) return;
      var changed = !step || step.state !== m.state || step.since !== m.since;
      step = { state: m.state, since: Number(m.since) || Date.now() };
      if (changed) { violations = []; usedFor = null; lastChange = Date.now(); }
      flush();
      if (m.cmd === 'choose' && CHOICE[m.state]) choose(CHOICE[m.state]);
    } else if (m.cmd === 'reload') {
      location.reload();
    }
  });

  function choose(choice) {
    ready(function () {
      try {
        window.__visitor.choose(choice, ctx.mapped.ids);
      } catch (e) {
        violations.push('the CMP could not be driven: ' + e.message);
      }
    });
  }

  // Runs fn once the site's CMP set-up and the widget's core are ready (as the proof waits).
  function ready(fn) {
    var tries = 0;
    (function check() {
      var core = document.documentElement.getAttribute('data-callpage-core') === 'ready';
      if (core && ctx && typeof window.__visitor === 'object') return fn();
      if (++tries < 200) setTimeout(check, 100);
    })();
  }

  // The widget's core, once per page and step: open it, type a phone number, ask for a call.
  function useCore() {
    if (!step || usedFor === step.since) return;
    var open = document.getElementById('callpage-open');
    var phone = document.getElementById('callpage-phone');
    var call = document.getElementById('callpage-call');
    if (!open || !phone || !call) return;
    usedFor = step.since;
    open.click();
    phone.value = '+48 600 100 200';
    phone.dispatchEvent(new Event('input', { bubbles: true }));
    call.click();
  }

  function readStorage() {
    var out = [];
    var cookies = document.cookie ? document.cookie.split('; ') : [];
    for (var i = 0; i < cookies.length; i++) {
      var eq = cookies[i].indexOf('=');
      out.push({ type: 'http_cookie', name: eq < 0 ? cookies[i] : cookies[i].slice(0, eq), size: eq < 0 ? 0 : cookies[i].length - eq - 1 });
    }
    [['local_storage', localStorage], ['session_storage', sessionStorage]].forEach(function (pair) {
      for (var j = 0; j < pair[1].length; j++) {
        var key = pair[1].key(j);
        out.push({ type: pair[0], name: key, size: String(pair[1].getItem(key) || '').length });
      }
    });
    return out;
  }

  function snapshot() {
    if (!ctx || !step) return;
    if (document.documentElement.getAttribute('data-callpage-core') === 'ready' && typeof window.__visitor === 'object') {
      setTimeout(useCore, 150);
    }
    var emulator = window.__callpageEmulator;
    var bridge = window.callpageConsentBridge;
    var features = null;
    var consent = null;
    try { features = emulator ? emulator.features() : null; } catch (e) { /* not loaded */ }
    try { consent = bridge && typeof bridge.state === 'function' ? bridge.state() : null; } catch (e) { /* not loaded */ }
    var storage = readStorage();
    var now = Date.now();
    var settled = now - Math.max(step.since, loadedAt, lastChange) > SETTLE_MS;
    var verdict = null;
    if (settled) {
      verdict = ctx.matrix.verdict({
        catalog: ctx.catalog, target: ctx.target, state: step.state, enabled: ctx.scene.enabled,
        mappedOn: ctx.mapped.on, widgetFeatures: features, storage: storage,
      });
      verdict.differences = verdict.differences.concat(violations);
      verdict.matches = verdict.differences.length === 0;
      // A withdrawal may reach the snippet only at the next page load (the proof allows
      // "after a reload at the latest"): storage still there on the page it was given on is
      // pending, not a mismatch, when the features are already off.
      if (!verdict.matches && step.state === 'withdraw' && loadedAt < step.since &&
          verdict.differences.every(function (d) { return / is present, but /.test(d); })) {
        verdict.pendingReload = true;
      }
    }
    var message = { type: 'snapshot', state: step.state, since: step.since, path: location.pathname, features: features, bridge: consent, storage: storage, settled: settled, verdict: verdict };
    var text = JSON.stringify(message);
    if (text !== lastSent) {
      lastSent = text;
      post(message);
    }
  }

  function start() {
    Promise.all([
      import('/preview/matrix.mjs'),
      import('/preview/targets.mjs'),
      fetch('/__preview/scene.json').then(function (r) { return r.json(); }),
      fetch('/catalog.json').then(function (r) { return r.json(); }),
    ]).then(function (loaded) {
      var matrix = loaded[0];
      var target = loaded[1].TARGETS[loaded[2].target];
      var scene = loaded[2];
      var catalog = loaded[3];
      if (!target) throw new Error('no test-site set-up for ' + scene.target);
      var mapped = matrix.mappedCase({ target: target, catalog: catalog, enabled: scene.enabled, categories: scene.categories });
      ctx = { matrix: matrix, target: target, scene: scene, catalog: catalog, mapped: mapped };
      var mode = target.timings[scene.mode] ? scene.mode : target.defaultMode;
      post({
        type: 'target',
        target: {
          id: target.id, kind: target.kind, code: target.code, sources: target.sources || [],
          modes: Object.keys(target.timings), mode: mode, mappedIds: mapped.ids.map(String),
        },
      });
      flush();
      setInterval(snapshot, 250);
    }).catch(function (e) {
      post({ type: 'error', message: String(e && e.message) });
    });
  }

  // Ask for the current step at once (the page's first writes wait for it), then load what
  // classifies them.
  post({ type: 'hello', path: location.pathname });
  start();
})();
