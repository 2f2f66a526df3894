// The configuration of the shield fixtures, written while the page is parsed: it names the
// service worker given as ?sw=<path>, or none (no sw=). Loaded before /__e2e/widget.js.
(function () {
  var m = /[?&]sw=([^&]*)/.exec(location.search);
  var config = m && m[1] ? { serviceWorker: decodeURIComponent(m[1]) } : {};
  document.write('<script type="application/json" id="bzconsent-config">' + JSON.stringify(config) + '<\/script>');
})();
