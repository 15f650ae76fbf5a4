// The consent matrix: which features must be on, and which storage may exist, after each of the
// five consent states, for one target and configuration. Shared by the browser proof
// (tests/browser) and the app's live preview, so that the proof's rule and the verdict the admin
// sees are one. An ES module without Node imports: a browser loads it as it is.
//
// catalog: crates/core/data/catalog.json ({core: {storage}, features: [{id, storage}]}, storage
//          items {storage_type, name, is_pattern}); target: an entry of targets.mjs (mapped,
//          mappedMixed, mixed, own); enabled: the feature ids the configuration switches on;
//          categories: {feature id: internal category} as the configuration maps them.

export const STATES = ['no decision', 'reject all', 'accept mapped', 'withdraw', 'accept all'];

// The category every feature maps to by default (the vendor's recommendation); a target's
// `mapped` ids are the CMP's ids for it.
const DEFAULT_CATEGORY = 'analytics';

function matches(item, type, name) {
  return item.storage_type === type && (item.is_pattern ? name.startsWith(item.name) && name.length > item.name.length : name === item.name);
}

// Which catalog entry (core or a feature) a storage item belongs to, or the CMP's own, or null:
// {owner: 'core' | <feature id>, item} | {owner: 'cmp'} | null.
export function classify(catalog, target, type, name) {
  for (const item of catalog.core.storage) if (matches(item, type, name)) return { owner: 'core', item };
  for (const f of catalog.features) {
    for (const item of f.storage) if (matches(item, type, name)) return { owner: f.id, item };
  }
  if (target.own.some((re) => re.test(name))) return { owner: 'cmp' };
  return null;
}

// "Accept mapped": the CMP ids the visitor accepts (`ids`) and the features that must then be
// on (`on`). With every enabled feature on the default category, the visitor accepts the
// target's ids for it and every enabled feature goes on. Otherwise the visitor accepts one
// category's ids: the analytics ids for features split over categories (`mappedMixed`, where a
// per-service CMP has one service per category), or, where accepting analytics alone is not how
// the CMP works, the target's `mixed` {ids, category} (TCF: Purpose 1 alone accepts what the
// snippet maps to functional); exactly the enabled features of that category go on.
export function mappedCase({ target, catalog, enabled, categories }) {
  const categoryOf = (id) => categories?.[id] ?? catalog.features.find((f) => f.id === id)?.default_category;
  if (enabled.every((id) => categoryOf(id) === DEFAULT_CATEGORY)) return { ids: target.mapped, on: [...enabled] };
  const ids = target.mixed?.ids ?? target.mappedMixed ?? target.mapped;
  const category = target.mixed?.category ?? DEFAULT_CATEGORY;
  return { ids, on: enabled.filter((id) => categoryOf(id) === category) };
}

// The features that must be on after `state`; mapped: mappedCase's answer.
export function expectedOn(state, { enabled, mapped }) {
  switch (state) {
    case 'no decision':
    case 'reject all':
    case 'withdraw':
      return [];
    case 'accept mapped':
      return [...mapped.on];
    case 'accept all':
      return [...enabled];
    default:
      throw new Error(`unknown consent state: ${state}`);
  }
}

// Whether what the page shows now matches the matrix for `state`: widgetFeatures {feature id:
// on?} as the widget reports them, storage [{type, name}] present now (cookies, localStorage,
// sessionStorage). Pure: the caller reads the page. differences name the feature and the storage
// item, one sentence each. A feature that is on must have written all its catalog storage, so
// the widget must have been used once (Data Memorization writes after a call request).
export function verdict({ catalog, target, state, enabled, mappedOn, widgetFeatures, storage }) {
  const on = expectedOn(state, { enabled, mapped: { on: mappedOn } });
  const differences = [];
  if (!widgetFeatures) {
    differences.push('the widget reports no features (it has not loaded)');
  } else {
    for (const { id } of catalog.features) {
      const want = on.includes(id);
      const got = !!widgetFeatures[id];
      if (got !== want) differences.push(`${id} is ${got ? 'on' : 'off'}, expected ${want ? 'on' : 'off'}`);
    }
  }
  const found = {};
  for (const { type, name } of storage) {
    const c = classify(catalog, target, type, name);
    if (!c) {
      differences.push(`something stored ${type} "${name}", which is in neither the catalog nor the CMP's own storage`);
    } else if (c.owner !== 'core' && c.owner !== 'cmp') {
      if (on.includes(c.owner)) (found[c.owner] ||= new Set()).add(c.item.name);
      else differences.push(`${type} "${name}" of ${c.owner} is present, but ${c.owner} ${enabled.includes(c.owner) ? 'has no consent' : 'is not enabled'}`);
    }
  }
  for (const id of on) {
    const f = catalog.features.find((x) => x.id === id);
    for (const item of f ? f.storage : []) {
      if (!found[id]?.has(item.name)) differences.push(`${item.storage_type} "${item.name}${item.is_pattern ? '*' : ''}" of ${id} is missing`);
    }
  }
  return { matches: differences.length === 0, differences };
}
