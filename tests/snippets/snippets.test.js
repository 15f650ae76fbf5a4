// Parses every generated CMP snippet with real parsers: parse5 for the HTML, acorn (ES5) for
// every script, and runs the bridge of a few snippets against a minimal fake browser.
//
// Inputs are the golden files the Rust test `crates/core/tests/snippets.rs` keeps current
// (`UPDATE_GOLDEN=1 cargo test -p cookie-admin-core --test snippets` rewrites them), or any
// directory of `<cmp>.html` files named by SNIPPET_DIR (for example the CLI's output).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import * as acorn from 'acorn';
import { parseFragment } from 'parse5';

const here = dirname(fileURLToPath(import.meta.url));
const goldenDir = join(here, '../../crates/core/tests/golden');
const golden = process.env.SNIPPET_DIR || goldenDir;
const hostileDir = join(goldenDir, 'hostile');

// Each target's held-back script attributes (besides the script body), as in cmp-facts.md.
// null: the CMP has no attribute blocker, the snippet uses its API only.
const HELD_BACK = {
  gcm: null,
  tcf: null,
  cookiebot: { type: 'text/plain', 'data-cookieconsent': 'statistics' },
  onetrust: { type: 'text/plain', class: 'optanon-category-C0002' },
  usercentrics: { type: 'text/plain', 'data-usercentrics': 'CallPage' },
  didomi: { type: 'didomi/javascript', 'data-vendor': 'c:callpage' },
  cookieyes: { type: 'text/plain', 'data-cookieyes': 'cookieyes-analytics' },
  complianz: { type: 'text/plain', 'data-category': 'statistics' },
  iubenda: { type: 'text/plain', class: '_iub_cs_activate-inline', 'data-iub-purposes': '4' },
  klaro: { type: 'text/plain', 'data-type': 'text/javascript', 'data-name': 'callpage' },
  cookieconsent: { type: 'text/plain', 'data-category': 'analytics' },
  termly: { type: 'text/plain', 'data-categories': 'analytics' },
  cookiefirst: { type: 'text/plain', 'data-cookiefirst-category': 'performance' },
  osano: { type: 'text/plain', 'data-osano': 'ANALYTICS' },
  axeptio: null,
  consentmanager: { type: 'text/plain', class: 'cmplazyload', 'data-cmp-vendor': 'callpage' },
  borlabs: null,
  tarteaucitron: null,
};
const TARGETS = Object.keys(HELD_BACK);

function elements(html) {
  const fragment = parseFragment(html);
  const scripts = [];
  const comments = [];
  const others = [];
  for (const node of fragment.childNodes) {
    if (node.nodeName === 'script') scripts.push(node);
    else if (node.nodeName === '#comment') comments.push(node);
    else if (node.nodeName === '#text') {
      if (node.value.trim() !== '') others.push(node);
    } else others.push(node);
  }
  return { scripts, comments, others };
}

function attrs(node) {
  return Object.fromEntries(node.attrs.map((a) => [a.name, a.value]));
}

function body(node) {
  return node.childNodes.map((c) => c.value).join('');
}

function parseJs(code, label) {
  try {
    // ES5 on purpose: the snippet must run in every browser a customer's visitors use.
    return acorn.parse(code, { ecmaVersion: 5, sourceType: 'script' });
  } catch (e) {
    assert.fail(`${label}: ${e.message}`);
  }
}

function walk(node, visit) {
  if (!node || typeof node.type !== 'string') return;
  visit(node);
  for (const key of Object.keys(node)) {
    const value = node[key];
    if (Array.isArray(value)) value.forEach((v) => walk(v, visit));
    else if (value && typeof value.type === 'string') walk(value, visit);
  }
}

function checkSnippet(cmp, html, label) {
  const { scripts, comments, others } = elements(html);
  assert.deepEqual(others, [], `${label}: only <script> elements and comments at top level`);
  assert.ok(comments.length >= 1, `${label}: a leading comment with the instructions`);
  const asts = scripts.map((s, i) => parseJs(body(s), `${label} script ${i + 1}`));
  // Widget embed: loads callpage.js (or the configured URL) and sets __cp.
  const embedIndex = scripts.findIndex((s) => body(s).includes('__cp = cp'));
  assert.ok(embedIndex >= 0, `${label}: the widget embed`);
  assert.equal(attrs(scripts[embedIndex]).type, undefined, `${label}: the embed runs at once`);
  return { scripts, comments, asts, embedIndex };
}

test('every golden snippet parses as HTML and ES5 JavaScript with the expected elements', () => {
  for (const cmp of TARGETS) {
    const file = join(golden, `${cmp}.html`);
    assert.ok(existsSync(file), `${file} exists`);
    const html = readFileSync(file, 'utf8');
    const { scripts } = checkSnippet(cmp, html, cmp);
    const bridge = scripts.filter((s) => body(s).includes('CallPage consent bridge'));
    assert.equal(bridge.length, 1, `${cmp}: one consent bridge`);
    const held = scripts.filter((s) => attrs(s).type !== undefined);
    if (HELD_BACK[cmp] === null) {
      assert.equal(held.length, 0, `${cmp}: no held-back script`);
    } else {
      assert.equal(held.length, 1, `${cmp}: one held-back script (all features in analytics)`);
      assert.deepEqual(attrs(held[0]), HELD_BACK[cmp], `${cmp}: held-back attributes`);
      assert.match(body(held[0]), /callpageConsentBridge\.grant\("analytics"\)/);
    }
    if (cmp === 'gcm') {
      const first = body(scripts[0]);
      assert.match(first, /gtag\("consent", "default", \{/, 'gcm: the default block comes first');
      assert.match(first, /"analytics_storage":"denied"/);
      assert.match(first, /"wait_for_update":500/);
    }
  }
});

test('no-features snippet is the embed and a comment only', () => {
  const html = readFileSync(join(goldenDir, 'no-features.html'), 'utf8');
  const { scripts, comments } = checkSnippet('cookiebot', html, 'no-features');
  assert.equal(scripts.length, 1);
  assert.match(comments[0].data, /needs no change/);
});

test('hostile configuration values stay inert data in every target', () => {
  const manifest = JSON.parse(readFileSync(join(hostileDir, 'manifest.json'), 'utf8'));
  for (const [fixture, value] of Object.entries(manifest)) {
    for (const cmp of TARGETS) {
      const label = `hostile/${fixture}/${cmp}`;
      const html = readFileSync(join(hostileDir, fixture, `${cmp}.html`), 'utf8');
      const reference = elements(readFileSync(join(goldenDir, `${cmp}.html`), 'utf8'));
      const { scripts, comments, asts, embedIndex } = checkSnippet(cmp, html, label);
      // No element or comment was injected or swallowed.
      if (fixture !== 'split') {
        assert.equal(scripts.length, reference.scripts.length, `${label}: script count`);
        assert.equal(comments.length, reference.comments.length, `${label}: comment count`);
      }
      // The widget id arrives intact as a string literal in the embed's __cp object.
      const literals = [];
      walk(asts[embedIndex], (n) => {
        if (n.type === 'Literal' && typeof n.value === 'string') literals.push(n.value);
      });
      assert.ok(literals.includes(value), `${label}: the account id is a string literal`);
      // Nothing the value smuggled in became code: no call to alert anywhere.
      for (const ast of asts) {
        walk(ast, (n) => {
          if (n.type === 'Identifier') assert.notEqual(n.name, 'alert', `${label}: injected code`);
        });
      }
      // Attribute values decode back to the configured value.
      for (const s of scripts) {
        const a = attrs(s);
        for (const name of ['data-usercentrics', 'data-vendor', 'data-cmp-vendor', 'data-name']) {
          if (a[name] !== undefined && fixture !== 'split') {
            assert.ok(a[name].startsWith(value.trim()), `${label}: ${name} keeps the value`);
          }
        }
      }
    }
  }
});

// ---- Behaviour: run snippets against a minimal fake browser --------------------------------

function fakeBrowser() {
  const jar = new Map();
  const document = new EventTarget();
  Object.defineProperty(document, 'cookie', {
    get() {
      return [...jar.entries()].map(([k, v]) => `${k}=${v}`).join('; ');
    },
    set(text) {
      const [pair, ...attrsList] = text.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrsList.some((a) => /max-age=0|expires=Thu, 01 Jan 1970/i.test(a));
      if (expired) jar.delete(name);
      else jar.set(name, value);
    },
  });
  document.createElement = () => ({ set src(v) { this._src = v; }, get src() { return this._src; } });
  document.getElementsByTagName = () => [];
  document.head = { appendChild() {} };
  function storage() {
    const m = new Map();
    return {
      get length() { return m.size; },
      key: (i) => [...m.keys()][i] ?? null,
      getItem: (k) => (m.has(k) ? m.get(k) : null),
      setItem: (k, v) => m.set(k, String(v)),
      removeItem: (k) => m.delete(k),
    };
  }
  const window = new EventTarget();
  Object.assign(window, {
    document,
    location: { hostname: 'www.acme.example', pathname: '/offer/page' },
    localStorage: storage(),
    sessionStorage: storage(),
    setInterval: () => 0,
    clearInterval: () => {},
    CustomEvent,
    Event,
    JSON,
    Object,
    Date,
  });
  window.window = window;
  const context = vm.createContext(window);
  const events = [];
  window.addEventListener('callpage:consent', (e) => events.push(e.detail));
  return { window, document, jar, context, events };
}

function run(browser, html) {
  const { scripts } = elements(html);
  const held = [];
  for (const s of scripts) {
    if (attrs(s).type) held.push(s);
    else vm.runInContext(body(s), browser.context);
  }
  return { held: held.map(body) };
}

function lastConsent(browser) {
  const queue = browser.window.callpage('__getQueue') || [];
  const sets = queue.filter((q) => q.arguments[0] === 'consent.set');
  return sets.length ? sets[sets.length - 1].arguments[1] : null;
}

function plantStorage(browser) {
  browser.document.cookie = 'cp_tr_abc=1; path=/';
  browser.document.cookie = 'cp_visitor_id=v; path=/';
  browser.document.cookie = 'cp_visit_count=3; path=/';
  browser.document.cookie = 'callpage-widget-version=20260101; path=/';
  browser.window.localStorage.setItem('callpage_form_data', '{"phone":"+48"}');
  browser.window.sessionStorage.setItem('callpage_trace_route', '[]');
}

const ALL_ON = { trace_route: true, scoring_rules: true, data_memorization: true };
const ALL_OFF = { trace_route: false, scoring_rules: false, data_memorization: false };

function assertWithdrawn(browser, label) {
  assert.deepEqual(lastConsent(browser), ALL_OFF, `${label}: features off`);
  assert.deepEqual([...browser.jar.keys()], ['callpage-widget-version'], `${label}: only the core cookie is left`);
  assert.equal(browser.window.localStorage.length, 0, `${label}: localStorage cleared`);
  assert.equal(browser.window.sessionStorage.length, 0, `${label}: sessionStorage cleared`);
}

test('behaviour: Cookiebot held-back script, API and withdrawal', () => {
  const b = fakeBrowser();
  const { held } = run(b, readFileSync(join(golden, 'cookiebot.html'), 'utf8'));
  assert.deepEqual(lastConsent(b), ALL_OFF, 'no decision: off');
  assert.deepEqual(b.window.__cp_unused, undefined);
  // Cookiebot releases the held-back script on consent.
  vm.runInContext(held[0], b.context);
  assert.deepEqual(lastConsent(b), ALL_ON, 'statistics accepted: on');
  plantStorage(b);
  // The visitor withdraws.
  b.window.Cookiebot = { consent: { statistics: false }, hasResponse: true };
  b.window.dispatchEvent(new Event('CookiebotOnDecline'));
  assertWithdrawn(b, 'cookiebot');
  assert.deepEqual(b.events[b.events.length - 1], ALL_OFF, 'event carries the same detail');
});

test('behaviour: Google Consent Mode follows dataLayer updates', () => {
  const b = fakeBrowser();
  run(b, readFileSync(join(golden, 'gcm.html'), 'utf8'));
  assert.deepEqual(lastConsent(b), ALL_OFF);
  vm.runInContext('gtag("consent", "update", {analytics_storage: "granted"});', b.context);
  assert.deepEqual(lastConsent(b), ALL_ON);
  plantStorage(b);
  vm.runInContext('gtag("consent", "update", {analytics_storage: "denied"});', b.context);
  assertWithdrawn(b, 'gcm');
});

test('behaviour: TCF publisher purposes, and no CMP means no consent', () => {
  const b = fakeBrowser();
  run(b, readFileSync(join(golden, 'tcf.html'), 'utf8'));
  assert.deepEqual(lastConsent(b), ALL_OFF, 'no __tcfapi: off');
  let listener = null;
  b.window.__tcfapi = (cmd, version, cb) => { if (cmd === 'addEventListener' && version === 2) listener = cb; };
  // The bridge polls for __tcfapi with setInterval; the fake has none, so load the snippet again
  // in a fresh browser that has the CMP from the start.
  const c = fakeBrowser();
  c.window.__tcfapi = b.window.__tcfapi;
  run(c, readFileSync(join(golden, 'tcf.html'), 'utf8'));
  assert.ok(listener, 'addEventListener registered');
  const consents = { 1: true, 8: true, 9: true, 10: true };
  listener({ gdprApplies: true, eventStatus: 'useractioncomplete', publisher: { consents }, purpose: { consents: {} } }, true);
  assert.deepEqual(lastConsent(c), ALL_ON);
  plantStorage(c);
  listener({ gdprApplies: true, eventStatus: 'useractioncomplete', publisher: { consents: { 1: true, 8: true, 9: false, 10: true } } }, true);
  assertWithdrawn(c, 'tcf');
});

test('behaviour: tarteaucitron service js()/fallback()', () => {
  const b = fakeBrowser();
  b.window.tarteaucitron = { services: {}, job: [] };
  run(b, readFileSync(join(golden, 'tarteaucitron.html'), 'utf8'));
  const service = b.window.tarteaucitron.services.callpage;
  assert.ok(service, 'service registered');
  assert.equal(service.type, 'analytic');
  assert.deepEqual([...b.window.tarteaucitron.job], ['callpage']);
  service.js();
  assert.deepEqual(lastConsent(b), ALL_ON);
  plantStorage(b);
  b.document.dispatchEvent(new Event('callpage_disallowed'));
  assertWithdrawn(b, 'tarteaucitron');
});

test('SNIPPET_DIR, when set, holds a snippet for every target', () => {
  if (!process.env.SNIPPET_DIR) return;
  const files = readdirSync(process.env.SNIPPET_DIR);
  for (const cmp of TARGETS) assert.ok(files.includes(`${cmp}.html`), cmp);
});
