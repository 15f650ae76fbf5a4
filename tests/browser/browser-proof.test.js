// The browser proof: every generated CMP snippet, on a real page in headless Chromium, against
// the real CMP code where it runs offline (Klaro, CookieConsent, tarteaucitron, the IAB TCF CMP
// API), the page's own gtag for Google Consent Mode, and documented-API fakes of the
// proprietary CMPs; the matrix of issue 6 for every target x feature set.
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
import { runCase, STATES } from './lib/proof.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const catalogPath = join(repo, 'crates/core/data/catalog.json');
const catalog = JSON.parse(readFileSync(catalogPath, 'utf8'));
const cli = process.env.COOKIE_ADMIN_CLI || join(repo, 'target/debug/cookie-admin-cli');
const resultsPath = process.env.PROOF_RESULTS || join(repo, 'tests/output/browser-proof.json');
const only = process.env.PROOF_ONLY ? process.env.PROOF_ONLY.split(',') : null;
const concurrency = Number(process.env.PROOF_CONCURRENCY || 6);

// Feature sets: each feature alone and all three (ids from the catalog), on the default mapping
// (analytics); and "mixed": all three with Data Memorization mapped to functional, where
// "accept mapped" accepts the analytics target only (a target can say otherwise in `mixed`), so
// one enabled feature must stay off and its storage must never appear.
const ALL = catalog.features.map((f) => f.id);
const ALL_SETS = [
  ...ALL.map((id) => ({ name: id, features: [id] })),
  { name: 'all three', features: ALL },
  { name: 'mixed', features: ALL, categories: { data_memorization: 'functional' } },
];
const setName = (set) => set.name;
const FEATURE_SETS = ALL_SETS.filter((set) => !process.env.PROOF_SETS || process.env.PROOF_SETS.split(',').includes(set.name));
const targets = Object.values(TARGETS).filter((t) => !only || only.includes(t.id));

// Snippets: generated with the CLI at start, into a temp dir, the widget script pointed at the
// emulator this server serves.
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
    cmp_settings: { embed_url: '/widget/callpage.js' },
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
const mutate = process.env.PROOF_MUTATE ? JSON.parse(process.env.PROOF_MUTATE) : null;

let server;
let browser;
const started = Date.now();
const summary = {};
const selfChecks = [];

let profile;

before(async () => {
  server = await startServer({ root: here, catalogPath });
  profile = mkdtempSync(join(tmpdir(), 'browser-proof-profile-'));
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    // Playwright gives every launch a new empty --user-data-dir of its own (it refuses the flag
    // in args); `profile` is its temp folder's parent.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    env: { ...process.env, TMPDIR: profile },
  });
});

after(async () => {
  const chromiumVersion = browser ? browser.version() : null;
  if (browser) await browser.close();
  if (server) await server.close();
  rmSync(work, { recursive: true, force: true });
  if (profile) rmSync(profile, { recursive: true, force: true });
  const seconds = Math.round((Date.now() - started) / 1000);
  const rows = Object.entries(summary);
  // A target (a CLI target id) is proven when every row of it (variants included) passed
  // every state for every feature set.
  const passed = (r) => Object.values(r.sets).every((s) => STATES.every((st) => s[st] && s[st].pass));
  const ids = [...new Set(rows.map(([, r]) => r.snippet))];
  const proven = ids.filter((id) => rows.filter(([, r]) => r.snippet === id).every(([, r]) => passed(r)));
  const header = ['target'.padEnd(16), 'kind'.padEnd(5), ...STATES.map((s) => s.padEnd(14))].join(' ');
  const lines = [header];
  for (const [id, r] of rows) {
    const cells = STATES.map((st) => {
      const n = Object.values(r.sets).filter((s) => s[st] && s[st].pass).length;
      const total = Object.keys(r.sets).length;
      return `${n === total ? 'pass' : 'FAIL'} ${n}/${total}`.padEnd(14);
    });
    lines.push([id.padEnd(16), r.kind.padEnd(5), ...cells].join(' '));
  }
  lines.push(`${proven.length} of ${ids.length} targets proven (${rows.length} rows with variants, ${seconds} s)`);
  console.log(`\nBrowser proof (target x state; passes over the ${FEATURE_SETS.length} feature sets)\n${lines.join('\n')}`);
  mkdirSync(dirname(resultsPath), { recursive: true });
  writeFileSync(resultsPath, JSON.stringify({
    generated: new Date().toISOString(),
    seconds,
    chromium: chromiumVersion,
    proven: proven.length,
    targets: ids.length,
    provenTargets: proven,
    states: STATES,
    featureSets: FEATURE_SETS.map(setName),
    results: summary,
    selfChecks,
  }, null, 2) + '\n');
});

describe('browser proof: every snippet in headless Chromium', { concurrency }, () => {
  for (const target of targets) {
    for (const set of FEATURE_SETS) {
      it(`${target.label} · ${setName(set)}`, async () => {
        const file = target.config ? target.id : target.snippet;
        let snippet = readFileSync(join(snippets[setName(set)], `${file}.html`), 'utf8');
        if (mutate && (mutate.cmp === target.id || mutate.cmp === target.snippet)) snippet = snippet.split(mutate.from).join(mutate.to);
        const key = `${target.id}--${setName(set).replace(/ /g, '-')}`;
        server.setCase(key, { before: target.before, snippet, after: target.after });
        const mixed = set.categories ? (target.mixed || { on: ALL.filter((id) => !set.categories[id]) }) : null;
        const categories = Object.fromEntries(catalog.features.map((f) => [f.id, (set.categories && set.categories[f.id]) || f.default_category]));
        const heldBack = /<script[^>]*\stype="(text\/plain|didomi\/javascript)"/.test(snippet);
        const results = await runCase({
          browser, origin: server.origin, key, target, catalog, enabled: set.features, categories, heldBack,
          mappedOn: mixed ? mixed.on : set.features,
          mappedIds: mixed && mixed.ids ? mixed.ids : mixed && target.mappedMixed ? target.mappedMixed : target.mapped,
        });
        const entry = (summary[target.id] ||= { snippet: target.snippet, kind: target.kind, label: target.label, sets: {} });
        entry.sets[setName(set)] = results;
        const failed = STATES.filter((s) => !results[s].pass).map((s) => `${s}: ${results[s].error}`);
        assert.deepEqual(failed, [], `${target.label} with ${setName(set)}`);
        assert.deepEqual(results.pageErrors, [], 'no script error on the page');
      });
    }
  }
});

// The suite must be able to fail: two snippets broken on purpose must be caught.
describe('self-check: a deliberately broken snippet fails the matrix', { concurrency }, () => {
  const cases = [
    { name: 'Cookiebot snippet with the wrong category id (preferences for statistics)', cmp: 'cookiebot', from: 'statistics', to: 'preferences', state: 'accept mapped' },
    { name: 'Klaro snippet whose bridge never removes storage', cmp: 'klaro', from: 'if (answered) {', to: 'if (false) {', state: 'withdraw' },
  ];
  for (const c of cases) {
    if (only && !only.includes(c.cmp)) continue;
    it(c.name, async () => {
      const set = ALL_SETS.find((x) => x.name === 'all three');
      const original = readFileSync(join(snippets[setName(set)], `${c.cmp}.html`), 'utf8');
      const broken = original.split(c.from).join(c.to);
      assert.notEqual(broken, original, 'the mutation applies');
      const key = `selfcheck--${c.cmp}`;
      server.setCase(key, { before: TARGETS[c.cmp].before, snippet: broken, after: TARGETS[c.cmp].after });
      const categories = Object.fromEntries(catalog.features.map((f) => [f.id, f.default_category]));
      const results = await runCase({ browser, origin: server.origin, key, target: TARGETS[c.cmp], catalog, enabled: set.features, mappedOn: set.features, mappedIds: TARGETS[c.cmp].mapped, categories, heldBack: true });
      selfChecks.push({ name: c.name, state: c.state, caught: !results[c.state].pass, error: results[c.state].error || null });
      assert.equal(results[c.state].pass, false, `the broken snippet must fail "${c.state}"`);
    });
  }
});
