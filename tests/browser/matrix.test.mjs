// The consent matrix shared by the browser proof and the app's preview (preview/matrix.mjs):
// which ids "accept mapped" accepts and which features it switches on, and the verdict on what a
// page shows, with the sentences the preview shows for a difference. No browser: the proof runs
// the same functions against real pages.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { STATES, classify, mappedCase, expectedOn, verdict } from '../../preview/matrix.mjs';
import { TARGETS } from '../../preview/targets.mjs';

// A catalog shaped like crates/core/data/catalog.json (the fields the matrix reads).
const item = (storage_type, name, is_pattern = false) => ({ storage_type, name, is_pattern });
const catalog = {
  core: { storage: [item('http_cookie', 'callpage-widget-version')] },
  features: [
    { id: 'trace_route', default_category: 'analytics', storage: [item('http_cookie', 'cp_tr_', true), item('session_storage', 'callpage_trace_route')] },
    { id: 'scoring_rules', default_category: 'analytics', storage: [item('http_cookie', 'cp_visitor_id'), item('local_storage', 'callpage_scoring')] },
    { id: 'data_memorization', default_category: 'analytics', storage: [item('local_storage', 'callpage_form_data')] },
  ],
};
const ALL = catalog.features.map((f) => f.id);
const analytics = Object.fromEntries(ALL.map((id) => [id, 'analytics']));
const STORAGE = {
  trace_route: [{ type: 'http_cookie', name: 'cp_tr_1a2b' }, { type: 'session_storage', name: 'callpage_trace_route' }],
  scoring_rules: [{ type: 'http_cookie', name: 'cp_visitor_id' }, { type: 'local_storage', name: 'callpage_scoring' }],
  data_memorization: [{ type: 'local_storage', name: 'callpage_form_data' }],
};
const storageOf = (...ids) => ids.flatMap((id) => STORAGE[id]);
const widget = (...on) => Object.fromEntries(ALL.map((id) => [id, on.includes(id)]));
// The core's and the CMP's own storage may always be there.
const always = [{ type: 'http_cookie', name: 'callpage-widget-version' }, { type: 'http_cookie', name: 'CookieConsent' }];

describe('matrix: mappedCase (what "accept mapped" accepts and switches on)', () => {
  it('every enabled feature on analytics: the target\'s mapped ids, every enabled feature on', () => {
    for (const id of ['klaro', 'cookiebot', 'tcf', 'usercentrics']) {
      const target = TARGETS[id];
      assert.deepEqual(mappedCase({ target, catalog, enabled: ALL, categories: analytics }), { ids: target.mapped, on: ALL });
      assert.deepEqual(mappedCase({ target, catalog, enabled: ['scoring_rules'], categories: analytics }), { ids: target.mapped, on: ['scoring_rules'] });
    }
    // Without categories, the catalog's default category counts.
    assert.deepEqual(mappedCase({ target: TARGETS.klaro, catalog, enabled: ALL }), { ids: ['callpage'], on: ALL });
  });

  it('features on several categories: the analytics ids (one service per category where the CMP has services), the analytics features on', () => {
    const categories = { ...analytics, data_memorization: 'functional' };
    assert.deepEqual(mappedCase({ target: TARGETS.klaro, catalog, enabled: ALL, categories }),
      { ids: ['callpage-analytics'], on: ['trace_route', 'scoring_rules'] });
    assert.deepEqual(mappedCase({ target: TARGETS.cookiebot, catalog, enabled: ALL, categories }),
      { ids: ['statistics'], on: ['trace_route', 'scoring_rules'] });
    // A feature that is not enabled does not go on, whatever its category.
    assert.deepEqual(mappedCase({ target: TARGETS.cookiebot, catalog, enabled: ['trace_route', 'data_memorization'], categories }),
      { ids: ['statistics'], on: ['trace_route'] });
  });

  it('TCF: Purpose 1 alone accepts functional, so the features on functional go on, for any mapping', () => {
    for (const id of ['tcf', 'tcf-gvl']) {
      const target = TARGETS[id];
      assert.deepEqual(target.mixed, { ids: [1], category: 'functional' });
      assert.deepEqual(mappedCase({ target, catalog, enabled: ALL, categories: { ...analytics, data_memorization: 'functional' } }),
        { ids: [1], on: ['data_memorization'] });
      assert.deepEqual(mappedCase({ target, catalog, enabled: ALL, categories: { ...analytics, trace_route: 'functional', scoring_rules: 'functional' } }),
        { ids: [1], on: ['trace_route', 'scoring_rules'] });
      // Mixed categories, but none functional: accepting Purpose 1 switches nothing on.
      assert.deepEqual(mappedCase({ target, catalog, enabled: ALL, categories: { ...analytics, trace_route: 'marketing' } }),
        { ids: [1], on: [] });
    }
  });
});

describe('matrix: expectedOn', () => {
  it('gives the features on after each of the five states', () => {
    const mapped = { ids: ['statistics'], on: ['trace_route'] };
    const enabled = ['trace_route', 'data_memorization'];
    assert.deepEqual(STATES, ['no decision', 'reject all', 'accept mapped', 'withdraw', 'accept all']);
    assert.deepEqual(STATES.map((s) => expectedOn(s, { enabled, mapped })), [[], [], ['trace_route'], [], enabled]);
    assert.throws(() => expectedOn('accept some', { enabled, mapped }), /unknown consent state/);
  });
});

describe('matrix: classify', () => {
  it('names the owner of a storage item: core, a feature (patterns by prefix), the CMP, or nobody', () => {
    const target = TARGETS.cookiebot;
    assert.equal(classify(catalog, target, 'http_cookie', 'callpage-widget-version').owner, 'core');
    assert.equal(classify(catalog, target, 'http_cookie', 'cp_tr_1a2b').owner, 'trace_route');
    assert.equal(classify(catalog, target, 'http_cookie', 'cp_tr_'), null, 'a pattern needs a suffix');
    assert.equal(classify(catalog, target, 'local_storage', 'cp_visitor_id'), null, 'the storage type counts');
    assert.equal(classify(catalog, target, 'http_cookie', 'CookieConsent').owner, 'cmp');
    assert.equal(classify(catalog, TARGETS.klaro, 'http_cookie', 'CookieConsent'), null, 'another CMP\'s storage is nobody\'s');
  });
});

describe('matrix: verdict', () => {
  const base = { catalog, target: TARGETS.cookiebot, enabled: ALL, mappedOn: ALL };

  it('matches when the features and the storage are as the state says', () => {
    assert.deepEqual(verdict({ ...base, state: 'no decision', widgetFeatures: widget(), storage: always }), { matches: true, differences: [] });
    assert.deepEqual(verdict({ ...base, state: 'accept all', widgetFeatures: widget(...ALL), storage: [...always, ...storageOf(...ALL)] }),
      { matches: true, differences: [] });
    assert.deepEqual(verdict({ ...base, state: 'withdraw', widgetFeatures: widget(), storage: [] }), { matches: true, differences: [] });
  });

  it('names each feature that is on or off against the matrix', () => {
    const v = verdict({ ...base, state: 'reject all', widgetFeatures: widget('trace_route'), storage: always });
    assert.deepEqual(v, { matches: false, differences: ['trace_route is on, expected off'] });
    const w = verdict({ ...base, state: 'accept all', widgetFeatures: widget('trace_route', 'scoring_rules'), storage: [...always, ...storageOf('trace_route', 'scoring_rules')] });
    assert.equal(w.matches, false);
    assert.deepEqual(w.differences, ['data_memorization is off, expected on', 'local_storage "callpage_form_data" of data_memorization is missing']);
    assert.deepEqual(verdict({ ...base, state: 'no decision', widgetFeatures: null, storage: [] }).differences,
      ['the widget reports no features (it has not loaded)']);
  });

  it('names storage that must not be there, and storage that is missing', () => {
    const v = verdict({
      ...base, enabled: ['trace_route', 'scoring_rules'], state: 'withdraw', widgetFeatures: widget(),
      storage: [...always, { type: 'local_storage', name: 'callpage_scoring' }, ...storageOf('data_memorization'), { type: 'local_storage', name: 'foo' }],
    });
    assert.equal(v.matches, false);
    assert.deepEqual(v.differences, [
      'local_storage "callpage_scoring" of scoring_rules is present, but scoring_rules has no consent',
      'local_storage "callpage_form_data" of data_memorization is present, but data_memorization is not enabled',
      'something stored local_storage "foo", which is in neither the catalog nor the CMP\'s own storage',
    ]);
    const missing = verdict({ ...base, state: 'accept all', widgetFeatures: widget(...ALL), storage: [...storageOf('scoring_rules', 'data_memorization'), STORAGE.trace_route[1]] });
    assert.deepEqual(missing.differences, ['http_cookie "cp_tr_*" of trace_route is missing']);
  });

  it('TCF mixed: after accepting Purpose 1 only the functional feature is on, and only its storage may be there', () => {
    const target = TARGETS.tcf;
    const categories = { ...analytics, data_memorization: 'functional' };
    const { on: mappedOn } = mappedCase({ target, catalog, enabled: ALL, categories });
    const tcf = { catalog, target, enabled: ALL, mappedOn, state: 'accept mapped' };
    const own = [{ type: 'http_cookie', name: 'euconsent-v2' }];
    assert.deepEqual(verdict({ ...tcf, widgetFeatures: widget('data_memorization'), storage: [...own, ...storageOf('data_memorization')] }),
      { matches: true, differences: [] });
    // A snippet that switched on every feature on Purpose 1: a mismatch naming each of them.
    const wrong = verdict({ ...tcf, widgetFeatures: widget(...ALL), storage: [...own, ...storageOf(...ALL)] });
    assert.equal(wrong.matches, false);
    assert.deepEqual(wrong.differences, [
      'trace_route is on, expected off',
      'scoring_rules is on, expected off',
      'http_cookie "cp_tr_1a2b" of trace_route is present, but trace_route has no consent',
      'session_storage "callpage_trace_route" of trace_route is present, but trace_route has no consent',
      'http_cookie "cp_visitor_id" of scoring_rules is present, but scoring_rules has no consent',
      'local_storage "callpage_scoring" of scoring_rules is present, but scoring_rules has no consent',
    ]);
  });
});
