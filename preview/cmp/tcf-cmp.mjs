// The test site's TCF CMP: the REAL IAB CMP API (@iabtechlabtcf/cmpapi + @iabtechlabtcf/core)
// answering __tcfapi, with a Global Vendor List built here (nothing downloaded). Only the
// "banner" is the test's: a choice becomes a TC string (encoded by the real library), kept in
// the euconsent-v2 cookie and handed to cmpApi.update(); a returning visitor's string is read
// back on every page load.
import { CmpApi } from '@iabtechlabtcf/cmpapi';
import { GVL, TCModel, TCString } from '@iabtechlabtcf/core';

const NAMES = {
  1: 'Store and/or access information on a device',
  2: 'Use limited data to select advertising',
  3: 'Create profiles for personalised advertising',
  4: 'Use profiles to select personalised advertising',
  5: 'Create profiles to personalise content',
  6: 'Use profiles to select personalised content',
  7: 'Measure advertising performance',
  8: 'Measure content performance',
  9: 'Understand audiences through statistics or combinations of data from different sources',
  10: 'Develop and improve services',
  11: 'Use limited data to select content',
};
// The widget's GVL vendor id when the page tests that configuration (else publisher purposes).
const VENDOR = window.__tcfTestVendor || null;
const purposes = {};
for (const [id, name] of Object.entries(NAMES)) {
  purposes[id] = { id: Number(id), name, description: name, illustrations: [] };
}
// A local vendor list: the 11 TCF v2.2 purposes and one unrelated vendor.
const vendorList = {
  gvlSpecificationVersion: 3,
  vendorListVersion: 1,
  tcfPolicyVersion: 5,
  lastUpdated: '2026-01-01T00:00:00Z',
  purposes,
  specialPurposes: {},
  features: {},
  specialFeatures: {},
  dataCategories: {},
  stacks: {},
  vendors: {
    ...(VENDOR ? {
      [VENDOR]: {
        id: VENDOR, name: 'CallPage (test)', purposes: [1, 8, 9, 10], legIntPurposes: [], flexiblePurposes: [],
        specialPurposes: [], features: [], specialFeatures: [], cookieMaxAgeSeconds: 31536000, usesCookies: true,
        cookieRefresh: false, usesNonCookieAccess: true, urls: [],
      },
    } : {}),
    9999: {
      id: 9999, name: 'Some other vendor', purposes: [1, 2], legIntPurposes: [], flexiblePurposes: [],
      specialPurposes: [], features: [], specialFeatures: [], cookieMaxAgeSeconds: 0, usesCookies: true,
      cookieRefresh: false, usesNonCookieAccess: false, urls: [],
    },
  },
};

const COOKIE = 'euconsent-v2';
const gvl = new GVL(vendorList);
const cmpApi = new CmpApi(300, 1, true);

function stored() {
  const m = document.cookie.match(/(?:^|; )euconsent-v2=([^;]*)/);
  return m ? decodeURIComponent(m[1]) : null;
}

async function choose(choice, ids) {
  await gvl.readyPromise;
  const model = new TCModel(gvl);
  model.cmpId = 300;
  model.cmpVersion = 1;
  model.isServiceSpecific = true;
  const all = Object.keys(NAMES).map(Number);
  const accepted = choice === 'all' ? all : choice === 'mapped' ? ids.map(Number) : [];
  // Only the signal the configuration reads is given for "mapped": publisher consents without
  // a GVL vendor id, purpose + vendor consents with one ("all" gives everything).
  if (choice === 'all' || !VENDOR) model.publisherConsents.set(accepted);
  if (choice === 'all' || VENDOR) model.purposeConsents.set(accepted);
  if (choice === 'all') model.vendorConsents.set([9999, ...(VENDOR ? [VENDOR] : [])]);
  else if (VENDOR && choice === 'mapped') model.vendorConsents.set(VENDOR);
  const tcString = TCString.encode(model);
  document.cookie = `${COOKIE}=${encodeURIComponent(tcString)}; max-age=31536000; path=/; SameSite=Lax`;
  cmpApi.update(tcString, false);
}

const previous = stored();
// A returning visitor: the stored string, no UI (tcloaded). A new one: the UI is shown
// (cmpuishown) and no decision exists yet.
cmpApi.update(previous || '', !previous);

// The visitor's hand: what clicking the banner would do.
window.__visitor = { choose };
