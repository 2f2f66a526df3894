  // Storage: `setItem` of a refused tracker's key is dropped, silently. Tests: blocking-sdks.
  var installStorage = function () {
    var SP = proto('Storage');
    var keyAllowed = function (key) {
      if (unowned.s[key] === 1) return true;
      var v = X.storage(put([key])[0]);
      if (v === 3) noteUnowned(unowned.s, key);
      return !!(v & 1);
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
