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
