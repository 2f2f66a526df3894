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
  /**
   * Cookie names (`c`) and storage keys (`s`) that the module said no service owns: a fact of
   * the text, not an allowance (see 30-cookies.js). Bounded.
   */
  var unowned = { c: Object.create(null), s: Object.create(null), n: 0 };
  var noteUnowned = function (map, key) {
    if (unowned.n < 1000) {
      unowned.n++;
      map[key] = 1;
    }
  };
