// Stand-in for Google Analytics (gtag.js): counts its runs and sets a _ga cookie the way GA does.
// The demo marks it with data-category="analytics", so it runs only after consent.
(function () {
  window.__analyticsRuns = (window.__analyticsRuns || 0) + 1;
  (window.__analyticsOrder = window.__analyticsOrder || []).push('src');
  var clientId = Math.floor(Math.random() * 2147483647) + 1;
  var seconds = Math.floor(Date.now() / 1000);
  document.cookie = '_ga=GA1.1.' + clientId + '.' + seconds + '; path=/; max-age=63072000; SameSite=Lax';
})();
