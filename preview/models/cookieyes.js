/* DOCUMENTED MODEL of CookieYes' banner script (not vendor code: the hosted script is
 * proprietary; its WordPress plugin's front-end script, GPL, is only known from copies without a
 * repository or version, so it is not vendored, see preview/README.md). Sources:
 *  [api]     https://www.cookieyes.com/documentation/retrieving-consent-data-using-api-getckyconsent/ :
 *            getCkyConsent() -> {activeLaw, categories:{necessary, functional, analytics,
 *            performance, advertisement}, isUserActionCompleted, consentID, languageCode}
 *  [events]  https://www.cookieyes.com/documentation/events-on-cookie-banner-load/ : document
 *            events cookieyes_banner_load (same shape in detail) and cookieyes_consent_update
 *            (detail.accepted / detail.rejected)
 *  [prior]   https://www.cookieyes.com/documentation/implement-prior-consent-using-cookieyes/ :
 *            CookieYes blocks the commonly used third-party services it knows, plus script URL
 *            patterns the admin registers in the Cookie Manager, or a script tag with
 *            data-cookieyes="cookieyes-<category>"; the example does not change `type`
 *  [blocker] "Script blocker Version 2" of the plugin's front-end script, as read in
 *            docs/auto-blocking.md §2.8: document.createElement('script') gets a src setter that
 *            sets type="javascript/blocked" when the element's data-cookieyes category or a
 *            provider pattern (host + path) is blocked; a MutationObserver removes blocked
 *            <script src> nodes and keeps a copy; on consent ("consent: yes") the copies whose
 *            provider is no longer blocked are inserted again, without a reload. Inline scripts
 *            (no src) are neither blocked nor released; type="text/plain" scripts are never
 *            released (nothing documents it). A category is blocked while its stored value is
 *            "no", or unset and not necessary.
 * Always on (no switch). The provider list is __cmpModelSite.providers: [{re: 'host/path',
 * categories: [...]}] (CookieYes' known providers plus the admin's URL patterns).
 */
(function (w, d) {
  var H = w.__cmpModel, COOKIE = 'cookieyes-consent';
  var CATS = ['functional', 'analytics', 'performance', 'advertisement'];
  var providers = (H.site.providers || []).slice();
  var stored = H.load(COOKIE);
  function blockedCategory(c) {
    if (c === 'necessary') { return false; }
    return !(stored && stored[c] === true);
  }
  function blockedProvider(url) {
    var u;
    try { u = new URL(url, w.location.href); } catch (e) { return false; }
    var path = (u.hostname + u.pathname).replace(/^www\./, '');
    for (var i = 0; i < providers.length; i++) {
      if (path.indexOf(providers[i].re) >= 0) { return providers[i].categories.some(blockedCategory); }
    }
    return false;
  }
  function categoryOf(el) {
    var c = el.getAttribute('data-cookieyes');
    return c ? c.replace(/^cookieyes-/, '') : null;
  }
  var engine = H.blocker({
    mechanism: 'createElement',
    decide: function (el, src) {
      if (!src) { return null; }
      var c = categoryOf(el);
      /* The plugin adds a data-cookieyes category to its provider list (not for necessary). */
      if (c && c !== 'necessary') { providers.push({ re: new URL(src, w.location.href).hostname.replace(/^www\./, '') + new URL(src, w.location.href).pathname, categories: [c] }); }
      return (c && blockedCategory(c)) || blockedProvider(src) ? { src: src } : null;
    },
    allowed: function (dec) { return !!(stored && stored.consent === 'yes') && !blockedProvider(dec.src); },
    mark: function (el) { el.setAttribute('type', 'javascript/blocked'); }
  });
  function consent() {
    var categories = { necessary: true };
    for (var i = 0; i < CATS.length; i++) { categories[CATS[i]] = !!(stored && stored[CATS[i]]); }
    return { activeLaw: 'gdpr', categories: categories, isUserActionCompleted: !!stored, consentID: 'model', languageCode: 'en' };
  }
  w.getCkyConsent = consent;
  engine.release();
  H.domReady(function () { H.fire(d, 'cookieyes_banner_load', consent()); });
  H.visitor(function (choice, mapped) {
    stored = H.choiceMap(CATS, choice, mapped);
    stored.consent = CATS.some(function (c) { return stored[c]; }) ? 'yes' : 'no';
    H.save(COOKIE, stored);
    var accepted = ['necessary'].concat(CATS.filter(function (c) { return stored[c]; }));
    var rejected = CATS.filter(function (c) { return !stored[c]; });
    engine.release();
    H.fire(d, 'cookieyes_consent_update', { accepted: accepted, rejected: rejected });
  });
})(window, document);
