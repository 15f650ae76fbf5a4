/* FAKE CookieFirst (documented API only): window.CookieFirst.consent ({necessary, performance,
 * functional, advertising}, null before a choice), window events cf_init and cf_consent
 * (detail: the new consent); consent changes after the first one reload the page; blocking:
 * type="text/plain" data-cookiefirst-category="<category>" runs once it is accepted. */
(function (w, d) {
  var H = w.__fakeCmpHarness, COOKIE = 'cookiefirst-consent';
  var CATS = ['performance', 'functional', 'advertising'];
  var stored = H.load(COOKIE);
  function consent() {
    if (!stored) { return null; }
    var out = { necessary: true };
    for (var i = 0; i < CATS.length; i++) { out[CATS[i]] = stored[CATS[i]] === true; }
    return out;
  }
  function runScripts() {
    var c = consent() || {};
    H.unblock('script[type="text/plain"][data-cookiefirst-category]', function (el) { return c[el.getAttribute('data-cookiefirst-category')] === true; });
  }
  w.CookieFirst = { consent: consent(), acceptedServices: {} };
  H.ready(function () { runScripts(); H.fire(w, 'cf_init'); });
  H.visitor(function (choice, mapped) {
    var first = !stored;
    stored = H.choiceMap(CATS, choice, mapped);
    H.save(COOKIE, stored);
    w.CookieFirst.consent = consent();
    runScripts();
    H.fire(w, 'cf_consent', consent());
    if (!first) { setTimeout(function () { w.location.reload(); }, 50); }
  });
})(window, document);
