/* DOCUMENTED MODEL of Termly's resource-blocker embed (not vendor code). Sources
 * (../shared/docs/cmp-facts.md §2.12, docs/auto-blocking.md §2.5):
 *  [api]   https://support.termly.io/en/articles/9674733-getting-consent-state-and-handling-consent-changes-with-termly :
 *          Termly.getConsentState() -> {essential, performance, analytics, advertising,
 *          social_networking, unclassified}; Termly.on('initialized' | 'consent', cb) once the
 *          embed loaded (its onload="onTermlyLoaded()")
 *  [manual] https://help.termly.io/support/solutions/articles/69000308104-how-can-i-define-a-custom-blocking-map- :
 *          type="text/plain" data-categories="<categories>" runs once those categories are accepted
 *  [auto]  https://support.termly.io/en/articles/7904653-how-does-auto-blocker-work : Auto Blocker
 *          (on by default: the embed URL carries ?autoBlock=on,
 *          https://support.termly.io/hc/en-us/articles/34166597359889 ) blocks the trackers it
 *          recognises by category; an unrecognised third-party source is "Unclassified" and
 *          "will be blocked unless the visitor has accepted all tracking categories or has
 *          consented to the Unclassified category"; re-categorising cookies in the dashboard does
 *          not change it; manual categorisation takes precedence: "Any scripts categorized as
 *          Essential will always be served"; it "dynamically enables or disables the tracking
 *          mechanisms according to the visitor's saved preferences" (no reload)
 *  [map]   custom blocking map (page above): window.TERMLY_CUSTOM_BLOCKING_MAP = {"<domain>":
 *          "essential" | "performance" | "analytics" | "advertising" | "social_networking"},
 *          defined in a <script data-termly-config> BEFORE the embed (so read once, when the embed
 *          runs); more specific subdomains win; Domain Rules in the dashboard
 *          (https://support.termly.io/hc/en-us/articles/32848083153169 ) come after the map:
 *          __cmpModelSite.domainRules, same shape.
 * The trackers Termly recognises are __cmpModelSite.known: {"<domain>": "<category>"}. The
 * interception mechanism is not documented [gap]: modelled as a check at insertion.
 */
(function (w, d) {
  var H = w.__cmpModel, COOKIE = 'termly_consent';
  var CATS = ['performance', 'analytics', 'advertising', 'social_networking', 'unclassified'];
  var me = d.currentScript;
  var auto = !me || !/[?&]autoBlock=off\b/.test(me.getAttribute('src') || '');
  var map = w.TERMLY_CUSTOM_BLOCKING_MAP && typeof w.TERMLY_CUSTOM_BLOCKING_MAP === 'object' ? w.TERMLY_CUSTOM_BLOCKING_MAP : {};
  var stored = H.load(COOKIE);
  var listeners = [];
  function state() {
    var out = { essential: true };
    for (var i = 0; i < CATS.length; i++) { out[CATS[i]] = !!(stored && stored[CATS[i]]); }
    return out;
  }
  function emit(event, data) {
    for (var i = 0; i < listeners.length; i++) { if (listeners[i].event === event) { listeners[i].cb(data); } }
  }
  /* The most specific domain of `rules` that the host is (or is a subdomain of). */
  function lookup(rules, host) {
    var best = null;
    for (var domain in rules) {
      if (!Object.prototype.hasOwnProperty.call(rules, domain)) { continue; }
      if ((host === domain || host.slice(-(domain.length + 1)) === '.' + domain) && (!best || domain.length > best.length)) { best = domain; }
    }
    return best ? rules[best] : null;
  }
  function allowedCats(cats) {
    var s = state();
    var all = CATS.filter(function (c) { return c !== 'unclassified'; }).every(function (c) { return s[c]; });
    return cats.every(function (c) {
      c = c.trim();
      if (c === 'essential') { return true; }
      if (c === 'unclassified') { return all || s.unclassified; }
      return s[c] === true;
    });
  }
  var engine = null;
  if (auto) {
    engine = H.blocker({
      mechanism: 'insertion',
      decide: function (el, src) {
        if (!src || !H.thirdParty(src)) { return null; }
        var manual = el.getAttribute('data-categories');
        if (manual && el.getAttribute('type') !== 'text/plain') { return { categories: manual.split(',') }; }
        var host = H.hostOf(src);
        var category = lookup(map, host) || lookup(H.site.domainRules || {}, host) || lookup(H.site.known || {}, host) || 'unclassified';
        return { categories: [category] };
      },
      allowed: function (dec) { return allowedCats(dec.categories); },
      mark: function (el) {
        el.setAttribute('type', 'text/plain');
        el.setAttribute('data-termly-blocked-src', el.getAttribute('src'));
        el.removeAttribute('src');
      },
      drop: ['data-termly-blocked-src']
    });
  }
  function runScripts() {
    H.activate('script[type="text/plain"][data-categories]', function (el) {
      return allowedCats(el.getAttribute('data-categories').split(','));
    });
    if (engine) { engine.release(); }
  }
  w.Termly = {
    getConsentState: function () { return state(); },
    on: function (event, cb) { listeners.push({ event: event, cb: cb }); }
  };
  runScripts();
  H.domReady(runScripts);
  /* The embed's load event: onTermlyLoaded (its onload attribute) and then 'initialized'. */
  if (me) {
    me.addEventListener('load', function () { emit('initialized', { uuid: 'model' }); });
  }
  H.visitor(function (choice, mapped) {
    stored = H.choiceMap(CATS, choice, mapped);
    H.save(COOKIE, stored);
    runScripts();
    emit('consent', { uuid: 'model', consentState: state() });
  });
})(window, document);
