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
