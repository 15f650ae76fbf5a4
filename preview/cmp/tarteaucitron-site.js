// The site's own analytics service next to the widget's (so "the widget's service only" means
// something), and the visitor's hand: tarteaucitron's own respond functions, as its panel uses them.
tarteaucitron.services.sitestats = {
  key: 'sitestats', type: 'analytic', name: 'Site statistics', uri: '', needConsent: true,
  cookies: [], readmoreLink: '', js: function () {}, fallback: function () {},
};
(tarteaucitron.job = tarteaucitron.job || []).push('sitestats');
window.__visitor = {
  choose(choice, ids) {
    if (choice === 'all') { tarteaucitron.userInterface.respondAll(true); return; }
    tarteaucitron.userInterface.respondAll(false);
    if (choice === 'mapped') for (const id of ids) tarteaucitron.setConsent(id, true);
  },
};
