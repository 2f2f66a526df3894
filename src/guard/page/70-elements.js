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
    // Its first script asks for the page's guards, so that its own inline scripts run guarded;
    // a frame that cannot have them (a sandbox of another origin, no link) stops loading before
    // any script of its own runs.
    if (doc.indexOf(REALM) < 0) {
      var at = (/^\s*<!doctype[^>]*>/i.exec(doc) || [''])[0].length;
      rewritten = doc.slice(0, at) + '<script' + (nonce ? ' nonce="' + nonce.replace(/"/g, '&quot;') + '"' : '') + ' ' + REALM +
        '>try{document.currentScript.remove();(parent.__bzconsentLink||top.__bzconsentLink).realm(window)}catch(e){stop()}<\/script>' + doc.slice(at);
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
              // Markup that names no URL (the module decides, conservatively) is not parsed
              // twice: most of a page's innerHTML. Tests: bypass ("HTML parsed from strings").
              var rewritten = tag === STYLE_TAG ? (refusedCss(html) ? '' : null) : X.fetches(put([html])[0]) ? stage(html) : null;
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
