/* FAKE Usercentrics Web CMP v3 (documented API only): window.__ucCmp.getConsentDetails() ->
 * Promise of {consent:{status,type}, services:{<id>:{name, category, consent:{given}}},
 * categories:{<slug>:{state}}}; window event UC_CONSENT on initialisation and on every change;
 * manual blocking: type="text/plain" data-usercentrics="<service name>" runs once that Data
 * Processing Service has consent. The admin created the DPS "CallPage" in a custom category
 * "analytics" (with features in several categories: "CallPage (Analytics)" and "CallPage
 * (Functional)"), as the snippet's instructions say. */
(function (w, d) {
  var H = w.__fakeCmpHarness, COOKIE = 'uc_settings';
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
    H.unblock('script[type="text/plain"][data-usercentrics]', function (el) {
      var name = el.getAttribute('data-usercentrics');
      for (var id in SERVICES) { if (SERVICES[id].name === name) { return given(id); } }
      return false;
    });
  }
  function announce() { runScripts(); H.fire(w, 'UC_CONSENT', details()); }
  H.ready(function () {
    w.__ucCmp = {
      getConsentDetails: function () { return Promise.resolve(details()); },
      isConsentRequired: function () { return Promise.resolve(!stored); },
      getControllerId: function () { return Promise.resolve('fake-controller'); }
    };
    announce();
  });
  H.visitor(function (choice, mapped) {
    var names = [];
    for (var id in SERVICES) { if (!SERVICES[id].essential) { names.push(SERVICES[id].name); } }
    stored = H.choiceMap(names, choice, mapped);
    H.save(COOKIE, stored);
    announce();
  });
})(window, document);
