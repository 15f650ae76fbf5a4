/* FAKE Axeptio (documented API only): window._axcb (functions called with the SDK once it is
 * ready; later pushes run at once), sdk.on('cookies:complete', choices => ...) with
 * choices[<vendor key>] = bool, fired when the visitor completes the cookie widget and on
 * load when a choice is stored; cookies axeptio_cookies, axeptio_authorized_vendors,
 * axeptio_all_vendors. No attribute blocker (none is documented). The admin created the vendor
 * key "callpage" (with features in several categories: callpage-analytics,
 * callpage-functional). */
(function (w, d) {
  var H = w.__fakeCmpHarness;
  var VENDORS = ['callpage', 'callpage-analytics', 'callpage-functional', 'google_analytics', 'facebook_pixel'];
  var stored = H.load('axeptio_cookies');
  var handlers = {};
  function emit(name, data) { (handlers[name] || []).forEach(function (cb) { cb(data); }); }
  function choices() {
    var out = { $$completed: true };
    for (var i = 0; i < VENDORS.length; i++) { out[VENDORS[i]] = !!(stored && stored[VENDORS[i]]); }
    return out;
  }
  var sdk = {
    on: function (name, cb) { (handlers[name] = handlers[name] || []).push(cb); },
    openCookies: function () {}
  };
  H.ready(function () {
    w.axeptioSDK = sdk;
    var queued = w._axcb || [];
    w._axcb = { push: function (fn) { fn(sdk); } };
    for (var i = 0; i < queued.length; i++) { queued[i](sdk); }
    emit('ready');
    if (stored) { emit('cookies:complete', choices()); }
  });
  H.visitor(function (choice, mapped) {
    stored = H.choiceMap(VENDORS, choice, mapped);
    H.save('axeptio_cookies', choices());
    var authorized = VENDORS.filter(function (v) { return stored[v]; });
    d.cookie = 'axeptio_authorized_vendors=' + encodeURIComponent(',' + authorized.join(',') + ',') + '; max-age=15552000; path=/';
    d.cookie = 'axeptio_all_vendors=' + encodeURIComponent(',' + VENDORS.join(',') + ',') + '; max-age=15552000; path=/';
    emit('cookies:complete', choices());
  });
})(window, document);
