/*! bzconsent | MIT */
// The guard: pkg/bzconsent.js, the only render-blocking file. It does in JavaScript what only
// JavaScript does cheaply — the hooks on every path a page can take to a tracker — and asks the
// Rust module (src/guard/mod.rs over src/core/guard.rs) for every verdict. It filters first: an
// element that is not a script, frame or embed never crosses into WebAssembly.
//
// Rules the code keeps:
// - Natives are captured at start and called through `call`-bound copies, so a page that
//   overrides `getAttribute`, `tagName`, `Function.prototype.call`, `Reflect` or
//   `TextEncoder.prototype.encodeInto` later cannot confuse or break the guard.
// - Our part of every hook runs inside `try`; only the native method's own exception reaches
//   the page. When our part fails (`failed`), the hook holds the element, refuses the request
//   or drops the write as if the answer were no, and reports it once per path: it never calls
//   the native instead. A receiver or argument the native itself refuses (not a node, not an
//   attribute) is left to the native, which throws its own exception.
// - No allowance is cached: every write asks the module, so no answer outlives the call.
// - The module never calls out (it has no imports), so no page code runs while the state is
//   in use: nothing can leave it locked.
//
// `__BZ_MODULE__` is replaced by the build with the module's bytes (tools/guard.mjs).
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
  } catch (e) {
    // A page that froze `window`: a second copy is then not told apart; nothing else needs it.
  }

  // ---- natives, captured now ------------------------------------------------------------
  var FP = Function.prototype;
  /** `fn` as a plain function taking `this` first: immune to later overrides of `call`. */
  var uncurry = FP.bind.bind(FP.call);
  /** The realm hooks are being installed in: the page's, or a same-origin frame's. */
  var R = W;
  var proto = function (name) {
    var c = R[name];
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
  var qsaEl = uncurry(EP.querySelectorAll);
  var qsaDoc = uncurry(proto('Document').querySelectorAll);
  var qsaFrag = uncurry(proto('DocumentFragment').querySelectorAll);
  var nodeName = getter(NP, 'nodeName');
  var nodeType = getter(NP, 'nodeType');
  var isConnected = getter(NP, 'isConnected');
  var parentNode = getter(NP, 'parentNode');
  var firstElementChild = getter(EP, 'firstElementChild');
  var previousSibling = getter(EP, 'previousElementSibling');
  var replaceChild = uncurry(NP.replaceChild);
  var insertBefore = uncurry(NP.insertBefore);
  var removeChild = uncurry(NP.removeChild);
  var addListener = uncurry(proto('EventTarget').addEventListener);
  var dispatch = uncurry(proto('EventTarget').dispatchEvent);
  var createElement = uncurry(proto('Document').createElement);
  var createFragment = uncurry(proto('Document').createDocumentFragment);
  var attributeNames = uncurry(EP.getAttributeNames);
  var scriptText = getter(proto('HTMLScriptElement'), 'text');
  var nonceOf = getter(proto('HTMLElement'), 'nonce');
  var baseURI = getter(NP, 'baseURI');
  var ownerDoc = getter(NP, 'ownerDocument');
  var textDesc = gopd(NP, 'textContent');
  var getText = uncurry(textDesc.get);
  var setText = uncurry(textDesc.set);
  var getAttrNS = uncurry(EP.getAttributeNS);
  var removeAttrNS = uncurry(EP.removeAttributeNS);
  var AP = proto('Attr');
  var attrLocal = getter(AP, 'localName');
  var attrValue = getter(AP, 'value');
  var ownerElement = getter(AP, 'ownerElement');
  var requestUrl = getter(proto('Request'), 'url');
  var templateContent = getter(proto('HTMLTemplateElement'), 'content');
  var innerHTML = gopd(EP, 'innerHTML');
  var setInner = uncurry(innerHTML.set);
  var getInner = uncurry(innerHTML.get);
  var XLINK = 'http://www.w3.org/1999/xlink';
  var frameWindow = ['HTMLIFrameElement', 'HTMLFrameElement', 'HTMLObjectElement'].map(function (c) {
    return getter(proto(c), 'contentWindow');
  }).filter(Boolean);
  var Apply = Reflect.apply;
  var URL_ = W.URL;
  var Promise_ = W.Promise;
  var TypeError_ = TypeError;
  /**
   * Rethrows `e` unless it is the TypeError a native throws for a value it refuses (not a node,
   * not a URL): anything else — running out of stack, say — is our failure, and refuses.
   */
  var refusedByNative = function (e) {
    if (!(e instanceof TypeError_)) throw e;
  };
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
  } catch (e) {
    // Storage blocked (privacy settings, sandboxed frames): the choice holds for the page's life.
  }
  var KEY = 'bzconsent';

  // ---- the module ------------------------------------------------------------------------
  /** The module's exports once it runs. */
  var X = null;
  var enc = new TextEncoder();
  var dec = new TextDecoder();
  var encodeInto = uncurry(enc.encodeInto);
  var decode = uncurry(dec.decode);
  var encode = uncurry(enc.encode);
  var subarray = uncurry(Uint8Array.prototype.subarray);

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
      var n = encodeInto(enc, list[i], subarray(memory, at, end)).written;
      lens.push(n);
      at += n;
    }
    return lens;
  };
  /** The module's last text answer. */
  var answer = function () {
    return decode(dec, new Uint8Array_(X.memory.buffer, X.out(), X.olen()));
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
  var verdict = function (value, kind, el) {
    var u;
    try {
      var b;
      try {
        b = baseURI(el || D);
      } catch (e) {
        // Not a node (a setter called on another object): the document's base.
        b = baseURI(D);
      }
      u = new URL_(value, b);
    } catch (e) {
      // Not a URL: the browser fetches nothing for it either.
      refusedByNative(e);
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
    if (value && typeof value === 'object' && requestUrl) {
      try {
        return requestUrl(value);
      } catch (e) {
        // Not a Request: read as a string below.
        refusedByNative(e);
      }
    }
    return String(value);
  };
  /** Whether an element's marking allows it now (notes it as held back when not). */
  var allowed = function (el, kind, what) {
    var l = put([getAttr(el, 'data-category') || '', getAttr(el, 'data-service') || '', what]);
    return X.marked(kind, l[0], l[1], l[2]) === 1;
  };

  /**
   * JSON text as the module reads it: parsed by the browser's own `JSON.parse` and written as a
   * stream (src/core/json.rs, `decode`), so the render-blocking module carries no JSON parser.
   * Null when the text is not JSON the module accepts (also lone surrogates, deeper nesting
   * than 127 levels). Validation stays in Rust.
   */
  var stream = function (text) {
    var out = [];
    var str = function (s) {
      if (s.isWellFormed ? !s.isWellFormed() : /[\ud800-\udfff]/.test(s.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''))) throw 0;
      out.push('s' + encode(enc, s).length + ';' + s);
    };
    var walk = function (v, depth) {
      if (depth > 127) throw 0;
      if (v === null) out.push('n');
      else if (v === true || v === false) out.push(v ? 't' : 'f');
      else if (typeof v === 'number') out.push(Number.isSafeInteger(v) && v >= 0 && 1 / v > 0 ? 'u' + v + ';' : 'x');
      else if (typeof v === 'string') str(v);
      else if (isArray(v)) {
        out.push('a' + v.length + ';');
        for (var i = 0; i < v.length; i++) walk(v[i], depth + 1);
      } else {
        var keys = O.keys(v).sort();
        out.push('o' + keys.length + ';');
        for (var j = 0; j < keys.length; j++) {
          str(keys[j]);
          walk(v[keys[j]], depth + 1);
        }
      }
    };
    try {
      walk(JSON_.parse(text), 0);
      return out.join('');
    } catch (e) {
      return null;
    }
  };

  // ---- hooks -------------------------------------------------------------------------------
  /**
   * Failures by kind: 1 once reported (one `console.error` each, not one per call), or
   * [message, error] while the report waits. At the stack's edge even reporting fails: the
   * report is then made by the next guarded call (`flushReports`).
   */
  var reported = Object.create(null);
  var waitingReports = false;
  var reportOnce = function (kind, message, e) {
    if (reported[kind] === 1) return;
    try {
      reported[kind] = [message, e];
      waitingReports = true;
      logError(message, e);
      reported[kind] = 1;
    } catch (x) {
      // The stack's edge: what matters now, refusing, is the caller's; the report waits.
    }
  };
  var flushReports = function () {
    waitingReports = false;
    for (var kind in reported) {
      var r = reported[kind];
      if (r !== 1) reportOnce(kind, r[0], r[1]);
    }
  };
  /**
   * Our own part of the hook on `path` failed: the caller holds, refuses or drops as if the
   * answer were no. Reported once per path. Test: guard ("our failure holds").
   */
  var failed = function (path, e) {
    reportOnce(path, 'could not judge ' + path + '; held back as if refused', e);
  };
  /**
   * Replaces `p[name]` with a function that first runs `before(this, args)` — ours, inside a
   * try — and then the native, unless `before` returned a box `{v: …}`: then that value is the
   * call's result and the native is not called. When our part fails, `refusal` (a box, or a
   * function of `this` and the arguments giving one) stands for its answer. After a native
   * called with `{a: args}`, the page gets `after(result)` if given.
   */
  var hook = function (p, name, before, refusal, after) {
    var d = p && gopd(p, name);
    var native = d && d.value;
    if (typeof native !== 'function') return;
    var wrapped = function (a, b) {
      var result;
      try {
        if (waitingReports) flushReports();
        result = before(this, arguments, native);
      } catch (e) {
        failed(name, e);
        result = typeof refusal === 'function' ? refusal(this, arguments) : refusal;
      }
      // `{a: args}`: the native with the arguments as we read them (converted to strings
      // once, so that a value's toString cannot answer us one thing and the browser another).
      if (result) {
        if (!result.a) return result.v;
        var out = Apply(native, this, result.a);
        if (!after) return out;
        try {
          return after(out);
        } catch (e) {
          failed(name, e);
          return refusal.v;
        }
      }
      // An array of the arguments, not `arguments` itself: V8 passes that on at a fraction of
      // the cost (a wrapped appendChild or setAttribute is then within a few % of the native).
      var n = arguments.length;
      var r = n === 1 ? Apply(native, this, [a]) : n === 2 ? Apply(native, this, [a, b]) : Apply(native, this, arguments);
      if (newFrames.length) guardFrames();
      return r;
    };
    d.value = wrapped;
    defineProperty(p, name, d);
  };
  /**
   * As `hook`, for an accessor's setter of a string: `before` sees the value as a string, and
   * the native is given that same string (Trusted Types' objects pass as they are). The value
   * is converted before our part runs: an exception of the page's own `toString` is the
   * page's. A true answer, or our failure, drops the write.
   */
  var hookSetter = function (p, name, before) {
    var d = p && gopd(p, name);
    var native = d && d.set;
    if (typeof native !== 'function') return null;
    d.set = function (value) {
      var result;
      var v = plain(value);
      try {
        if (waitingReports) flushReports();
        result = before(this, v, native);
      } catch (e) {
        failed(name, e);
        result = 1;
      }
      if (!result) Apply(native, this, [v]);
    };
    defineProperty(p, name, d);
    return d;
  };
  var DROP = { v: undefined };
  /** Frames inserted by the call under way: their realms are guarded once it returns. */
  var newFrames = [];
  var guardFrames = function () {
    var list = newFrames;
    newFrames = [];
    for (var i = 0; i < list.length; i++) {
      try {
        guardFrame(list[i]);
      } catch (e) {
        failed('a frame', e);
        var p = parentNode(list[i]);
        if (p) removeChild(p, list[i]);
      }
    }
  };
  /** Realms already guarded, by their `Element` constructor (a WindowProxy outlives its realm). */
  var guarded = new WeakSet();
  /**
   * A frame's realm guarded; a frame whose realm could not be is taken out of the page, so that
   * nothing can reach its unguarded natives. False then.
   */
  var guardFrame = function (el) {
    var win;
    for (var i = 0; i < frameWindow.length && !win; i++) {
      try {
        win = frameWindow[i](el);
      } catch (e) {
        // Not a frame of this kind.
        refusedByNative(e);
      }
    }
    if (guardRealm(win, el)) return true;
    var p = parentNode(el);
    if (p) removeChild(p, el);
    return false;
  };
  /**
   * Gives a same-origin realm not guarded yet (a frame's, a pop-up's) the page's guards; `el`,
   * its frame if any, has them given again to each document it loads. False when they could
   * not all be given.
   */
  var guardRealm = function (win, el) {
    try {
      var E = win && win.Element;
      if (!E || guarded.has(E) || E === W.Element) return true;
      guarded.add(E);
      if (el && !guarded.has(el)) {
        guarded.add(el);
        addListener(el, 'load', function () {
          guardFrame(el);
        });
      }
    } catch (e) {
      // Another origin (a SecurityError): out of the page's reach, and of ours.
      if (e && e.name === 'SecurityError') return true;
      failed('a frame', e);
      return false;
    }
    R = win;
    try {
      installCookies();
      installStorage();
      installRequests();
      installScripts();
      return true;
    } catch (e) {
      logError('could not guard a frame', e);
      return false;
    } finally {
      R = W;
    }
  };
  var TT = W.trustedTypes;
  var ttProto = proto('TrustedTypePolicyFactory');
  var isTrusted = TT && ttProto ? [ttProto.isHTML, ttProto.isScript, ttProto.isScriptURL].map(function (f) {
    return uncurry(f);
  }) : [];
  /** A value as the browser will read it: a string, or a Trusted Types object as it is. */
  var plain = function (v) {
    if (typeof v === 'string' || v === null || v === undefined) return v;
    for (var i = 0; i < isTrusted.length; i++) if (isTrusted[i](TT, v)) return v;
    return String(v);
  };

  // Cookies: `document.cookie` writes of refused trackers are dropped (on the prototype, so
  // that calling its setter directly is guarded too; and on a page's own accessor built on the
  // unguarded original). Tests: blocking-vendors, blocking-sdks, site ("the page's own
  // document.cookie").
  var nativeCookie = null;
  // Every write is asked: an allowance (a deletion's, say) is never kept for the next one.
  // Tests: guard ("a deletion opens no door").
  var cookieTrap = function (self, value) {
    var l = put([String(value)]);
    return X.cookie(l[0], now()) !== 1;
  };
  var installCookies = function () {
    var DP = proto('Document');
    var d = gopd(DP, 'cookie');
    if (!d || !d.get || !d.set) return logError('could not guard document.cookie');
    if (R === W) nativeCookie = { get: uncurry(d.get), set: uncurry(d.set) };
    hookSetter(DP, 'cookie', cookieTrap);
    var own = gopd(R.document, 'cookie');
    if (own && own.set) {
      if (own.configurable) hookSetter(R.document, 'cookie', cookieTrap);
      else logError("the page's own document.cookie cannot be guarded (it is not configurable); cookies written through it are not blocked");
    }
    // cookieStore.set(name, value) / set({name, expires, …}): the options read once, and
    // given on as read. Whether it only deletes is the module's to say (from `expires`; any
    // other form of it counts as a write). Tests: guard ("a deletion opens no door").
    var resolved = function () {
      return { v: Promise_.resolve() };
    };
    hook(proto('CookieStore'), 'set', function (self, args) {
      var first = args[0];
      var a = [];
      for (var i = 0; i < args.length; i++) a.push(args[i]);
      var name;
      var expires;
      if (first && typeof first === 'object') {
        // The members of CookieInit, each read once.
        var o = (a[0] = {});
        ['name', 'value', 'expires', 'domain', 'path', 'sameSite', 'partitioned'].forEach(function (k) {
          var v = first[k];
          if (v !== undefined) o[k] = v;
        });
        name = o.name;
        expires = o.expires;
      } else name = first;
      var l = put([String(name)]);
      return X.cookie_named(l[0], typeof expires === 'number' ? expires : NaN, now()) === 1 ? { a: a } : resolved();
    }, resolved);
  };

  // Storage: `setItem` of a refused tracker's key is dropped, silently. Tests: blocking-sdks.
  var installStorage = function () {
    var SP = proto('Storage');
    var keyAllowed = function (key) {
      var l = put([key]);
      return X.storage(l[0]) === 1;
    };
    hook(SP, 'setItem', function (self, args) {
      if (args.length < 2) return 0;
      var a = [String(args[0]), String(args[1])];
      return keyAllowed(a[0]) ? { a: a } : DROP;
    }, DROP);
    // Keys written as properties (localStorage._hjid = …): the page's localStorage and
    // sessionStorage become proxies that hold refused keys the same way (every engine lets
    // `window.localStorage` be redefined). Storage's methods called on a proxy act on the real
    // storage. Tests: bypass ("storage by property assignment").
    var real = [];
    var proxies = [];
    ['localStorage', 'sessionStorage'].forEach(function (name) {
      var d = gopd(R, name);
      var target;
      try {
        target = d && d.configurable && d.get && Apply(d.get, R, []);
      } catch (e) {
        // Storage blocked: reading it throws, and so will every write of the page.
      }
      if (!target) return;
      var bound = Object.create(null);
      var write = function (t, k, v, how) {
        var ok;
        try {
          ok = typeof k !== 'string' || k in SP || keyAllowed(k);
        } catch (e) {
          failed('storage', e);
          ok = false;
        }
        // A refused key reports success, as `setItem` does.
        return ok ? how() : true;
      };
      var proxy = new Proxy(target, {
        get: function (t, k) {
          var v = Reflect.get(t, k);
          if (typeof v !== 'function' || typeof k !== 'string') return v;
          return bound[k] || (bound[k] = function () {
            return Apply(v, t, arguments);
          });
        },
        set: function (t, k, v) {
          return write(t, k, v, function () {
            return Reflect.set(t, k, v);
          });
        },
        defineProperty: function (t, k, desc) {
          return write(t, k, desc, function () {
            return Reflect.defineProperty(t, k, desc);
          });
        },
      });
      real.push(target);
      proxies.push(proxy);
      defineProperty(R, name, { configurable: true, enumerable: d.enumerable, get: function () {
        return proxy;
      } });
    });
    var unwrap = function (self) {
      var i = proxies.indexOf(self);
      return i < 0 ? self : real[i];
    };
    ['getItem', 'setItem', 'removeItem', 'key', 'clear'].forEach(function (name) {
      var d = gopd(SP, name);
      var f = d && d.value;
      if (typeof f !== 'function') return;
      d.value = function () {
        return Apply(f, unwrap(this), arguments);
      };
      defineProperty(SP, name, d);
    });
    var len = gopd(SP, 'length');
    if (len && len.get) {
      var lenGet = len.get;
      len.get = function () {
        return Apply(lenGet, unwrap(this), []);
      };
      defineProperty(SP, 'length', len);
    }
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
    // The URL a request API is given, read once (a `URL`, an object with toString), is the one
    // passed on. Tests: blocking-direct, bypass ("URLs in every form").
    var asUrl = function (args, i) {
      var v = args[i];
      var u = urlOf(v);
      var a = [];
      for (var j = 0; j < args.length; j++) a.push(args[j]);
      if (!(v && typeof v === 'object' && isRequest(v))) a[i] = u;
      return { u: u, a: a };
    };
    hook(proto('Navigator'), 'sendBeacon', function (self, args) {
      if (!args.length) return 0;
      var r = asUrl(args, 0);
      return verdict(r.u, REQUEST) ? { v: true } : { a: r.a };
    }, { v: true });
    var refusedFetch = function () {
      return { v: Promise_.reject(new TypeError('Failed to fetch (held back by bzconsent until consent)')) };
    };
    hook(R, 'fetch', function (self, args) {
      if (!args.length) return 0;
      var r = asUrl(args, 0);
      return verdict(r.u, REQUEST) ? refusedFetch() : { a: r.a };
    }, refusedFetch);
    // window.open of a tracker's URL: refused like a blocked pop-up (null). A same-origin
    // pop-up (about:blank) gets the page's guards at once, as a frame does. Tests: bypass.
    hook(R, 'open', function (self, args) {
      if (!args.length || args[0] === undefined || args[0] === '') return { a: args };
      var r = asUrl(args, 0);
      return verdict(r.u, REQUEST) ? { v: null } : { a: r.a };
    }, { v: null }, function (w) {
      // A pop-up that could not be guarded is closed, as if blocked.
      if (w && !guardRealm(w)) {
        w.close();
        return null;
      }
      return w;
    });
    // new Audio(url) gives the element its source without the `src` setter: made without it,
    // then given it through the guarded setter. Tests: bypass.
    var Audio_ = R.Audio;
    if (typeof Audio_ === 'function') {
      R.Audio = new Proxy(Audio_, {
        construct: function (target, args, newTarget) {
          var el = Reflect.construct(target, [], newTarget);
          if (args.length && args[0] !== undefined) el.src = args[0];
          return el;
        },
      });
    }
    // A form submitted by script to a tracker (a post into a hidden frame): not sent.
    // Tests: bypass.
    var FormP = proto('HTMLFormElement');
    var formAction = getter(FormP, 'action');
    ['submit', 'requestSubmit'].forEach(function (name) {
      hook(FormP, name, function (form, args) {
        var submitter = args[0];
        var action = submitter && typeof submitter === 'object' && getAttr(submitter, 'formaction');
        return verdict(action || formAction(form), FRAME) ? DROP : 0;
      }, DROP);
    });
    var XP = proto('XMLHttpRequest');
    hook(XP, 'open', function (self, args) {
      if (args.length < 2) return 0;
      var r = asUrl(args, 1);
      if (verdict(r.u, REQUEST)) refusedXhr.add(self);
      else refusedXhr.delete(self);
      // Reused after a refused request: it shows its real state again.
      delete self.readyState;
      return { a: r.a };
    }, function (self, args) {
      // Opened as the page asked (the native judges its arguments), then never sent.
      refusedXhr.add(self);
      return { a: args };
    });
    var sendRefused = function (self) {
      failXhr(self);
      return DROP;
    };
    hook(XP, 'send', function (self) {
      return refusedXhr.has(self) ? sendRefused(self) : 0;
    }, sendRefused);
    // WebSocket and EventSource: a refused one is a connection that failed before it was
    // made, with no request: an event target of the class, closed, that reports an error (and
    // a WebSocket's abnormal close) a task later, as a blocked connection does. The native
    // judges the arguments first (a bad URL throws its own SyntaxError). Tests: bypass,
    // guard ("held quietly").
    ['WebSocket', 'EventSource'].forEach(function (name) {
      var Native = R[name];
      if (typeof Native !== 'function') return;
      var ws = name === 'WebSocket';
      var EventTarget_ = R.EventTarget;
      var CloseEvent_ = R.CloseEvent;
      var failedConnection = function (url, newTarget) {
        var conn = new EventTarget_();
        O.setPrototypeOf(conn, (newTarget && newTarget.prototype) || Native.prototype);
        var fields = ws ? { url: url, readyState: 3, protocol: '', extensions: '', bufferedAmount: 0, binaryType: 'blob', onopen: null, onmessage: null, onerror: null, onclose: null, send: function () {}, close: function () {} }
          : { url: url, readyState: 2, withCredentials: false, onopen: null, onmessage: null, onerror: null, close: function () {} };
        for (var k in fields) defineProperty(conn, k, { value: fields[k], writable: true, configurable: true });
        var emit = function (event) {
          var handler = conn['on' + event.type];
          dispatch(conn, event);
          if (typeof handler === 'function') Apply(handler, conn, [event]);
        };
        setTimeout_(function () {
          emit(new Event_('error'));
        }, 0);
        if (ws) setTimeout_(function () {
          emit(new CloseEvent_('close', { code: 1006, reason: '', wasClean: false }));
        }, 0);
        return conn;
      };
      R[name] = new Proxy(Native, {
        construct: function (target, args, newTarget) {
          var a = [];
          for (var i = 0; i < args.length; i++) a.push(args[i]);
          var u = '';
          var held = false;
          try {
            // The URL read once (a toString cannot answer us one thing and the native another).
            if (a.length) a[0] = urlOf(a[0]);
            u = a.length ? new URL_(a[0], baseURI(D)).href : '';
            held = !!u && !!verdict(u, REQUEST);
          } catch (e) {
            // A URL the native refuses (a TypeError: it throws its own exception then), else
            // our failure.
            if (u || !(e instanceof TypeError_)) {
              failed(name, e);
              held = true;
            }
          }
          return held ? failedConnection(u, newTarget) : Reflect.construct(target, a, newTarget);
        },
      });
    });
    // Every element that fetches by an URL property: pixels, sources, preloads, posters,
    // objects. Tests: blocking-direct, bypass ("URLs in every form", "more element kinds").
    var pixel = function (self, value) {
      return refusedSrcset(String(value), self) ? 1 : 0;
    };
    [
      ['HTMLImageElement', 'src', 'srcset'],
      ['HTMLSourceElement', 'src', 'srcset'],
      ['HTMLLinkElement', 'href', 'imageSrcset'],
      ['HTMLMediaElement', 'src'],
      ['HTMLVideoElement', 'poster'],
      ['HTMLObjectElement', 'data'],
      ['HTMLEmbedElement', 'src'],
      ['HTMLInputElement', 'src'],
      ['HTMLTrackElement', 'src'],
      ['HTMLFrameElement', 'src'],
      ['SVGAnimatedString', 'baseVal'],
    ].forEach(function (c) {
      for (var i = 1; i < c.length; i++) hookSetter(proto(c[0]), c[i], pixel);
    });
    // CSS url() to known collectors: style attributes, style properties, <style> text, sheets.
    // Tests: bypass ("more element kinds").
    var CSP = proto('CSSStyleDeclaration');
    ['cssText', 'background', 'backgroundImage', 'background-image', 'borderImage', 'borderImageSource', 'listStyle', 'listStyleImage', 'content', 'cursor', 'mask', 'maskImage', 'webkitMaskImage'].forEach(function (name) {
      [CSP, proto('CSS2Properties'), proto('CSSStyleProperties')].forEach(function (p) {
        if (p && gopd(p, name)) hookSetter(p, name, function (self, value) {
          return refusedCss(String(value)) ? 1 : 0;
        });
      });
    });
    // Chromium's style properties are not accessors: a url() set through one is found as the
    // style attribute changes, and replaced by `none` before the next style recalculation
    // would fetch it. Tests: bypass ("style property url()").
    if (!gopd(CSP, 'backgroundImage') && !gopd(proto('CSSStyleProperties') || {}, 'backgroundImage')) {
      new MutationObserver(function (records) {
        for (var i = 0; i < records.length; i++) {
          var el = records[i].target;
          try {
            var css = getAttr(el, 'style');
            if (css !== null && refusedCss(css)) {
              setAttr(el, 'style', css.replace(/(?:-webkit-)?image-set\((?:[^()]|\([^()]*\))*\)/gi, function (m) {
                return refusedCss(m) ? 'none' : m;
              }).replace(/url\(\s*(['"]?)([^'")]*)\1\s*\)/gi, function (m, q, u) {
                return verdict(u, REQUEST) ? 'none' : m;
              }));
            }
          } catch (e) {
            failed('style', e);
            removeAttr(el, 'style');
          }
        }
      }).observe(R.document, { attributes: true, attributeFilter: ['style'], subtree: true });
    }
    hook(CSP, 'setProperty', function (self, args) {
      return args.length > 1 && refusedCss(String(args[1])) ? DROP : 0;
    }, DROP);
    // A refused rule is not added; the call answers as if it were (its index, the sheet).
    var SSP = proto('CSSStyleSheet');
    ['insertRule', 'replace', 'replaceSync', 'addRule'].forEach(function (name) {
      var refused = function (self) {
        return { v: name === 'replace' ? Promise_.resolve(self) : name === 'replaceSync' ? undefined : 0 };
      };
      hook(SSP, name, function (self, args) {
        return refusedCss(String(args[name === 'addRule' ? 1 : 0])) ? refused(self) : 0;
      }, refused);
    });
  };
  /**
   * An inert <template> holding `html` (through the widget's Trusted Types policy where there is
   * one); null where the page's Trusted Types refuse plain markup and the widget has no policy.
   */
  var inert = function (html) {
    var t = createElement(D, 'template');
    var p = trusted();
    try {
      setInner(t, p ? p.createHTML(html) : html);
    } catch (e) {
      refusedByNative(e);
      return null;
    }
    return t;
  };
  /** `stage`'s answer for markup it could not parse (see `inert`). */
  var REFUSED = {};
  /**
   * Markup with what reaches refused trackers held (see `afterMarkup`), parsed in an inert
   * <template>; null when nothing in it is, REFUSED when it could not be parsed.
   */
  var stage = function (html) {
    var t = inert(html);
    if (!t) return REFUSED;
    var list = qsaFrag(templateContent(t), 'iframe,frame,img,source,link,video,audio,embed,object,input,track,image,style,[style]');
    if (!list.length) return null;
    var before = getInner(t);
    staging = true;
    try {
      for (var i = 0; i < list.length; i++) {
        var el = list[i];
        var style = getAttr(el, 'style');
        if (style !== null && refusedCss(style)) removeAttr(el, 'style');
        if (TAGS[nodeName(el)] !== SCRIPT_TAG) inspect(el);
      }
    } finally {
      staging = false;
    }
    var after = getInner(t);
    return after === before ? null : after;
  };
  /**
   * Written markup with the refused URLs of its pixels, frames, sources, preloads and posters
   * taken out (found by parsing it in an inert <template>: the text itself is only searched,
   * as a written chunk may be a fragment); null when there is none. An empty URL fetches
   * nothing and logs nothing, where `about:blank` in an image made Chromium log a failed
   * load. Tests: guard ("held quietly").
   */
  var writtenHeld = function (html) {
    if (html.indexOf('<') < 0) return null;
    var t = inert(html);
    // Markup the page's Trusted Types refuse: the native refuses it too.
    if (!t) return null;
    var list = qsaFrag(templateContent(t), 'iframe,frame,img,source,link,video,audio,embed,object,input,track,image');
    var out = html;
    for (var i = 0; i < list.length; i++) {
      for (var name in URL_ATTRS) {
        var v = getAttr(list[i], name);
        if (v && refusedSrcset(v, list[i])) {
          [v, v.replace(/&/g, '&amp;')].forEach(function (form) {
            out = out.split(form).join('');
          });
        }
      }
    }
    return out === html ? null : out;
  };
  /** Whether CSS text reaches a refused URL (url() or @import). */
  var refusedCss = function (css) {
    if (css.indexOf('url(') < 0 && css.indexOf('@import') < 0 && css.indexOf('image-set(') < 0) return false;
    // url(…), @import "…", and the quoted URLs of image-set("…" 1x).
    var re = /url\(\s*(['"]?)([^'")]*)\1\s*\)|@import\s+(['"])([^'"]*)\3|(['"])([^'"]*)\5/gi;
    var m;
    while ((m = re.exec(css))) if (verdict(m[2] || m[4] || m[6] || '', REQUEST)) return true;
    return false;
  };
  var isRequest = function (v) {
    if (!requestUrl) return false;
    try {
      requestUrl(v);
      return true;
    } catch (e) {
      refusedByNative(e);
      return false;
    }
  };
  /** Whether any URL of a `src` or `srcset` value is refused. */
  var refusedSrcset = function (value, el) {
    var candidates = value.split(',');
    for (var i = 0; i < candidates.length; i++) {
      var url = candidates[i].trim().split(/\s+/)[0];
      if (url && verdict(url, REQUEST, el)) return true;
    }
    return false;
  };

  // ---- scripts and embeds ------------------------------------------------------------------
  var HELD = 'text/plain';
  var ORIGINAL_TYPE = 'data-bz-type';
  var QUEUED = 'data-bz-queued';
  var WATCHED = 'script,iframe,frame,img,source,link,video,audio,embed,object,input,track,image,style,[data-src]';
  var LOAD_TIMEOUT_MS = 10000;
  var queue = [];
  var waiting = 0;
  var tokens = 0;

  // What an element's name says it may do, looked up once per hook: a <div> costs one getter
  // call and one lookup. Upper case in HTML documents, lower case in XML ones and for SVG.
  var SCRIPT_TAG = 1;
  var FRAME_TAG = 2;
  /** Elements that fetch what an URL attribute names: pixels, sources, preloads, posters. */
  var MEDIA_TAG = 3;
  var STYLE_TAG = 4;
  var TAGS = Object.create(null);
  'SCRIPT 1 IFRAME 2 IMG 3 SOURCE 3 LINK 3 VIDEO 3 AUDIO 3 EMBED 3 OBJECT 3 INPUT 3 TRACK 3 FRAME 3 IMAGE 3 STYLE 4'.replace(/(\w+) (\d)/g, function (m, name, kind) {
    TAGS[name] = TAGS[name.toLowerCase()] = +kind;
  });
  /**
   * An element's entry in TAGS (undefined: it fetches nothing), or -1 when `el` is not a node,
   * which the native refuses with its own exception.
   */
  var tagOf = function (el) {
    var name;
    try {
      name = nodeName(el);
    } catch (e) {
      refusedByNative(e);
      return -1;
    }
    return TAGS[name];
  };
  var URL_ATTRS = { src: 1, href: 1, srcset: 1, poster: 1, data: 1, imagesrcset: 1 };
  /** While markup is parsed for inspection: frames held in it get no placeholder. */
  var staging = false;
  /** A pixel, source, preload or poster element: its refused URL attributes removed; true if any. */
  var holdMedia = function (el) {
    var changed = false;
    for (var name in URL_ATTRS) {
      var v = getAttr(el, name);
      if (v !== null && refusedSrcset(v, el)) {
        removeAttr(el, name);
        changed = true;
      }
    }
    var x = getAttrNS(el, XLINK, 'href');
    if (x !== null && refusedSrcset(x, el)) {
      removeAttrNS(el, XLINK, 'href');
      changed = true;
    }
    return changed;
  };
  /**
   * What writing attribute `name` (lower case) with `value` on `el` (`tag` its kind) must do:
   * 0 go ahead, DROP not written. A script is held back first.
   */
  var attrWrite = function (el, tag, name, value) {
    if (name === 'style') return refusedCss(value) ? DROP : 0;
    if (tag === SCRIPT_TAG) {
      if (name === 'src' || name === 'href') holdScriptFor(el, value);
      else if (name === 'type' && isHeldBack(el)) {
        setAttr(el, ORIGINAL_TYPE, value);
        return DROP;
      }
    } else if (tag === FRAME_TAG) {
      if (name === 'src' && holdFrame(el, value)) return DROP;
      if (name === 'srcdoc' && holdSrcdoc(el, value)) return DROP;
    } else if (tag && URL_ATTRS[name] === 1 && refusedSrcset(value, el)) {
      // A pixel starts loading on this very call, even outside the document.
      return DROP;
    }
    return 0;
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
    if (!staging) placeholder(el);
    return true;
  };
  /**
   * A frame's `srcdoc` with its trackers' scripts, pixels and frames held as in written markup
   * (`holdWritten`, `writtenHeld`), and a first script that has the page guard the frame's realm
   * before any of its own runs (`link.realm`): set on the frame in place of the given one; true
   * when it was. Tests: bypass ("srcdoc", "other realms").
   */
  var holdSrcdoc = function (el, html) {
    var rewritten = holdWritten(html);
    var held = writtenHeld(rewritten === null ? html : rewritten);
    if (held !== null) rewritten = held;
    var doc = rewritten === null ? html : rewritten;
    // Its first script asks for the page's guards, so that its own inline scripts run guarded.
    if (doc.indexOf(REALM) < 0) {
      var at = (/^\s*<!doctype[^>]*>/i.exec(doc) || [''])[0].length;
      rewritten = doc.slice(0, at) + '<script' + (nonce ? ' nonce="' + nonce.replace(/"/g, '&quot;') + '"' : '') + ' ' + REALM +
        '>try{document.currentScript.remove();(parent.__bzconsentLink||top.__bzconsentLink).realm(window)}catch(e){}<\/script>' + doc.slice(at);
    }
    if (rewritten === null) return false;
    var p = trusted();
    setAttr(el, 'srcdoc', p ? p.createHTML(rewritten) : rewritten);
    return true;
  };
  var REALM = 'data-bzconsent-realm';
  var inspect = function (el) {
    var tag = TAGS[nodeName(el)];
    if (tag === SCRIPT_TAG) return inspectScript(el);
    if (tag === FRAME_TAG && !staging) newFrames.push(el);
    var dataSrc = getAttr(el, 'data-src');
    if (dataSrc !== null && hasAttr(el, 'data-category')) {
      if (allowed(el, FRAME, dataSrc)) loadEmbed(el);
      else if (!staging) placeholder(el);
    } else if (tag === FRAME_TAG) {
      var src = getAttr(el, 'src');
      if (src !== null && dataSrc === null) holdFrame(el, src);
      var doc = getAttr(el, 'srcdoc');
      if (doc !== null) holdSrcdoc(el, doc);
    } else if (tag === MEDIA_TAG) holdMedia(el);
    else if (tag === STYLE_TAG && refusedCss(getText(el))) setText(el, '');
  };
  /** `el` (an element; `tag` its entry in TAGS) and every watched element inside it. */
  var inspectTree = function (el, tag) {
    if (tag) inspect(el);
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

  /** A node about to be inserted: it and what it holds. */
  var inspectNode = function (node) {
    var name;
    try {
      name = nodeName(node);
    } catch (e) {
      // Not a node: the native converts it to text, or throws its own exception.
      refusedByNative(e);
      return;
    }
    var tag = TAGS[name];
    if (name === '#document-fragment') {
      var list = qsaFrag(node, WATCHED);
      for (var j = 0; j < list.length; j++) inspect(list[j]);
    } else if (name.charCodeAt(0) !== 35) {
      // An element (names of text, comment and document nodes start with "#"). Nodes already
      // in this document were inspected when they came in: this skips reference nodes such as
      // insertBefore's second argument, and moves; a node of another document (a frame's, a
      // DOMParser's) is inspected as it is adopted.
      if ((tag || firstElementChild(node)) && (!isConnected(node) || ownerDoc(node) !== D)) inspectTree(node, tag);
    } else if (name === '#text' && parent && tagOf(parent) === STYLE_TAG && refusedCss(getText(node))) {
      // CSS text put into a <style>.
      setText(node, '');
    }
  };
  var parent = null;
  var inspectArgs = function (self, args) {
    parent = self;
    for (var i = 0; i < args.length; i++) {
      var node = args[i];
      if (node && typeof node === 'object') inspectNode(node);
    }
    parent = null;
    return 0;
  };

  var installScripts = function () {
    var EP = proto('Element');
    var NP = proto('Node');
    // Every way code can put a node into the page. One our part cannot judge is not made: the
    // call answers as if it had been (appendChild and insertBefore with the node, replaceChild
    // with the old one). Tests: api ("marked scripts added by code"), blocking-vendors (the
    // insertion paths), bypass ("insertion paths"), guard ("our failure holds").
    ['appendChild', 'insertBefore', 'replaceChild'].forEach(function (name) {
      hook(NP, name, inspectArgs, function (self, args) {
        return { v: args[name === 'replaceChild' ? 1 : 0] };
      });
    });
    ['Element', 'CharacterData', 'DocumentFragment', 'Document'].forEach(function (c) {
      var p = proto(c);
      ['append', 'prepend', 'before', 'after', 'replaceWith', 'replaceChildren', 'insertAdjacentElement'].forEach(function (name) {
        if (p && gopd(p, name)) hook(p, name, inspectArgs, DROP);
      });
    });
    hook(proto('Range'), 'insertNode', inspectArgs, DROP);
    hook(proto('Range'), 'surroundContents', inspectArgs, DROP);
    // `document.body = el`: an insertion too. Tests: site ("the page replaces its body").
    var body = gopd(proto('Document'), 'body');
    if (body && body.set) {
      var setBody = body.set;
      body.set = function (el) {
        try {
          if (el && typeof el === 'object') inspectNode(el);
        } catch (e) {
          return failed('body', e);
        }
        Apply(setBody, this, [el]);
      };
      defineProperty(proto('Document'), 'body', body);
    }
    // Markup given as a string: parsed first in an inert <template> (nothing in it fetches),
    // where frames, pixels, sources, preloads, posters and CSS reaching refused trackers are
    // held as on any element; when anything was, the browser is given that markup instead.
    // Then what it made is inspected (placeholders, activation after consent; scripts in it
    // never run). `where`: 0 the new nodes are inside `this`, 1 beside it, 2 as the position
    // (first argument) says, 3 a fragment is returned. Tests: bypass ("HTML parsed from strings").
    var afterMarkup = function (p, name, where) {
      var d = p && gopd(p, name);
      var setter = !!(d && d.set);
      var native = d && (setter ? d.set : d.value);
      if (typeof native !== 'function') return;
      var f = function () {
        var place = null;
        var args = [];
        for (var j = 0; j < arguments.length; j++) args.push(arguments[j]);
        var i = args.length - 1;
        // The markup read once, as the browser will read it: an exception of the page's own
        // toString is the page's.
        var html = i < 0 ? '' : (args[i] = plain(args[i]));
        var tag = where === 0 ? tagOf(this) : 0;
        // Not an element (the native throws its own exception), or no markup: nothing to hold.
        if (tag !== -1 && html) {
          try {
            // Trusted Types markup: read as its text, and given back through the widget's own
            // policy (none allowed by the page's CSP: as empty markup, failing closed).
            var tt = typeof html === 'object' && isTrusted.length && isTrusted[0](TT, html);
            if (tt) html = String(html);
            if (typeof html === 'string' && (html.indexOf('<') >= 0 || html.indexOf('url(') >= 0)) {
              var rewritten = tag === STYLE_TAG ? (refusedCss(html) ? '' : null) : stage(html);
              // Plain markup the page's Trusted Types refuse: the native throws its own
              // TypeError. Trusted markup the widget cannot parse (no policy): held, as empty.
              if (rewritten === REFUSED) rewritten = tt ? '' : null;
              if (rewritten !== null) args[i] = tt ? (trusted() ? policy.createHTML(rewritten) : TT.emptyHTML) : rewritten;
              if (where !== 3) place = where === 1 || (where === 2 && /^(before|after)/i.test(String(args[0]))) ? parentNode(this) : this;
            }
          } catch (e) {
            failed(name, e);
            // Not parsed, so nothing is put in the page (a fragment asked for comes back empty).
            return where === 3 ? createFragment(D) : undefined;
          }
        }
        var result = Apply(native, this, args);
        if (place) {
          try {
            var list = nodeType(place) === FRAGMENT ? qsaFrag(place, WATCHED) : qsaEl(place, WATCHED);
            for (var k = 0; k < list.length; k++) inspect(list[k]);
            pump();
            guardFrames();
          } catch (e) {
            // What it holds was held as it was parsed; only placeholders and activation miss.
            failed(name, e);
          }
        }
        return result;
      };
      if (setter) d.set = f;
      else d.value = f;
      defineProperty(p, name, d);
    };
    [EP, proto('ShadowRoot')].forEach(function (p) {
      afterMarkup(p, 'innerHTML', 0);
      afterMarkup(p, 'setHTMLUnsafe', 0);
    });
    afterMarkup(EP, 'outerHTML', 1);
    afterMarkup(EP, 'insertAdjacentHTML', 2);
    afterMarkup(proto('Range'), 'createContextualFragment', 3);
    // execCommand('insertHTML', …) in an editable region: its markup held the same way.
    hook(proto('Document'), 'execCommand', function (self, args) {
      if (args.length < 3 || String(args[0]).toLowerCase() !== 'inserthtml') return 0;
      var rewritten = stage(String(args[2]));
      return rewritten === null || rewritten === REFUSED ? 0 : { a: [args[0], args[1], rewritten] };
    }, { v: false });
    // Elements from another document (a frame's, DOMParser's, a <template>'s): inspected as
    // they are adopted or imported, before the browser fetches for them. Tests: bypass
    // ("elements from elsewhere").
    ['adoptNode', 'importNode'].forEach(function (name) {
      hook(proto('Document'), name, function (self, args) {
        var node = args[0];
        if (node && typeof node === 'object') {
          staging = true;
          try {
            inspectNode(node);
          } finally {
            staging = false;
          }
        }
        return 0;
      }, { v: null });
    });
    // Attributes in every form: setAttribute, setAttributeNS, setAttributeNode(NS), the
    // attributes map, and an attribute node's value. Tests: blocking-direct, bypass ("URLs in
    // every form").
    // An element or attribute the native refuses (it throws its own exception) is left to it.
    hook(EP, 'setAttribute', function (el, args) {
      var tag = tagOf(el);
      var n = args[0];
      // The fast way out: an element that fetches nothing, given anything but a style.
      if (tag < 0 || (!tag && typeof n === 'string' && (n.length !== 5 || n.toLowerCase() !== 'style'))) return 0;
      if (args.length < 2) return 0;
      var a = [String(n), plain(args[1])];
      return attrWrite(el, tag, a[0].toLowerCase(), String(a[1])) || { a: a };
    }, DROP);
    hook(EP, 'setAttributeNS', function (el, args) {
      var tag = tagOf(el);
      if (tag < 0 || args.length < 3) return 0;
      var a = [args[0], String(args[1]), plain(args[2])];
      var q = a[1].toLowerCase();
      return attrWrite(el, tag, q.slice(q.indexOf(':') + 1), String(a[2])) || { a: a };
    }, DROP);
    var attrNode = function (el, tag, attr) {
      var name;
      try {
        name = attrLocal(attr);
      } catch (e) {
        // Not an attribute: the native throws its own exception.
        refusedByNative(e);
        return 0;
      }
      return tag < 0 ? 0 : attrWrite(el, tag, String(name).toLowerCase(), String(attrValue(attr))) ? { v: null } : 0;
    };
    ['setAttributeNode', 'setAttributeNodeNS'].forEach(function (name) {
      hook(EP, name, function (el, args) {
        return attrNode(el, tagOf(el), args[0]);
      }, { v: null });
      // The map does not say whose it is: its URL attributes are held as a pixel's.
      hook(proto('NamedNodeMap'), name.replace('AttributeNode', 'NamedItem'), function (map, args) {
        return attrNode(null, MEDIA_TAG, args[0]);
      }, { v: null });
    });
    var attrSet = function (attr, value) {
      var el = ownerElement(attr);
      // A detached attribute is inspected when it is set on an element.
      if (!el) return 0;
      return attrWrite(el, tagOf(el), String(attrLocal(attr)).toLowerCase(), String(value)) ? 1 : 0;
    };
    var isAttr = function (node) {
      var type;
      try {
        type = nodeType(node);
      } catch (e) {
        // Not a node: the native throws its own exception.
        refusedByNative(e);
        return -1;
      }
      return type;
    };
    hookSetter(AP, 'value', function (attr, value) {
      return isAttr(attr) === 2 ? attrSet(attr, value) : 0;
    });
    hookSetter(NP, 'nodeValue', function (node, value) {
      return isAttr(node) === 2 ? attrSet(node, value) : 0;
    });
    hookSetter(NP, 'textContent', function (node, value) {
      var type = isAttr(node);
      if (type === 2) return attrSet(node, value);
      return type === ELEMENT && value && tagOf(node) === STYLE_TAG && refusedCss(String(value)) ? 1 : 0;
    });
    var SP = proto('HTMLScriptElement');
    hookSetter(SP, 'src', function (el, value) {
      if (tagOf(el) === SCRIPT_TAG) holdScriptFor(el, String(value));
      return 0;
    });
    hookSetter(SP, 'type', function (el, value) {
      if (tagOf(el) !== SCRIPT_TAG || !isHeldBack(el)) return 0;
      setAttr(el, ORIGINAL_TYPE, String(value));
      return 1;
    });
    // Same-origin frames: their realm gets the same hooks the moment the page can reach it —
    // as a frame is inserted, and through contentWindow / contentDocument (again after it
    // navigates: a new document is a new realm). Tests: bypass ("other realms").
    ['HTMLIFrameElement', 'HTMLFrameElement', 'HTMLObjectElement'].forEach(function (c) {
      ['contentWindow', 'contentDocument'].forEach(function (name) {
        var d = gopd(proto(c) || {}, name);
        if (!d || !d.get) return;
        var get = d.get;
        // A frame that could not be guarded is taken out: the page gets no window of it.
        d.get = function () {
          var v = Apply(get, this, []);
          try {
            return guardFrame(this) ? v : null;
          } catch (e) {
            failed(name, e);
            return null;
          }
        };
        defineProperty(proto(c), name, d);
      });
    });
    hookSetter(proto('HTMLIFrameElement'), 'src', function (el, value) {
      return tagOf(el) === FRAME_TAG && holdFrame(el, String(value)) ? 1 : 0;
    });
    hookSetter(proto('HTMLIFrameElement'), 'srcdoc', function (el, value) {
      return tagOf(el) === FRAME_TAG && holdSrcdoc(el, String(value)) ? 1 : 0;
    });
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
              var held = writtenHeld(rewritten === null ? html : rewritten);
              if (held !== null) rewritten = held;
              if (rewritten !== null) changed = true;
              list.push(rewritten === null ? html : rewritten);
            }
            return changed ? { a: list } : 0;
          }, DROP);
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

  /**
   * An element the parser added, and what it holds, inspected; when our part fails, every
   * script in it is held for the page's life and every URL that fetches is taken out.
   */
  var inspectSafely = function (el) {
    try {
      inspectTree(el, TAGS[nodeName(el)]);
    } catch (e) {
      failed('the page', e);
      var list = qsaEl(el, WATCHED);
      var all = [el];
      for (var i = 0; i < list.length; i++) all.push(list[i]);
      all.forEach(function (x) {
        if (tagOf(x) === SCRIPT_TAG) setAttr(x, 'type', HELD);
        else if (tagOf(x)) for (var name in URL_ATTRS) removeAttr(x, name);
      });
    }
  };
  /**
   * Watches the document for scripts and embeds the parser adds, until it is parsed: from then
   * on every insertion goes through a hooked method, and the observer, whose records cost each
   * DOM change of the page, stops. Tests: banner, blocking-vendors (what the parser adds);
   * tests/e2e/hook-cost.mjs measures what each DOM change costs.
   */
  var observe = function () {
    var take = function (records) {
      for (var i = 0; i < records.length; i++) {
        var added = records[i].addedNodes;
        for (var j = 0; j < added.length; j++) {
          var n = added[j];
          if (nodeType(n) === ELEMENT) inspectSafely(n);
        }
      }
      pump();
    };
    var observer = new MutationObserver(function (records) {
      try {
        take(records);
      } catch (e) {
        failed('the page', e);
      }
    });
    observer.observe(D, { childList: true, subtree: true });
    var root = D.documentElement;
    if (root) inspectSafely(root);
    pump();
    whenParsed(function () {
      try {
        take(observer.takeRecords());
      } catch (e) {
        failed('the page', e);
      }
      observer.disconnect();
    });
  };

  // ---- choices -----------------------------------------------------------------------------
  /** Whether the choice survives the page (localStorage answered at start). */
  var persistent = false;
  var storeRead = function () {
    try {
      return storage ? storage.getItem(KEY) : null;
    } catch (e) {
      // Storage blocked since start: no stored choice.
      return null;
    }
  };
  var storeWrite = function (value) {
    try {
      if (value === null) storage.removeItem(KEY);
      else storage.setItem(KEY, value);
    } catch (e) {
      // Storage full or blocked: the choice holds for the page's life, as the contract says.
    }
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
      } catch (e) {
        // Storage blocked: no key of a tracker can be there either.
      }
    });
    var cookies = nativeCookie ? nativeCookie.get(D) : '';
    var loc = W.location;
    var l = put([cookies, loc.hostname, loc.pathname, keys.join('\n')]);
    var n = X.clean(l[0], l[1], l[2], l[3]);
    var lines = answer().split('\n');
    // Each cookie's variants, most likely first, until it is gone: every variant that matches
    // no cookie is one more line in Firefox's console.
    var gone = Object.create(null);
    for (var i = 0; i < lines.length; i++) {
      var line = lines[i];
      if (!line) continue;
      if (i < n) {
        var name = line.slice(0, line.indexOf('='));
        if (gone[name] === 1) continue;
        nativeCookie.set(D, line);
        if (('; ' + nativeCookie.get(D)).indexOf('; ' + name + '=') < 0) gone[name] = 1;
      } else stores.forEach(function (s) {
        try {
          s.removeItem(line);
        } catch (e) {
          // Not in this storage, or storage blocked: nothing to remove.
        }
      });
    }
  };
  var fire = function (name, detail) {
    try {
      dispatch(W, new CustomEvent_(name, { detail: detail }));
    } catch (e) {
      reportOnce(name, 'could not fire ' + name, e);
    }
  };
  /** The record in force as stored: the text the guard last read and found valid, or null. */
  var recordText = null;
  /** The text the guard last read, valid or not (the UI finds a previous choice in it). */
  var lastRead = null;
  var recordObject = function () {
    return recordText === null ? null : JSON_.parse(recordText);
  };
  /**
   * Categories changed by choices made through the API, put in force before they were stored:
   * announced once the record is stored; and whether one of them asked for a reload then.
   */
  var unannounced = 0;
  var reloadDue = false;
  /** Puts the consent now in force everywhere: Consent Mode, clean-up, frames, scripts, shield. */
  var enforce = function () {
    consentMode(1);
    cleanUp();
    unloadRefused();
    activateAllowed();
    tell();
  };
  /** Tells the UI and the page: a redraw (or the banner, when no choice is in force), the event. */
  var announce = function (changed) {
    if (ui) ui.refresh();
    else if (recordText === null) loadUi();
    var names = CATEGORIES.filter(function (c, i) {
      return changed & (1 << i);
    });
    fire('bzconsent:change', { record: recordObject(), changed: names });
  };
  /**
   * The one read path of a stored choice: the UI's new record, another tab's, or none after a
   * reset (null). Puts it in force, tells the page, reloads when a withdrawal asks for it.
   */
  var read = function (value) {
    lastRead = value;
    var v = value === null ? null : stream(value);
    var r = X.read(v === null ? -1 : put([v])[0], now());
    if (!r) return;
    recordText = r & 64 ? value : null;
    // The shield learns every new record (its id and time too); the rest only what it allows.
    if (r & 128) enforce();
    else tell();
    announce(unannounced | (r & 15));
    unannounced = 0;
    if (reloadDue || r & 16) W.location.reload();
  };
  var METHODS = { 'accept-all': 0, 'reject-all': 1, custom: 2 };
  /**
   * A choice made through the API: `categories` as four booleans (the module decides those of
   * "Accept all" and "Reject all"), `services` as [[id, on], …], `method` by name. In force at
   * once; the UI, loaded for it if need be, records it, and the change is announced when it
   * is stored.
   */
  var decide = function (categories, services, method) {
    var bits = 0;
    for (var i = 0; i < 4; i++) if (categories[i]) bits |= 1 << i;
    var l = put([services.map(function (s) {
      return (s[1] ? '1' : '0') + s[0];
    }).join('\n')]);
    var r = X.apply(bits, METHODS[method], l[0], now());
    recordText = null;
    unannounced |= r & 15;
    if (r & 16) reloadDue = true;
    enforce();
    withUi('record', [CATEGORIES.map(function (c, i) {
      return !!(r & (256 << i));
    }), services, method]);
  };
  var reset = function () {
    storeWrite(null);
    read(null);
    withUi('forget');
  };

  // ---- the network shield ------------------------------------------------------------------
  /** `navigator.serviceWorker` where there is one; the configured shield's path (or ''). */
  var workers = null;
  var shieldPath = '';
  /** What the shield is told: [configuration stream, record stream, GPC] (see src/guard/sw.js). */
  var shieldState = [null, null, 0];
  var shieldMessage = function () {
    return { bzconsent: [shieldState[0], recordText === null ? null : stream(recordText), shieldState[2]] };
  };
  /**
   * Tells the shield the consent in force: the worker controlling the page (the shield, or a
   * site's own worker carrying it through `importScripts`; one no longer configured removes
   * itself when told), and the configured worker once active. Test: shield.
   */
  var tell = function () {
    try {
      if (!workers) return;
      var controller = workers.controller;
      if (controller) controller.postMessage(shieldMessage());
      // The configured worker once active (the page may not be its client yet); asked only when
      // one is configured, so that other sites' page views pay nothing for it. `ready` rejects
      // where the browser blocks site data: nothing to tell then.
      if (shieldPath) workers.ready.then(function (r) {
        try {
          var w = r.active;
          if (w && w !== workers.controller) w.postMessage(shieldMessage());
        } catch (e) {
          reportOnce('tell', 'could not tell the network shield the consent in force', e);
        }
      }, function () {
        // No registration where the browser blocks site data: nothing to tell.
      });
    } catch (e) {
      reportOnce('tell', 'could not tell the network shield the consent in force', e);
    }
  };
  /** Registers the configured shield (`serviceWorker`) and tells it, or a worker in charge, the consent. */
  var shield = function () {
    try {
      workers = W.navigator.serviceWorker || null;
    } catch (e) {
      // Firefox throws where site data is blocked: no service workers, as below.
    }
    if (!workers) {
      if (shieldPath) C.warn(PREFIX + 'service workers are unavailable on this page (not https, or private browsing): the network shield is off here, the guard still blocks');
      return;
    }
    if (shieldPath) {
      var p = trusted();
      var registered;
      try {
        registered = workers.register(p ? p.createScriptURL(shieldPath) : shieldPath);
      } catch (e) {
        registered = Promise_.reject(e);
      }
      registered.catch(function (e) {
        logError('the network shield ' + shieldPath + ' could not be registered; the guard still blocks', e);
      });
    }
    tell();
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
  var PLACEHOLDER = 'data-bz-placeholder';
  /**
   * Reserves a held embed's placeholder box at once (the UI draws into it when it has loaded),
   * so that nothing on the page moves then. Test: a11y ("no layout shift").
   */
  var placeholder = function (el) {
    var prev = previousSibling(el);
    var parent = parentNode(el);
    // No UI can come when the page refuses the Trusted Types policy: then no box either.
    if (parent && trusted() !== null && !(prev && hasAttr(prev, PLACEHOLDER))) {
      var w = getAttr(el, 'width');
      var h = getAttr(el, 'height');
      var l = put([nodeName(el), w === null ? '' : w, h === null ? '' : h]);
      if (X.boxed(l[0], l[1], l[2])) {
        var host = createElement(D, 'div');
        setAttr(host, PLACEHOLDER, getAttr(el, 'data-service') || '');
        host.style.cssText = answer();
        insertBefore(parent, host, el);
        el.style.setProperty('display', 'none', 'important');
      }
    }
    withUi('place', el);
  };
  /** What the UI asks of the guard: the one owner of the consent in force. */
  var link = {
    config: null,
    nonce: nonce,
    persistent: function () {
      return persistent;
    },
    /** The stored text the guard last read (null: none), for the UI to show what it holds. */
    read: function () {
      return lastRead;
    },
    stream: stream,
    /**
     * The UI stored a choice (or, where storage is unavailable, could not): the guard reads the
     * record it was handed, through the one read path, and holds it for the page's life.
     */
    stored: function (json) {
      read(String(json));
    },
    policy: function () {
      return trusted();
    },
    /** Guards a same-origin realm now: a `srcdoc` frame's, from its first script. */
    realm: function (win) {
      guardRealm(win);
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
      // The categories of "Accept all" and "Reject all" are the module's to decide (GPC).
      acceptAll: safe(function () {
        decide([], [], 'accept-all');
      }),
      rejectAll: safe(function () {
        decide([], [], 'reject-all');
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
        decide(categories, [], 'custom');
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
        return JSON_.parse(text(2)).map(function (u) {
          u.firstSeen = new Date(u.firstSeen).toISOString();
          return u;
        });
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
    } catch (e) {
      // A name the page made read-only: reported just below.
    }
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
    } catch (e) {
      // Storage that throws on reading: no stored choice, and it holds for the page's life.
    }
    var gpc = W.navigator.globalPrivacyControl === true ? 1 : 0;
    var configStream = config === null ? null : stream(config);
    var storedStream = stored === null ? null : stream(stored);
    var l = put([configStream || '', storedStream || '']);
    var bits = X.start(config === null ? -1 : configStream === null ? -2 : l[0], storedStream === null ? -1 : l[1], now(), gpc);
    lastRead = stored;
    if (!(bits & 1)) recordText = stored;
    shieldState = [config === null ? null : configStream === null ? false : configStream, null, gpc];
    if (bits & 128) shieldPath = text(6);
    // Consent Mode's default before any tag can run; the visitor's choice at once if there is one.
    consentMode(0);
    gtag('set', 'ads_data_redaction', !!(bits & 64));
    if (!(bits & 1)) consentMode(1);
    // No valid choice: the banner's code is fetched now, while the page is still parsed. A
    // configuration with a bad field: the UI says which (the guard carries no message).
    if (bits & 3) loadUi();
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
      } catch (e) {
        reportOnce('clean', 'could not delete the cookies and storage of refused trackers', e);
      }
    }, 0);
    // The shield as early as can be: registering only starts a fetch, off the main thread.
    shield();
    installApi();
    // Other tabs: a choice made there is followed here; `localStorage.clear()` there withdrew
    // nothing, so the choice in force is stored again.
    addListener(W, 'storage', function (event) {
      try {
        if (event.key === null) {
          if (recordText !== null) storeWrite(recordText);
        } else if (event.key === KEY) read(storeRead());
      } catch (e) {
        reportOnce('other', 'could not follow a choice made in another tab', e);
      }
    });
    addListener(D, 'click', function (event) {
      try {
        var t = event.target;
        var opener = t && t.closest && t.closest('[data-bzconsent-open]');
        if (opener) {
          event.preventDefault();
          withUi('dialog');
        }
      } catch (e) {
        reportOnce('open', 'could not open the preferences from a data-bzconsent-open element', e);
      }
    });
    whenParsed(function () {
      fire('bzconsent:ready', recordObject());
    });
    try {
      defineProperty(W, '__bzconsentLink', { value: link });
    } catch (e) {
      logError('window.__bzconsentLink is taken by the page: no consent banner can be shown, and everything that needs consent stays blocked', e);
    }
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
