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
  /** Loads a file of pkg/ from the guard's own directory, asynchronously, with its nonce. */
  var loadScript = function (name, failed) {
    var p = trusted();
    var url = base.replace(/[^/?#]*([?#].*)?$/, name);
    var s = createElement(D, 'script');
    s.async = true;
    // Wanted for the first paint of the banner: ahead of the page's images and async scripts.
    s.fetchPriority = 'high';
    if (nonce) s.nonce = nonce;
    addListener(s, 'error', function () {
      failed(url);
    });
    s.src = p ? p.createScriptURL(url) : url;
    insertBefore(D.head || D.documentElement, s, null);
  };
  /** The visitor's language code, as the module chooses it, for its language file. */
  var lang = function () {
    var nav = W.navigator.languages;
    var l = put([(getAttr(D.documentElement, 'lang') || '') + '\n' + (nav ? [].join.call(nav, '\n') : '')]);
    return ['az', 'en', 'ru', 'tr', 'zh'][X.lang(l[0])];
  };
  /**
   * Loads bzconsent-ui.js and the visitor's language file side by side, the moment the guard
   * knows it needs them.
   */
  var loadUi = function () {
    if (uiRequested) return;
    if (trusted() === null) return;
    uiRequested = true;
    loadScript('bzconsent-ui.js', function (url) {
      uiRequested = false;
      logError('the consent banner could not be loaded from ' + url + '; everything that needs consent stays blocked');
    });
    link.lang = lang();
    loadScript('bzconsent-lang-' + link.lang + '.js', function (url) {
      // Failed: the UI asks again when it is next asked to draw.
      link['lang-' + link.lang] = null;
      logError('the texts of the consent banner could not be loaded from ' + url + '; everything that needs consent stays blocked');
    });
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
    /** The visitor's language code, once the UI is wanted. */
    lang: null,
    /**
     * A language file arrived (`bzconsent-lang-<code>.js`): kept for the UI, which is told
     * when it is there (`onTexts`).
     */
    texts: function (code, content) {
      link['lang-' + code] = content;
      if (link.onTexts) link.onTexts();
    },
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
