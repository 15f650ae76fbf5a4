// The test site's Complianz set-up for the REAL complianz.js 7.2.0 (preview/vendor/complianz):
// the `complianz` object WordPress localises before the script (wp_localize_script, from
// Complianz's get_front_end_settings(); values of an EU opt-in site without geo IP, records of
// consent or consent per service), and the visitor's hand: the real banner's buttons.
var complianz = {
  prefix: 'cmplz_',
  user_banner_id: '1',
  set_cookies: {},
  block_ajax_content: '',
  banner_version: '1',
  version: '7.2.0',
  store_consent: false,
  do_not_track_enabled: false,
  consenttype: 'optin',
  region: 'eu',
  geoip: false,
  dismiss_timeout: false,
  disable_cookiebanner: false,
  soft_cookiewall: false,
  dismiss_on_scroll: false,
  cookie_expiry: '365',
  url: '/wp-json/complianz/v1/',
  locale: 'lang=en&locale=en_US',
  set_cookies_on_root: '',
  cookie_domain: '',
  current_policy_id: '1',
  cookie_path: '/',
  categories: { statistics: 'statistics', marketing: 'marketing' },
  tcf_active: false,
  placeholdertext: 'Click to accept {category} cookies and enable this content',
  css_file: '/preview/vendor/complianz/banner-{type}.css?v=1',
  page_links: { eu: {} },
  tm_categories: false,
  forceEnableStats: false,
  preview: false,
  clean_cookies: false,
  aria_label: 'Click to accept {category} cookies and enable this content',
};
// The visitor's hand: a click on the real banner, as a visitor would (deferred, because "deny"
// reloads the page when consent had been given).
window.__visitor = {
  choose(choice, ids) {
    setTimeout(() => {
      const banner = document.querySelector('.cmplz-cookiebanner.banner-1.optin');
      if (choice === 'all') { banner.querySelector('.cmplz-accept').click(); return; }
      if (choice === 'mapped') {
        for (const input of banner.querySelectorAll('input.cmplz-consent-checkbox')) {
          input.checked = ids.some((id) => input.classList.contains(`cmplz-${id}`));
        }
        banner.querySelector('.cmplz-save-preferences').click();
        return;
      }
      banner.querySelector('.cmplz-deny').click();
    }, 0);
  },
};
