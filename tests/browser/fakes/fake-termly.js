/* FAKE Termly (documented API only): Termly.getConsentState() -> {essential, performance,
 * analytics, advertising, social_networking, unclassified}, Termly.on('initialized' |
 * 'consent', cb), and manual blocking: type="text/plain" data-categories="<categories>" runs
 * once those categories are accepted. */
(function (w, d) {
  var H = w.__fakeCmpHarness, COOKIE = 'termly_consent';
  var CATS = ['performance', 'analytics', 'advertising', 'social_networking', 'unclassified'];
  var stored = H.load(COOKIE);
  var listeners = [];
  function state() {
    var out = { essential: true };
    for (var i = 0; i < CATS.length; i++) { out[CATS[i]] = !!(stored && stored[CATS[i]]); }
    return out;
  }
  function emit(event, data) {
    for (var i = 0; i < listeners.length; i++) { if (listeners[i].event === event) { listeners[i].cb(data); } }
  }
  function runScripts() {
    var s = state();
    H.unblock('script[type="text/plain"][data-categories]', function (el) {
      return el.getAttribute('data-categories').split(',').every(function (c) { return s[c.trim()] === true; });
    });
  }
  w.Termly = {
    getConsentState: function () { return state(); },
    on: function (event, cb) { listeners.push({ event: event, cb: cb }); }
  };
  H.ready(function () {
    runScripts();
    if (typeof w.onTermlyLoaded === 'function') { w.onTermlyLoaded(); }
    emit('initialized', { uuid: 'fake' });
  });
  H.visitor(function (choice, mapped) {
    stored = H.choiceMap(CATS, choice, mapped);
    H.save(COOKIE, stored);
    runScripts();
    emit('consent', { uuid: 'fake', consentState: state() });
  });
})(window, document);
