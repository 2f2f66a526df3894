// A site's own service worker that pulls the network shield in (served as /site-sw.js in test
// mode). Its own route answers /__site-sw/ping, so a test can see that it is the one in control.
importScripts('/bzconsent-sw.js');
self.addEventListener('install', function () {
  self.skipWaiting();
});
self.addEventListener('activate', function (event) {
  event.waitUntil(self.clients.claim());
});
self.addEventListener('fetch', function (event) {
  if (new URL(event.request.url).pathname === '/__site-sw/ping') {
    event.respondWith(new Response('pong from the site\'s worker', { headers: { 'Content-Type': 'text/plain' } }));
  }
});
