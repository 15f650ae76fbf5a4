/* FAKE CookieYes (documented API only): getCkyConsent() -> {activeLaw, categories:{necessary,
 * functional, analytics, performance, advertisement}, isUserActionCompleted, consentID,
 * languageCode}; document events cookieyes_banner_load (same shape in detail) and
 * cookieyes_consent_update (detail.accepted / detail.rejected); prior consent: a script with
 * data-cookieyes="cookieyes-<category>" runs once that category is accepted. */
(function (w, d) {
  var H = w.__fakeCmpHarness, COOKIE = 'cookieyes-consent';
  var CATS = ['functional', 'analytics', 'performance', 'advertisement'];
  var stored = H.load(COOKIE);
  w.getCkyConsent = function () {
    var categories = { necessary: true };
    for (var i = 0; i < CATS.length; i++) { categories[CATS[i]] = !!(stored && stored[CATS[i]]); }
    return { activeLaw: 'gdpr', categories: categories, isUserActionCompleted: !!stored, consentID: 'fake', languageCode: 'en' };
  };
  function runScripts() {
    var consent = w.getCkyConsent().categories;
    H.unblock('script[data-cookieyes]', function (el) {
      return consent[el.getAttribute('data-cookieyes').replace(/^cookieyes-/, '')] === true;
    });
  }
  H.ready(function () { runScripts(); H.fire(d, 'cookieyes_banner_load', w.getCkyConsent()); });
  H.visitor(function (choice, mapped) {
    stored = H.choiceMap(CATS, choice, mapped);
    H.save(COOKIE, stored);
    var accepted = ['necessary'].concat(CATS.filter(function (c) { return stored[c]; }));
    var rejected = CATS.filter(function (c) { return !stored[c]; });
    runScripts();
    H.fire(d, 'cookieyes_consent_update', { accepted: accepted, rejected: rejected });
  });
})(window, document);
