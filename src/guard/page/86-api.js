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
