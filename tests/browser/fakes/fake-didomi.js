/* FAKE Didomi (documented API only): window.didomiOnReady (functions called with the Didomi
 * object once it is ready; later pushes run at once), window.didomiEventListeners
 * ({event, listener}; consent.changed), Didomi.getCurrentUserStatus() ({vendors:{<id>:{id,
 * enabled}}, purposes:{<id>:{id, enabled}}}), getUserStatus(), getUserConsentStatusForVendor()
 * (deprecated), Didomi.on(), and blocking: type="didomi/javascript" data-vendor="<id>" runs
 * once the vendor (and its purposes) has consent. The admin created the custom vendor
 * c:callpage with purposes cookies + measure_content_performance (with features in several
 * categories, one vendor per category: c:callpage-analytics, c:callpage-functional). */
(function (w, d) {
  var H = w.__fakeCmpHarness, COOKIE = 'didomi_token';
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
    H.unblock('script[type="didomi/javascript"][data-vendor]', function (el) { return vendorOn(el.getAttribute('data-vendor')); });
  }
  H.ready(function () {
    w.Didomi = D;
    var queued = w.didomiEventListeners || [];
    for (var i = 0; i < queued.length; i++) { listeners.push(queued[i]); }
    w.didomiEventListeners = { push: function (l) { listeners.push(l); } };
    runScripts();
    var ready = w.didomiOnReady || [];
    w.didomiOnReady = { push: function (fn) { fn(D); } };
    for (var j = 0; j < ready.length; j++) { ready[j](D); }
  });
  H.visitor(function (choice, mapped) {
    stored = H.choiceMap(Object.keys(VENDORS), choice, mapped);
    H.save(COOKIE, stored);
    runScripts();
    emit('consent.changed', {});
  });
})(window, document);
