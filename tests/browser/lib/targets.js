// The 18 targets as the test site sets them up: what the site has before and after the pasted
// snippet, which consent the visitor gives for "accept the mapped category only" (the CMP's own
// id for the analytics category the default configuration maps every feature to, written here
// from cmp-facts.md and the CMPs' documentation, not taken from the generator), and the storage
// the CMP itself keeps (so that anything else is known to be the widget's).
//
// kind: 'real'  the real CMP code from npm;
//       'page'  Google Consent Mode: the page's own gtag/dataLayer, as Google documents it;
//       'fake'  a documented-API fake (fakes/fake-<id>.js on the shared fakes/harness.js).
// snippet: the target whose snippet is used (variants), config: configuration fields for it.
// mappedMixed: the ids for the analytics category when features use several categories (per
// service / vendor CMPs then have one service per category); mixed: {ids, on} where accepting
// analytics alone is not how that CMP works.

const fake = (id, extra = {}) => ({
  kind: 'fake',
  label: `${id} (documented-API fake)`,
  before: `<script src="/fakes/harness.js"></script>\n<script src="/fakes/fake-${id}.js"></script>`,
  after: '',
  ...extra,
});

// Fakes whose documentation says the CMP's configuration must exist before the snippet, or its
// script after the snippet, get it here.
export const TARGETS = {
  gcm: {
    kind: 'page',
    label: 'gcm (page gtag/dataLayer, real Consent Mode API calls)',
    before: '',
    after: '<script src="/cmp/gcm-page.js"></script>',
    mapped: ['analytics_storage'],
    own: [/^site_gcm_choice$/],
  },
  tcf: {
    kind: 'real',
    label: 'tcf (real @iabtechlabtcf/cmpapi 1.5.21 + core, local GVL)',
    before: '<script src="/node_modules/@iabtechlabtcf/stub/lib/stub.js"></script>',
    after: `<script type="importmap">{"imports": {
  "@iabtechlabtcf/core": "/node_modules/@iabtechlabtcf/core/lib/mjs/index.js",
  "@iabtechlabtcf/cmpapi": "/node_modules/@iabtechlabtcf/cmpapi/lib/mjs/index.js"}}</script>
<script type="module" src="/cmp/tcf-cmp.mjs"></script>`,
    mapped: [1, 8, 9, 10],
    // Functional is Purpose 1 alone by default: accepting it (not 8, 9, 10) switches on only
    // the feature mapped to functional.
    mixed: { ids: [1], on: ['data_memorization'] },
    own: [/^euconsent-v2$/],
  },
  // The same TCF snippet with the widget as a GVL vendor (tcf.gvl_vendor_id): consent is read
  // from purpose + vendor consents, not publisher consents.
  'tcf-gvl': {
    kind: 'real',
    snippet: 'tcf',
    config: { tcf: { gvl_vendor_id: 1234 } },
    label: 'tcf, widget as GVL vendor 1234 (real @iabtechlabtcf/cmpapi 1.5.21 + core, local GVL)',
    before: '<script src="/node_modules/@iabtechlabtcf/stub/lib/stub.js"></script>\n<script>window.__tcfTestVendor = 1234;</script>',
    after: `<script type="importmap">{"imports": {
  "@iabtechlabtcf/core": "/node_modules/@iabtechlabtcf/core/lib/mjs/index.js",
  "@iabtechlabtcf/cmpapi": "/node_modules/@iabtechlabtcf/cmpapi/lib/mjs/index.js"}}</script>
<script type="module" src="/cmp/tcf-cmp.mjs"></script>`,
    mapped: [1, 8, 9, 10],
    mixed: { ids: [1], on: ['data_memorization'] },
    own: [/^euconsent-v2$/],
  },
  cookiebot: fake('cookiebot', { mapped: ['statistics'], own: [/^CookieConsent$/] }),
  onetrust: fake('onetrust', { mapped: ['C0002'], own: [/^OptanonConsent$/, /^OptanonAlertBoxClosed$/] }),
  usercentrics: fake('usercentrics', { mapped: ['CallPage'], mappedMixed: ['CallPage (Analytics)'], own: [/^uc_settings$/] }),
  // The same Usercentrics snippet against the Browser UI v2 API.
  'usercentrics-v2': fake('usercentrics-v2', { snippet: 'usercentrics', mapped: ['CallPage'], mappedMixed: ['CallPage (Analytics)'], own: [/^uc_settings$/] }),
  didomi: fake('didomi', { mapped: ['c:callpage'], mappedMixed: ['c:callpage-analytics'], own: [/^didomi_token$/] }),
  cookieyes: fake('cookieyes', { mapped: ['analytics'], own: [/^cookieyes-consent$/] }),
  complianz: fake('complianz', { mapped: ['statistics'], own: [/^cmplz_/] }),
  iubenda: {
    ...fake('iubenda'),
    // _iub.csConfiguration comes before the snippet, cs.js after it (iubenda's embed order).
    before: `<script>var _iub = _iub || []; _iub.csConfiguration = {siteId: 1, cookiePolicyId: 1, lang: "en", perPurposeConsent: true, callback: {}};</script>`,
    after: '<script src="/fakes/harness.js"></script>\n<script src="/fakes/fake-iubenda.js"></script>',
    mapped: ['4'],
    own: [/^_iub_cs-/],
  },
  klaro: {
    kind: 'real',
    label: 'klaro (real klaro 0.7.22)',
    before: '<script src="/cmp/klaro-config.js"></script>',
    after: '<script defer src="/node_modules/klaro/dist/klaro.js"></script>',
    mapped: ['callpage'],
    mappedMixed: ['callpage-analytics'],
    own: [/^klaro$/],
  },
  cookieconsent: {
    kind: 'real',
    label: 'cookieconsent (real vanilla-cookieconsent 3.1.0)',
    before: '',
    after: '<script defer src="/node_modules/vanilla-cookieconsent/dist/cookieconsent.umd.js"></script>\n<script defer src="/cmp/cookieconsent-run.js"></script>',
    mapped: ['analytics'],
    own: [/^cc_cookie$/],
  },
  termly: fake('termly', { mapped: ['analytics'], own: [/^termly_consent$/] }),
  cookiefirst: fake('cookiefirst', { mapped: ['performance'], own: [/^cookiefirst-consent$/] }),
  osano: fake('osano', { mapped: ['ANALYTICS'], own: [/^osano_consentmanager/] }),
  axeptio: fake('axeptio', { mapped: ['callpage'], mappedMixed: ['callpage-analytics'], own: [/^axeptio_/] }),
  consentmanager: fake('consentmanager', { mapped: ['callpage'], mappedMixed: ['callpage-analytics'], own: [/^__cmpcc/, /^__cmpconsent/] }),
  borlabs: fake('borlabs', { mapped: ['callpage'], mappedMixed: ['callpage-analytics'], own: [/^borlabs-cookie$/] }),
  tarteaucitron: {
    kind: 'real',
    label: 'tarteaucitron (real tarteaucitronjs 1.34.0)',
    before: '<script src="/node_modules/tarteaucitronjs/tarteaucitron.js"></script>\n<script src="/cmp/tarteaucitron-init.js"></script>',
    after: '<script src="/cmp/tarteaucitron-site.js"></script>',
    mapped: ['callpage'],
    mappedMixed: ['callpage-analytics'],
    own: [/^tarteaucitron$/],
  },
};

for (const [id, t] of Object.entries(TARGETS)) {
  t.id = id;
  t.snippet ||= id; // the CLI's target id; variants test another API or setting of the same target
}
