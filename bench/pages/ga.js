// A stand-in for Google Analytics: every page holds it back until analytics is accepted. The
// benchmark measures from the click on "Accept all" to the moment this runs.
(function () {
  window.__benchAnalytics = performance.now();
  var clientId = Math.floor(Math.random() * 2147483647) + 1;
  document.cookie = '_ga=GA1.1.' + clientId + '.' + Math.floor(Date.now() / 1000) + '; path=/; max-age=63072000; SameSite=Lax';
  window.dispatchEvent(new Event('bench:analytics'));
})();
