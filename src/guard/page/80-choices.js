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
    // Until the UI file has stored it, the stored record is no longer the choice: it goes, so
    // that a page left before then leaves no choice behind (the next page asks again, and
    // holds everything meanwhile) rather than the one the visitor just replaced.
    if (!ui) storeWrite(null);
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
