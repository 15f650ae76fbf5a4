/* DOCUMENTED MODEL of the Usercentrics Browser UI v2 (not vendor code). Sources
 * (../shared/docs/cmp-facts.md §2.5):
 *  [api]    https://usercentrics.com/docs/web/features/v2/events_v2/events_v2/ :
 *           window.UC_UI.isInitialized(), UC_UI.getServicesBaseInfo() ([{id, name,
 *           categorySlug, consent:{status}}]), the window event UC_UI_INITIALIZED, and the
 *           admin-configured Window Event (the snippet's instructions name it "ucEvent") with
 *           detail {event: 'consent_status', action (onInitialPageLoad, onAcceptAllServices,
 *           onDenyAllServices, onUpdateServices, onSessionRestored), type, "<service name>":
 *           bool, ..., ucCategory}
 *  [manual] https://support.usercentrics.com/hc/en-us/articles/18656524460700-Manually-blocking-services-prior-consent :
 *           type="text/plain" data-usercentrics="<service name>" runs once that service has consent
 *  [load]   the v2 Browser UI script is loaded async (LATE: after the page's load event; EARLY:
 *           before the snippet)
 * The admin created the DPS "CallPage" in a custom category "analytics", as the snippet's
 * instructions say. With the Smart Data Protector on the page (usercentrics-sdp.js), every
 * consent change is passed to it.
 */
(function (w, d) {
  var H = w.__cmpModel, COOKIE = 'uc_settings', WINDOW_EVENT = 'ucEvent';
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
    H.activate('script[type="text/plain"][data-usercentrics]', function (el) {
      var name = el.getAttribute('data-usercentrics');
      return SERVICES.some(function (s) { return s.name === name && given(s); });
    });
    if (w.__cmpModelUcAutoblocker) { w.__cmpModelUcAutoblocker.release(); }
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
  initialized = true;
  runScripts();
  H.domReady(runScripts);
  H.fire(w, 'UC_UI_INITIALIZED');
  windowEvent(stored ? 'onSessionRestored' : 'onInitialPageLoad');
  H.visitor(function (choice, mapped) {
    var names = SERVICES.filter(function (s) { return !s.essential; }).map(function (s) { return s.name; });
    stored = H.choiceMap(names, choice, mapped);
    H.save(COOKIE, stored);
    runScripts();
    windowEvent(choice === 'all' ? 'onAcceptAllServices' : choice === 'mapped' ? 'onUpdateServices' : 'onDenyAllServices');
  });
})(window, document);
