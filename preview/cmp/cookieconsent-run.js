// The test site's CookieConsent v3 set-up (real vanilla-cookieconsent 3.1.0), with the
// categories the snippet's instructions ask for. hideFromBots: false, or the headless browser
// is taken for a bot and nothing runs.
CookieConsent.run({
  hideFromBots: false,
  categories: {
    necessary: { enabled: true, readOnly: true },
    functionality: {},
    analytics: {},
    marketing: {},
  },
  language: {
    default: 'en',
    translations: {
      en: {
        consentModal: { title: 'Cookies', description: 'We use cookies.', acceptAllBtn: 'Accept all', acceptNecessaryBtn: 'Reject all', showPreferencesBtn: 'Manage' },
        preferencesModal: { title: 'Preferences', acceptAllBtn: 'Accept all', acceptNecessaryBtn: 'Reject all', savePreferencesBtn: 'Save', sections: [] },
      },
    },
  },
});
// The visitor's hand: CookieConsent's own API, as its buttons use it.
window.__visitor = {
  choose(choice, ids) {
    if (choice === 'all') CookieConsent.acceptCategory('all');
    else if (choice === 'mapped') CookieConsent.acceptCategory(ids);
    else CookieConsent.acceptCategory([]);
  },
};
