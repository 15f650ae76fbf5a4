// The test site's Klaro configuration (real klaro 0.7.22 reads window.klaroConfig). The site has
// its own analytics and marketing services besides the one the CallPage snippet adds.
window.klaroConfig = {
  version: 1,
  elementID: 'klaro',
  storageMethod: 'cookie',
  cookieName: 'klaro',
  cookieExpiresAfterDays: 30,
  default: false,
  mustConsent: false,
  acceptAll: true,
  hideDeclineAll: false,
  lang: 'en',
  translations: { en: { privacyPolicyUrl: '/privacy', purposes: { analytics: { title: 'Analytics' }, marketing: { title: 'Marketing' } } } },
  services: [
    { name: 'site-stats', title: 'Site statistics', purposes: ['analytics'] },
    { name: 'site-ads', title: 'Site ads', purposes: ['marketing'] },
  ],
};
// The visitor's hand: Klaro's own consent manager, as its banner and modal use it.
window.__visitor = {
  choose(choice, ids) {
    const m = window.klaro.getManager();
    if (choice === 'all') m.changeAll(true);
    else m.changeAll(false);
    if (choice === 'mapped') for (const id of ids) m.updateConsent(id, true);
    m.saveAndApplyConsents();
  },
};
