// Stand-in for https://connect.facebook.net/en_US/fbevents.js (Meta Pixel): the _fbp cookie on
// the site's registrable domain (.bzpak.test on www.bzpak.test), then a pixel image per queued
// fbq('track', …) to www.facebook.com/tr/ (same scheme and port as this script's URL).
(function () {
  window.__metaRuns = (window.__metaRuns || 0) + 1;
  var url = new URL(document.currentScript.src);
  var host = location.hostname;
  var domain = /^[\d.]+$/.test(host) ? '' : '; domain=.' + host.split('.').slice(-2).join('.');
  document.cookie = '_fbp=fb.1.' + Date.now() + '.' + Math.floor(Math.random() * 2147483647) + '; path=/; max-age=7776000; SameSite=Lax' + domain;
  var origin = url.protocol + '//www.facebook.com' + (url.port ? ':' + url.port : '');
  var queue = (window.fbq && window.fbq.queue) || [];
  var pixel = '';
  for (var i = 0; i < queue.length; i++) if (queue[i][0] === 'init') pixel = queue[i][1];
  var sent = 0;
  for (var j = 0; j < queue.length; j++) {
    if (queue[j][0] !== 'track') continue;
    new Image().src = origin + '/tr/?id=' + encodeURIComponent(pixel || '1234567890') + '&ev=' + encodeURIComponent(queue[j][1]) + '&rl=&if=false&ts=' + Date.now();
    sent++;
  }
  if (!sent) new Image().src = origin + '/tr/?id=' + encodeURIComponent(pixel || '1234567890') + '&ev=PageView&noscript=1';
})();
