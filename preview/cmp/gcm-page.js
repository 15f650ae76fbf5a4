// Google Consent Mode on the test site: the page's own gtag()/dataLayer exactly as Google's
// documentation describes (the snippet's first script sets the default), and a minimal
// "banner" that sends gtag('consent', 'update', {...}) when the visitor chooses and again on
// every later page load (Consent Mode does not persist choices; the CMP re-issues the update).
(function (w, d) {
  var COOKIE = 'site_gcm_choice';
  var TYPES = ['ad_storage', 'ad_user_data', 'ad_personalization', 'analytics_storage',
    'functionality_storage', 'personalization_storage', 'security_storage'];
  w.dataLayer = w.dataLayer || [];
  function gtag() { w.dataLayer.push(arguments); }
  function update(granted) {
    var consent = {};
    for (var i = 0; i < TYPES.length; i++) {
      consent[TYPES[i]] = granted.indexOf(TYPES[i]) >= 0 ? 'granted' : 'denied';
    }
    gtag('consent', 'update', consent);
  }
  var m = d.cookie.match(/(?:^|; )site_gcm_choice=([^;]*)/);
  if (m) { update(JSON.parse(decodeURIComponent(m[1]))); }
  w.__visitor = {
    choose: function (choice, ids) {
      var granted = choice === 'all' ? TYPES.slice() : choice === 'mapped' ? ids.slice() : [];
      d.cookie = COOKIE + '=' + encodeURIComponent(JSON.stringify(granted)) + '; max-age=31536000; path=/';
      update(granted);
    }
  };
})(window, document);
