// The consent matrix for one (target, feature set) case, in one fresh browser context:
//   1. no decision   2. reject all (+ reload)   3. accept the mapped category only (+ next page)
//   4. withdraw (storage gone, after a reload at the latest)   5. accept all (+ reload)
// Every storage assertion reads the page's real document.cookie, localStorage and
// sessionStorage; every write to them is also recorded from the first script on, so that
// "storage of a disabled feature never appears" holds between the checks too.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { classify, verdict } from '../../../preview/matrix.mjs';

const SETTLE_MS = 900; // > 3 polls of the bridge's when() (250 ms) after the page settled
const WAIT_MS = 20000; // generous: CI and developers' machines may be shared with builds
// Records cookie and Web Storage writes and the CMP's releases before any page script runs: the
// same file the app's preview runs (preview/recorder.js), reporting to window.__previewRecord.
const RECORDER = fileURLToPath(new URL('../../../preview/recorder.js', import.meta.url));

// Runs in the page.
function readStorage() {
  {
    const keys = (s) => { const out = []; for (let i = 0; i < s.length; i++) out.push(s.key(i)); return out; };
    const cookies = document.cookie ? document.cookie.split('; ').map((c) => c.split('=')[0]) : [];
    return [
      ...cookies.map((name) => ({ type: 'http_cookie', name })),
      ...keys(localStorage).map((name) => ({ type: 'local_storage', name })),
      ...keys(sessionStorage).map((name) => ({ type: 'session_storage', name })),
    ];
  }
}

// Retries an evaluation across a navigation the CMP itself started (some reload on a change).
async function evaluate(page, fn, arg) {
  for (let i = 0; ; i++) {
    try {
      return await page.evaluate(fn, arg);
    } catch (e) {
      if (i >= 20 || !/context was destroyed|navigat|Target closed/i.test(String(e.message))) throw e;
      await page.waitForLoadState('load').catch(() => {});
      await page.waitForTimeout(100);
    }
  }
}

async function waitReady(page) {
  await page.waitForFunction(() => document.documentElement.getAttribute('data-callpage-core') === 'ready' &&
    typeof window.__visitor === 'object', null, { timeout: WAIT_MS });
}

// The widget's core: open, type a phone number, ask for the call.
async function useCore(page) {
  await waitReady(page);
  await page.click('#callpage-open');
  await page.fill('#callpage-phone', '+48 600 100 200');
  await page.click('#callpage-call');
  const status = await page.textContent('#callpage-status');
  assert.match(status, /We are calling \+48 600 100 200/, 'the core (call-back form) works');
}

// enabled: the features the configuration switches on; mappedOn: those that "accept mapped"
// (mappedIds, the CMP's own ids) must switch on.
// categories: {feature: internal category}; heldBack: the snippet has held-back scripts, which
// the CMP must release for exactly the accepted categories.
// only: run just these states (a self-check that expects one state to fail).
export async function runCase({ browser, origin, key, target, catalog, enabled, mappedOn, mappedIds, categories, heldBack, only }) {
  // The widget loads from its real host, which the browser resolves to the local widget host
  // (lib/widget-host.js) and whose throwaway certificate the context accepts.
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  context.setDefaultNavigationTimeout(60000);
  const writes = [];
  const grants = [];
  await context.exposeBinding('__previewRecord', (_source, e) => {
    if (e.kind === 'write') writes.push({ type: e.type, name: e.name, path: e.path, op: e.op });
    else if (e.kind === 'grant') grants.push({ category: e.category, path: e.path });
  });
  await context.addInitScript({ path: RECORDER });
  const page = await context.newPage();
  const errors = [];
  let navigations = 0;
  page.on('framenavigated', (frame) => { if (frame === page.mainFrame()) navigations += 1; });
  page.on('pageerror', (e) => errors.push(String(e && e.message)));
  const all = catalog.features.map((f) => f.id);
  const results = {};
  const base = `${origin}/case/${key}`;

  const features = () => evaluate(page, () => ({
    widget: window.__callpageEmulator ? window.__callpageEmulator.features() : null,
    bridge: window.callpageConsentBridge ? window.callpageConsentBridge.state() : null,
  }));
  // on: false (all off), true (every enabled feature on), or the list of features that are on.
  const onList = (on) => (on === true ? enabled : on === false ? [] : on);
  async function expectFeatures(on, label) {
    const want = Object.fromEntries(all.map((id) => [id, onList(on).includes(id)]));
    let got;
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      got = await features();
      const widget = Object.fromEntries(all.map((id) => [id, !!(got.widget && got.widget[id])]));
      if (JSON.stringify(widget) === JSON.stringify(want) && got.bridge &&
          JSON.stringify(got.bridge) === JSON.stringify(want)) return;
      if (Date.now() > deadline) break;
      await page.waitForTimeout(100);
    }
    assert.fail(`${label}: features should be ${JSON.stringify(want)}, the widget reports ${JSON.stringify(got.widget)}, the bridge ${JSON.stringify(got.bridge)}`);
  }
  async function expectStorage(on, label) {
    const items = await evaluate(page, readStorage);
    const found = {};
    for (const { type, name } of items) {
      const c = classify(catalog, target, type, name);
      assert.ok(c, `${label}: ${type} "${name}" is in neither the catalog nor the CMP's own storage`);
      if (c.owner !== 'core' && c.owner !== 'cmp') {
        assert.ok(onList(on).includes(c.owner), `${label}: ${type} "${name}" of ${c.owner} exists, but ${c.owner} ${enabled.includes(c.owner) ? 'has no consent' : 'is not enabled'}`);
        (found[c.owner] ||= new Set()).add(c.item.name);
      }
    }
    if (on) {
      for (const id of onList(on)) {
        const f = catalog.features.find((x) => x.id === id);
        for (const item of f.storage) {
          assert.ok(found[id] && found[id].has(item.name), `${label}: ${item.storage_type} "${item.name}${item.is_pattern ? '*' : ''}" of ${id} is missing`);
        }
      }
    }
    return items;
  }
  // Storage of a consented feature is never removed while consent stands (no flicker when a
  // returning visitor loads a page, or when a CMP answers one category at a time).
  function expectNoRemovals(features, since, label) {
    for (const w of writes.slice(since)) {
      if (w.op !== 'remove') continue;
      const c = classify(catalog, target, w.type, w.name);
      assert.ok(!c || !features.includes(c.owner), `${label}: ${w.type} "${w.name}" of ${c && c.owner} was removed (on ${w.path}) although consent stands`);
    }
  }
  // The CMP released the held-back scripts of exactly the categories of `features` (since `since`).
  function expectGrants(features, since, label) {
    if (!heldBack) return;
    const got = [...new Set(grants.slice(since).map((g) => g.category))].sort();
    const want = [...new Set(features.map((f) => categories[f]))].sort();
    assert.deepEqual(got, want, `${label}: the CMP released the held-back scripts of ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
  }
  function expectNoWrites(features, label) {
    for (const w of writes) {
      if (w.op === 'remove') continue;
      const c = classify(catalog, target, w.type, w.name);
      assert.ok(c, `${label}: something wrote ${w.type} "${w.name}" (on ${w.path}), in neither the catalog nor the CMP's own storage`);
      if (c.owner !== 'core' && c.owner !== 'cmp') {
        assert.ok(features.includes(c.owner), `${label}: ${w.type} "${w.name}" of ${c.owner} was written (on ${w.path})`);
      }
    }
  }
  // The verdict the app's preview shows (preview/matrix.mjs) must agree with the proof: called
  // once a state's assertions passed, on the page as it is then.
  async function expectVerdict(state) {
    const { widget } = await features();
    const storage = await evaluate(page, readStorage);
    const v = verdict({ catalog, target, state, enabled, mappedOn, widgetFeatures: widget, storage });
    assert.ok(v.matches, `${state}: the proof passed, but the preview's verdict says: ${v.differences.join('; ')}`);
  }
  async function bridgeCalls() {
    return evaluate(page, () => window.__callpageEmulator.calls().filter((c) => c.args[0] === 'consent.set'));
  }
  const settle = () => page.waitForTimeout(SETTLE_MS);
  // The visitor's choice; a CMP that reloads the page on a change (CookieFirst, Complianz) is
  // waited for. Not retried across a navigation: a click must not happen twice.
  const choose = async (choice) => {
    const before = navigations;
    await page.evaluate(([c, ids]) => window.__visitor.choose(c, ids), [choice, mappedIds]).catch((e) => {
      if (!/context was destroyed|navigat/i.test(String(e.message))) throw e;
    });
    await page.waitForTimeout(200);
    if (navigations !== before) { await page.waitForLoadState('load'); await waitReady(page); }
  };
  const reload = async () => { await page.reload(); await waitReady(page); };

  async function state(name, fn) {
    if (only && !only.includes(name)) return;
    try {
      await fn();
      results[name] = { pass: true };
    } catch (e) {
      results[name] = { pass: false, error: String(e && e.message).split('\n')[0] };
    }
  }

  await state('no decision', async () => {
    await page.goto(`${base}/page1.html`);
    await useCore(page);
    await settle();
    await expectFeatures(false, 'no decision');
    await expectStorage(false, 'no decision');
    const calls = await bridgeCalls();
    assert.ok(calls.length >= 1, 'the bridge told the widget through the queue / execute');
    assert.deepEqual(Object.keys(calls[0].args[1]).sort(), [...all].sort(), 'consent.set carries every feature');
    expectNoWrites([], 'no decision');
    expectGrants([], 0, 'no decision');
    if (target.unsavedToggle) {
      // A change in the CMP's settings that the visitor has not saved is no consent.
      await choose('toggle');
      await settle();
      await expectFeatures(false, 'no decision, a category toggled but not saved');
      expectGrants([], 0, 'no decision, a category toggled but not saved');
    }
    await expectVerdict('no decision');
  });
  await state('reject all', async () => {
    await choose('reject');
    await settle();
    await expectFeatures(false, 'reject all');
    await expectStorage(false, 'reject all');
    await reload();
    await useCore(page);
    await settle();
    await expectFeatures(false, 'reject all, reloaded');
    await expectStorage(false, 'reject all, reloaded');
    expectNoWrites([], 'reject all');
    expectGrants([], 0, 'reject all');
    await expectVerdict('reject all');
  });
  await state('accept mapped', async () => {
    const grantMark = grants.length;
    await choose('mapped');
    await expectFeatures(mappedOn, 'accept mapped');
    const mark = writes.length;
    await useCore(page);
    await page.click('#nav-page2');
    await waitReady(page);
    await expectFeatures(mappedOn, 'accept mapped, next page');
    await useCore(page);
    await settle();
    await expectStorage(mappedOn, 'accept mapped, next page');
    if (mappedOn.includes('trace_route')) {
      const path = await evaluate(page, () => JSON.parse(sessionStorage.getItem('callpage_trace_route') || '[]'));
      assert.deepEqual(path.slice(-2), [`/case/${key}/page1.html`, `/case/${key}/page2.html`], `Trace Route recorded the path (${JSON.stringify(path)})`);
    }
    expectNoWrites(mappedOn, 'accept mapped');
    expectNoRemovals(mappedOn, mark, 'accept mapped');
    expectGrants(mappedOn, grantMark, 'accept mapped');
    await expectVerdict('accept mapped');
  });
  await state('withdraw', async () => {
    await choose('withdraw');
    await expectFeatures(false, 'withdraw');
    let immediate = true;
    try {
      await settle();
      await expectStorage(false, 'withdraw');
    } catch {
      immediate = false;
    }
    if (!immediate) {
      await reload();
      await settle();
      await expectStorage(false, 'withdraw, reloaded');
    }
    await useCore(page);
    results.withdrawRemovedAt = immediate ? 'at once' : 'after reload';
    // Left-over storage of the enabled features (say, written in another tab before the
    // withdrawal): the widget never switches them on here, so only the bridge can remove it,
    // once the CMP has answered.
    const leftovers = catalog.features.filter((f) => enabled.includes(f.id))
      .flatMap((f) => f.storage.map((i) => ({ type: i.storage_type, name: i.is_pattern ? `${i.name}leftover1` : i.name })));
    await evaluate(page, (items) => {
      for (const { type, name } of items) {
        if (type === 'http_cookie') document.cookie = `${name}=left-over; max-age=3600; path=/`;
        else (type === 'local_storage' ? localStorage : sessionStorage).setItem(name, 'left-over');
      }
    }, leftovers);
    await reload();
    await settle();
    await expectFeatures(false, 'withdraw, left-over storage');
    await expectStorage(false, 'withdraw, left-over storage (the bridge removes it once the CMP has answered)');
    await expectVerdict('withdraw');
  });
  await state('accept all', async () => {
    await choose('all');
    await expectFeatures(true, 'accept all');
    const mark = writes.length;
    await useCore(page);
    await reload();
    await expectFeatures(true, 'accept all, reloaded');
    await useCore(page);
    await settle();
    await expectStorage(true, 'accept all, reloaded');
    expectNoWrites(enabled, 'accept all');
    expectNoRemovals(enabled, mark, 'accept all');
    await expectVerdict('accept all');
  });
  results.pageErrors = errors;
  await context.close();
  return results;
}
