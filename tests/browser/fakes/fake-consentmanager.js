/* FAKE consentmanager.net (documented API only): __cmp('getCMPData') -> {vendorConsents,
 * purposeConsents, consentExists, gdprApplies}, __cmp('addEventListener', ['consent', fn,
 * false], null), and manual blocking: type="text/plain" class="cmplazyload"
 * data-cmp-vendor="<id>" runs once the vendor has consent. The admin created the custom vendor
 * and entered its id ("callpage") in Cookie Admin, as the snippet's instructions say. */
(function (w, d) {
  var H = w.__fakeCmpHarness, COOKIE = '__cmpconsent';
  var VENDORS = ['callpage', 'callpage-analytics', 'callpage-functional', 's26', 's1'];
  var stored = H.load(COOKIE);
  var listeners = {};
  function data() {
    var vendorConsents = {};
    for (var i = 0; i < VENDORS.length; i++) { if (stored && stored[VENDORS[i]]) { vendorConsents[VENDORS[i]] = true; } }
    return { vendorConsents: vendorConsents, purposeConsents: {}, consentExists: !!stored, gdprApplies: true, vendorsList: VENDORS.map(function (v) { return { id: v }; }) };
  }
  function emit(name) { (listeners[name] || []).forEach(function (fn) { fn(name, data()); }); }
  function runScripts() {
    var v = data().vendorConsents;
    H.unblock('script[type="text/plain"].cmplazyload[data-cmp-vendor]', function (el) { return v[el.getAttribute('data-cmp-vendor')] === true; });
  }
  w.__cmp = function (command, param) {
    if (command === 'getCMPData') { return data(); }
    if (command === 'consentStatus') { return data(); }
    if (command === 'addEventListener' && param && typeof param[1] === 'function') {
      (listeners[param[0]] = listeners[param[0]] || []).push(param[1]);
    }
    return undefined;
  };
  H.ready(function () { runScripts(); if (stored) { emit('consent'); } });
  H.visitor(function (choice, mapped) {
    stored = H.choiceMap(VENDORS, choice, mapped);
    H.save(COOKIE, stored);
    runScripts();
    emit('consent');
  });
})(window, document);
