/* DOCUMENTED MODEL of Axeptio's SDK (not vendor code). Sources (../shared/docs/cmp-facts.md
 * §2.15, docs/auto-blocking.md §2.12):
 *  [api]    https://developers.axeptio.eu/v/english/cookies/axeptio-javascript-sdk :
 *           window._axcb (functions called with the SDK once it is ready; later pushes run at
 *           once), window.axeptioSDK, choices[<vendor key>] = bool
 *  [events] https://developers.axeptio.eu/cookies/axeptio-javascript-sdk/listen-to-sdk-events :
 *           sdk.on(event, handler, {replay, once}); cookies:complete "is dispatched even if the
 *           cookie widget does not pop. If we find preferences inside the browser's cookies, we
 *           dispatch the event"; with replay: true, events that already happened call the handler
 *           at once. The default of `replay` is not documented [gap]: here a handler is replayed
 *           only when it asks for it.
 *  [cookies] https://developers.axeptio.eu/v/english/site-integration/registering-user-choices ,
 *           https://support.axeptio.eu/en/articles/274085-does-axeptio-place-cookies :
 *           axeptio_cookies (JSON of the choices), axeptio_authorized_vendors, axeptio_all_vendors
 * No attribute blocker: "Axeptio must have control over the script's triggering, which occurs
 * either through GTM … or directly in JS" (https://support.axeptio.eu/hc/en-gb/articles/4402942218769 ).
 * The SDK loads async: LATE after the page's load event (only _axcb before it); EARLY before the
 * snippet (a returning visitor's cookies:complete has then already been dispatched).
 * The admin created the vendor key "callpage" (with features in several categories:
 * callpage-analytics, callpage-functional).
 */
(function (w, d) {
  var H = w.__cmpModel;
  var VENDORS = ['callpage', 'callpage-analytics', 'callpage-functional', 'google_analytics', 'facebook_pixel'];
  var stored = H.load('axeptio_cookies');
  var handlers = {};
  var past = {};
  function emit(name, data) {
    past[name] = data;
    (handlers[name] || []).slice().forEach(function (h) {
      h.fn(data);
      if (h.once) { handlers[name] = handlers[name].filter(function (x) { return x !== h; }); }
    });
  }
  function choices() {
    var out = { $$completed: true };
    for (var i = 0; i < VENDORS.length; i++) { out[VENDORS[i]] = !!(stored && stored[VENDORS[i]]); }
    return out;
  }
  var sdk = {
    on: function (name, fn, options) {
      var h = { fn: fn, once: !!(options && options.once) };
      if (options && options.replay === true && Object.prototype.hasOwnProperty.call(past, name)) {
        fn(past[name]);
        if (h.once) { return; }
      }
      (handlers[name] = handlers[name] || []).push(h);
    },
    openCookies: function () {}
  };
  w.axeptioSDK = sdk;
  var queued = w._axcb || [];
  w._axcb = { push: function (fn) { fn(sdk); } };
  for (var i = 0; i < queued.length; i++) { queued[i](sdk); }
  emit('ready');
  if (stored) { emit('cookies:complete', choices()); }
  H.visitor(function (choice, mapped) {
    stored = H.choiceMap(VENDORS, choice, mapped);
    H.save('axeptio_cookies', choices());
    var authorized = VENDORS.filter(function (v) { return stored[v]; });
    d.cookie = 'axeptio_authorized_vendors=' + encodeURIComponent(',' + authorized.join(',') + ',') + '; max-age=15552000; path=/';
    d.cookie = 'axeptio_all_vendors=' + encodeURIComponent(',' + VENDORS.join(',') + ',') + '; max-age=15552000; path=/';
    emit('cookies:complete', choices());
  });
})(window, document);
