// spike
(() => {
  const post = (m) => parent.postMessage({ source: 'callpage-preview', ...m }, '*');
  addEventListener('load', () => { document.cookie = 'spike=1; path=/'; post({ type: 'snapshot', cookie: document.cookie, ls: (() => { try { localStorage.setItem('a','b'); return localStorage.length; } catch (e) { return String(e); } })() }); });
})();
