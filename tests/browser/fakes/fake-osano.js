/* FAKE Osano (documented API only): Osano.cm.{analytics, marketing, personalization, optOut},
 * Osano.cm.getConsent() ({ESSENTIAL, ANALYTICS, MARKETING, PERSONALIZATION, OPT_OUT: 'ACCEPT' |
 * 'DENY'}), Osano.cm.addEventListener(name, cb) with osano-cm-initialized,
 * osano-cm-consent-saved, osano-cm-consent-changed; blocking of data-osano="<CATEGORY>"
 * scripts ([obs] in cmp-facts.md) once the category is accepted. */
(function (w, d) {
  var H = w.__fakeCmpHarness, COOKIE = 'osano_consentmanager';
  var CATS = ['ANALYTICS', 'MARKETING', 'PERSONALIZATION'];
  var stored = H.load(COOKIE);
  var listeners = {};
  function getConsent() {
    var out = { ESSENTIAL: 'ACCEPT', OPT_OUT: 'DENY' };
    for (var i = 0; i < CATS.length; i++) { out[CATS[i]] = stored && stored[CATS[i]] ? 'ACCEPT' : 'DENY'; }
    return out;
  }
  function emit(name, data) { (listeners[name] || []).slice().forEach(function (cb) { cb(data); }); }
  function sync() {
    var c = getConsent();
    cm.analytics = c.ANALYTICS === 'ACCEPT';
    cm.marketing = c.MARKETING === 'ACCEPT';
    cm.personalization = c.PERSONALIZATION === 'ACCEPT';
    cm.optOut = false;
    H.unblock('script[type="text/plain"][data-osano]', function (el) { return c[el.getAttribute('data-osano')] === 'ACCEPT'; });
  }
  var cm = {
    getConsent: getConsent,
    addEventListener: function (name, cb) { (listeners[name] = listeners[name] || []).push(cb); },
    removeEventListener: function (name, cb) { listeners[name] = (listeners[name] || []).filter(function (x) { return x !== cb; }); },
    showDrawer: function () {}
  };
  w.Osano = { cm: cm };
  sync();
  H.ready(function () { sync(); emit('osano-cm-initialized', getConsent()); });
  H.visitor(function (choice, mapped) {
    var before = getConsent();
    stored = H.choiceMap(CATS, choice, mapped);
    H.save(COOKIE, stored);
    sync();
    var after = getConsent();
    emit('osano-cm-consent-saved', after);
    if (JSON.stringify(before) !== JSON.stringify(after)) { emit('osano-cm-consent-changed', after); }
  });
})(window, document);
