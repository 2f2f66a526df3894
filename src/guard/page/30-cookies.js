  // Cookies: `document.cookie` writes of refused trackers are dropped (on the prototype, so
  // that calling its setter directly is guarded too; and on a page's own accessor built on the
  // unguarded original). Tests: blocking-vendors, blocking-sdks, site ("the page's own
  // document.cookie").
  var nativeCookie = null;
  // Every write of a name some service owns is asked: an allowance (a deletion's, say) is never
  // kept for the next write. What is kept is only the module's word that no service owns a
  // name — a fact of the name's text (the text before the first `=` of the first part, exactly
  // as the module cuts it), whatever the consent and the attributes — so that a page's own
  // cookies cost one question per name. Tests: guard ("a deletion opens no door").
  var cookieTrap = function (self, value) {
    value = String(value);
    var semi = value.indexOf(';');
    var pair = semi < 0 ? value : value.slice(0, semi);
    var eq = pair.indexOf('=');
    var name = eq < 0 ? null : pair.slice(0, eq);
    if (name !== null && unowned.c[name] === 1) return 0;
    var v = X.cookie(put([value])[0], now());
    if (v === 3 && name !== null) noteUnowned(unowned.c, name);
    return !(v & 1);
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
