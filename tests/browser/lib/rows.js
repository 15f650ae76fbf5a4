// The proof's rows (target x blocking mode x loading timing), the self-checks' edits of a
// snippet and of a site, and the summary the results file and the console table give.
import { STATES } from '../../../preview/matrix.mjs';

// Every row of a target: its vendor-default mode at its first timing runs every feature set
// (the main row); every other mode and timing runs "all three" (the features' categories are
// proven by the main row; these rows prove the loading and blocking behaviour).
export function rows(targets, featureSets) {
  const out = [];
  for (const t of targets) {
    const modes = [t.defaultMode, ...Object.keys(t.timings).filter((m) => m !== t.defaultMode)];
    for (const mode of modes) {
      (t.timings[mode] || []).forEach((timing, i) => {
        const main = mode === t.defaultMode && i === 0;
        const sets = main ? featureSets : featureSets.filter((s) => s.name === 'all three');
        if (!sets.length) return;
        const name = main ? t.id : `${t.id} · blocking ${mode} · ${timing}`;
        out.push({ target: t, mode, timing, sets, name, key: name.replace(/[^a-z0-9-]+/gi, '-') });
      });
    }
  }
  return out;
}

// The documented exemption each target's snippet must carry for automatic blocking
// (docs/auto-blocking.md §3): attributes (in the HTML and in setAttribute calls) and
// page-level settings (a global set before the CMP). stripExemption removes them, as a site
// would have the snippet without them.
export const EXEMPTIONS = {
  cookiebot: { attributes: [['data-cookieconsent', 'ignore']] },
  onetrust: { attributes: [['data-ot-ignore', null], ['class', 'optanon-category-C0001']] },
  termly: { attributes: [['data-categories', 'essential']], globals: ['TERMLY_CUSTOM_BLOCKING_MAP'] },
  iubenda: { attributes: [['class', '_iub_cs_skip']], globals: ['cmp_block_ignoredomains'] },
  consentmanager: { attributes: [['data-cmp-ab', '1']], globals: ['cmp_block_ignoredomains'] },
  complianz: { attributes: [['data-category', 'functional']] },
  borlabs: { attributes: [['data-borlabs-cookie-script-blocker-ignore', null]] },
};

const re = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function stripExemption(cmp, snippet) {
  let out = snippet;
  for (const [name, value] of EXEMPTIONS[cmp].attributes) {
    const v = value === null ? '(?:=(?:"[^"]*"|\'[^\']*\'))?' : `=["']${re(value)}["']`;
    // <script ... name="value">
    out = out.replace(new RegExp(`\\s${re(name)}${v}(?=[\\s>/])`, 'g'), '');
    // x.setAttribute("name", "value"); (any value when value is null)
    const jsValue = value === null ? '["\'][^"\']*["\']' : `["']${re(value)}["']`;
    out = out.replace(new RegExp(`[\\w$.]+\\.setAttribute\\(\\s*["']${re(name)}["']\\s*,\\s*${jsValue}\\s*\\);?`, 'g'), '');
    // x.setAttributeNode(d.createAttribute("name")); (OneTrust's documented form)
    out = out.replace(new RegExp(`[\\w$.]+\\.setAttributeNode\\(\\s*[\\w$.]+\\.createAttribute\\(\\s*["']${re(name)}["']\\s*\\)\\s*\\);?`, 'g'), '');
  }
  for (const g of EXEMPTIONS[cmp].globals || []) {
    // A statement assigning the global: window.NAME = ...; (up to the end of its line)
    out = out.replace(new RegExp(`(?:window|w)\\.${re(g)}\\s*=[^\\n]*`, 'g'), '');
  }
  return out;
}

// Sites set up against the snippet's instructions, where the exemption is a dashboard step: the
// model must then block the widget (self-check that the model's blocker bites).
export const MISCONFIGURED = {
  usercentrics: {
    what: 'the DPS Scanner finding for the widget mapped to the CallPage service (the instructions say Ignore)',
    site: { nodes: [{ serviceNames: ['CallPage'], src: 'cdn-widget.callpage.io' }] },
  },
  cookieyes: {
    what: 'a CallPage script URL pattern registered under Analytics (the instructions say not to)',
    site: { providers: [{ re: 'cdn-widget.callpage.io/build/js/callpage.js', categories: ['analytics'] }] },
  },
  osano: {
    what: 'Strict mode without the Essential rule for cdn-widget.callpage.io (the instructions ask for it)',
    site: { mode: 'strict', rules: [] },
  },
  cookiefirst: {
    what: 'CallPage added in the Scripts tab with autoblock (the instructions say not to)',
    site: { scripts: [{ match: 'cdn-widget.callpage.io', category: 'performance' }] },
  },
  'usercentrics-v2': {
    what: 'a Smart Data Protector that knew the widget (it does not: CallPage is no predefined template)',
    site: { sdp: [{ host: 'cdn-widget.callpage.io', name: 'CallPage' }] },
  },
};

// Per row and state: passes over the row's feature sets. Per target: which rows (mode, timing)
// passed, and the kind of proof. A target is proven when every one of its rows passed every
// state; the counts keep real code, documented models and the page's own API apart.
export function summarize(summary, TARGETS) {
  // A feature set passes when every state passed and no script error happened on the page.
  const setPassed = (s) => STATES.every((st) => s[st] && s[st].pass) && !(s.pageErrors && s.pageErrors.length);
  const passed = (r) => Object.values(r.sets).every(setPassed);
  const header = ['row'.padEnd(40), 'kind'.padEnd(5), ...STATES.map((s) => s.padEnd(14)), 'script errors'].join(' ');
  const lines = [header];
  for (const [name, r] of Object.entries(summary)) {
    const cells = STATES.map((st) => {
      const n = Object.values(r.sets).filter((s) => s[st] && s[st].pass).length;
      const total = Object.keys(r.sets).length;
      return `${n === total ? 'pass' : 'FAIL'} ${n}/${total}`.padEnd(14);
    });
    const errors = Object.values(r.sets).filter((s) => s.pageErrors && s.pageErrors.length).length;
    lines.push([name.padEnd(40), r.kind.padEnd(5), ...cells, errors ? `FAIL in ${errors}` : 'none'].join(' '));
  }
  // Per CLI target (variants fold into their snippet's target).
  const byTarget = {};
  for (const [name, r] of Object.entries(summary)) {
    const t = TARGETS[r.target];
    const entry = (byTarget[r.snippet] ||= { kind: t.kind, code: [], sources: [], rows: {}, proven: true });
    if (!entry.code.includes(t.code)) entry.code.push(t.code);
    for (const s of t.sources || []) if (!entry.sources.includes(s)) entry.sources.push(s);
    entry.rows[name] = { target: r.target, mode: r.mode, timing: r.timing, sets: Object.keys(r.sets), pass: passed(r) };
    entry.proven = entry.proven && passed(r);
  }
  const ids = Object.keys(byTarget);
  const of = (kind) => ids.filter((id) => byTarget[id].kind === kind);
  const provenOf = (kind) => of(kind).filter((id) => byTarget[id].proven);
  const counts = {
    proven: ids.filter((id) => byTarget[id].proven).length,
    targetCount: ids.length,
    provenRealCode: provenOf('real'),
    realCodeTargets: of('real'),
    provenDocumentedModel: provenOf('model'),
    documentedModelTargets: of('model'),
    provenPageApi: provenOf('page'),
    pageApiTargets: of('page'),
    provenBlockingOn: ids.filter((id) => Object.values(byTarget[id].rows).some((r) => r.mode === 'on') &&
      Object.values(byTarget[id].rows).filter((r) => r.mode === 'on').every((r) => r.pass)),
    blockingOnTargets: ids.filter((id) => Object.values(byTarget[id].rows).some((r) => r.mode === 'on')),
  };
  lines.push(`${counts.proven} of ${counts.targetCount} targets proven (${Object.keys(summary).length} rows): ` +
    `${counts.provenRealCode.length} of ${counts.realCodeTargets.length} against the CMP's real code, ` +
    `${counts.provenDocumentedModel.length} of ${counts.documentedModelTargets.length} against a documented model, ` +
    `${counts.provenPageApi.length} of ${counts.pageApiTargets.length} against the page's own API (Consent Mode); ` +
    `automatic blocking on: ${counts.provenBlockingOn.length} of ${counts.blockingOnTargets.length}`);
  return { lines, counts, byTarget };
}
