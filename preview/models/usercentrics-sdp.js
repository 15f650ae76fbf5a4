/* DOCUMENTED MODEL of Usercentrics' Smart Data Protector (uc-block.bundle.js; not vendor code).
 * Sources (docs/auto-blocking.md §2.3):
 *  [doc] Usercentrics developer docs "Smart Data Protector" (docs.usercentrics.com/#/smart-data-protector):
 *        loaded synchronously before other scripts, independently of the CMP version; blocks only
 *        a fixed list of supported technologies (predefined templates such as Google Analytics,
 *        Google Tag Manager, YouTube, HubSpot, Intercom, Calendly), "even if they have not been
 *        added to the Service Settings"; CallPage is not in that list; unblocks on consent
 *  [doc] https://usercentrics.atlassian.net/wiki/spaces/SKB/pages/2324463675
 * The interception mechanism is not documented [gap]: modelled as a check at insertion. The
 * list below is a few of the documented templates, by host, with the service name the test
 * site's Admin shows for them; __cmpModelSite.sdp can add entries (a test of the model).
 */
(function (w, d) {
  var H = w.__cmpModel;
  var TEMPLATES = [
    { host: 'www.google-analytics.com', name: 'Google Analytics' },
    { host: 'www.googletagmanager.com', name: 'Google Analytics' },
    { host: 'www.youtube.com', name: 'YouTube Video' },
    { host: 'js.hs-scripts.com', name: 'HubSpot' },
    { host: 'widget.intercom.io', name: 'Intercom' },
    { host: 'assets.calendly.com', name: 'Calendly' }
  ].concat(H.site.sdp || []);
  function given(name) {
    var stored = H.load('uc_settings');
    return !!(stored && stored[name]);
  }
  w.__cmpModelUcAutoblocker = H.blocker({
    mechanism: 'insertion',
    decide: function (el, src) {
      if (!src) { return null; }
      var host = H.hostOf(src);
      for (var i = 0; i < TEMPLATES.length; i++) { if (host === TEMPLATES[i].host) { return { name: TEMPLATES[i].name }; } }
      return null;
    },
    allowed: function (dec) { return given(dec.name); },
    mark: function (el) {
      el.setAttribute('type', 'text/plain');
      el.setAttribute('data-uc-blocked-src', el.getAttribute('src'));
      el.removeAttribute('src');
    },
    drop: ['data-uc-blocked-src']
  });
})(window, document);
