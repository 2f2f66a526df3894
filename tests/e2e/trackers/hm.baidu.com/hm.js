// Stand-in for https://hm.baidu.com/hm.js?<site id> (Baidu Tongji): Hm_lvt_/Hm_lpvt_ cookies on
// the page's host and an hm.gif image hit, as the real script does (same scheme and port as
// this script's URL).
(function () {
  window.__baiduRuns = (window.__baiduRuns || 0) + 1;
  var url = new URL(document.currentScript.src);
  var site = url.search.slice(1) || '0123456789abcdef0123456789abcdef';
  var now = Math.floor(Date.now() / 1000);
  document.cookie = 'Hm_lvt_' + site + '=' + now + '; path=/; max-age=31536000';
  document.cookie = 'Hm_lpvt_' + site + '=' + now + '; path=/';
  var origin = url.protocol + '//hm.baidu.com' + (url.port ? ':' + url.port : '');
  new Image().src = origin + '/hm.gif?si=' + site + '&lt=' + now + '&rnd=' + Math.floor(Math.random() * 2147483647);
})();
