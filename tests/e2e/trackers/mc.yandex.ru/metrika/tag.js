// Stand-in for https://mc.yandex.ru/metrika/tag.js (Yandex Metrica): _ym_uid/_ym_d cookies, the
// _ym_uid localStorage key, and a hit to mc.yandex.ru/watch/<counter> with fetch.
(function () {
  window.__yandexRuns = (window.__yandexRuns || 0) + 1;
  var url = new URL(document.currentScript.src);
  var uid = String(Date.now()) + String(Math.floor(Math.random() * 1e6));
  document.cookie = '_ym_uid=' + uid + '; path=/; max-age=31536000';
  document.cookie = '_ym_d=' + Math.floor(Date.now() / 1000) + '; path=/; max-age=31536000';
  try { localStorage.setItem('_ym_uid', JSON.stringify(uid)); } catch (e) {}
  fetch('http://mc.yandex.ru:' + url.port + '/watch/12345678?page-url=' + encodeURIComponent(location.href), { method: 'POST', mode: 'no-cors' }).catch(function () {});
  if (window.ym && window.ym.a) window.__yandexQueued = window.ym.a.length;
})();
