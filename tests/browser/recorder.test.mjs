// The storage recorder shared by the browser proof and the app's preview (preview/recorder.js),
// in headless Chromium on a page of the test site: the events it reports (kind, type, name, op,
// size in UTF-8 bytes, path, t), removals (an expired cookie, removeItem, clear), the CMP's
// releases, and that it never breaks the page: no sink, a sink that throws, odd arguments.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './lib/chromium.js';
import { startServer } from './lib/server.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const RECORDER = join(repo, 'preview/recorder.js');

let server;
let browser;
let chromium;
before(async () => {
  server = await startServer({ previewRoot: join(repo, 'preview'), catalogPath: join(repo, 'crates/core/data/catalog.json') });
  server.setCase('recorder', { snippet: '' });
  chromium = await launchChromium('recorder');
  browser = chromium.browser;
});
after(async () => {
  if (chromium) await chromium.close();
  if (server) await server.close();
});

// A page with the recorder as an init script (`times` over); sink: 'binding' (events to the
// test), 'none' (no __previewRecord) or 'throws' (a __previewRecord that throws).
async function recorded(sink, fn, times = 1) {
  const context = await browser.newContext();
  const events = [];
  if (sink === 'binding') await context.exposeBinding('__previewRecord', (_source, e) => { events.push(e); });
  if (sink === 'throws') await context.addInitScript(() => { window.__previewRecord = () => { throw new Error('sink down'); }; });
  for (let i = 0; i < times; i++) await context.addInitScript({ path: RECORDER });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e.message)));
  await page.goto(`${server.origin}/case/recorder/page1.html`);
  const result = await page.evaluate(fn);
  // A binding call reaches the test asynchronously: one more round trip lets it land.
  await page.evaluate(() => new Promise((r) => setTimeout(r, 0)));
  await context.close();
  return { events, result, errors };
}

describe('preview/recorder.js', () => {
  it('reports writes with type, name, op, UTF-8 size, path and time, in order', async () => {
    const { events, errors } = await recorded('binding', () => {
      document.cookie = 'cp_visitor_id=ab%C5%BC; max-age=3600; path=/';
      localStorage.setItem('callpage_form_data', 'żółw');
      sessionStorage.setItem('callpage_trace_route', '["/a"]');
      localStorage.removeItem('callpage_form_data');
      document.cookie = 'cp_visitor_id=; max-age=0; path=/';
      document.cookie = 'tarteaucitron=; expires=Thu, 01 Jan 2000 00:00:00 GMT; path=/';
      document.cookie = 'kept=1; expires=Fri, 01 Jan 2100 00:00:00 GMT; max-age=-1';
      document.cookie = 'later=1; expires=Thu, 01 Jan 2000 00:00:00 GMT; max-age=60';
    });
    assert.deepEqual(errors, []);
    const shape = events.map(({ kind, type, name, op, size, path }) => ({ kind, type, name, op, size, path }));
    const path = '/case/recorder/page1.html';
    assert.deepEqual(shape, [
      { kind: 'write', type: 'http_cookie', name: 'cp_visitor_id', op: 'set', size: 8, path },
      { kind: 'write', type: 'local_storage', name: 'callpage_form_data', op: 'set', size: 7, path },
      { kind: 'write', type: 'session_storage', name: 'callpage_trace_route', op: 'set', size: 6, path },
      { kind: 'write', type: 'local_storage', name: 'callpage_form_data', op: 'remove', size: 0, path },
      { kind: 'write', type: 'http_cookie', name: 'cp_visitor_id', op: 'remove', size: 0, path },
      // Expires in the past, no Max-Age: the browser deletes it.
      { kind: 'write', type: 'http_cookie', name: 'tarteaucitron', op: 'remove', size: 0, path },
      // Max-Age wins over Expires (RFC 6265 5.3).
      { kind: 'write', type: 'http_cookie', name: 'kept', op: 'remove', size: 0, path },
      { kind: 'write', type: 'http_cookie', name: 'later', op: 'set', size: 1, path },
    ]);
    for (let i = 0; i < events.length; i++) {
      assert.equal(typeof events[i].t, 'number');
      if (i) assert.ok(events[i].t >= events[i - 1].t, 'in the order the page made the calls');
    }
  });

  it('reports Storage.clear() as one removal per key present, and the CMP\'s releases; once, if loaded twice', async () => {
    const { events, result, errors } = await recorded('binding', () => {
      sessionStorage.setItem('a', '1');
      sessionStorage.setItem('b', '2');
      sessionStorage.clear();
      window.callpageConsentBridge = { grant: (category) => `granted ${category}` };
      return [sessionStorage.length, window.callpageConsentBridge.grant('analytics')];
    }, 2);
    assert.equal(events.length, 5);
    assert.deepEqual(errors, []);
    assert.deepEqual(result, [0, 'granted analytics'], 'clear and grant do what they did');
    assert.deepEqual(events.slice(2).map(({ kind, type, name, op, category }) => ({ kind, type, name, op, category })), [
      { kind: 'write', type: 'session_storage', name: 'a', op: 'remove', category: undefined },
      { kind: 'write', type: 'session_storage', name: 'b', op: 'remove', category: undefined },
      { kind: 'grant', type: undefined, name: undefined, op: undefined, category: 'analytics' },
    ]);
    assert.equal(events[4].path, '/case/recorder/page1.html');
  });

  it('never breaks the page: without a sink, with a sink that throws, on odd arguments', async () => {
    const page = () => {
      const out = [];
      document.cookie = 'x=1; path=/';
      localStorage.setItem('k', 'v');
      out.push(localStorage.getItem('k'), document.cookie.includes('x=1'));
      try { localStorage.setItem(Symbol('s'), 'v'); out.push('no error'); } catch (e) { out.push(e.constructor.name); }
      localStorage.clear();
      out.push(localStorage.length);
      return out;
    };
    const bare = await browser.newContext();
    const reference = await bare.newPage();
    await reference.goto(`${server.origin}/case/recorder/page1.html`);
    const want = await reference.evaluate(page);
    await bare.close();
    assert.deepEqual(want, ['v', true, 'TypeError', 0]);
    for (const sink of ['none', 'throws', 'binding']) {
      const { result, errors } = await recorded(sink, page);
      assert.deepEqual(result, want, `with sink ${sink}, the page's calls behave as without the recorder`);
      assert.deepEqual(errors, [], `with sink ${sink}, no error reaches the page`);
    }
  });
});
