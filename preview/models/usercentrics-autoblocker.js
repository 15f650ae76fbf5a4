/* DOCUMENTED MODEL of the Usercentrics Web CMP v3 auto-blocker (modules/autoblocker.js; not
 * vendor code). Sources (docs/auto-blocking.md §2.4):
 *  [doc] https://support.usercentrics.com/hc/en-us/articles/17337159049244-Auto-blocking-in-detail :
 *        scanner findings that match services added in the Admin are compiled into a check-file of
 *        nodes {serviceIds[], id?, src?, hash}, matched by tag id, then src, then content hash; a
 *        node with several service ids loads only if all are consented; "Unknown services, or
 *        services that aren't added to the CMP are not added to this checkfile"; nodes are
 *        "(un)blocked when the corresponding service is (dis)allowed"
 *  [doc] https://support.usercentrics.com/hc/en-us/articles/18202425972252-Mapping-unknown-services-to-a-Data-Processing-Service :
 *        "When a service is mapped to a DPS a blocker node will automatically be added"
 *  [doc] https://support.usercentrics.com/hc/en-us/articles/19446626144540-Direct-implementation-and-markup-guide :
 *        the auto-blocker must load before any other script
 * The interception mechanism is not documented [gap]: modelled as a check at insertion. The
 * check-file is __cmpModelSite.nodes: [{serviceNames: [...], src: <URL substring>}] (by service
 * name, as the test site's Admin shows them); content hashes are not modelled.
 */
(function (w, d) {
  var H = w.__cmpModel;
  var nodes = H.site.nodes || [];
  function given(name) {
    var stored = H.load('uc_settings');
    return !!(stored && stored[name]);
  }
  var engine = H.blocker({
    mechanism: 'insertion',
    decide: function (el, src) {
      var id = el.getAttribute('id');
      for (var i = 0; i < nodes.length; i++) {
        var n = nodes[i];
        if ((n.id && id === n.id) || (n.src && src && src.indexOf(n.src) >= 0)) { return { names: n.serviceNames }; }
      }
      return null;
    },
    allowed: function (dec) { return dec.names.every(given); },
    mark: function (el) {
      el.setAttribute('type', 'text/plain');
      el.setAttribute('data-uc-blocked-src', el.getAttribute('src'));
      el.removeAttribute('src');
    },
    drop: ['data-uc-blocked-src']
  });
  /* The CMP (usercentrics.js) tells the blocker about every consent change. */
  w.__cmpModelUcAutoblocker = engine;
})(window, document);
