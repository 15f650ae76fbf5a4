/* FAKE Cookiebot (documented API only): window.Cookiebot {consent.{necessary,preferences,
 * statistics,marketing}, consented, declined, hasResponse}, window events CookiebotOnLoad,
 * CookiebotOnConsentReady, CookiebotOnAccept / CookiebotOnDecline (also for a returning
 * visitor), CookiebotCallback_* functions, and manual blocking: type="text/plain"
 * data-cookieconsent="<categories>" runs once all its categories are accepted. */
(function (w, d) {
  var H = w.__fakeCmpHarness, COOKIE = 'CookieConsent';
  var CATS = ['preferences', 'statistics', 'marketing'];
  var stored = H.load(COOKIE);
  var cb = w.Cookiebot = {
    consent: { necessary: true, preferences: false, statistics: false, marketing: false, method: null },
    consented: false, declined: false, hasResponse: false, doNotTrack: false,
    show: function () {}, hide: function () {}, renew: function () {},
    runScripts: function () { runScripts(); }
  };
  function apply(state) {
    for (var i = 0; i < CATS.length; i++) { cb.consent[CATS[i]] = state[CATS[i]] === true; }
    cb.consent.method = 'explicit';
    cb.hasResponse = true;
    cb.consented = CATS.some(function (c) { return cb.consent[c]; });
    cb.declined = !cb.consented;
  }
  function callback(name) { if (typeof w['CookiebotCallback_' + name] === 'function') { w['CookiebotCallback_' + name](); } }
  function runScripts() {
    H.unblock('script[type="text/plain"][data-cookieconsent]', function (el) {
      return el.getAttribute('data-cookieconsent').split(',').every(function (c) {
        c = c.trim();
        return c === 'necessary' || cb.consent[c] === true;
      });
    });
  }
  function signal() {
    H.fire(w, 'CookiebotOnConsentReady');
    if (cb.consented) { callback('OnAccept'); H.fire(w, 'CookiebotOnAccept'); }
    else { callback('OnDecline'); H.fire(w, 'CookiebotOnDecline'); }
    runScripts();
  }
  if (stored) { apply(stored); }
  H.ready(function () {
    callback('OnLoad');
    H.fire(w, 'CookiebotOnLoad');
    if (stored) { signal(); } else { H.fire(w, 'CookiebotOnDialogInit'); H.fire(w, 'CookiebotOnDialogDisplay'); }
  });
  H.visitor(function (choice, mapped) {
    var state = H.choiceMap(CATS, choice, mapped);
    apply(state);
    H.save(COOKIE, state);
    signal();
  });
})(window, document);
