/* FAKE OneTrust (documented API only): window.OnetrustActiveGroups (",C0001,C0002,"),
 * OneTrust.OnConsentChanged(cb), OneTrust.IsAlertBoxClosed(), OptanonWrapper() after load and
 * after consent updates, window events OneTrustGroupsUpdated (detail: active ids; on each load
 * and update) and OTConsentApplied, and JavaScript type re-writing: type="text/plain"
 * class="optanon-category-<ids joined by ->" runs once all those groups are active. */
(function (w, d) {
  var H = w.__fakeCmpHarness, COOKIE = 'OptanonConsent';
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
    H.unblock('script[type="text/plain"][class*="optanon-category-"]', function (el) {
      var cls = el.className.split(/\s+/).filter(function (c) { return c.indexOf('optanon-category-') === 0; })[0];
      return cls.slice('optanon-category-'.length).split('-').every(function (g) {
        return w.OnetrustActiveGroups.indexOf(',' + g + ',') >= 0;
      });
    });
  }
  function announce() {
    runScripts();
    if (typeof w.OptanonWrapper === 'function') { w.OptanonWrapper(); }
    H.fire(w, 'OneTrustGroupsUpdated', ids());
  }
  H.ready(announce);
  H.visitor(function (choice, mapped) {
    stored = H.choiceMap(GROUPS, choice, mapped);
    H.save(COOKIE, stored);
    w.OnetrustActiveGroups = w.OptanonActiveGroups = active(stored);
    for (var i = 0; i < changed.length; i++) { changed[i]({ detail: ids() }); }
    announce();
    H.fire(w, 'OTConsentApplied');
  });
})(window, document);
