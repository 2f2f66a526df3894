// Stand-in for https://connect.facebook.net/en_US/fbevents.js (Meta Pixel): the _fbp cookie and
// a PageView pixel to www.facebook.com/tr.
(function () {
  window.__metaRuns = (window.__metaRuns || 0) + 1;
  var url = new URL(document.currentScript.src);
  document.cookie = '_fbp=fb.1.' + Date.now() + '.' + Math.floor(Math.random() * 2147483647) + '; path=/; max-age=7776000; SameSite=Lax';
  new Image().src = 'http://www.facebook.com:' + url.port + '/tr?id=1234567890&ev=PageView&noscript=1';
})();
