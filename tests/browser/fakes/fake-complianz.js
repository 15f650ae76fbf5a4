/* FAKE Complianz (documented API only): cmplz_has_consent(category), consent cookies
 * cmplz_<category> = allow|deny, document events cmplz_fire_categories (detail.categories,
 * detail.category), cmplz_status_change (detail.category, detail.value), cmplz_revoke, and
 * blocking: type="text/plain" data-category="<category>" runs once the category is allowed. */
(function (w, d) {
  var H = w.__fakeCmpHarness;
  var CATS = ['preferences', 'statistics', 'marketing'];
  function get(c) {
    var m = d.cookie.match(new RegExp('(?:^|; )cmplz_' + c + '=([^;]*)'));
    return m ? m[1] : null;
  }
  w.cmplz_has_consent = function (c) { return c === 'functional' || get(c) === 'allow'; };
  function accepted() { return ['functional'].concat(CATS.filter(function (c) { return get(c) === 'allow'; })); }
  function runScripts() {
    H.unblock('script[type="text/plain"][data-category]', function (el) { return w.cmplz_has_consent(el.getAttribute('data-category')); });
  }
  function fireCategories() {
    var list = accepted();
    runScripts();
    H.fire(d, 'cmplz_fire_categories', { categories: list, category: list[list.length - 1], region: 'eu' });
  }
  H.ready(function () {
    H.fire(d, 'cmplz_cookie_warning_loaded', { region: 'eu' });
    if (get('statistics') !== null) { fireCategories(); }
  });
  H.visitor(function (choice, mapped) {
    var had = accepted();
    var state = H.choiceMap(CATS, choice, mapped);
    for (var i = 0; i < CATS.length; i++) {
      d.cookie = 'cmplz_' + CATS[i] + '=' + (state[CATS[i]] ? 'allow' : 'deny') + '; max-age=31536000; path=/; SameSite=Lax';
      H.fire(d, 'cmplz_status_change', { category: CATS[i], value: state[CATS[i]] ? 'allow' : 'deny', categories: accepted(), region: 'eu' });
    }
    if (choice === 'withdraw' || accepted().length < had.length) { H.fire(d, 'cmplz_revoke', { reload: false }); }
    fireCategories();
  });
})(window, document);
