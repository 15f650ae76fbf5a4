/* DOCUMENTED MODEL of Cookiebot's uc.js (not vendor code). Sources:
 *  [api]    https://www.cookiebot.com/en/developer/ (window.Cookiebot, events, callbacks), and the
 *           public type definitions @types/cookiebot-sdk 2.43.5 (checked against this file by
 *           tests/browser/model-types.test.js)
 *  [manual] https://support.cookiebot.com/hc/en-us/articles/4405978132242-Manual-Markup-Guide ,
 *           https://support.cookiebot.com/hc/en-us/articles/360021304979-Blocking-cookies
 *  [auto]   https://support.cookiebot.com/hc/en-us/articles/11438730619804-How-does-auto-blocking-work ,
 *           https://support.cookiebot.com/hc/en-us/articles/360009074960-Automatic-cookie-blocking
 *  [ignore] data-cookieconsent="ignore": Manual Markup Guide above and
 *           https://support.cookiebot.com/hc/en-us/articles/360016047000-Implementing-Google-Consent-Mode
 *  (collected in docs/auto-blocking.md §2.1 and ../shared/docs/cmp-facts.md §2.3)
 *
 * The page loads it as the vendor says: <script id="Cookiebot" src=".../uc.js" data-cbid="..."
 * data-blockingmode="auto|manual">; in auto mode it must be the first script, without async or
 * defer [auto], so auto mode is only ever EARLY. The site's scan result (which cookies, so
 * which categories, a script sets) comes from __cmpModelSite.scan: [{match: <URL substring>,
 * categories: [...]}] (the monthly scan attributes cookies to the script that set them [auto]).
 */
(function (w, d) {
  var H = w.__cmpModel, COOKIE = 'CookieConsent';
  var CATS = ['preferences', 'statistics', 'marketing'];
  var me = d.currentScript;
  var auto = !!me && me.getAttribute('data-blockingmode') === 'auto';
  var stored = H.load(COOKIE);
  var cb = w.Cookiebot = {
    /* [api] consent.* booleans, consented, declined, hasResponse, doNotTrack, regulations, stamp */
    consent: { necessary: true, preferences: false, statistics: false, marketing: false, stamp: '0' },
    consented: false, declined: false, hasResponse: false, doNotTrack: false,
    regulations: { gdprApplies: true, ccpaApplies: false, lgpdApplies: false },
    /* [api] methods; the banner itself is not modelled (the test's visitor stands for it) */
    show: function () {}, hide: function () {}, renew: function () {},
    getScript: function (url, async, done) {
      var s = d.createElement('script');
      s.src = url; s.async = !!async;
      if (done) { s.onload = done; }
      d.head.appendChild(s);
    },
    runScripts: function () { runScripts(); },
    withdraw: function () { choose('reject'); },
    submitCustomConsent: function (p, s, m) { decide({ preferences: !!p, statistics: !!s, marketing: !!m }); },
    getDomainUrlParam: function () { return ''; },
    setOutOfRegion: function () {}
  };
  function apply(state) {
    for (var i = 0; i < CATS.length; i++) { cb.consent[CATS[i]] = state[CATS[i]] === true; }
    cb.consent.stamp = 'model';
    cb.hasResponse = true;
    cb.consented = CATS.some(function (c) { return cb.consent[c]; });
    cb.declined = !cb.consented;
  }
  function accepted(cats) {
    return cats.every(function (c) { c = c.trim(); return c === 'necessary' || c === 'unclassified' || cb.consent[c] === true; });
  }

  /* [auto] Elements are compared "with a checklist" when "about to be injected into the DOM";
   * an element that sets Preferences, Statistics or Marketing cookies stays blocked until ALL its
   * categories are accepted; Necessary/Unclassified-only elements load. [ignore] exempts an
   * element whose data-cookieconsent is exactly "ignore" (and that is not type="text/plain"). */
  var engine = null;
  if (auto) {
    var scan = H.site.scan || [];
    engine = H.blocker({
      mechanism: 'insertion',
      decide: function (el, src) {
        if (!src) { return null; }
        if (el.getAttribute('data-cookieconsent') === 'ignore' && el.getAttribute('type') !== 'text/plain') { return null; }
        for (var i = 0; i < scan.length; i++) {
          if (src.indexOf(scan[i].match) >= 0) { return { categories: scan[i].categories }; }
        }
        return null;
      },
      allowed: function (dec) { return accepted(dec.categories); },
      /* "modifies the element so it can't load and adds an attribute used later to load it" */
      mark: function (el, dec) {
        el.setAttribute('type', 'text/plain');
        el.setAttribute('data-cookieconsent', dec.categories.join(','));
        el.setAttribute('data-cookieblock-src', el.getAttribute('src'));
        el.removeAttribute('src');
      },
      drop: ['data-cookieblock-src']
    });
  }

  function callback(name) { if (typeof w['CookiebotCallback_' + name] === 'function') { w['CookiebotCallback_' + name](); } }
  /* [manual] type="text/plain" data-cookieconsent="<categories>" runs once all its categories
   * are accepted; [auto] blocked elements are loaded on consent, without a reload. */
  function runScripts() {
    H.activate('script[type="text/plain"][data-cookieconsent]:not([data-cookieblock-src])', function (el) {
      return accepted(el.getAttribute('data-cookieconsent').split(','));
    });
    if (engine) { engine.release(); }
  }
  /* [api] CookiebotOnConsentReady once the consent is known; CookiebotOnAccept also for a
   * returning visitor who consented, CookiebotOnDecline otherwise. */
  function signal() {
    H.fire(w, 'CookiebotOnConsentReady');
    if (cb.consented) { callback('OnAccept'); H.fire(w, 'CookiebotOnAccept'); }
    else { callback('OnDecline'); H.fire(w, 'CookiebotOnDecline'); }
    runScripts();
    H.domReady(runScripts);
  }
  function decide(state) {
    apply(state);
    H.save(COOKIE, state);
    signal();
  }
  function choose(choice, mapped) { decide(H.choiceMap(CATS, choice, mapped)); }

  /* Initialisation, synchronously while uc.js runs. */
  if (stored) { apply(stored); }
  callback('OnLoad');
  H.fire(w, 'CookiebotOnLoad');
  if (stored) { signal(); } else { H.fire(w, 'CookiebotOnDialogInit'); H.fire(w, 'CookiebotOnDialogDisplay'); }
  H.visitor(choose);
})(window, document);
