// The 18 targets as the test site sets them up (one source for the browser proof and the app's
// preview): what the site has before and after the pasted snippet, per blocking MODE and loading
// TIMING; which CMP code runs (its real code, or a documented model and its sources); which
// consent the visitor gives for "accept the mapped category only" (the CMP's own id for the
// analytics category every feature maps to by default, written here from cmp-facts.md and the
// CMPs' documentation, not taken from the generator); and the storage the CMP itself keeps (so
// that anything else is known to be the widget's).
//
// kind:    'real'  the CMP's real code, vendored in preview/vendor (npm packages in vendor/npm);
//          'page'  Google Consent Mode: the page's own gtag/dataLayer, as Google documents it;
//          'model' a documented model (preview/models/<id>.js on models/harness.js).
// modes:   the blocking modes the row set covers: 'off' (no automatic blocking, or as our
//          instructions leave it) and 'on' (the vendor's automatic blocking, configured as the
//          snippet's instructions tell the admin); `defaultMode` is the vendor's default.
// timings: per mode, when the CMP's code runs: 'early' (before the snippet: a returning
//          visitor's stored consent is announced before the snippet subscribed), 'next' (right
//          after the snippet, synchronously: where the snippet must be pasted above the CMP) or
//          'late' (a stub or queue first where the vendor has one, the code itself only after
//          the page's load event). The first is the main row's (all feature sets); the others run on "all
//          three". Real CMPs run as their documentation embeds them: one fixed timing ('fixed').
// compose({mode, timing, site}) -> {before, after, body, rewrite}; `site` overrides the model's
//          dashboard configuration (the self-checks use it to misconfigure a site on purpose).
// snippet: the target whose snippet is used (variants), config: configuration fields for it.
// mappedMixed: the ids for the analytics category when features use several categories (per
// service / vendor CMPs then have one service per category); mixed: {ids, category} where
// accepting analytics alone is not how that CMP works: the ids the visitor accepts and the
// internal category they accept (the features on that category go on; matrix.mjs mappedCase).
import { WIDGET_URL } from './page.mjs';

const WIDGET_HOST = new URL(WIDGET_URL).hostname;
const HARNESS = '<script src="/preview/models/harness.js"></script>';
const model = (name) => `/preview/models/${name}.js`;
const attrs = (a) => Object.entries(a).map(([k, v]) => (v === '' ? k : `${k}="${v}"`)).join(' ');
const tag = (a) => `<script ${attrs(a)}></script>`;
// The site's configuration in the CMP's dashboard (what the real CMP downloads).
const site = (cfg) => `<script>window.__cmpModelSite = ${JSON.stringify(cfg)};</script>`;
// LATE: the CMP's script(s) after the page's load event (models/harness.js late()).
const late = (list) => `<script>window.__cmpModel.late(${JSON.stringify(list)});</script>`;

// A CMP whose code is one script: EARLY before the snippet, NEXT right after it (synchronously:
// the place of a snippet that must be pasted above the CMP), LATE after the load event with the
// vendor's stub first. `placement` 'after' (the snippet goes after the CMP) or 'before' (above
// it, as the instructions of Termly and consentmanager say); a self-check may put a 'before'
// snippet after the CMP (timing 'early') to show what the exemption is for.
function oneScript({ script, stub = '', config = () => ({}), blocker = null }) {
  return ({ mode, timing, site: override }) => {
    const cfg = { ...config(mode), ...(override || {}) };
    const head = HARNESS + '\n' + site(cfg);
    const blockerTag = mode === 'on' && blocker ? '\n' + tag(blocker(cfg)) : '';
    const main = script(mode);
    if (timing === 'early') return { before: `${head}${blockerTag}\n${tag(main)}`, after: '' };
    if (timing === 'next') return { before: `${head}${blockerTag}`, after: tag(main) };
    return { before: `${head}${blockerTag}${stub ? '\n' + stub : ''}`, after: late([{ ...main, async: '' }]) };
  };
}

const SOURCES = {
  cookiebot: ['https://www.cookiebot.com/en/developer/', 'https://support.cookiebot.com/hc/en-us/articles/4405978132242-Manual-Markup-Guide',
    'https://support.cookiebot.com/hc/en-us/articles/11438730619804-How-does-auto-blocking-work', 'https://support.cookiebot.com/hc/en-us/articles/360009074960-Automatic-cookie-blocking',
    'https://support.cookiebot.com/hc/en-us/articles/360021304979-Blocking-cookies', '@types/cookiebot-sdk 2.43.5'],
  onetrust: ['https://developer.onetrust.com/onetrust/docs/javascript-events-guide', 'https://my.onetrust.com/articles/en_US/Knowledge/UUID-518074a1-a6da-81c3-be52-bae7685d9c94',
    'https://my.onetrust.com/articles/en_US/Knowledge/UUID-c5122557-2070-65cb-2612-f2752c0cc4aa', 'https://my.onetrust.com/articles/en_US/Knowledge/UUID-cdb2fcad-1640-fdbd-e432-73c5536f0bbd'],
  usercentrics: ['https://usercentrics.com/beta-docs/consent-status', 'https://support.usercentrics.com/hc/en-us/articles/18656524460700-Manually-blocking-services-prior-consent',
    'https://support.usercentrics.com/hc/en-us/articles/17337159049244-Auto-blocking-in-detail', 'https://support.usercentrics.com/hc/en-us/articles/18202425972252-Mapping-unknown-services-to-a-Data-Processing-Service'],
  'usercentrics-v2': ['https://usercentrics.com/docs/web/features/v2/events_v2/events_v2/', 'https://support.usercentrics.com/hc/en-us/articles/18656524460700-Manually-blocking-services-prior-consent',
    'Usercentrics developer docs: Smart Data Protector (docs.usercentrics.com/#/smart-data-protector)'],
  didomi: ['https://developers.didomi.io/cmp/web-sdk/reference/api', 'https://developers.didomi.io/cmp/web-sdk/reference/events',
    'https://developers.didomi.io/cmp/web-sdk/third-parties/custom-integrations/no-tag-manager', '@didomi/react 1.8.4 (IDidomiObject)'],
  cookieyes: ['https://www.cookieyes.com/documentation/retrieving-consent-data-using-api-getckyconsent/', 'https://www.cookieyes.com/documentation/events-on-cookie-banner-load/',
    'https://www.cookieyes.com/documentation/implement-prior-consent-using-cookieyes/', 'CookieYes WordPress plugin front-end script, "Script blocker Version 2" (docs/auto-blocking.md §2.8)'],
  iubenda: ['https://www.iubenda.com/en/help/1205-cookie-solution-configuration', 'https://www.iubenda.com/en/help/1229-manual-tagging-blocking-cookies',
    'https://www.iubenda.com/en/help/133036-prior-blocking-of-cookies-automatic-blocking-auto-blocking', 'https://iubenda.com/en/help/posts/1205'],
  termly: ['https://support.termly.io/en/articles/9674733-getting-consent-state-and-handling-consent-changes-with-termly', 'https://support.termly.io/en/articles/7904653-how-does-auto-blocker-work',
    'https://help.termly.io/support/solutions/articles/69000308104-how-can-i-define-a-custom-blocking-map-', 'https://support.termly.io/hc/en-us/articles/32848083153169'],
  cookiefirst: ['https://support.cookiefirst.com/hc/en-us/articles/360011568738-Cookie-Banner-Public-API-documentation', 'https://support.cookiefirst.com/hc/en-us/articles/5348470054289-How-does-the-autoblock-feature-work'],
  osano: ['https://docs.osano.com/article/19-developer-documentation', 'https://developers.osano.com/cmp/javascript-api/developer-documentation-consent-javascript-api',
    'https://docs.osano.com/compliance-modes-listener-permissive-strict', 'https://docs.osano.com/hc/en-us/articles/22472145627540-Classification-Rules'],
  axeptio: ['https://developers.axeptio.eu/v/english/cookies/axeptio-javascript-sdk', 'https://developers.axeptio.eu/cookies/axeptio-javascript-sdk/listen-to-sdk-events',
    'https://support.axeptio.eu/hc/en-gb/articles/4402942218769'],
  consentmanager: ['https://help.consentmanager.net/books/cmp/page/javascript-api', 'https://help.consentmanager.net/books/cmp/page/cmp-events',
    'https://help.consentmanager.net/books/cmp/page/how-to-block-third-party-codes-cookies-if-no-consent-is-given', 'https://help.consentmanager.net/books/cmp/page/automatic-blocking-of-codes-and-cookies'],
  borlabs: ['third-party code using BorlabsCookie.Consents (cmp-facts.md §2.17)', 'https://consentchecker.eu/en/kb/borlabs', 'Borlabs ScriptBlockerManager copies (docs/auto-blocking.md §2.13)'],
};

const modelTarget = (id, extra) => ({
  kind: 'model',
  code: `documented model of ${extra.vendor || id} (preview/models/${extra.file || id}.js)`,
  sources: SOURCES[id],
  defaultMode: 'off',
  ...extra,
});

// The site's own analytics script, which blockers know (a Google Analytics tag).
const GA = 'www.google-analytics.com';

const COMPLIANZ_BANNER = `<div id="cmplz-cookiebanner-container"><div class="cmplz-cookiebanner cmplz-hidden banner-1 optin cmplz-bottom cmplz-categories-type-view-preferences" aria-modal="true" data-nosnippet="true" role="dialog">
<div class="cmplz-header"><div class="cmplz-title">Manage Cookie Consent</div><div class="cmplz-close" tabindex="0" role="button" aria-label="Close dialog">x</div></div>
<div class="cmplz-body"><div class="cmplz-message">We use cookies.</div><div class="cmplz-categories">
<details class="cmplz-category cmplz-functional"><summary><span class="cmplz-category-title">Functional</span><input type="checkbox" id="cmplz-functional-optin" data-category="cmplz_functional" class="cmplz-consent-checkbox cmplz-functional" value="1"></summary></details>
<details class="cmplz-category cmplz-preferences"><summary><span class="cmplz-category-title">Preferences</span><input type="checkbox" id="cmplz-preferences-optin" data-category="cmplz_preferences" class="cmplz-consent-checkbox cmplz-preferences" value="1"></summary></details>
<details class="cmplz-category cmplz-statistics"><summary><span class="cmplz-category-title">Statistics</span><input type="checkbox" id="cmplz-statistics-optin" data-category="cmplz_statistics" class="cmplz-consent-checkbox cmplz-statistics" value="1"></summary></details>
<details class="cmplz-category cmplz-marketing"><summary><span class="cmplz-category-title">Marketing</span><input type="checkbox" id="cmplz-marketing-optin" data-category="cmplz_marketing" class="cmplz-consent-checkbox cmplz-marketing" value="1"></summary></details>
</div></div>
<div class="cmplz-buttons"><button class="cmplz-btn cmplz-accept">Accept</button><button class="cmplz-btn cmplz-deny">Deny</button><button class="cmplz-btn cmplz-view-preferences">View preferences</button><button class="cmplz-btn cmplz-save-preferences">Save preferences</button></div>
</div></div>
<div id="cmplz-manage-consent" data-nosnippet="true"><button class="cmplz-btn cmplz-hidden cmplz-manage-consent manage-consent-1">Manage consent</button></div>`;

const TCF_AFTER = `<script type="importmap">{"imports": {
  "@iabtechlabtcf/core": "/node_modules/@iabtechlabtcf/core/lib/mjs/index.js",
  "@iabtechlabtcf/cmpapi": "/node_modules/@iabtechlabtcf/cmpapi/lib/mjs/index.js"}}</script>
<script type="module" src="/preview/cmp/tcf-cmp.mjs"></script>`;

export const TARGETS = {
  gcm: {
    kind: 'page',
    code: "the page's own gtag()/dataLayer, real Consent Mode API calls",
    sources: ['https://developers.google.com/tag-platform/security/guides/consent', '@types/gtag.js 0.0.20'],
    compose: () => ({ before: '', after: '<script src="/preview/cmp/gcm-page.js"></script>' }),
    mapped: ['analytics_storage'],
    own: [/^site_gcm_choice$/],
  },
  tcf: {
    kind: 'real',
    code: 'real @iabtechlabtcf/cmpapi 1.5.21 + core, local GVL',
    compose: () => ({ before: '<script src="/node_modules/@iabtechlabtcf/stub/lib/stub.js"></script>', after: TCF_AFTER }),
    mapped: [1, 8, 9, 10],
    // Functional is Purpose 1 alone by default: accepting it (not 8, 9, 10) switches on only
    // the features mapped to functional.
    mixed: { ids: [1], category: 'functional' },
    own: [/^euconsent-v2$/],
  },
  // The same TCF snippet with the widget as a GVL vendor (tcf.gvl_vendor_id): consent is read
  // from purpose + vendor consents, not publisher consents.
  'tcf-gvl': {
    kind: 'real',
    snippet: 'tcf',
    config: { tcf: { gvl_vendor_id: 1234 } },
    code: 'real @iabtechlabtcf/cmpapi 1.5.21 + core, local GVL, widget as GVL vendor 1234',
    compose: () => ({
      before: '<script src="/node_modules/@iabtechlabtcf/stub/lib/stub.js"></script>\n<script>window.__tcfTestVendor = 1234;</script>',
      after: TCF_AFTER,
    }),
    mapped: [1, 8, 9, 10],
    mixed: { ids: [1], category: 'functional' },
    own: [/^euconsent-v2$/],
  },
  cookiebot: modelTarget('cookiebot', {
    vendor: 'Cookiebot',
    // Auto mode needs uc.js first and synchronous: EARLY only.
    timings: { off: ['late', 'early'], on: ['early'] },
    blockingText: 'automatic cookie blocking (data-blockingmode="auto"); the scan attributes the widget\'s Statistics cookies to callpage.js',
    compose: oneScript({
      script: (mode) => ({ id: 'Cookiebot', src: model('cookiebot'), 'data-cbid': 'model', 'data-blockingmode': mode === 'on' ? 'auto' : 'manual', type: 'text/javascript' }),
      config: () => ({ scan: [{ match: `${WIDGET_HOST}/build/js/callpage.js`, categories: ['statistics'] }, { match: GA, categories: ['statistics'] }] }),
    }),
    mapped: ['statistics'],
    own: [/^CookieConsent$/],
  }),
  onetrust: modelTarget('onetrust', {
    vendor: 'OneTrust',
    timings: { off: ['late', 'early'], on: ['late', 'early'] },
    blockingText: 'OtAutoBlock.js first; the scan categorises callpage.js C0002 (the widget\'s cookies as the instructions assign them)',
    compose: oneScript({
      script: () => ({ src: model('onetrust'), type: 'text/javascript' }),
      config: () => ({ scan: [{ Tag: WIDGET_URL, CategoryId: ['C0002'] }, { Tag: `https://${GA}/analytics.js`, CategoryId: ['C0002'] }] }),
      blocker: () => ({ src: model('onetrust-autoblock'), type: 'text/javascript' }),
    }),
    mapped: ['C0002'],
    own: [/^OptanonConsent$/, /^OptanonAlertBoxClosed$/],
  }),
  usercentrics: modelTarget('usercentrics', {
    vendor: 'the Usercentrics Web CMP v3',
    timings: { off: ['late', 'early'], on: ['late', 'early'] },
    blockingText: 'modules/autoblocker.js first; the DPS Scanner finding for cdn-widget.callpage.io is ignored, as the instructions say, so the check-file has no node for it',
    compose: oneScript({
      script: () => ({ id: 'usercentrics-cmp', src: model('usercentrics'), 'data-settings-id': 'model' }),
      config: () => ({ nodes: [{ serviceNames: ['Google Analytics'], src: `${GA}/analytics.js` }] }),
      blocker: () => ({ src: model('usercentrics-autoblocker') }),
    }),
    mapped: ['CallPage'],
    mappedMixed: ['CallPage (Analytics)'],
    own: [/^uc_settings$/],
  }),
  // The same Usercentrics snippet against the Browser UI v2 API.
  'usercentrics-v2': modelTarget('usercentrics-v2', {
    vendor: 'the Usercentrics Browser UI v2',
    snippet: 'usercentrics',
    timings: { off: ['late', 'early'], on: ['late', 'early'] },
    blockingText: 'Smart Data Protector (uc-block.bundle.js) first: it blocks only its predefined templates, CallPage is not one',
    compose: oneScript({
      script: () => ({ src: model('usercentrics-v2') }),
      blocker: () => ({ src: model('usercentrics-sdp') }),
    }),
    mapped: ['CallPage'],
    mappedMixed: ['CallPage (Analytics)'],
    own: [/^uc_settings$/],
  }),
  didomi: modelTarget('didomi', {
    vendor: 'Didomi',
    timings: { off: ['late', 'early'] },
    compose: oneScript({ script: () => ({ src: model('didomi') }) }),
    mapped: ['c:callpage'],
    mappedMixed: ['c:callpage-analytics'],
    own: [/^didomi_token$/],
  }),
  cookieyes: modelTarget('cookieyes', {
    vendor: 'CookieYes',
    // The blocker is always on (known providers); no switch.
    defaultMode: 'on',
    timings: { on: ['early', 'late'] },
    blockingText: 'always on: CookieYes\' known providers; no CallPage URL pattern registered, as the instructions say',
    compose: oneScript({
      script: () => ({ id: 'cookieyes', src: model('cookieyes'), type: 'text/javascript' }),
      config: () => ({ providers: [{ re: `${GA}/analytics.js`.replace(/^www\./, ''), categories: ['analytics'] }] }),
    }),
    mapped: ['analytics'],
    own: [/^cookieyes-consent$/],
  }),
  complianz: {
    kind: 'real',
    code: 'real complianz.js 7.2.0 (preview/vendor/complianz, GPL-2.0-or-later); its PHP cookie blocker as a documented model (preview/models/server-blockers.mjs)',
    sources: ['github.com/Really-Simple-Plugins/complianz-gdpr @87e4362 cookiebanner/js/complianz.js, class-cookie-blocker.php'],
    defaultMode: 'off',
    // WordPress prints complianz.js in the footer with defer: its one timing.
    timings: { off: ['fixed'], on: ['fixed'] },
    blockingText: "the PHP cookie blocker with a Script Center entry blocking 'callpage' as Statistics (a site that added one before; the instructions say to whitelist it)",
    compose: ({ mode, site: override }) => ({
      before: '<style>.cmplz-hidden { display: none !important; }</style>',
      after: '',
      body: `${COMPLIANZ_BANNER}\n<script src="/preview/cmp/complianz-site.js"></script>\n<script defer src="/preview/vendor/complianz/complianz.js"></script>`,
      rewrite: { complianz: { blocked: [{ match: 'google-analytics.com', name: 'Google Analytics', category: 'statistics' }, ...(mode === 'on' ? [{ match: 'callpage', name: 'CallPage', category: 'statistics' }] : [])], ...(override || {}) } },
    }),
    mapped: ['statistics'],
    own: [/^cmplz_/],
  },
  iubenda: modelTarget('iubenda', {
    vendor: 'iubenda Cookie Solution',
    // The documented place: after _iub.csConfiguration, before cs.js (NEXT: cs.js right after
    // the snippet). Also LATE; EARLY (cs.js already ran: the snippet pasted after it) and EMBED
    // (iubenda's single embed script, which brings its own configuration) are places the
    // snippet's instructions say it also handles.
    placement: 'between',
    timings: { off: ['next', 'late', 'early', 'embed'], on: ['next', 'late'] },
    blockingText: 'automatic blocking script before cs.js; its list is assumed to hold the widget\'s host under purpose 4 (not public)',
    compose: ({ mode, timing, site: override }) => {
      const config = `<script>var _iub = _iub || []; _iub.csConfiguration = {siteId: 1, cookiePolicyId: 1, lang: "en", perPurposeConsent: true, callback: {}};</script>`;
      const cfg = { blocked: [{ host: WIDGET_HOST, purposes: ['4'] }, { host: GA, purposes: ['4'] }], ...(override || {}) };
      const blocker = mode === 'on' ? '\n' + tag({ src: model('iubenda-autoblocking'), type: 'text/javascript' }) : '';
      const cs = tag({ src: model('iubenda'), type: 'text/javascript' });
      if (timing === 'embed') return { before: `${HARNESS}\n${site(cfg)}${blocker}\n${tag({ src: `${model('iubenda')}?embed=single`, type: 'text/javascript' })}`, after: '' };
      const head = `${HARNESS}\n${site(cfg)}\n${config}${blocker}`;
      if (timing === 'early') return { before: `${head}\n${cs}`, after: '' };
      if (timing === 'next') return { before: head, after: cs };
      return { before: head, after: late([{ src: model('iubenda'), async: '' }]) };
    },
    mapped: ['4'],
    own: [/^_iub_cs-/],
  }),
  klaro: {
    kind: 'real',
    code: 'real klaro 0.7.22',
    compose: () => ({ before: '<script src="/preview/cmp/klaro-config.js"></script>', after: '<script defer src="/node_modules/klaro/dist/klaro.js"></script>' }),
    mapped: ['callpage'],
    mappedMixed: ['callpage-analytics'],
    own: [/^klaro$/],
  },
  cookieconsent: {
    kind: 'real',
    code: 'real vanilla-cookieconsent 3.1.0',
    compose: () => ({
      before: '',
      after: '<script defer src="/node_modules/vanilla-cookieconsent/dist/cookieconsent.umd.js"></script>\n<script defer src="/preview/cmp/cookieconsent-run.js"></script>',
    }),
    mapped: ['analytics'],
    own: [/^cc_cookie$/],
  },
  termly: modelTarget('termly', {
    vendor: 'Termly',
    // Auto Blocker is on by default (?autoBlock=on). The snippet goes ABOVE the Termly embed
    // (its custom blocking map must come first), so the embed runs NEXT (synchronously, its
    // documented form) or LATE; never before the snippet.
    defaultMode: 'on',
    placement: 'before',
    timings: { on: ['next'], off: ['late', 'next'] },
    blockingText: 'Auto Blocker (?autoBlock=on, the default): unrecognised third-party sources are Unclassified and blocked',
    compose: oneScript({
      script: (mode) => ({ src: `${model('termly')}?autoBlock=${mode === 'on' ? 'on' : 'off'}`, type: 'text/javascript' }),
      config: () => ({ known: { 'google-analytics.com': 'analytics' } }),
    }),
    mapped: ['analytics'],
    own: [/^termly_consent$/],
  }),
  cookiefirst: modelTarget('cookiefirst', {
    vendor: 'CookieFirst',
    timings: { off: ['late', 'early'], on: ['early'] },
    blockingText: "autoblock for the scripts in the Scripts tab (the site's Google Analytics; CallPage not added, as the instructions say)",
    compose: oneScript({
      script: () => ({ src: model('cookiefirst'), type: 'text/javascript' }),
      config: (mode) => (mode === 'on' ? { scripts: [{ match: GA, category: 'performance' }] } : {}),
    }),
    mapped: ['performance'],
    own: [/^cookiefirst-consent$/],
  }),
  osano: modelTarget('osano', {
    vendor: 'Osano',
    // osano.js must be the first script: Strict mode is EARLY only.
    timings: { off: ['late', 'early'], on: ['early'] },
    blockingText: 'Strict compliance mode (uncategorised scripts blocked); cdn-widget.callpage.io classified Essential, as the instructions say',
    compose: oneScript({
      script: () => ({ src: model('osano'), type: 'text/javascript' }),
      // The documented pre-load queue (developers.osano.com, docs/auto-blocking.md §2.10).
      stub: "<script>(function(w,o,d){w[o]=w[o]||function(){w[o][d].push(arguments)};w[o][d]=w[o][d]||[]})(window,'Osano','data');</script>",
      config: (mode) => ({ mode: mode === 'on' ? 'strict' : 'permissive', rules: [{ match: WIDGET_HOST, category: 'ESSENTIAL' }, { match: GA, category: 'ANALYTICS' }] }),
    }),
    mapped: ['ANALYTICS'],
    // osano-cm-consent-changed (a toggle not saved) is no consent: the proof toggles first.
    unsavedToggle: true,
    own: [/^osano_consentmanager/],
  }),
  axeptio: modelTarget('axeptio', {
    vendor: 'Axeptio',
    timings: { off: ['late', 'early'] },
    compose: oneScript({ script: () => ({ src: model('axeptio') }) }),
    mapped: ['callpage'],
    mappedMixed: ['callpage-analytics'],
    own: [/^axeptio_/],
  }),
  consentmanager: modelTarget('consentmanager', {
    vendor: 'consentmanager',
    // The snippet goes ABOVE the consentmanager code (its cmp_block_ignoredomains must come
    // first); the automatic-blocking loader is synchronous: NEXT only.
    placement: 'before',
    timings: { off: ['late', 'next'], on: ['next'] },
    blockingText: 'automatic blocking (loader with data-cmp-ab="1" first): external scripts of no known vendor are blocked',
    compose: oneScript({
      script: (mode) => ({ src: model('consentmanager'), type: 'text/javascript', ...(mode === 'on' ? { 'data-cmp-ab': '1' } : {}) }),
      // The __cmp stub of the embed code: it only queues calls (modelled: window.__cmp.a).
      stub: '<script>window.__cmp = window.__cmp || function () { (window.__cmp.a = window.__cmp.a || []).push(arguments); };</script>',
      config: () => ({ vendorScripts: [{ match: GA, vendor: 's26' }] }),
    }),
    mapped: ['callpage'],
    mappedMixed: ['callpage-analytics'],
    own: [/^__cmpcc/, /^__cmpconsent/],
  }),
  borlabs: modelTarget('borlabs', {
    vendor: 'Borlabs Cookie 3',
    // An ES module: it never runs before the page was parsed, so LATE only.
    timings: { off: ['late'], on: ['late'] },
    blockingText: "a Script Blocker matching 'callpage' (a site that created one; the instructions say not to)",
    compose: ({ mode, site: override }) => ({
      before: `${HARNESS}\n${site({ scriptBlockers: { 'cp-widget': 'callpage' }, ...(override || {}) })}`,
      after: late([{ src: model('borlabs'), type: 'module' }]),
      rewrite: mode === 'on' ? { borlabs: { blockers: [{ id: 'cp-widget', phrases: ['callpage'] }] } } : null,
    }),
    mapped: ['callpage'],
    mappedMixed: ['callpage-analytics'],
    own: [/^borlabs-cookie$/],
  }),
  tarteaucitron: {
    kind: 'real',
    code: 'real tarteaucitronjs 1.34.0',
    compose: () => ({
      before: '<script src="/node_modules/tarteaucitronjs/tarteaucitron.js"></script>\n<script src="/preview/cmp/tarteaucitron-init.js"></script>',
      after: '<script src="/preview/cmp/tarteaucitron-site.js"></script>',
    }),
    mapped: ['callpage'],
    mappedMixed: ['callpage-analytics'],
    own: [/^tarteaucitron$/],
  },
};

for (const [id, t] of Object.entries(TARGETS)) {
  t.id = id;
  t.snippet ||= id; // the CLI's target id; variants test another API or setting of the same target
  t.defaultMode ||= 'off';
  t.timings ||= { off: ['fixed'] };
  t.placement ||= 'after';
  t.label = `${id} (${t.code})`;
}

// The real npm libraries the pages load, per target: vendored in preview/vendor/npm (only the
// files the pages load, in the npm layout) and served at /node_modules/<package>/, by the browser
// proof and the app's preview alike; see vendor/npm/README.md.
export const NPM_LIBRARIES = {
  tcf: ['@iabtechlabtcf/stub', '@iabtechlabtcf/core', '@iabtechlabtcf/cmpapi'],
  'tcf-gvl': ['@iabtechlabtcf/stub', '@iabtechlabtcf/core', '@iabtechlabtcf/cmpapi'],
  klaro: ['klaro'],
  cookieconsent: ['vanilla-cookieconsent'],
  tarteaucitron: ['tarteaucitronjs'],
};
