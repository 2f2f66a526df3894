/*! bzconsent | MIT */
// The guard: pkg/bzconsent.js, the only render-blocking file. It does in JavaScript what only
// JavaScript does cheaply — the hooks on every path a page can take to a tracker — and asks the
// Rust module (src/guard_abi.rs over src/core/guard.rs) for every verdict. It filters first: an
// element that is not a script, frame or embed never crosses into WebAssembly.
//
// Rules the code keeps:
// - Natives are captured at start and called through `call`-bound copies, so a page that
//   overrides `getAttribute`, `tagName`, `Function.prototype.call` or `Reflect` later cannot
//   confuse or break the guard.
// - Our part of every hook runs inside `try`; only the native method's own exception reaches
//   the page. When our part fails, the hook blocks (fails closed).
// - The module never calls out (it has no imports), so no page code runs while the state is
//   in use: nothing can leave it locked.
//
// `__BZ_MODULE__` is replaced by the build with the module's bytes (tools/assemble.mjs).
(function () {
  'use strict';
  var W = window;
  var D = document;
  var C = console;
  var PREFIX = 'bzconsent: ';
  var logError = function (message, e) {
    if (e === undefined) C.error(PREFIX + message);
    else C.error(PREFIX + message, e);
  };
  if (W.__bzconsentStarted) {
    logError('loaded twice on this page; the second copy does nothing');
    return;
  }
  var O = Object;
  var gopd = O.getOwnPropertyDescriptor;
  var defineProperty = O.defineProperty;
  try {
    defineProperty(W, '__bzconsentStarted', { value: true });
  } catch (e) {}

  // ---- natives, captured now ------------------------------------------------------------
  var FP = Function.prototype;
  /** `fn` as a plain function taking `this` first: immune to later overrides of `call`. */
  var uncurry = FP.bind.bind(FP.call);
  var proto = function (name) {
    var c = W[name];
    return c && c.prototype;
  };
  var getter = function (p, name) {
    var d = p && gopd(p, name);
    return d && d.get ? uncurry(d.get) : null;
  };
  var EP = proto('Element');
  var NP = proto('Node');
  var getAttr = uncurry(EP.getAttribute);
  var setAttr = uncurry(EP.setAttribute);
  var hasAttr = uncurry(EP.hasAttribute);
  var removeAttr = uncurry(EP.removeAttribute);
  var matches = uncurry(EP.matches);
  var qsaEl = uncurry(EP.querySelectorAll);
  var qsaDoc = uncurry(proto('Document').querySelectorAll);
  var qsaFrag = uncurry(proto('DocumentFragment').querySelectorAll);
  var tagName = getter(EP, 'tagName');
  var nodeType = getter(NP, 'nodeType');
  var isConnected = getter(NP, 'isConnected');
  var parentNode = getter(NP, 'parentNode');
  var firstElementChild = getter(EP, 'firstElementChild');
  var replaceChild = uncurry(NP.replaceChild);
  var insertBefore = uncurry(NP.insertBefore);
  var addListener = uncurry(proto('EventTarget').addEventListener);
  var dispatch = uncurry(proto('EventTarget').dispatchEvent);
  var createElement = uncurry(proto('Document').createElement);
  var attributeNames = uncurry(EP.getAttributeNames);
  var scriptText = getter(proto('HTMLScriptElement'), 'text');
  var nonceOf = getter(proto('HTMLElement'), 'nonce');
  var Apply = Reflect.apply;
  var URL_ = W.URL;
  var Promise_ = W.Promise;
  var setTimeout_ = W.setTimeout;
  var Event_ = W.Event;
  var CustomEvent_ = W.CustomEvent;
  var JSON_ = JSON;
  var Uint8Array_ = Uint8Array;
  var isArray = Array.isArray;
  var now = Date.now;
  var ELEMENT = 1;
  var FRAGMENT = 11;

  var script = D.currentScript;
  var nonce = (script && nonceOf && nonceOf(script)) || '';
  var base = (script && script.src) || '';
  var storage = null;
  try {
    storage = W.localStorage;
  } catch (e) {}
  var KEY = 'bzconsent';

  // ---- the module ------------------------------------------------------------------------
  /** The module's exports once it runs. */
  var X = null;
  var enc = new TextEncoder();
  var dec = new TextDecoder();

  /** Where the last input went. */
  var inputAt = 0;
  /** Writes strings into the module's input area; their byte lengths. */
  var put = function (list) {
    var total = 0;
    var i;
    for (i = 0; i < list.length; i++) total += list[i].length * 3;
    var at = (inputAt = X.buf(total));
    var end = at + total;
    var memory = new Uint8Array_(X.memory.buffer);
    var lens = [];
    for (i = 0; i < list.length; i++) {
      var n = enc.encodeInto(list[i], memory.subarray(at, end)).written;
      lens.push(n);
      at += n;
    }
    return lens;
  };
  /** The module's last text answer. */
  var answer = function () {
    return dec.decode(new Uint8Array_(X.memory.buffer, X.out(), X.olen()));
  };
  /** A text answer of `text(which)`. */
  var text = function (which) {
    X.text(which);
    return answer();
  };

  // Kinds, as the module numbers them.
  var SCRIPT = 0;
  var FRAME = 1;
  var REQUEST = 2;
  var CATEGORIES = ['necessary', 'preferences', 'analytics', 'marketing'];

  /**
   * The verdict on a URL: 0 when it may be reached, else the index of the category it is held
   * under (its service then in `held.service`). Resolved against the document's base URL the
   * way the browser will; only http(s) and ws(s) URLs can reach a tracker.
   */
  var held = { service: '' };
  var verdict = function (value, kind) {
    var u;
    try {
      u = new URL_(value, D.baseURI);
    } catch (e) {
      return 0;
    }
    if (!/^(http|ws)s?:$/.test(u.protocol)) return 0;
    var l = put([u.hostname, u.pathname, value]);
    var category = X.url(kind, l[0], l[1], l[2]);
    held.service = category ? answer() : '';
    return category;
  };
  /** The URL a request API was given: a string, a `URL`, a `Request`, anything with toString. */
  var urlOf = function (value) {
    return W.Request && value instanceof W.Request ? value.url : String(value);
  };
  /** Whether an element's marking allows it now (notes it as held back when not). */
  var allowed = function (el, kind, what) {
    var l = put([getAttr(el, 'data-category') || '', getAttr(el, 'data-service') || '', what]);
    return X.marked(kind, l[0], l[1], l[2]) === 1;
  };

  // ---- hooks -------------------------------------------------------------------------------
  /**
   * Replaces `p[name]` with a function that first runs `before(this, args)` — ours, inside a
   * try — and then the native, unless `before` returned a box `{v: …}`: then that value is the
   * call's result and the native is not called. Our failure blocks nothing but our own part.
   */
  var BLOCK = {};
  var hook = function (p, name, before, failed) {
    var d = p && gopd(p, name);
    var native = d && d.value;
    if (typeof native !== 'function') return;
    var wrapped = function () {
      var result;
      try {
        result = before(this, arguments, native);
      } catch (e) {
        result = failed;
      }
      if (result) return result.v;
      return Apply(native, this, arguments);
    };
    d.value = wrapped;
    defineProperty(p, name, d);
  };
  /** As `hook`, for an accessor's setter. */
  var hookSetter = function (p, name, before, failed) {
    var d = p && gopd(p, name);
    var native = d && d.set;
    if (typeof native !== 'function') return null;
    d.set = function (value) {
      var result;
      try {
        result = before(this, value, native);
      } catch (e) {
        result = failed;
      }
      if (!result) Apply(native, this, [value]);
    };
    defineProperty(p, name, d);
    return d;
  };
  var DROP = { v: undefined };

  // Cookies: `document.cookie` writes of refused trackers are dropped (on the prototype, so
  // that calling its setter directly is guarded too; and on a page's own accessor built on the
  // unguarded original). Tests: blocking-vendors, blocking-sdks, site ("the page's own
  // document.cookie").
  var nativeCookie = null;
  var cookieTrap = function (self, value) {
    var l = put([String(value)]);
    return X.cookie(l[0], now()) === 1 ? 0 : 1;
  };
  var installCookies = function () {
    var DP = proto('Document');
    var d = gopd(DP, 'cookie');
    if (!d || !d.get || !d.set) return logError('could not guard document.cookie');
    nativeCookie = { get: uncurry(d.get), set: uncurry(d.set) };
    hookSetter(DP, 'cookie', cookieTrap, 1);
    var own = gopd(D, 'cookie');
    if (own && own.set) {
      if (own.configurable) hookSetter(D, 'cookie', cookieTrap, 1);
      else logError("the page's own document.cookie cannot be guarded (it is not configurable); cookies written through it are not blocked");
    }
    // cookieStore.set(name, value) / set({name, expires, …}).
    hook(proto('CookieStore'), 'set', function (self, args) {
      var first = args[0];
      var name = typeof first === 'string' ? first : String((first && first.name) || '');
      var expires = first && typeof first === 'object' ? first.expires : undefined;
      var deletion = typeof expires === 'number' && expires < now() ? 1 : 0;
      var l = put([name]);
      return X.cookie_named(l[0], deletion, now()) === 1 ? 0 : { v: Promise_.resolve() };
    }, { v: Promise_.resolve() });
  };

  // Storage: `setItem` of a refused tracker's key is dropped, silently. Tests: blocking-sdks.
  var installStorage = function () {
    hook(proto('Storage'), 'setItem', function (self, args) {
      var l = put([String(args[0])]);
      return X.storage(l[0]) === 1 ? 0 : DROP;
    }, DROP);
  };

  // Requests: beacons report success, `fetch` fails like a blocked request, an XHR ends like
  // one an ad blocker stopped (readyState 4, status 0, then readystatechange, error, loadend),
  // pixels are never given their source. Tests: blocking-sdks, blocking-vendors.
  var refusedXhr = new WeakSet();
  var failXhr = function (xhr) {
    var steps = [function () {
      defineProperty(xhr, 'readyState', { value: 4, configurable: true });
    }];
    ['readystatechange', 'error', 'loadend'].forEach(function (type) {
      steps.push(function () {
        dispatch(xhr, new Event_(type));
      });
    });
    steps.forEach(function (step) {
      setTimeout_(step, 0);
    });
  };
  var installRequests = function () {
    hook(proto('Navigator'), 'sendBeacon', function (self, args) {
      return verdict(urlOf(args[0]), REQUEST) ? { v: true } : 0;
    }, { v: true });
    var refusedFetch = function () {
      return { v: Promise_.reject(new TypeError('Failed to fetch (held back by bzconsent until consent)')) };
    };
    hook(W, 'fetch', function (self, args) {
      return verdict(urlOf(args[0]), REQUEST) ? refusedFetch() : 0;
    }, 0);
    var XP = proto('XMLHttpRequest');
    hook(XP, 'open', function (self, args) {
      if (verdict(urlOf(args[1]), REQUEST)) refusedXhr.add(self);
      else refusedXhr.delete(self);
      // Reused after a refused request: it shows its real state again.
      delete self.readyState;
      return 0;
    }, 0);
    hook(XP, 'send', function (self) {
      if (!refusedXhr.has(self)) return 0;
      failXhr(self);
      return DROP;
    }, 0);
    var IP = proto('HTMLImageElement');
    var pixel = function (self, value) {
      return refusedSrcset(String(value)) ? 1 : 0;
    };
    hookSetter(IP, 'src', pixel, 0);
    hookSetter(IP, 'srcset', pixel, 0);
  };
  /** Whether any URL of a `src` or `srcset` value is refused. */
  var refusedSrcset = function (value) {
    var candidates = value.split(',');
    for (var i = 0; i < candidates.length; i++) {
      var url = candidates[i].trim().split(/\s+/)[0];
      if (url && verdict(url, REQUEST)) return true;
    }
    return false;
  };

  // ---- scripts and embeds ------------------------------------------------------------------
  var HELD = 'text/plain';
  var ORIGINAL_TYPE = 'data-bz-type';
  var QUEUED = 'data-bz-queued';
  var WATCHED = 'script,iframe,[data-src]';
  var LOAD_TIMEOUT_MS = 10000;
  var queue = [];
  var waiting = 0;
  var tokens = 0;

  var tagIs = function (el, name) {
    var t = tagName(el);
    return t === name || t.toUpperCase() === name;
  };
  var runsAsScript = function (type) {
    if (type === null) return true;
    var l = put([type]);
    return X.runs(l[0]) === 1;
  };
  /** Turns a script nobody marked into a held-back one. */
  var holdScript = function (el, type, category, service) {
    setAttr(el, ORIGINAL_TYPE, type);
    setAttr(el, 'type', HELD);
    setAttr(el, 'data-category', CATEGORIES[category]);
    if (service && !hasAttr(el, 'data-service')) setAttr(el, 'data-service', service);
  };
  var inspectScript = function (el) {
    var type = getAttr(el, 'type');
    if (type === HELD && hasAttr(el, 'data-category')) {
      if (allowed(el, SCRIPT, getAttr(el, 'src') || 'inline script')) enqueue(el);
      return;
    }
    var src = getAttr(el, 'src');
    if (src === null || !runsAsScript(type)) return;
    var category = verdict(src, SCRIPT);
    if (category) holdScript(el, type || '', category, held.service);
  };
  /** Holds a frame back instead of loading a tracker's source; true when held. */
  var holdFrame = function (el, url) {
    var category = verdict(url, FRAME);
    if (!category) return false;
    setAttr(el, 'data-src', url);
    removeAttr(el, 'src');
    setAttr(el, 'data-category', CATEGORIES[category]);
    if (held.service && !hasAttr(el, 'data-service')) setAttr(el, 'data-service', held.service);
    placeholder(el);
    return true;
  };
  var inspect = function (el) {
    if (tagIs(el, 'SCRIPT')) return inspectScript(el);
    var dataSrc = getAttr(el, 'data-src');
    if (tagIs(el, 'IFRAME') && dataSrc === null) {
      var src = getAttr(el, 'src');
      if (src !== null) holdFrame(el, src);
    } else if (dataSrc !== null && hasAttr(el, 'data-category')) {
      if (allowed(el, FRAME, dataSrc)) loadEmbed(el);
      else placeholder(el);
    }
  };
  /** `el` and every watched element inside it. */
  var inspectTree = function (el) {
    if (matches(el, WATCHED)) inspect(el);
    if (!firstElementChild(el)) return;
    var list = qsaEl(el, WATCHED);
    for (var i = 0; i < list.length; i++) inspect(list[i]);
  };
  var loadEmbed = function (el) {
    if (ui) ui.unplace(el);
    var src = getAttr(el, 'data-src');
    if (src !== null) {
      removeAttr(el, 'data-src');
      setAttr(el, 'src', src);
    }
  };
  var enqueue = function (el) {
    if (hasAttr(el, QUEUED)) return;
    setAttr(el, QUEUED, '');
    queue.push(el);
  };
  /** Activates everything on the page that the consent now allows, in document order. */
  var activateAllowed = function () {
    var list = qsaDoc(D, 'script[type="text/plain"][data-category],[data-src][data-category]');
    for (var i = 0; i < list.length; i++) inspect(list[i]);
    pump();
  };
  /** Runs queued scripts one at a time; an external one holds the queue until it is done. */
  var pump = function () {
    while (!waiting && queue.length) {
      var old = queue.shift();
      try {
        var copy = run(old);
        if (copy) waitFor(copy, old);
      } catch (e) {
        logError('could not run a script', e);
      }
    }
  };
  /** Replaces a held-back script with a live copy; the copy when it is external. */
  var run = function (old) {
    if (!isConnected(old)) return null;
    if (!allowed(old, SCRIPT, getAttr(old, 'src') || 'inline script')) {
      removeAttr(old, QUEUED);
      return null;
    }
    var copy = createElement(D, 'script');
    var names = attributeNames(old);
    var type = '';
    for (var i = 0; i < names.length; i++) {
      var name = names[i];
      var value = getAttr(old, name);
      if (name === ORIGINAL_TYPE || name === 'data-type') type = value;
      else if (name !== 'type' && name !== 'src' && name !== 'nonce' && name !== QUEUED) setAttr(copy, name, value);
    }
    if (type) setAttr(copy, 'type', type);
    var n = nonceOf(old) || nonce;
    if (n) copy.nonce = n;
    var src = getAttr(old, 'src');
    if (src !== null) setAttr(copy, 'src', src);
    else copy.text = scriptText(old);
    var parent = parentNode(old);
    if (!parent) return null;
    replaceChild(parent, copy, old);
    return src !== null ? copy : null;
  };
  /**
   * Holds the queue until the copy of `original` loads or fails, and passes its `load` or
   * `error` on to the original: loaders that listen on the script they inserted (Amplitude,
   * many tag snippets) hear about it as if their own element had loaded.
   */
  var waitFor = function (copy, original) {
    var token = ++tokens;
    waiting = token;
    var done = function () {
      if (waiting === token) {
        waiting = 0;
        pump();
      }
    };
    var forward = function (event) {
      dispatch(original, new Event_(event.type));
      done();
    };
    addListener(copy, 'load', forward);
    addListener(copy, 'error', forward);
    // Firefox fires neither for a copy its CSP refuses.
    setTimeout_(done, LOAD_TIMEOUT_MS);
  };

  /** Unloads embeds whose consent was withdrawn (a frame can be unloaded; a script cannot). */
  var unloadRefused = function () {
    var list = qsaDoc(D, 'iframe[src][data-category],video[src][data-category],embed[src][data-category]');
    for (var i = 0; i < list.length; i++) {
      var el = list[i];
      var src = getAttr(el, 'src');
      if (!allowed(el, FRAME, src)) {
        setAttr(el, 'data-src', src);
        removeAttr(el, 'src');
        placeholder(el);
      }
    }
  };

  var inspectArgs = function (args) {
    for (var i = 0; i < args.length; i++) {
      var node = args[i];
      if (!node || typeof node !== 'object') continue;
      var type = nodeType(node);
      // Nodes already in the document were inspected when they came in (this also skips
      // reference nodes such as insertBefore's second argument).
      if (type === ELEMENT && !isConnected(node)) inspectTree(node);
      else if (type === FRAGMENT) {
        var list = qsaFrag(node, WATCHED);
        for (var j = 0; j < list.length; j++) inspect(list[j]);
      }
    }
    return 0;
  };

  var installScripts = function () {
    // Every way code can put a node into the page. Tests: api ("marked scripts added by
    // code"), blocking-vendors (19 insertion paths).
    ['appendChild', 'insertBefore', 'replaceChild'].forEach(function (name) {
      hook(NP, name, inspectArgs, 0);
    });
    ['Element', 'CharacterData', 'DocumentFragment', 'Document'].forEach(function (c) {
      var p = proto(c);
      ['append', 'prepend', 'before', 'after', 'replaceWith', 'replaceChildren', 'insertAdjacentElement'].forEach(function (name) {
        if (p && gopd(p, name)) hook(p, name, inspectArgs, 0);
      });
    });
    hook(proto('Range'), 'insertNode', inspectArgs, 0);
    // setAttribute: a script or frame given a tracker's source, a pixel given one.
    hook(EP, 'setAttribute', function (el, args) {
      if (args.length < 2 || nodeType(el) !== ELEMENT) return 0;
      var name = String(args[0]).toLowerCase();
      var value = String(args[1]);
      if (tagIs(el, 'SCRIPT')) {
        if (name === 'src') holdScriptFor(el, value);
        else if (name === 'type' && isHeldBack(el)) {
          setAttr(el, ORIGINAL_TYPE, value);
          return DROP;
        }
      } else if (tagIs(el, 'IFRAME')) {
        if (name === 'src' && holdFrame(el, value)) return DROP;
      } else if (tagIs(el, 'IMG') && (name === 'src' || name === 'srcset')) {
        // An image starts loading on this very call, even outside the document: a pixel.
        if (refusedSrcset(value)) return DROP;
      }
      return 0;
    }, 0);
    var SP = proto('HTMLScriptElement');
    hookSetter(SP, 'src', function (el, value) {
      holdScriptFor(el, String(value));
      return 0;
    }, 0);
    hookSetter(SP, 'type', function (el, value) {
      if (!isHeldBack(el)) return 0;
      setAttr(el, ORIGINAL_TYPE, String(value));
      return 1;
    }, 0);
    hookSetter(proto('HTMLIFrameElement'), 'src', function (el, value) {
      return holdFrame(el, String(value)) ? 1 : 0;
    }, 0);
    // document.write: a script written while the page is parsed runs before any observer sees
    // it, so a tracker's tag is held back in the text itself. Firefox and older engines define
    // `write` on HTMLDocument. Tests: site ("trackers written with document.write").
    ['Document', 'HTMLDocument'].forEach(function (c) {
      var p = proto(c);
      ['write', 'writeln'].forEach(function (name) {
        if (p && gopd(p, name)) {
          hook(p, name, function (self, args, native) {
            var changed = false;
            var list = [];
            for (var i = 0; i < args.length; i++) {
              var html = String(args[i]);
              var rewritten = holdWritten(html);
              if (rewritten !== null) changed = true;
              list.push(rewritten === null ? html : rewritten);
            }
            return changed ? { v: Apply(native, self, list) } : 0;
          }, 0);
        }
      });
    });
  };
  var isHeldBack = function (el) {
    return hasAttr(el, ORIGINAL_TYPE) && getAttr(el, 'type') === HELD;
  };
  /** Holds a script back before it is given a tracker's `src`. */
  var holdScriptFor = function (el, url) {
    var type = getAttr(el, 'type');
    if (type === HELD) return;
    var category = verdict(url, SCRIPT);
    if (category && runsAsScript(type)) holdScript(el, type || '', category, held.service);
  };
  /** Written markup with refused trackers' scripts held back; null when nothing changes. */
  var holdWritten = function (html) {
    var l = put([html]);
    var count = X.scripts(l[0]);
    if (!count) return null;
    var urls = answer().split('\0');
    var verdicts = [];
    var any = false;
    for (var i = 0; i < urls.length; i++) {
      var category = verdict(urls[i], SCRIPT);
      if (category) any = true;
      verdicts.push(category + held.service);
    }
    if (!any) return null;
    l = put([html, verdicts.join('\0')]);
    return X.write(l[0], l[1]) ? answer() : null;
  };

  /** Watches the document for scripts and embeds the parser adds. */
  var observe = function () {
    var observer = new MutationObserver(function (records) {
      try {
        for (var i = 0; i < records.length; i++) {
          var added = records[i].addedNodes;
          for (var j = 0; j < added.length; j++) {
            if (nodeType(added[j]) === ELEMENT) inspectTree(added[j]);
          }
        }
        pump();
      } catch (e) {
        logError('could not inspect the page', e);
      }
    });
    observer.observe(D, { childList: true, subtree: true });
    var root = D.documentElement;
    if (root) inspectTree(root);
    pump();
  };

  // ---- choices -----------------------------------------------------------------------------
  /** Whether the choice survives the page (localStorage answered at start). */
  var persistent = false;
  var storeRead = function () {
    try {
      return storage ? storage.getItem(KEY) : null;
    } catch (e) {
      return null;
    }
  };
  var storeWrite = function (value) {
    try {
      if (value === null) storage.removeItem(KEY);
      else storage.setItem(KEY, value);
    } catch (e) {}
  };
  var flags = function () {
    return CATEGORIES.map(function (c) {
      var l = put([c]);
      return X.accepted(0, l[0]) === 1;
    });
  };
  /** Google Consent Mode: commands pushed as an `arguments` object, the only form gtag.js reads. */
  var gtag = function () {
    var layer = W.dataLayer;
    if (!isArray(layer)) layer = W.dataLayer = [];
    layer.push(arguments);
  };
  var consentMode = function (which) {
    gtag('consent', which ? 'update' : 'default', JSON_.parse(text(which ? 4 : 3)));
  };
  var cleanUp = function () {
    var keys = [];
    var stores = [];
    ['localStorage', 'sessionStorage'].forEach(function (name) {
      try {
        var s = W[name];
        for (var i = 0; i < s.length; i++) keys.push(s.key(i));
        stores.push(s);
      } catch (e) {}
    });
    var cookies = nativeCookie ? nativeCookie.get(D) : '';
    var loc = W.location;
    var l = put([cookies, loc.hostname, loc.pathname, keys.join('\n')]);
    var n = X.clean(l[0], l[1], l[2], l[3]);
    var lines = answer().split('\n');
    for (var i = 0; i < lines.length; i++) {
      if (!lines[i]) continue;
      if (i < n) nativeCookie.set(D, lines[i]);
      else stores.forEach(function (s) {
        try {
          s.removeItem(lines[i]);
        } catch (e) {}
      });
    }
  };
  var fire = function (name, detail) {
    try {
      dispatch(W, new CustomEvent_(name, { detail: detail }));
    } catch (e) {}
  };
  var recordObject = function () {
    var json = text(0);
    return json ? JSON_.parse(json) : null;
  };
  /** Puts the consent now in force everywhere: Consent Mode, clean-up, scripts, UI, events. */
  var applied = function (changed, reload) {
    consentMode(1);
    cleanUp();
    unloadRefused();
    if (ui) ui.refresh();
    else if (X.text(5) && JSON_.parse(answer()).prompt) loadUi();
    activateAllowed();
    var names = CATEGORIES.filter(function (c, i) {
      return changed & (1 << i);
    });
    fire('bzconsent:change', { record: recordObject(), changed: names });
    if (reload) W.location.reload();
  };
  var METHODS = { 'accept-all': 0, 'reject-all': 1, custom: 2 };
  /**
   * Records a choice: `categories` as four booleans (necessary forced on), `services` as
   * [[id, on], …], `method` by name. Stores it, sends the proof, mirrors it, applies it.
   */
  var choose = function (categories, services, method) {
    var bits = 0;
    for (var i = 0; i < 4; i++) if (categories[i]) bits |= 1 << i;
    var lines = (services || []).map(function (s) {
      return (s[1] ? '1' : '0') + s[0];
    });
    var loc = W.location;
    var random = new Uint8Array_(16);
    W.crypto.getRandomValues(random);
    // Sixteen ASCII bytes hold the place of the random ones, written over them raw.
    var l = put(['0123456789abcdef', lines.join('\n'), loc.origin + loc.pathname]);
    new Uint8Array_(X.memory.buffer).set(random, inputAt);
    var result = X.choose(bits, METHODS[method], l[1], l[2], now(), loc.protocol === 'https:' ? 1 : 0);
    var out = answer().split('\n');
    storeWrite(out[0]);
    if (out[1]) {
      var sent = false;
      try {
        sent = W.navigator.sendBeacon(out[1], out[2]);
      } catch (e) {}
      if (!sent) logError('the consent log could not be sent');
    }
    if (out[3] && nativeCookie) nativeCookie.set(D, out[3]);
    applied(result & 15, result & 16);
  };
  var reset = function () {
    storeWrite(null);
    var changed = X.reset(W.location.protocol === 'https:' ? 1 : 0);
    var mirror = answer();
    if (mirror && nativeCookie) nativeCookie.set(D, mirror);
    applied(changed, 0);
  };

  // ---- the UI --------------------------------------------------------------------------------
  /** The UI's entry points once bzconsent-ui.js has run: {show, dialog, hide, refresh, place, unplace}. */
  var ui = null;
  /** Calls waiting for the UI: [name, argument]. */
  var pending = [];
  var uiRequested = false;
  /** The Trusted Types policy for the UI's URL and markup: undefined before it is made. */
  var policy;
  var trusted = function () {
    if (policy !== undefined) return policy;
    policy = null;
    var factory = W.trustedTypes;
    if (!factory || !factory.createPolicy) return (policy = false);
    try {
      var same = function (value) {
        return value;
      };
      policy = factory.createPolicy('bzconsent', { createHTML: same, createScriptURL: same });
    } catch (e) {
      logError('the page\'s Content-Security-Policy does not allow the Trusted Types policy "bzconsent" (add it to the trusted-types directive); no consent banner is shown and everything that needs consent stays blocked');
    }
    return policy;
  };
  /** Loads bzconsent-ui.js from the guard's own directory, asynchronously, with its nonce. */
  var loadUi = function () {
    if (uiRequested) return;
    var p = trusted();
    if (p === null) return;
    uiRequested = true;
    var url = base.replace(/[^/?#]*([?#].*)?$/, 'bzconsent-ui.js');
    var s = createElement(D, 'script');
    s.async = true;
    if (nonce) s.nonce = nonce;
    addListener(s, 'error', function () {
      uiRequested = false;
      logError('the consent banner could not be loaded from ' + url + '; everything that needs consent stays blocked');
    });
    s.src = p ? p.createScriptURL(url) : url;
    var parent = D.head || D.documentElement;
    insertBefore(parent, s, null);
  };
  /** Runs a UI entry point now, or once the UI has loaded. */
  var withUi = function (name, arg) {
    if (ui) return ui[name](arg);
    pending.push([name, arg]);
    loadUi();
  };
  var placeholder = function (el) {
    withUi('place', el);
  };
  /** What the UI asks of the guard: the one owner of the consent in force. */
  var link = {
    config: null,
    nonce: nonce,
    persistent: function () {
      return persistent;
    },
    state: function () {
      return text(5);
    },
    choose: function (categories, services, method) {
      choose(categories, services, method);
    },
    lang: function (code) {
      var l = put([code]);
      X.lang(l[0]);
    },
    policy: function () {
      return trusted();
    },
    ready: function (entry) {
      ui = entry;
      var calls = pending;
      pending = [];
      calls.forEach(function (c) {
        try {
          ui[c[0]](c[1]);
        } catch (e) {
          logError('the consent banner failed', e);
        }
      });
    },
  };

  // ---- the API -------------------------------------------------------------------------------
  /** `f` made safe for the page: it never throws, whatever it is given. */
  var safe = function (f, fallback) {
    return function () {
      try {
        return f.apply(null, arguments);
      } catch (e) {
        logError('the call failed', e);
        return fallback;
      }
    };
  };
  var installApi = function () {
    var api = {
      acceptedCategory: safe(function (name) {
        var l = put([String(name)]);
        return X.accepted(0, l[0]) === 1;
      }, false),
      acceptedService: safe(function (name) {
        var l = put([String(name)]);
        return X.accepted(1, l[0]) === 1;
      }, false),
      acceptAll: safe(function () {
        var gpc = JSON_.parse(text(5)).gpc;
        choose([true, true, true, !gpc], [], 'accept-all');
      }),
      rejectAll: safe(function () {
        choose([true, false, false, false], [], 'reject-all');
      }),
      accept: safe(function (list) {
        var categories = [true, false, false, false];
        if (isArray(list)) {
          list.forEach(function (name) {
            var i = CATEGORIES.indexOf(name);
            if (i >= 0) categories[i] = true;
            else C.error('bzconsent.accept: unknown category `' + name + '`');
          });
        }
        choose(categories, [], 'custom');
      }),
      show: safe(function () {
        withUi('show');
      }),
      showPreferences: safe(function () {
        withUi('dialog');
      }),
      hide: safe(function () {
        if (ui) ui.hide();
        pending = [];
      }),
      reset: safe(reset),
      getRecord: safe(recordObject, null),
      unknownCookies: safe(function () {
        return JSON_.parse(text(2));
      }, []),
      blocked: safe(function () {
        return JSON_.parse(text(1));
      }, []),
    };
    // The name is the widget's: a value the page put there first is replaced; when it cannot
    // be, the page works without the API (the banner and blocking are unaffected).
    var taken = !!gopd(W, 'bzconsent');
    try {
      W.bzconsent = api;
    } catch (e) {}
    if (W.bzconsent !== api) {
      logError('window.bzconsent is taken by the page and cannot be replaced; the JavaScript API is unavailable (the banner and blocking still work)');
    } else if (taken) {
      logError('window.bzconsent was already defined by the page; it now holds the widget\'s API');
    }
  };

  // ---- start ---------------------------------------------------------------------------------
  var whenParsed = function (f) {
    if (D.readyState === 'loading') {
      var once = function () {
        if (f) {
          var g = f;
          f = null;
          g();
        }
      };
      addListener(D, 'DOMContentLoaded', once);
    } else f();
  };
  var boot = function () {
    var configElement = D.getElementById('bzconsent-config');
    var config = configElement ? configElement.textContent : null;
    link.config = config;
    var stored = null;
    try {
      stored = storage ? storage.getItem(KEY) : null;
      persistent = !!storage;
    } catch (e) {}
    var nav = W.navigator;
    var root = D.documentElement;
    var htmlLang = root ? getAttr(root, 'lang') : null;
    var langs = (nav.languages || [nav.language || '']).join('\n');
    var l = put([config || '', stored || '', htmlLang || '', langs]);
    var bits = X.start(
      config === null ? -1 : l[0],
      stored === null ? -1 : l[1],
      htmlLang === null ? -1 : l[2],
      l[3],
      now(),
      nav.globalPrivacyControl === true ? 1 : 0
    );
    var errors = answer();
    if (errors) errors.split('\n').forEach(function (e) {
      C.error(e);
    });
    // Consent Mode's default before any tag can run; the visitor's choice at once if there is one.
    consentMode(0);
    gtag('set', 'ads_data_redaction', !!(bits & 64));
    if (!(bits & 1)) consentMode(1);
    // No valid choice: the banner's code is fetched now, while the page is still parsed.
    if (bits & 1) loadUi();
    installCookies();
    installStorage();
    installRequests();
    installScripts();
    observe();
    // Reading the page's cookies for the clean-up is a synchronous round trip to the cookie
    // store: in a task of its own, so that the parser does not wait for it. Nothing refused
    // can run in between: the guards are in place.
    setTimeout_(function () {
      try {
        cleanUp();
      } catch (e) {}
    }, 0);
    installApi();
    // Other tabs: a choice made there is followed here; `localStorage.clear()` there withdrew
    // nothing, so the choice in force is stored again.
    addListener(W, 'storage', function (event) {
      try {
        if (event.key === null) {
          var json = text(0);
          if (json) storeWrite(json);
        } else if (event.key === KEY) {
          var value = storeRead();
          var v = value === null ? -1 : put([value])[0];
          var changed = X.other(v, now());
          if (changed) applied(changed & 15, 0);
        }
      } catch (e) {}
    });
    addListener(D, 'click', function (event) {
      try {
        var t = event.target;
        var opener = t && t.closest && t.closest('[data-bzconsent-open]');
        if (opener) {
          event.preventDefault();
          withUi('dialog');
        }
      } catch (e) {}
    });
    whenParsed(function () {
      fire('bzconsent:ready', recordObject());
    });
    try {
      defineProperty(W, '__bzconsentLink', { value: link });
    } catch (e) {}
  };

  // ---- the module's bytes, and starting it -------------------------------------------------------
  var fail = function (e) {
    logError("WebAssembly could not start (unsupported, or blocked by the page's Content-Security-Policy: add 'wasm-unsafe-eval' to script-src). Everything that needs consent stays blocked.", e);
  };
  var go = function (instance) {
    X = instance.exports;
    try {
      boot();
    } catch (e) {
      logError('could not start; everything that needs consent stays blocked', e);
    }
  };
  try {
    var s = __BZ_MODULE__;
    var bytes;
    if (Uint8Array_.fromBase64) bytes = Uint8Array_.fromBase64(btoa(s));
    else {
      bytes = new Uint8Array_(s.length);
      for (var i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
    }
    var instance;
    try {
      instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
    } catch (e) {
      // Old WebViews refuse to compile or instantiate a module over 4 KB synchronously: marked
      // scripts stay blocked meanwhile, and the module takes over once ready. Test: guard ("old
      // WebView").
      if (!(e instanceof RangeError)) throw e;
      WebAssembly.instantiate(bytes, {}).then(function (r) {
        go(r.instance);
      }, fail);
    }
    if (instance) go(instance);
  } catch (e) {
    fail(e);
  }
})();
