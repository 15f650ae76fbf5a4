/* FAKE Borlabs Cookie 3 (API as in cmp-facts.md, [obs]): BorlabsCookie.Consents.hasConsent(
 * <service id>), .hasConsentForServiceGroup(<group>), window events borlabs-cookie-after-init
 * and borlabs-cookie-consent-saved. No held-back script (the Script Blocker is
 * plugin-generated). The admin created the service "callpage" in the group statistics. */
(function (w, d) {
  var H = w.__fakeCmpHarness, COOKIE = 'borlabs-cookie';
  var GROUPS = { essential: ['borlabs-cookie'], statistics: ['callpage', 'callpage-analytics', 'callpage-functional', 'google-analytics'], marketing: ['facebook-pixel'] };
  var SERVICES = GROUPS.statistics.concat(GROUPS.marketing);
  var stored = H.load(COOKIE);
  w.BorlabsCookie = {
    Consents: {
      hasConsent: function (id) { return GROUPS.essential.indexOf(id) >= 0 || !!(stored && stored[id]); },
      hasConsentForServiceGroup: function (g) { return (GROUPS[g] || []).some(function (id) { return w.BorlabsCookie.Consents.hasConsent(id); }); }
    }
  };
  H.ready(function () { H.fire(w, 'borlabs-cookie-after-init'); });
  H.visitor(function (choice, mapped) {
    stored = H.choiceMap(SERVICES, choice, mapped);
    H.save(COOKIE, stored);
    H.fire(w, 'borlabs-cookie-consent-saved');
  });
})(window, document);
