/*! bzconsent network shield | MIT */
// The network shield: pkg/bzconsent-sw.js, an optional service worker. It answers every request
// of the pages it controls that goes to a known tracker or collector whose category is not
// accepted with a network error — also what no hook on the page sees: `import()`, workers'
// scripts and requests, stylesheets and what they load, preloads, and the `<script src>` and
// `<img src>` written in a page's HTML. The verdict is the guard's own: the same Rust module
// (src/guard/mod.rs over src/core/guard.rs), started with the configuration and the record in
// force that each page's guard posts here at start and after every choice.
//
// Rules the code keeps:
// - It never caches, and never touches a request it does not refuse: only a refused one gets
//   `respondWith`. Navigations are never answered here.
// - The state survives the worker's restarts in IndexedDB. Until it is read back, requests that
//   the built-in catalogue refuses with no choice wait for it; then they are refused or fetched
//   as the visitor chose.
// - Served on its own (registered by the guard, `"serviceWorker": "/bzconsent-sw.js"`) it
//   activates at once, takes control of open pages, and unregisters itself when a page's
//   configuration no longer names a service worker. Pulled into a site's own worker with
//   `importScripts` it leaves that worker's life cycle alone and never unregisters it.
//
// `__BZ_MODULE__` is replaced by the build with the module's bytes (tools/guard.mjs).
(function () {
  'use strict';
  var S = self;
  if (S.__bzconsentShield) return;
  S.__bzconsentShield = true;
  var C = console;
  var PREFIX = 'bzconsent (service worker): ';

  /** Whether this file is the worker's own script (not pulled in by `importScripts`). */
  var standalone = false;
  try {
    throw new Error();
  } catch (e) {
    // The stack's first frame names the file being run (the frames after it, the script that
    // imported it); a worker's `location` is its top-level script.
    var here = /(https?:\/\/[^\s()]+?):\d+:\d+/.exec(String(e.stack || ''));
    standalone = !!here && here[1] === S.location.href;
  }

  // ---- the module ------------------------------------------------------------------------
  var X = null;
  var enc = new TextEncoder();
  var put = function (list) {
    var total = 0;
    var i;
    for (i = 0; i < list.length; i++) total += list[i].length * 3;
    var at = X.buf(total);
    var end = at + total;
    var memory = new Uint8Array(X.memory.buffer);
    var lens = [];
    for (i = 0; i < list.length; i++) {
      var n = enc.encodeInto(list[i], memory.subarray(at, end)).written;
      lens.push(n);
      at += n;
    }
    return lens;
  };
  var s = __BZ_MODULE__;
  var bytes = new Uint8Array(s.length);
  for (var i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  X = new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports;

  var REQUEST = 2;
  /** Whether the shield is on: off once a page said no service worker is configured. */
  var on = true;
  /**
   * Starts the module with a state as the guard posts it: [configuration, record, gpc], each
   * stream a string (see src/core/json.rs `decode`), null when absent, false when not JSON.
   */
  var learn = function (state, fromPage) {
    var cfg = state[0];
    var rec = state[1];
    var l = put([typeof cfg === 'string' ? cfg : '', typeof rec === 'string' ? rec : '']);
    var bits = X.start(cfg === null ? -1 : cfg === false ? -2 : l[0], rec === null ? -1 : l[1], Date.now(), state[2] ? 1 : 0);
    // Bit 7: the page's configuration names a service worker. When it does not, the shield
    // served on its own goes; one inside a site's worker stays, as the site built it.
    if (fromPage && !(bits & 128) && standalone && on) {
      on = false;
      forget();
      S.registration.unregister();
    }
  };
  /** Whether a request is refused under the state in force. */
  var refused = function (url) {
    var u;
    try {
      u = new URL(url);
    } catch (e) {
      return false;
    }
    if (!/^(http|ws)s?:$/.test(u.protocol)) return false;
    var l = put([u.hostname, u.pathname, '']);
    return X.url(REQUEST, l[0], l[1], l[2]) !== 0;
  };
  var valid = function (state) {
    return state && state.length === 3 && [state[0], state[1]].every(function (v) {
      return v === null || v === false || typeof v === 'string';
    });
  };

  // ---- the state across restarts: IndexedDB ------------------------------------------------
  var DB = 'bzconsent-shield';
  var store = function (mode, work) {
    return new Promise(function (resolve, reject) {
      var open = indexedDB.open(DB, 1);
      open.onupgradeneeded = function () {
        open.result.createObjectStore('state');
      };
      open.onerror = function () {
        reject(open.error);
      };
      open.onsuccess = function () {
        var db = open.result;
        var tx = db.transaction('state', mode);
        var request = work(tx.objectStore('state'));
        tx.oncomplete = function () {
          db.close();
          resolve(request.result);
        };
        tx.onerror = tx.onabort = function () {
          db.close();
          reject(tx.error);
        };
      };
    });
  };
  var forget = function () {
    try {
      indexedDB.deleteDatabase(DB);
    } catch (e) {
      // No IndexedDB here (private browsing): nothing was kept to forget.
    }
  };
  /** How many states pages have posted since start: a read-back older than those is dropped. */
  var posted = 0;
  // No choice known yet: what the catalogue refuses by default waits for the stored state.
  learn([null, null, 0], false);
  var loaded = false;
  /** The state last written, as JSON. */
  var kept = '';
  var restored = store('readonly', function (s) {
    return s.get(1);
  }).then(function (state) {
    if (posted || !valid(state)) return;
    kept = JSON.stringify(state);
    learn(state, false);
  }, function (e) {
    C.error(PREFIX + 'the stored consent could not be read; requests to trackers are refused', e);
  }).then(function () {
    loaded = true;
  });

  // ---- events --------------------------------------------------------------------------------
  S.addEventListener('message', function (event) {
    var data = event.data;
    var state = data && data.bzconsent;
    if (!valid(state)) return;
    posted++;
    learn(state, true);
    if (!on) return;
    // Every page posts at start: written only when it changed.
    var text = JSON.stringify(state);
    if (text === kept) return;
    kept = text;
    var saved = store('readwrite', function (s) {
      return s.put(state, 1);
    }).catch(function (e) {
      kept = '';
      C.error(PREFIX + 'the consent could not be kept for later pages', e);
    });
    if (event.waitUntil) event.waitUntil(saved);
  });

  /** Whether a failure was reported: once, not once per request. */
  var reported = false;
  S.addEventListener('fetch', function (event) {
    var request = event.request;
    try {
      if (!on || request.mode === 'navigate' || !refused(request.url)) return;
    } catch (e) {
      // Our failure refuses, as if the answer were no (navigations excepted, above).
      if (!reported) {
        reported = true;
        C.error(PREFIX + 'could not judge a request; requests it cannot judge are refused', e);
      }
      if (request.mode === 'navigate') return;
      event.stopImmediatePropagation();
      return event.respondWith(Response.error());
    }
    event.stopImmediatePropagation();
    if (loaded) return event.respondWith(Response.error());
    event.respondWith(restored.then(function () {
      return on && refused(request.url) ? Response.error() : fetch(request);
    }));
  });

  if (standalone) {
    S.addEventListener('install', function () {
      S.skipWaiting();
    });
    S.addEventListener('activate', function (event) {
      event.waitUntil(S.clients.claim());
    });
  }
})();
