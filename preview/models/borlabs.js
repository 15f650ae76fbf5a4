/* DOCUMENTED MODEL of Borlabs Cookie 3's front-end (not vendor code: Borlabs is proprietary,
 * "may not be redistributed"). Sources (../shared/docs/cmp-facts.md §2.17,
 * docs/auto-blocking.md §2.13):
 *  [obs] BorlabsCookie.Consents.hasConsent(<service id>), .hasConsentForServiceGroup(<group>),
 *        window events borlabs-cookie-after-init (3.0.6+, https://consentchecker.eu/en/kb/borlabs )
 *        and borlabs-cookie-consent-saved, as third-party code uses them; the core "is an ES
 *        module that does not exist while the page is parsed" (so it is LATE by nature)
 *  [review] issue 11 (review of the snippets): the API throws when called before Borlabs is
 *        initialised. Modelled as: BorlabsCookie exists once the module ran, its Consents
 *        methods throw until initialisation ends, which takes 600 ms here (Borlabs reads its
 *        configuration asynchronously; long enough that the snippet's 250 ms polling calls it
 *        meanwhile), then borlabs-cookie-after-init.
 *  [src] Script Blocker (server side, models/server-blockers.mjs): blocked tags become
 *        type="text/template" with data-borlabs-cookie-script-blocker-id and their src in
 *        data-borlabs-cookie-script-blocker-src; they are restored when the visitor consents to
 *        the blocker's service (copies of ScriptBlockerManager, docs/auto-blocking.md §2.13).
 * The admin created the service "callpage" in the group statistics.
 */
(function (w, d) {
  var H = w.__cmpModel, COOKIE = 'borlabs-cookie';
  var GROUPS = { essential: ['borlabs-cookie'], statistics: ['callpage', 'callpage-analytics', 'callpage-functional', 'google-analytics'], marketing: ['facebook-pixel'] };
  var SERVICES = GROUPS.statistics.concat(GROUPS.marketing);
  /* Which service each Script Blocker id belongs to (the site's Borlabs settings). */
  var BLOCKERS = H.site.scriptBlockers || {};
  var stored = H.load(COOKIE);
  var ready = false;
  function guard() { if (!ready) { throw new Error('Borlabs Cookie is not initialised yet'); } }
  function hasConsent(id) { return GROUPS.essential.indexOf(id) >= 0 || !!(stored && stored[id]); }
  w.BorlabsCookie = {
    Consents: {
      hasConsent: function (id) { guard(); return hasConsent(id); },
      hasConsentForServiceGroup: function (g) { guard(); return (GROUPS[g] || []).some(hasConsent); }
    }
  };
  function unblock() {
    H.activate('script[type="text/template"][data-borlabs-cookie-script-blocker-id]', function (el) {
      var service = BLOCKERS[el.getAttribute('data-borlabs-cookie-script-blocker-id')];
      return !!service && hasConsent(service);
    }, 'data-borlabs-cookie-script-blocker-src');
  }
  setTimeout(function () {
    ready = true;
    unblock();
    H.fire(w, 'borlabs-cookie-after-init');
  }, 600);
  H.visitor(function (choice, mapped) {
    stored = H.choiceMap(SERVICES, choice, mapped);
    H.save(COOKIE, stored);
    unblock();
    H.fire(w, 'borlabs-cookie-consent-saved');
  });
})(window, document);
