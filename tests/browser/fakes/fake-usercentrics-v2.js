/* FAKE Usercentrics Browser UI v2 (documented API only): window.UC_UI.isInitialized(),
 * UC_UI.getServicesBaseInfo() ([{id, name, categorySlug, consent:{status}}]), window event
 * UC_UI_INITIALIZED, and the admin-configured Window Event (the snippet's instructions name it
 * "ucEvent") with detail {event: 'consent_status', action, type, "<service name>": bool, ...,
 * ucCategory}; manual blocking: type="text/plain" data-usercentrics="<service name>" runs once
 * that service has consent. The admin created the DPS "CallPage" in a custom category
 * "analytics", as the snippet's instructions say. */
(function (w, d) {
  var H = w.__fakeCmpHarness, COOKIE = 'uc_settings', WINDOW_EVENT = 'ucEvent';
  var SERVICES = [
    { id: 'ucCmp', name: 'Usercentrics Consent Management Platform', categorySlug: 'essential', essential: true },
    { id: 'cpDps1', name: 'CallPage', categorySlug: 'analytics' },
    { id: 'cpDps3', name: 'CallPage (Analytics)', categorySlug: 'analytics' },
    { id: 'cpDps4', name: 'CallPage (Functional)', categorySlug: 'functional' },
    { id: 'gaDps2', name: 'Google Analytics', categorySlug: 'marketing' }
  ];
  var stored = H.load(COOKIE);
  var initialized = false;
  function given(s) { return s.essential === true || !!(stored && stored[s.name]); }
  function runScripts() {
    H.unblock('script[type="text/plain"][data-usercentrics]', function (el) {
      var name = el.getAttribute('data-usercentrics');
      return SERVICES.some(function (s) { return s.name === name && given(s); });
    });
  }
  function windowEvent(action) {
    var detail = { event: 'consent_status', action: action, type: stored ? 'explicit' : 'implicit', ucCategory: {} };
    SERVICES.forEach(function (s) {
      detail[s.name] = given(s);
      var prev = detail.ucCategory[s.categorySlug];
      detail.ucCategory[s.categorySlug] = prev === undefined || prev === given(s) ? given(s) : null;
    });
    H.fire(w, WINDOW_EVENT, detail);
  }
  w.UC_UI = {
    isInitialized: function () { return initialized; },
    getServicesBaseInfo: function () {
      return SERVICES.map(function (s) { return { id: s.id, name: s.name, categorySlug: s.categorySlug, consent: { status: given(s), history: [] } }; });
    }
  };
  H.ready(function () {
    initialized = true;
    runScripts();
    H.fire(w, 'UC_UI_INITIALIZED');
    windowEvent(stored ? 'onSessionRestored' : 'onInitialPageLoad');
  });
  H.visitor(function (choice, mapped) {
    var names = SERVICES.filter(function (s) { return !s.essential; }).map(function (s) { return s.name; });
    stored = H.choiceMap(names, choice, mapped);
    H.save(COOKIE, stored);
    runScripts();
    windowEvent(choice === 'all' ? 'onAcceptAllServices' : choice === 'mapped' ? 'onUpdateServices' : 'onDenyAllServices');
  });
})(window, document);
