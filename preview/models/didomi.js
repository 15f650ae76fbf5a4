/* DOCUMENTED MODEL of the Didomi Web SDK (sdk.js; not vendor code). Sources
 * (../shared/docs/cmp-facts.md §2.6, docs/auto-blocking.md §2.11):
 *  [api]    https://developers.didomi.io/cmp/web-sdk/reference/api : window.didomiOnReady
 *           (functions called with the Didomi object once it is ready; later pushes run at once),
 *           Didomi.getCurrentUserStatus() ({vendors:{<id>:{id, enabled}}, purposes:{<id>:{id,
 *           enabled}}}), getUserStatus(), getUserConsentStatusForVendor() (deprecated:
 *           https://developers.didomi.io/cmp/mobile-sdk/react-native/reference/deprecated ), Didomi.on()
 *  [events] https://developers.didomi.io/cmp/web-sdk/reference/events : window.didomiEventListeners
 *           ({event, listener}, registered before the SDK loads), consent.changed
 *  [manual] https://developers.didomi.io/cmp/web-sdk/third-parties/custom-integrations/no-tag-manager :
 *           type="didomi/javascript" data-vendor="<id>" runs once the vendor and its purposes have consent
 *  [types]  @didomi/react 1.8.4 IDidomiObject (checked by tests/browser/model-types.test.js)
 * No automatic blocking is documented (docs/auto-blocking.md §2.11). The SDK is loaded async, so
 * LATE: after the page's load event (the page has only the documented didomiOnReady /
 * didomiEventListeners arrays before); EARLY: before the snippet.
 * The admin created the custom vendor c:callpage with purposes cookies +
 * measure_content_performance (with features in several categories, one vendor per category:
 * c:callpage-analytics, c:callpage-functional).
 */
(function (w, d) {
  var H = w.__cmpModel, COOKIE = 'didomi_token';
  var VENDORS = { 'c:callpage': ['cookies', 'measure_content_performance'], 'c:callpage-analytics': ['cookies', 'measure_content_performance'], 'c:callpage-functional': ['cookies'], 'c:site-stats': ['cookies', 'measure_content_performance'], google: ['cookies', 'select_basic_ads'] };
  var PURPOSES = ['cookies', 'measure_content_performance', 'select_basic_ads'];
  var stored = H.load(COOKIE);
  var listeners = [];
  function vendorOn(id) { return !!(stored && stored[id]); }
  function purposeOn(p) {
    for (var v in VENDORS) { if (vendorOn(v) && VENDORS[v].indexOf(p) >= 0) { return true; } }
    return false;
  }
  var D = {
    version: 'model',
    getCurrentUserStatus: function () {
      var vendors = {}, purposes = {};
      for (var v in VENDORS) { vendors[v] = { id: v, enabled: vendorOn(v) }; }
      for (var i = 0; i < PURPOSES.length; i++) { purposes[PURPOSES[i]] = { id: PURPOSES[i], enabled: purposeOn(PURPOSES[i]) }; }
      return { vendors: vendors, purposes: purposes, regulation: 'gdpr', consent_string: '', addtl_consent: '' };
    },
    getUserStatus: function () {
      var on = Object.keys(VENDORS).filter(vendorOn), off = Object.keys(VENDORS).filter(function (v) { return !vendorOn(v); });
      return { vendors: { consent: { enabled: on, disabled: off } }, purposes: { consent: { enabled: PURPOSES.filter(purposeOn), disabled: PURPOSES.filter(function (p) { return !purposeOn(p); }) } } };
    },
    getUserConsentStatusForVendor: function (id) { return stored ? vendorOn(id) : undefined; },
    on: function (event, listener) { listeners.push({ event: event, listener: listener }); },
    notice: { isVisible: function () { return !stored; } }
  };
  function emit(event, data) {
    for (var i = 0; i < listeners.length; i++) { if (listeners[i].event === event) { listeners[i].listener(data); } }
  }
  function runScripts() {
    H.activate('script[type="didomi/javascript"][data-vendor]', function (el) {
      var v = el.getAttribute('data-vendor');
      return vendorOn(v) && (VENDORS[v] || []).every(purposeOn);
    });
  }
  w.Didomi = D;
  var queued = w.didomiEventListeners || [];
  for (var i = 0; i < queued.length; i++) { listeners.push(queued[i]); }
  w.didomiEventListeners = { push: function (l) { listeners.push(l); } };
  runScripts();
  H.domReady(runScripts);
  var ready = w.didomiOnReady || [];
  w.didomiOnReady = { push: function (fn) { fn(D); } };
  for (var j = 0; j < ready.length; j++) { ready[j](D); }
  H.visitor(function (choice, mapped) {
    stored = H.choiceMap(Object.keys(VENDORS), choice, mapped);
    H.save(COOKIE, stored);
    runScripts();
    emit('consent.changed', {});
  });
})(window, document);
