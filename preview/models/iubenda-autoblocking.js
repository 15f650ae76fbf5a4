/* DOCUMENTED MODEL of iubenda's automatic blocking (cs.iubenda.com/autoblocking/<siteId>.js; not
 * vendor code). Sources (docs/auto-blocking.md §2.6):
 *  [doc] https://www.iubenda.com/en/help/133036-prior-blocking-of-cookies-automatic-blocking-auto-blocking :
 *        "automatically blocking third-party scripts that install cookies" (iubenda's own list;
 *        "experimental")
 *  [doc] https://iubenda.com/en/help/posts/1205 : a synchronous script after _iub.csConfiguration
 *        and before cs.js; blocked scripts are activated after consent without a reload
 *  [src] class="_iub_cs_skip": iubenda's own WordPress plugin marks its scripts with it so the
 *        automatic blocking leaves them alone (not found in iubenda's docs: [gap])
 * Whether iubenda's list contains CallPage is not public [gap]: the model assumes the worst, the
 * widget's host classified under purpose 4 (Measurement), like the site declares the widget's
 * cookies. The list is __cmpModelSite.blocked: [{host, purposes: [...]}]. The mechanism is not
 * documented [gap]: modelled as a check at insertion.
 */
(function (w, d) {
  var H = w.__cmpModel;
  var list = H.site.blocked || [];
  function consented(p) {
    var conf = (w._iub && w._iub.csConfiguration) || {};
    var stored = H.load('_iub_cs-' + (conf.cookiePolicyId || 0));
    return String(p) === '1' || !!(stored && stored[String(p)]);
  }
  w.__cmpModelIubendaBlocker = H.blocker({
    mechanism: 'insertion',
    decide: function (el, src) {
      if (!src || !H.thirdParty(src)) { return null; }
      if ((' ' + (el.getAttribute('class') || '') + ' ').indexOf(' _iub_cs_skip ') >= 0) { return null; }
      var host = H.hostOf(src);
      for (var i = 0; i < list.length; i++) {
        if (host === list[i].host || host.slice(-(list[i].host.length + 1)) === '.' + list[i].host) { return { purposes: list[i].purposes }; }
      }
      return null;
    },
    allowed: function (dec) { return dec.purposes.every(consented); },
    mark: function (el) {
      el.setAttribute('type', 'text/plain');
      el.setAttribute('data-suppressedsrc', el.getAttribute('src'));
      el.removeAttribute('src');
    },
    drop: ['data-suppressedsrc']
  });
})(window, document);
