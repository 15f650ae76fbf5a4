/* DOCUMENTED MODEL of OneTrust's OtAutoBlock.js (not vendor code: OtAutoBlock.js is
 * proprietary, so its documented and published behaviour is re-implemented). Sources:
 *  [doc] https://my.onetrust.com/articles/en_US/Knowledge/UUID-c5122557-2070-65cb-2612-f2752c0cc4aa
 *        (OtAutoBlock.js "is required to be run synchronously", in <head>, before other scripts)
 *  [doc] https://my.onetrust.com/articles/en_US/Knowledge/UUID-cdb2fcad-1640-fdbd-e432-73c5536f0bbd
 *        ("uses your scan results and categorizations"; "intercepts scripts that will be added to
 *        the page and sets their type to Text/Plain with a class name associated with a category.
 *        Once the consent is granted, the type is changed to Text/JavaScript")
 *  [src] OtAutoBlock.js copies as read in docs/auto-blocking.md §2.2: document.createElement is
 *        replaced for scripts; the src setter decides synchronously, once, when src is assigned;
 *        an element with data-ot-ignore, or a class containing "optanon-category" / "ot-vscat",
 *        is skipped (checked at that moment, so an attribute set after src is too late); a
 *        MutationObserver does the same for parser-inserted scripts; inline scripts are not
 *        touched; a scanned Tag matches a src when one contains the other (protocol and query
 *        removed).
 * The scan result is __cmpModelSite.scan: [{Tag: <URL>, CategoryId: ['C0002', ...]}].
 * Releasing is the banner SDK's job (onetrust.js: it activates type="text/plain"
 * class="optanon-category-..." scripts once those groups are active).
 */
(function (w, d) {
  var H = w.__cmpModel;
  var scan = H.site.scan || [];
  function bare(url) { return String(url).replace(/^[a-z]+:\/\//i, '').replace(/[?#].*$/, ''); }
  /* The active groups: the SDK's global once it exists, else the stored consent. */
  function active(id) {
    if (typeof w.OptanonActiveGroups === 'string') { return w.OptanonActiveGroups.indexOf(',' + id + ',') >= 0; }
    var stored = H.load('OptanonConsent');
    return id === 'C0001' || !!(stored && stored[id]);
  }
  H.blocker({
    mechanism: 'createElement',
    decide: function (el, src) {
      if (!src) { return null; }
      if (el.hasAttribute('data-ot-ignore')) { return null; }
      var cls = el.getAttribute('class') || '';
      if (cls.indexOf('optanon-category') >= 0 || cls.indexOf('ot-vscat') >= 0) { return null; }
      var s = bare(src);
      for (var i = 0; i < scan.length; i++) {
        var t = bare(scan[i].Tag);
        if (s === t || s.indexOf(t) >= 0 || t.indexOf(s) >= 0) { return { groups: scan[i].CategoryId }; }
      }
      return null;
    },
    allowed: function (dec) { return dec.groups.every(active); },
    mark: function (el, dec) {
      el.setAttribute('type', 'text/plain');
      el.setAttribute('class', ((el.getAttribute('class') || '') + ' optanon-category-' + dec.groups.join('-')).trim());
    }
  });
})(window, document);
