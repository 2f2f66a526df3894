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
