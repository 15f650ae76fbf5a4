/* DOCUMENTED MODEL of iubenda's Cookie Solution cs.js (not vendor code). Sources
 * (../shared/docs/cmp-facts.md §2.9, docs/auto-blocking.md §2.6):
 *  [config] https://www.iubenda.com/en/help/1205-cookie-solution-configuration : cs.js reads
 *           _iub.csConfiguration (defined before it; perPurposeConsent: true gives purposes
 *           1..5) when it loads, and calls its callback hooks: onReady, onConsentRead,
 *           onPreferenceExpressed, onPreferenceExpressedOrNotNeeded(preference), onConsentGiven,
 *           onConsentRejected ([obs] hook names in public code, cmp-facts §2.9); a callback
 *           added to the configuration after cs.js read it is not documented to be called
 *           ([gap] in docs/auto-blocking.md §2.6), so this model reads the callbacks once
 *  [api]    _iub.cs.api.getPreferences(), _iub.cs.consent ([obs] cmp-facts §2.9)
 *  [manual] https://www.iubenda.com/en/help/1229-manual-tagging-blocking-cookies :
 *           type="text/plain" class="_iub_cs_activate-inline" data-iub-purposes="<ids>" runs once
 *           all those purposes have consent
 *  [auto]   https://iubenda.com/en/help/posts/1205 : after consent the automatic blocking
 *           "asynchronously activates (namely without reloading the page) all the scripts that
 *           were previously blocked" (iubenda-autoblocking.js holds them)
 * cs.js is loaded after _iub.csConfiguration: NEXT right after the snippet (the documented
 * place), LATE after the page's load event, EARLY before the snippet (a snippet pasted after
 * cs.js), EMBED the single embed script (below).
 */
(function (w, d) {
  var H = w.__cmpModel;
  var iub = w._iub = w._iub || [];
  /* [embed] iubenda's single embed script (embeds.iubenda.com/widgets/<uuid>.js) brings its own
   * configuration (it sets _iub.csSiteConf; iubenda's WordPress plugin recognises it:
   * docs/auto-blocking.md §2.6), so callbacks a page put in _iub.csConfiguration are not its. */
  var me = d.currentScript;
  if (me && /[?&]embed=single\b/.test(me.getAttribute('src') || '')) {
    iub.csSiteConf = { siteId: 1 };
    iub.csConfiguration = { siteId: 1, cookiePolicyId: 1, lang: 'en', perPurposeConsent: true };
  }
  var config = iub.csConfiguration || {};
  /* Read once, when cs.js loads (the hardest reading of the [gap] above): a callback added to
   * the configuration later is not called. */
  var callbacks = {};
  for (var k in (config.callback || {})) { callbacks[k] = config.callback[k]; }
  var COOKIE = '_iub_cs-' + (config.cookiePolicyId || 0);
  var PURPOSES = ['2', '3', '4', '5'];
  var stored = H.load(COOKIE);
  function preference() {
    var purposes = { 1: true };
    for (var i = 0; i < PURPOSES.length; i++) { purposes[PURPOSES[i]] = !!(stored && stored[PURPOSES[i]]); }
    return { consent: PURPOSES.every(function (p) { return purposes[p]; }), purposes: purposes, timestamp: new Date().toISOString(), version: '1.0' };
  }
  function callback(name, arg) {
    if (typeof callbacks[name] === 'function') { callbacks[name](arg); }
  }
  function runScripts() {
    var p = preference().purposes;
    H.activate('script[type="text/plain"]._iub_cs_activate-inline[data-iub-purposes]', function (el) {
      return el.getAttribute('data-iub-purposes').split(',').every(function (id) { return p[id.trim()] === true; });
    });
    if (w.__cmpModelIubendaBlocker) { w.__cmpModelIubendaBlocker.release(); }
  }
  iub.cs = { api: { getPreferences: function () { return stored ? preference() : null; } }, consent: stored ? preference() : {} };
  callback('onReady');
  if (stored) {
    runScripts();
    H.domReady(runScripts);
    callback('onConsentRead');
    callback('onPreferenceExpressedOrNotNeeded', preference());
  }
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
