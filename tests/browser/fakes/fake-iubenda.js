/* FAKE iubenda Cookie Solution (documented API only), loaded after _iub.csConfiguration (with
 * perPurposeConsent: true) like cs.js: _iub.cs.api.getPreferences() ({consent, purposes:
 * {"1".."5": bool}}), _iub.cs.consent, csConfiguration.callback hooks onReady, onConsentRead,
 * onPreferenceExpressed, onPreferenceExpressedOrNotNeeded, onConsentGiven, onConsentRejected,
 * and manual tagging: type="text/plain" class="_iub_cs_activate-inline"
 * data-iub-purposes="<ids>" runs once all those purposes have consent. */
(function (w, d) {
  var H = w.__fakeCmpHarness;
  var iub = w._iub = w._iub || [];
  var config = iub.csConfiguration || {};
  var COOKIE = '_iub_cs-' + (config.cookiePolicyId || 0);
  var PURPOSES = ['2', '3', '4', '5'];
  var stored = H.load(COOKIE);
  function preference() {
    var purposes = { 1: true };
    for (var i = 0; i < PURPOSES.length; i++) { purposes[PURPOSES[i]] = !!(stored && stored[PURPOSES[i]]); }
    return { consent: PURPOSES.every(function (p) { return purposes[p]; }), purposes: purposes, timestamp: new Date().toISOString(), version: '1.0' };
  }
  function callback(name, arg) {
    var cb = config.callback && config.callback[name];
    if (typeof cb === 'function') { cb(arg); }
  }
  function runScripts() {
    var p = preference().purposes;
    H.unblock('script[type="text/plain"]._iub_cs_activate-inline[data-iub-purposes]', function (el) {
      return el.getAttribute('data-iub-purposes').split(',').every(function (id) { return p[id.trim()] === true; });
    });
  }
  iub.cs = { api: { getPreferences: function () { return stored ? preference() : null; } }, consent: {} };
  H.ready(function () {
    iub.cs.consent = stored ? preference() : {};
    callback('onReady');
    if (stored) {
      runScripts();
      callback('onConsentRead');
      callback('onPreferenceExpressedOrNotNeeded', preference());
    }
  });
  H.visitor(function (choice, mapped) {
    stored = H.choiceMap(PURPOSES, choice, mapped);
    H.save(COOKIE, stored);
    var pref = preference();
    iub.cs.consent = pref;
    runScripts();
    callback('onPreferenceExpressed', pref);
    callback('onPreferenceExpressedOrNotNeeded', pref);
    callback(PURPOSES.some(function (p) { return pref.purposes[p]; }) ? 'onConsentGiven' : 'onConsentRejected');
  });
})(window, document);
