/* DOCUMENTED MODEL of consentmanager.net's CMP code (not vendor code). Sources
 * (../shared/docs/cmp-facts.md §2.16, docs/auto-blocking.md §2.7):
 *  [api]    https://help.consentmanager.net/books/cmp/page/javascript-api and
 *           https://help.consentmanager.net/books/cmp/page/cmp-events : __cmp('getCMPData') ->
 *           {vendorConsents, purposeConsents, consentExists, gdprApplies, vendorsList},
 *           __cmp('addEventListener', ['consent', fn, false], null); before the code loaded, the
 *           __cmp stub of the embed code only queues calls (window.__cmp.a) and answers nothing
 *  [manual] https://help.consentmanager.net/books/cmp/page/how-to-block-third-party-codes-cookies-if-no-consent-is-given :
 *           type="text/plain" class="cmplazyload" data-cmp-vendor="<id>" (data-cmp-src for a
 *           URL) runs once the vendor has consent
 *  [auto]   https://help.consentmanager.net/books/cmp/page/automatic-blocking-of-codes-and-cookies :
 *           the loader with data-cmp-ab="1" first in <head>, not async; it "disables iframes and
 *           external scripts" and "inline scripts" that set cookies; blocked elements look like
 *           manual blocking (data-cmp-src, cmplazyload) and are "enabled by the CMP as soon as
 *           consent is given"; an element carrying data-cmp-ab="1" is not blocked;
 *           window.cmp_block_ignoredomains (set before the CMP code) lists domains never blocked;
 *           client-side switches cmp_block_unkown (block scripts of no known vendor, default
 *           true), cmp_block_inline (default true), cmp_block_samedomain (default false)
 *  [obs]    the inline test is a search for "document.cookie=" after removing whitespace; the
 *           blocker replaces document.createElement and re-reads cmp_block_ignoredomains at each
 *           decision (docs/auto-blocking.md §2.6, §2.7)
 * When an unknown (vendor-less) external script is enabled is not documented [gap]: here once
 * the visitor consented to everything. The site's known vendor scripts are
 * __cmpModelSite.vendorScripts: [{match, vendor}].
 * The admin created the custom vendor and entered its id ("callpage") in Cookie Admin, as the
 * snippet's instructions say.
 */
(function (w, d) {
  var H = w.__cmpModel, COOKIE = '__cmpconsent';
  var VENDORS = ['callpage', 'callpage-analytics', 'callpage-functional', 's26', 's1'];
  var me = d.currentScript;
  var auto = !!me && me.getAttribute('data-cmp-ab') === '1';
  var stored = H.load(COOKIE);
  var listeners = {};
  function data() {
    var vendorConsents = {};
    for (var i = 0; i < VENDORS.length; i++) { if (stored && stored[VENDORS[i]]) { vendorConsents[VENDORS[i]] = true; } }
    return { vendorConsents: vendorConsents, purposeConsents: {}, consentExists: !!stored, gdprApplies: true, vendorsList: VENDORS.map(function (v) { return { id: v }; }) };
  }
  function emit(name) { (listeners[name] || []).forEach(function (fn) { fn(name, data()); }); }
  function flag(name, fallback) { return typeof w[name] === 'boolean' ? w[name] : fallback; }
  var engine = null;
  if (auto) {
    var known = H.site.vendorScripts || [];
    engine = H.blocker({
      mechanism: 'createElement',
      inline: true,
      decide: function (el, src) {
        if (el.getAttribute('data-cmp-ab') === '1') { return null; }
        if (!src) {
          var type = el.getAttribute('type');
          if (type && type !== 'text/javascript' && type !== 'module') { return null; }
          return flag('cmp_block_inline', true) && el.text.replace(/\s+/g, '').indexOf('document.cookie=') >= 0 ? { vendor: null } : null;
        }
        var host = H.hostOf(src);
        var ignore = w.cmp_block_ignoredomains || [];
        for (var i = 0; i < ignore.length; i++) {
          if (host === ignore[i] || host.slice(-(String(ignore[i]).length + 1)) === '.' + ignore[i]) { return null; }
        }
        if (!H.thirdParty(src) && !flag('cmp_block_samedomain', false)) { return null; }
        for (var j = 0; j < known.length; j++) { if (src.indexOf(known[j].match) >= 0) { return { vendor: known[j].vendor }; } }
        return flag('cmp_block_unkown', true) ? { vendor: null } : null;
      },
      allowed: function (dec) {
        var v = data().vendorConsents;
        return dec.vendor ? v[dec.vendor] === true : VENDORS.every(function (x) { return v[x] === true; });
      },
      mark: function (el, dec, src) {
        el.setAttribute('type', 'text/plain');
        el.setAttribute('class', ((el.getAttribute('class') || '') + ' cmplazyload').trim());
        if (src) { el.setAttribute('data-cmp-src', src); el.removeAttribute('src'); }
      },
      drop: ['data-cmp-src']
    });
  }
  function runScripts() {
    var v = data().vendorConsents;
    H.activate('script[type="text/plain"].cmplazyload[data-cmp-vendor]', function (el) { return v[el.getAttribute('data-cmp-vendor')] === true; });
    if (engine) { engine.release(); }
  }
  var queue = (typeof w.__cmp === 'function' && w.__cmp.a) || [];
  w.__cmp = function (command, param) {
    if (command === 'getCMPData') { return data(); }
    if (command === 'consentStatus') { return data(); }
    if (command === 'addEventListener' && param && typeof param[1] === 'function') {
      (listeners[param[0]] = listeners[param[0]] || []).push(param[1]);
    }
    return undefined;
  };
  for (var i = 0; i < queue.length; i++) { w.__cmp.apply(null, queue[i]); }
  runScripts();
  H.domReady(runScripts);
  if (stored) { emit('consent'); }
  H.visitor(function (choice, mapped) {
    stored = H.choiceMap(VENDORS, choice, mapped);
    H.save(COOKIE, stored);
    runScripts();
    emit('consent');
  });
})(window, document);
