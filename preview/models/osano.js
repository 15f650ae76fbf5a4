/* DOCUMENTED MODEL of Osano's osano.js (not vendor code). Sources (../shared/docs/cmp-facts.md
 * §2.14, docs/auto-blocking.md §2.10):
 *  [api]   https://developers.osano.com/cmp/javascript-api/developer-documentation-consent-javascript-api
 *          and https://docs.osano.com/article/19-developer-documentation : Osano.cm.{analytics,
 *          marketing, personalization, optOut}, Osano.cm.getConsent() ({ESSENTIAL, ANALYTICS,
 *          MARKETING, PERSONALIZATION, OPT_OUT: 'ACCEPT' | 'DENY'}), Osano.cm.addEventListener;
 *          osano-cm-initialized: if already initialised when a listener is added, "the
 *          callback is immediately fired" (the one replayed event); osano-cm-consent-changed
 *          fires on a change in the drawer and "does not reflect the consent being saved";
 *          osano-cm-consent-saved fires when the consent is saved; the pre-load queue
 *          window.Osano('onInitialized', cb) (window.Osano.data) for code that runs first
 *  [modes] https://docs.osano.com/compliance-modes-listener-permissive-strict : Permissive
 *          (uncategorised scripts allowed) and Strict (uncategorised scripts BLOCKED); the page
 *          says which in __cmpModelSite.mode ('permissive' | 'strict')
 *  [block] 19-developer-documentation: osano.js "prevents scripts with an src tag from loading
 *          until those scripts have been approved and categorized" and "does prevent inline
 *          code from creating new scripts and iframes" but "does not prevent inline code from
 *          executing"; https://docs.osano.com/hc/en-us/articles/22472145627540-Classification-Rules :
 *          rules match by URL substring; "Essential scripts will always be loaded, regardless of
 *          whether the user has consented": __cmpModelSite.rules: [{match, category}]
 * Osano documents no attribute for held-back inline scripts (data-osano="..." is only seen in
 * third-party code, cmp-facts §2.14), so none is released here. osano.js must be the first
 * script [api], so EARLY is its documented place; LATE (after the page's load event, with the
 * documented pre-load queue before it) stands for a site that loads it late anyway.
 */
(function (w, d) {
  var H = w.__cmpModel, COOKIE = 'osano_consentmanager';
  var CATS = ['ANALYTICS', 'MARKETING', 'PERSONALIZATION'];
  var mode = H.site.mode || 'permissive';
  var rules = H.site.rules || [];
  var stored = H.load(COOKIE);
  var listeners = {};
  var initialized = false;
  function getConsent() {
    var out = { ESSENTIAL: 'ACCEPT', OPT_OUT: 'DENY' };
    for (var i = 0; i < CATS.length; i++) { out[CATS[i]] = stored && stored[CATS[i]] ? 'ACCEPT' : 'DENY'; }
    return out;
  }
  function emit(name, data) { (listeners[name] || []).slice().forEach(function (cb) { cb(data); }); }
  var engine = H.blocker({
    mechanism: 'insertion',
    decide: function (el, src) {
      if (!src || !H.thirdParty(src)) { return null; }
      for (var i = 0; i < rules.length; i++) {
        if (src.indexOf(rules[i].match) >= 0) { return rules[i].category === 'ESSENTIAL' ? null : { category: rules[i].category }; }
      }
      return mode === 'strict' ? { category: 'UNCATEGORIZED' } : null;
    },
    allowed: function (dec) { return getConsent()[dec.category] === 'ACCEPT'; },
    mark: function (el) {
      el.setAttribute('type', 'text/plain');
      el.setAttribute('data-osano-blocked-src', el.getAttribute('src'));
      el.removeAttribute('src');
    },
    drop: ['data-osano-blocked-src']
  });
  function sync() {
    var c = getConsent();
    cm.analytics = c.ANALYTICS === 'ACCEPT';
    cm.marketing = c.MARKETING === 'ACCEPT';
    cm.personalization = c.PERSONALIZATION === 'ACCEPT';
    cm.optOut = false;
    engine.release();
  }
  var cm = {
    getConsent: getConsent,
    addEventListener: function (name, cb) {
      (listeners[name] = listeners[name] || []).push(cb);
      if (name === 'osano-cm-initialized' && initialized) { cb(getConsent()); }
    },
    removeEventListener: function (name, cb) { listeners[name] = (listeners[name] || []).filter(function (x) { return x !== cb; }); },
    showDrawer: function () {}
  };
  var queue = (typeof w.Osano === 'function' && w.Osano.data) || [];
  w.Osano = function (command, cb) { if (command === 'onInitialized' && typeof cb === 'function') { cm.addEventListener('osano-cm-initialized', cb); } };
  w.Osano.cm = cm;
  sync();
  initialized = true;
  emit('osano-cm-initialized', getConsent());
  for (var i = 0; i < queue.length; i++) { w.Osano.apply(null, queue[i]); }
  H.visitor(function (choice, mapped) {
    var pending = H.choiceMap(CATS, choice === 'toggle' ? 'mapped' : choice, mapped);
    if (choice === 'toggle') {
      /* A toggle in the drawer, not saved: only osano-cm-consent-changed. */
      var next = getConsent();
      for (var c in pending) { if (pending[c]) { next[c] = 'ACCEPT'; } }
      emit('osano-cm-consent-changed', next);
      return;
    }
    var before = getConsent();
    stored = pending;
    H.save(COOKIE, stored);
    sync();
    var after = getConsent();
    if (JSON.stringify(before) !== JSON.stringify(after)) { emit('osano-cm-consent-changed', after); }
    emit('osano-cm-consent-saved', after);
  });
})(window, document);
