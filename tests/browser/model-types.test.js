// The models' surface against the CMPs' public type definitions (npm: @types/cookiebot-sdk
// 2.43.5, @didomi/react 1.8.4, @types/gtag.js 0.0.20), read with the TypeScript compiler API:
// every member a snippet uses is declared and exists in the model with the declared kind
// (method or property); the model exposes nothing the types do not declare, unless the list
// below names the documentation page it comes from; the events a model fires are declared.
// The vendors' documentation the models follow (and that these types describe):
//   Cookiebot: https://www.cookiebot.com/en/developer/ (the Cookiebot object, its events) and
//     https://support.cookiebot.com/hc/en-us/articles/4405978132242-Manual-Markup-Guide
//   Didomi: https://developers.didomi.io/cmp/web-sdk/reference/api and
//     https://developers.didomi.io/cmp/web-sdk/reference/events
//   Google Consent Mode: https://developers.google.com/tag-platform/security/guides/consent and
//     https://developers.google.com/tag-platform/gtagjs/reference#consent
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import ts from 'typescript';
import { launchChromium } from './lib/chromium.js';
import { startServer } from './lib/server.js';
import { TARGETS } from './lib/targets.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const catalogPath = join(repo, 'crates/core/data/catalog.json');
const cli = process.env.COOKIE_ADMIN_CLI || join(repo, 'target/debug/cookie-admin-cli');

function source(path) {
  return ts.createSourceFile(path, readFileSync(join(here, 'node_modules', path), 'utf8'), ts.ScriptTarget.Latest, true);
}
// Members of a type literal or interface: {name: 'method' | 'property' | {nested}}.
function members(node) {
  const out = {};
  for (const m of node.members) {
    if (!m.name) continue; // index signature
    const name = m.name.getText();
    if (ts.isMethodSignature(m)) out[name] = 'method';
    else if (ts.isPropertySignature(m)) out[name] = m.type && ts.isTypeLiteralNode(m.type) ? members(m.type) : (m.type && ts.isFunctionTypeNode(m.type) ? 'method' : 'property');
  }
  return out;
}
function find(node, test) {
  let hit = null;
  const walk = (n) => { if (!hit && test(n)) hit = n; else if (!hit) ts.forEachChild(n, walk); };
  walk(node);
  return hit;
}
// {name: kind} of a live object, one level deep for plain objects.
function shapeIn(page, path) {
  return page.evaluate((p) => {
    const obj = p.split('.').reduce((o, k) => o && o[k], window);
    const shape = (o, depth) => Object.fromEntries(Object.keys(o).map((k) => [k,
      typeof o[k] === 'function' ? 'method' : o[k] && typeof o[k] === 'object' && !Array.isArray(o[k]) && depth === 0 ? shape(o[k], 1) : 'property']));
    return obj ? shape(obj, 0) : null;
  }, path);
}

let server;
let browser;
let chromium;
let work;
before(async () => {
  server = await startServer({ previewRoot: join(repo, 'preview'), catalogPath });
  work = mkdtempSync(join(tmpdir(), 'model-types-'));
  chromium = await launchChromium('model-types');
  browser = chromium.browser;
});
after(async () => {
  if (chromium) await chromium.close();
  if (server) await server.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

// A page with the model loaded early (no snippet), and the events dispatched on window recorded.
async function modelPage(id) {
  server.setCase(`types-${id}`, { ...TARGETS[id].compose({ mode: TARGETS[id].defaultMode, timing: 'early' }), snippet: '' });
  const context = await browser.newContext();
  await context.addInitScript(() => {
    window.__events = [];
    const dispatch = EventTarget.prototype.dispatchEvent;
    EventTarget.prototype.dispatchEvent = function (e) { if (this === window) window.__events.push(e.type); return dispatch.call(this, e); };
  });
  const page = await context.newPage();
  await page.goto(`${server.origin}/case/types-${id}/page1.html`);
  return { page, context };
}
function snippet(cmp) {
  const config = join(work, 'config.json');
  execFileSync('sh', ['-c', `printf '%s' '{"schema_version":1,"account":{"id":"t","name":"T"},"features":["trace_route"]}' > ${config}`]);
  return execFileSync(cli, ['snippet', '--config', config, '--cmp', cmp], { encoding: 'utf8' });
}

describe('models against the CMPs\' public type definitions', () => {
  it('Cookiebot: @types/cookiebot-sdk 2.43.5', async () => {
    const file = source('@types/cookiebot-sdk/index.d.ts');
    const decl = find(file, (n) => ts.isVariableDeclaration(n) && n.name.getText() === 'Cookiebot');
    const declared = members(decl.type);
    const events = members(find(file, (n) => ts.isInterfaceDeclaration(n) && n.name.text === 'WindowEventMap'));
    assert.ok(declared.consent && declared.show === 'method', 'the type definitions were read');
    const { page, context } = await modelPage('cookiebot');
    const model = await shapeIn(page, 'Cookiebot');
    // Every declared member exists in the model with the declared kind (nested: consent, regulations).
    for (const [name, kind] of Object.entries(declared)) {
      assert.ok(name in model, `Cookiebot.${name} is declared but the model lacks it`);
      if (typeof kind === 'object') {
        for (const [inner, k] of Object.entries(kind)) assert.equal(model[name][inner], k, `Cookiebot.${name}.${inner}`);
      } else {
        assert.equal(model[name], kind, `Cookiebot.${name} is a ${kind} in the types`);
      }
    }
    // Nothing undeclared.
    for (const name of Object.keys(model)) assert.ok(name in declared, `the model exposes Cookiebot.${name}, which the types do not declare`);
    for (const name of Object.keys(model.consent)) assert.ok(name in declared.consent, `the model exposes Cookiebot.consent.${name}, which the types do not declare`);
    // The events it fires are declared.
    const fired = [...new Set(await page.evaluate(() => window.__events))].filter((e) => e.startsWith('Cookiebot'));
    assert.ok(fired.length > 0);
    for (const e of fired) assert.ok(e in events, `the model fires ${e}, which WindowEventMap does not declare`);
    await context.close();
    // What the snippet uses of Cookiebot is declared.
    const code = snippet('cookiebot');
    for (const e of code.match(/Cookiebot\w+/g).filter((x) => x.startsWith('CookiebotOn'))) assert.ok(e in events, `the snippet listens to ${e}, not declared`);
    for (const m of code.matchAll(/\bcb\.(\w+)/g)) assert.ok(m[1] in declared, `the snippet reads Cookiebot.${m[1]}, not declared`);
    for (const id of ['statistics', 'preferences', 'marketing', 'necessary']) assert.ok(id in declared.consent);
  });

  it('Didomi: @didomi/react 1.8.4 IDidomiObject', async () => {
    const file = source('@didomi/react/lib/index.d.ts');
    const declared = members(find(file, (n) => ts.isInterfaceDeclaration(n) && n.name.text === 'IDidomiObject'));
    assert.equal(declared.getUserStatus, 'method', 'the type definitions were read');
    // Members the model has that the types do not declare (IDidomiObject also has an index
    // signature, so the types accept them), each from Didomi's documentation:
    const documentedElsewhere = {
      getCurrentUserStatus: 'https://developers.didomi.io/cmp/web-sdk/reference/api (the current user status API)',
    };
    const { page, context } = await modelPage('didomi');
    const model = await shapeIn(page, 'Didomi');
    await context.close();
    for (const [name, kind] of Object.entries(model)) {
      if (documentedElsewhere[name]) continue;
      assert.ok(name in declared, `the model exposes Didomi.${name}, which IDidomiObject does not declare`);
      const want = typeof declared[name] === 'object' ? 'property' : declared[name];
      assert.equal(typeof kind === 'object' ? 'property' : kind, want, `Didomi.${name} is a ${want} in the types`);
    }
    const code = snippet('didomi');
    for (const m of new Set([...code.matchAll(/\bD\.(\w+)/g)].map((x) => x[1]))) {
      assert.ok(m in declared || documentedElsewhere[m], `the snippet calls Didomi.${m}, neither declared nor documented`);
      assert.ok(m in model, `the snippet calls Didomi.${m}, which the model lacks`);
    }
  });

  it('Google Consent Mode: @types/gtag.js 0.0.20 ConsentParams', () => {
    const file = source('@types/gtag.js/index.d.ts');
    const declared = members(find(file, (n) => ts.isInterfaceDeclaration(n) && n.name.text === 'ConsentParams'));
    assert.ok('analytics_storage' in declared, 'the type definitions were read');
    // The test site's banner (preview/cmp/gcm-page.js) sends only declared consent types.
    const page = readFileSync(join(repo, 'preview/cmp/gcm-page.js'), 'utf8');
    const types = JSON.parse(page.match(/var TYPES = (\[[^\]]*\])/)[1].replace(/'/g, '"'));
    for (const t of types) assert.ok(t in declared, `gcm-page.js sends ${t}, not in ConsentParams`);
    // The snippet's consent commands carry only declared keys.
    const code = snippet('gcm');
    const keys = [...code.matchAll(/"(\w+_storage|ad_user_data|ad_personalization|wait_for_update)"/g)].map((m) => m[1]);
    assert.ok(keys.length > 0, 'the GCM snippet names consent types');
    for (const k of keys) assert.ok(k in declared, `the snippet uses ${k}, not in ConsentParams`);
  });
});
