/* DOCUMENTED MODEL of the Usercentrics Web CMP v3 (ui/loader.js; not vendor code). Sources
 * (../shared/docs/cmp-facts.md §2.5):
 *  [api]    https://usercentrics.com/beta-docs/consent-status and
 *           https://support.usercentrics.com/hc/en-us/articles/17484523116572-Communicating-consent-information-to-third-party-applications :
 *           window.__ucCmp.getConsentDetails() -> Promise of {consent:{status,type},
 *           services:{<id>:{name, consent:{given}}}, categories:{<slug>:{state}}}; the window
 *           event UC_CONSENT on initialisation and on every change; isConsentRequired(),
 *           getControllerId() ([obs] a copy of the v3 API reference, cmp-facts §2.5)
 *  [manual] https://support.usercentrics.com/hc/en-us/articles/18656524460700-Manually-blocking-services-prior-consent :
 *           type="text/plain" data-usercentrics="<exact service name>" runs once that Data
 *           Processing Service has consent
 *  [load]   https://usercentrics.com/docs/web/implementation/ui/ : loader.js is loaded with
 *           async, so __ucCmp appears late (LATE: after the page's load event; EARLY: before the
 *           snippet, a cached loader)
 * The admin created the DPS "CallPage" in a custom category "analytics" (with features in
 * several categories: "CallPage (Analytics)" and "CallPage (Functional)"), as the snippet's
 * instructions say. With modules/autoblocker.js on the page (usercentrics-autoblocker.js), every
 * consent change is passed to it ("(un)blocked when the corresponding service is (dis)allowed").
 */
(function (w, d) {
  var H = w.__cmpModel, COOKIE = 'uc_settings';
  var SERVICES = {
    ucCmp: { name: 'Usercentrics Consent Management Platform', category: 'essential', essential: true },
    cpDps1: { name: 'CallPage', category: 'analytics' },
    cpDps3: { name: 'CallPage (Analytics)', category: 'analytics' },
    cpDps4: { name: 'CallPage (Functional)', category: 'functional' },
    gaDps2: { name: 'Google Analytics', category: 'marketing' }
  };
  var stored = H.load(COOKIE);
  function given(id) { return SERVICES[id].essential === true || !!(stored && stored[SERVICES[id].name]); }
  function details() {
    var services = {}, categories = {}, all = true, none = true;
    for (var id in SERVICES) {
      var g = given(id);
      services[id] = { name: SERVICES[id].name, category: SERVICES[id].category, essential: !!SERVICES[id].essential, consent: { given: g, type: stored ? 'EXPLICIT' : 'IMPLICIT' } };
      if (!SERVICES[id].essential) { all = all && g; none = none && !g; }
      var slug = SERVICES[id].category;
      var prev = categories[slug] ? categories[slug].state : null;
      var st = g ? 'ALL_ACCEPTED' : 'ALL_DENIED';
      categories[slug] = { state: prev && prev !== st ? 'SOME_ACCEPTED' : st };
    }
    return {
      consent: { status: all ? 'ALL_ACCEPTED' : none ? 'ALL_DENIED' : 'SOME_ACCEPTED', type: stored ? 'EXPLICIT' : 'IMPLICIT', required: !stored },
      services: services,
      categories: categories
    };
  }
  function runScripts() {
    H.activate('script[type="text/plain"][data-usercentrics]', function (el) {
      var name = el.getAttribute('data-usercentrics');
      for (var id in SERVICES) { if (SERVICES[id].name === name) { return given(id); } }
      return false;
    });
    if (w.__cmpModelUcAutoblocker) { w.__cmpModelUcAutoblocker.release(); }
  }
  function announce() { runScripts(); H.domReady(runScripts); H.fire(w, 'UC_CONSENT', details()); }
  w.__ucCmp = {
    getConsentDetails: function () { return Promise.resolve(details()); },
    isConsentRequired: function () { return Promise.resolve(!stored); },
    getControllerId: function () { return Promise.resolve('model-controller'); }
  };
  announce();
  H.visitor(function (choice, mapped) {
    var names = [];
    for (var id in SERVICES) { if (!SERVICES[id].essential) { names.push(SERVICES[id].name); } }
    stored = H.choiceMap(names, choice, mapped);
    H.save(COOKIE, stored);
    announce();
  });
})(window, document);
