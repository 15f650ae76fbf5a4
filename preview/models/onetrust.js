/* DOCUMENTED MODEL of OneTrust's banner SDK (otSDKStub.js + otBannerSdk.js; not vendor code).
 * Sources (../shared/docs/cmp-facts.md §2.4, docs/auto-blocking.md §2.2):
 *  [api]    https://developer.onetrust.com/onetrust/docs/javascript-events-guide : OptanonWrapper()
 *           after the SDK loaded, OneTrust.OnConsentChanged(cb), window events
 *           OneTrustGroupsUpdated (detail: the active group ids; on each load and update) and
 *           OTConsentApplied; https://my.onetrust.com/articles/en_US/Knowledge/UUID-66bcaaf1-c7ca-5f32-6760-c75a1337c226 :
 *           window.OnetrustActiveGroups / OptanonActiveGroups (",C0001,C0002,")
 *  [wrapper] OptanonWrapper runs again after a consent update: [obs] in cmp-facts §2.4
 *  [manual] https://my.onetrust.com/articles/en_US/Knowledge/UUID-518074a1-a6da-81c3-be52-bae7685d9c94 :
 *           type="text/plain" class="optanon-category-<ids joined by ->" runs once all those
 *           groups are active; the same activation releases what OtAutoBlock.js held
 *           (UUID-cdb2fcad…: "Once the consent is granted, the type is changed to Text/JavaScript")
 * The page loads otSDKStub.js, which loads the SDK asynchronously: LATE means the SDK runs after
 * the page's load event; EARLY that it ran before the snippet (a cached SDK).
 */
(function (w, d) {
  var H = w.__cmpModel, COOKIE = 'OptanonConsent';
  var GROUPS = ['C0002', 'C0003', 'C0004', 'C0005'];
  var stored = H.load(COOKIE);
  var changed = [];
  function active(state) {
    return ',' + ['C0001'].concat(GROUPS.filter(function (g) { return state && state[g]; })).join(',') + ',';
  }
  function ids() { return w.OnetrustActiveGroups.split(',').filter(Boolean); }
  w.OnetrustActiveGroups = w.OptanonActiveGroups = active(stored);
  w.OneTrust = {
    OnConsentChanged: function (fn) { changed.push(fn); },
    IsAlertBoxClosed: function () { return !!stored; },
    GetDomainData: function () { return { Groups: [] }; },
    ToggleInfoDisplay: function () {}
  };
  function runScripts() {
    H.activate('script[type="text/plain"][class*="optanon-category-"]', function (el) {
      var cls = el.className.split(/\s+/).filter(function (c) { return c.indexOf('optanon-category-') === 0; })[0];
      return cls.slice('optanon-category-'.length).split('-').every(function (g) {
        return w.OnetrustActiveGroups.indexOf(',' + g + ',') >= 0;
      });
    });
  }
  function announce() {
    runScripts();
    H.domReady(runScripts);
    if (typeof w.OptanonWrapper === 'function') { w.OptanonWrapper(); }
    H.fire(w, 'OneTrustGroupsUpdated', ids());
  }
  announce();
  H.visitor(function (choice, mapped) {
    stored = H.choiceMap(GROUPS, choice, mapped);
    H.save(COOKIE, stored);
    w.OnetrustActiveGroups = w.OptanonActiveGroups = active(stored);
    for (var i = 0; i < changed.length; i++) { changed[i]({ detail: ids() }); }
    announce();
    H.fire(w, 'OTConsentApplied');
  });
})(window, document);
