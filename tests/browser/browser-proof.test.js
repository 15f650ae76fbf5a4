// The browser proof: every generated CMP snippet, on a real page in headless Chromium, against
// the CMP's real code where it can be had (Klaro, CookieConsent, tarteaucitron, the IAB TCF CMP
// API, Complianz's banner script), the page's own gtag for Google Consent Mode, and documented
// models of the other CMPs (preview/models); the matrix of issue 6 for every row: target x
// blocking mode (automatic blocking off / on) x loading timing (the CMP's code early / late).
//
// Env: COOKIE_ADMIN_CLI (default <repo>/target/debug/cookie-admin-cli), CHROMIUM (default
// /usr/bin/chromium), PROOF_ONLY=cmp[,cmp] to run some targets, PROOF_SETS=trace_route,...,'all three' for some
// feature sets, PROOF_MUTATE='{"cmp":ID,"from":TEXT,"to":TEXT}' to break one snippet on purpose, PROOF_CONCURRENCY (default 6: the cases mostly wait),
// PROOF_RESULTS (default <repo>/tests/output/browser-proof.json).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from './lib/server.js';
import { TARGETS } from './lib/targets.js';
import { runCase } from './lib/proof.js';
import { STATES, mappedCase } from '../../preview/matrix.mjs';
import { startWidgetHost } from './lib/widget-host.js';
import { WIDGET_URL } from '../../preview/page.mjs';
import { rows, stripExemption, EXEMPTIONS, MISCONFIGURED, summarize } from './lib/rows.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const previewRoot = join(repo, 'preview');
const catalogPath = join(repo, 'crates/core/data/catalog.json');
const catalog = JSON.parse(readFileSync(catalogPath, 'utf8'));
const cli = process.env.COOKIE_ADMIN_CLI || join(repo, 'target/debug/cookie-admin-cli');
const resultsPath = process.env.PROOF_RESULTS || join(repo, 'tests/output/browser-proof.json');
const only = process.env.PROOF_ONLY ? process.env.PROOF_ONLY.split(',') : null;
const concurrency = Number(process.env.PROOF_CONCURRENCY || 6);
const widget = { url: WIDGET_URL, file: join(previewRoot, 'widget-emulator.js') };

// Feature sets: each feature alone and all three (ids from the catalog), on the default mapping
// (analytics); and "mixed": all three with Data Memorization mapped to functional, where
// "accept mapped" accepts the analytics category only (a target can say otherwise in `mixed`:
// preview/matrix.mjs mappedCase), so one enabled feature must stay off and its storage must
// never appear.
const ALL = catalog.features.map((f) => f.id);
const ALL_SETS = [
  ...ALL.map((id) => ({ name: id, features: [id] })),
  { name: 'all three', features: ALL },
  { name: 'mixed', features: ALL, categories: { data_memorization: 'functional' } },
];
const setName = (set) => set.name;
const FEATURE_SETS = ALL_SETS.filter((set) => !process.env.PROOF_SETS || process.env.PROOF_SETS.split(',').includes(set.name));
const targets = Object.values(TARGETS).filter((t) => !only || only.includes(t.id));

// Snippets: generated with the CLI at start, into a temp dir; the widget URL is the real CDN
// URL the generator writes, which resolves to the local widget host serving the emulator.
const work = mkdtempSync(join(tmpdir(), 'browser-proof-'));
assert.ok(existsSync(cli), `the CLI binary is missing: ${cli} (cargo build -p cookie-admin-cli, or set COOKIE_ADMIN_CLI)`);
const snippets = {};
for (const set of ALL_SETS) {
  const dir = join(work, setName(set).replace(/ /g, '-'));
  const config = join(work, `${setName(set).replace(/ /g, '-')}.json`);
  writeFileSync(config, JSON.stringify({
    schema_version: 1,
    account: { id: 'proof-account', name: 'Browser proof' },
    features: set.features,
    ...(set.categories ? { categories: set.categories } : {}),
  }));
  execFileSync(cli, ['snippet', '--config', config, '--all', '--out-dir', dir], { stdio: 'pipe' });
  snippets[setName(set)] = dir;
  // Variants: the same target's snippet from a configuration with more settings.
  for (const t of Object.values(TARGETS).filter((x) => x.config)) {
    const variant = join(work, `${setName(set).replace(/ /g, '-')}-${t.id}.json`);
    writeFileSync(variant, JSON.stringify({ ...JSON.parse(readFileSync(config, 'utf8')), ...t.config }));
    const html = execFileSync(cli, ['snippet', '--config', variant, '--cmp', t.snippet], { encoding: 'utf8' });
    writeFileSync(join(dir, `${t.id}.html`), html);
  }
}
const snippetOf = (target, set) => readFileSync(join(snippets[setName(set)], `${target.config ? target.id : target.snippet}.html`), 'utf8');
const mutate = process.env.PROOF_MUTATE ? JSON.parse(process.env.PROOF_MUTATE) : null;

let server;
let widgetHost;
let browser;
const started = Date.now();
const summary = {};
const selfChecks = [];

let profile;

before(async () => {
  server = await startServer({ previewRoot, catalogPath });
  widgetHost = await startWidgetHost(widget);
  profile = mkdtempSync(join(tmpdir(), 'browser-proof-profile-'));
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    // Playwright gives every launch a new empty --user-data-dir of its own (it refuses the flag
    // in args); `profile` is its temp folder's parent.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
      `--host-resolver-rules=${widgetHost.hostResolverRule}`],
    env: { ...process.env, TMPDIR: profile },
  });
});

after(async () => {
  const chromiumVersion = browser ? browser.version() : null;
  if (browser) await browser.close();
  if (server) await server.close();
  if (widgetHost) await widgetHost.close();
  rmSync(work, { recursive: true, force: true });
  if (profile) rmSync(profile, { recursive: true, force: true });
  const seconds = Math.round((Date.now() - started) / 1000);
  const { lines, counts, byTarget } = summarize(summary, TARGETS);
  lines.push(`${seconds} s`);
  console.log(`\nBrowser proof (row x state; passes over the row's feature sets)\n${lines.join('\n')}`);
  mkdirSync(dirname(resultsPath), { recursive: true });
  writeFileSync(resultsPath, JSON.stringify({
    generated: new Date().toISOString(),
    seconds,
    chromium: chromiumVersion,
    ...counts,
    states: STATES,
    featureSets: FEATURE_SETS.map(setName),
    targets: byTarget,
    rows: summary,
    selfChecks,
  }, null, 2) + '\n');
});

function caseFor(row, set, snippet) {
  const { target, mode, timing } = row;
  const key = `${row.key}--${setName(set).replace(/ /g, '-')}`;
  server.setCase(key, { ...target.compose({ mode, timing }), snippet });
  const categories = Object.fromEntries(catalog.features.map((f) => [f.id, (set.categories && set.categories[f.id]) || f.default_category]));
  const heldBack = /<script[^>]*\stype="(text\/plain|didomi\/javascript)"/.test(snippet);
  const mapped = mappedCase({ target, catalog, enabled: set.features, categories });
  return {
    browser, origin: server.origin, key, target, catalog, enabled: set.features, categories, heldBack,
    mappedOn: mapped.on,
    mappedIds: mapped.ids,
  };
}

const KIND = { real: "the CMP's real code", model: 'documented model', page: "the page's own API" };

describe('browser proof: every snippet in headless Chromium', { concurrency }, () => {
  for (const row of rows(targets, FEATURE_SETS)) {
    for (const set of row.sets) {
      it(`${row.name} · ${setName(set)} [${KIND[row.target.kind]}]`, async () => {
        const { target } = row;
        let snippet = snippetOf(target, set);
        if (mutate && (mutate.cmp === target.id || mutate.cmp === target.snippet)) snippet = snippet.split(mutate.from).join(mutate.to);
        const results = await runCase(caseFor(row, set, snippet));
        const entry = (summary[row.name] ||= { target: target.id, snippet: target.snippet, kind: target.kind, mode: row.mode, timing: row.timing, code: target.code, sets: {} });
        entry.sets[setName(set)] = results;
        const failed = STATES.filter((s) => !results[s].pass).map((s) => `${s}: ${results[s].error}`);
        assert.deepEqual(failed, [], `${row.name} with ${setName(set)}`);
        assert.deepEqual(results.pageErrors, [], 'no script error on the page');
      });
    }
  }
});

// The suite must be able to fail: snippets broken on purpose, a snippet without its blocking
// exemption, and sites set up against the instructions must each be caught.
describe('self-check: what must fail does fail', { concurrency }, () => {
  const allThree = ALL_SETS.find((x) => x.name === 'all three');
  const cases = [
    { name: 'Cookiebot snippet with the wrong category id (preferences for statistics)', cmp: 'cookiebot', mode: 'off', state: 'accept mapped', edit: (s) => s.split('statistics').join('preferences') },
    { name: 'Klaro snippet whose bridge never removes storage', cmp: 'klaro', mode: 'off', state: 'withdraw', edit: (s) => s.split('if (answered) {').join('if (false) {') },
    // Auto-blocking on, the snippet without the vendor's exemption (stripped here): the widget
    // is blocked, so its core cannot work before consent.
    // A snippet that must go above the CMP (Termly, consentmanager) is out of the blocker's reach
    // there (the widget is inserted before the blocker exists), so its check pastes it below the
    // CMP, where only the element exemption protects the widget.
    ...Object.keys(EXEMPTIONS).map((cmp) => ({
      name: `${cmp}: the snippet without its blocking exemption, automatic blocking on${TARGETS[cmp].placement === 'before' ? ', pasted below the CMP' : ''}`,
      cmp, mode: 'on', state: 'no decision', edit: (s) => stripExemption(cmp, s), exemption: true,
      timing: TARGETS[cmp].placement === 'before' ? 'early' : undefined,
    })),
    // Auto-blocking on, the snippet as generated, the site set up against the instructions:
    // the model blocks the widget (proof that the model's blocker bites).
    ...Object.entries(MISCONFIGURED).map(([cmp, m]) => ({
      name: `${cmp}: ${m.what}, automatic blocking on`, cmp, mode: 'on', state: 'no decision', site: m.site,
    })),
  ];
  for (const c of cases) {
    if (only && !only.includes(c.cmp)) continue;
    it(c.name, async () => {
      const target = TARGETS[c.cmp];
      const original = snippetOf(target, allThree);
      const broken = c.edit ? c.edit(original) : original;
      if (c.edit) assert.notEqual(broken, original, c.exemption ? `the ${c.cmp} snippet carries no exemption to strip` : 'the mutation applies');
      const timing = c.timing || target.timings[c.mode][0];
      const row = { key: `selfcheck-${c.cmp}-${selfChecks.length}-${c.state.replace(/ /g, '-')}`, target, mode: c.mode, timing };
      const args = caseFor(row, allThree, broken);
      server.setCase(args.key, { ...target.compose({ mode: c.mode, timing, site: c.site }), snippet: broken });
      const results = await runCase({ ...args, heldBack: true, only: STATES.slice(0, STATES.indexOf(c.state) + 1) });
      selfChecks.push({ name: c.name, state: c.state, caught: !results[c.state].pass, error: results[c.state].error || null });
      assert.equal(results[c.state].pass, false, `must fail "${c.state}"`);
    });
  }
});
