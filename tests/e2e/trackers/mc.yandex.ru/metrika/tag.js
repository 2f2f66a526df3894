// Stand-in for https://mc.yandex.ru/metrika/tag.js (Yandex Metrica): _ym_uid/_ym_d/_ym_isad
// cookies on the site's second-level domain (.bzpak.test on www.bzpak.test), the _ym_uid
// localStorage key, and a hit per counter in the ym() queue to mc.yandex.ru/watch/<counter>
// with fetch (same scheme and port as this script's URL).
(function () {
  window.__yandexRuns = (window.__yandexRuns || 0) + 1;
  var url = new URL(document.currentScript.src);
  var host = location.hostname;
  var domain = /^[\d.]+$/.test(host) ? '' : '; domain=' + host.split('.').slice(-2).join('.');
  var uid = String(Math.floor(Date.now() / 1000)) + String(Math.floor(Math.random() * 1e9));
  document.cookie = '_ym_uid=' + uid + '; path=/; max-age=31536000' + domain;
  document.cookie = '_ym_d=' + Math.floor(Date.now() / 1000) + '; path=/; max-age=31536000' + domain;
  document.cookie = '_ym_isad=2; path=/; max-age=172800' + domain;
  try { localStorage.setItem('_ym_uid', JSON.stringify(uid)); } catch (e) {}
  var origin = url.protocol + '//mc.yandex.ru' + (url.port ? ':' + url.port : '');
  var counters = [];
  var queue = (window.ym && window.ym.a) || [];
  for (var i = 0; i < queue.length; i++) if (queue[i][1] === 'init') counters.push(queue[i][0]);
  if (!counters.length) counters.push(0);
  window.__yandexQueued = queue.length;
  counters.forEach(function (counter) {
    fetch(origin + '/watch/' + counter + '?page-url=' + encodeURIComponent(location.href), { method: 'POST', mode: 'no-cors', credentials: 'include' }).catch(function () {});
  });
})();
