/* DOCUMENTED MODEL of CookieFirst's banner script (not vendor code). Sources
 * (../shared/docs/cmp-facts.md §2.13, docs/auto-blocking.md §2.14):
 *  [api]    https://support.cookiefirst.com/hc/en-us/articles/360011568738-Cookie-Banner-Public-API-documentation :
 *           window.CookieFirst.consent ({necessary, performance, functional, advertising}, null
 *           before a choice), window events cf_init and cf_consent (detail: the new consent);
 *           consent changes after the first one reload the page
 *  [manual] https://support.cookiefirst.com/hc/en-us (third-party scripts article):
 *           type="text/plain" data-cookiefirst-category="<category>" runs once it is accepted
 *  [auto]   https://support.cookiefirst.com/hc/en-us/articles/5348470054289-How-does-the-autoblock-feature-work :
 *           autoblock applies only to "scripts configured under the 'Scripts' tab" with autoblock
 *           selected (new embed, high in <head>): __cmpModelSite.scripts: [{match: <URL
 *           substring>, category}]; mechanism not documented [gap]: modelled at insertion
 */
(function (w, d) {
  var H = w.__cmpModel, COOKIE = 'cookiefirst-consent';
  var CATS = ['performance', 'functional', 'advertising'];
  var scripts = H.site.scripts || [];
  var stored = H.load(COOKIE);
  function consent() {
    if (!stored) { return null; }
    var out = { necessary: true };
    for (var i = 0; i < CATS.length; i++) { out[CATS[i]] = stored[CATS[i]] === true; }
    return out;
  }
  function accepted(c) { var now = consent() || {}; return c === 'necessary' || now[c] === true; }
  var engine = scripts.length ? H.blocker({
    mechanism: 'insertion',
    decide: function (el, src) {
      if (!src) { return null; }
      for (var i = 0; i < scripts.length; i++) { if (src.indexOf(scripts[i].match) >= 0) { return { category: scripts[i].category }; } }
      return null;
    },
    allowed: function (dec) { return accepted(dec.category); },
    mark: function (el) {
      el.setAttribute('type', 'text/plain');
      el.setAttribute('data-cookiefirst-blocked-src', el.getAttribute('src'));
      el.removeAttribute('src');
    },
    drop: ['data-cookiefirst-blocked-src']
  }) : null;
  function runScripts() {
    H.activate('script[type="text/plain"][data-cookiefirst-category]', function (el) { return accepted(el.getAttribute('data-cookiefirst-category')); });
    if (engine) { engine.release(); }
  }
  w.CookieFirst = { consent: consent(), acceptedServices: {} };
  runScripts();
  H.domReady(function () { runScripts(); H.fire(w, 'cf_init'); });
  H.visitor(function (choice, mapped) {
    var first = !stored;
    stored = H.choiceMap(CATS, choice, mapped);
    H.save(COOKIE, stored);
    w.CookieFirst.consent = consent();
    runScripts();
    H.fire(w, 'cf_consent', consent());
    if (!first) { setTimeout(function () { w.location.reload(); }, 50); }
  });
})(window, document);
