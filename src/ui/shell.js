// The UI's hands: the browser work of the banner, the dialog and the placeholders. Rust (src/ui/
// mod.rs, the module beside this file) decides everything and writes every piece of markup
// (core::view); this file only puts that markup into an open shadow root in one insertion
// (through the guard's Trusted Types policy), hears events once per root and hands each action
// to Rust, and keeps focus where the dialog needs it.
//
// `tools/assemble.mjs` puts it after wasm-bindgen's glue, inside the release file's one
// function and one try: `ui` is the module's exports, `link` the guard's link
// (`window.__bzconsentLink`, src/guard/page/84-ui.js), `CSS` and `PLACEHOLDER_CSS` the styles.

/** The UI's shadow root, once mounted. */
var shadow = null;
/** Whether mounting was tried (once). */
var mountTried = false;
/** How often the root was put back into a new body; a page that keeps removing it wins. */
var reattached = 0;
/** Where focus was before the dialog opened. */
var returnFocus = null;
var D = document;

/** Logs a failure of the UI, never throwing. */
var report = function (what, e) {
  console.error('bzconsent: ' + what, e);
};

/** Calls `f` once the document is parsed (now, if it already is). */
var whenParsed = function (f) {
  if (D.readyState === 'loading') D.addEventListener('DOMContentLoaded', f);
  else f();
};

/**
 * Parses markup from Rust (escaped by construction) in one step, inert, in a <template>.
 * `null` when the site's Trusted Types policy refused the widget's (the guard reported it):
 * nothing is shown and everything stays blocked.
 */
var fragment = function (html) {
  var policy = link.policy();
  if (policy === null) return null;
  var t = D.createElement('template');
  t.innerHTML = policy ? policy.createHTML(html) : html;
  return t.content;
};

/** Constructable stylesheet where supported (no CSP `style-src` needed), else a <style>. */
var addStyles = function (root, css) {
  try {
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
    return;
  } catch (e) {
    // No constructable stylesheets (older engines): a <style> with the guard's nonce.
  }
  var style = D.createElement('style');
  if (link.nonce) style.setAttribute('nonce', link.nonce);
  style.textContent = css;
  root.appendChild(style);
};

var find = function (selector) {
  return shadow && shadow.querySelector(selector);
};
var BANNER = '[data-bz="banner"]';
var DIALOG = 'dialog[data-bz="dialog"]';

/** Creates the root and its shadow tree (once), then shows the banner if a choice is due. */
var mount = function () {
  if (mountTried) return;
  mountTried = true;
  try {
    var body = D.body;
    var host = D.createElement('div');
    host.id = 'bzconsent-root';
    // Through the CSSOM (allowed under any CSP): the host takes no room whatever site CSS says.
    host.style.setProperty('display', 'contents', 'important');
    var root = host.attachShadow({ mode: 'open' });
    addStyles(root, CSS);
    // Every listener and callback of the shell is an `entry`: what fails is reported, never
    // thrown into the page.
    root.addEventListener('click', entry(onClick));
    root.addEventListener('change', entry(onChange));
    // `close` does not bubble: heard on the way down. Escape and close() both end in it.
    root.addEventListener('close', entry(onClose), true);
    root.addEventListener('keydown', entry(trapTab));
    body.insertBefore(host, body.firstChild);
    shadow = root;
  } catch (e) {
    report('could not show the consent banner', e);
  }
  if (ui.prompt()) showBanner();
};

/** Mounts once <body> exists; afterwards keeps the root the first child of the current body. */
var keepMounted = function (observer) {
  var body = D.body;
  if (!body) return;
  observer.observe(body, { childList: true });
  if (!shadow) return mount();
  var host = shadow.host;
  if (host.isConnected || reattached++ >= 20) return;
  try {
    body.insertBefore(host, body.firstChild);
  } catch (e) {
    report('could not put the consent banner back', e);
  }
};

/** Mounts as soon as <body> exists, and puts the root back when the page replaces its body. */
var install = function () {
  if (D.body) mount();
  var observer = new MutationObserver(
    entry(function (records) {
      keepMounted(observer);
    }),
  );
  observer.observe(D.documentElement, { childList: true });
  if (D.body) observer.observe(D.body, { childList: true });
  whenParsed(entry(mount));
};

/** Shows the banner (API `show()`), building it if needed. */
var showBanner = function () {
  if (find(BANNER)) return;
  if (!shadow) return ui.want_banner();
  var banner = fragment(ui.banner());
  if (!banner) return;
  // Behind an open dialog (a language switch, a reset) it waits hidden, as when the dialog opened.
  if (find(DIALOG)) banner.firstElementChild.setAttribute('hidden', '');
  shadow.appendChild(banner);
  // After the document is parsed and painted once: measuring the page then costs nothing.
  whenParsed(
    entry(function () {
      requestAnimationFrame(
        entry(function () {
          setTimeout(entry(addSpacer), 0);
        }),
      );
    }),
  );
};

/**
 * Room at the very end of the page, as tall as the banner, so the page's own last lines can be
 * scrolled above it. Added after all content, only where the page already scrolls: nothing moves.
 */
var addSpacer = function () {
  var banner = find(BANNER);
  var root = D.documentElement;
  if (!banner || !D.body || D.querySelector('[data-bz-spacer]')) return;
  if (root.scrollHeight <= root.clientHeight) return;
  var spacer = D.createElement('div');
  spacer.setAttribute('data-bz-spacer', '');
  spacer.setAttribute('aria-hidden', 'true');
  spacer.style.setProperty('height', Math.ceil(Math.max(0, banner.getBoundingClientRect().height)) + 'px');
  D.body.appendChild(spacer);
};

/** Opens (or renders anew) the dialog, its switches as `shown` (bits), by default the choice. */
var openDialog = function (shown) {
  if (!shadow) mount();
  if (!shadow) return;
  var old = find(DIALOG);
  if (old) old.remove();
  else {
    var active = D.activeElement;
    if (active && active.id === 'bzconsent-root') active = shadow.activeElement;
    returnFocus = active;
  }
  // The banner waits behind the modal dialog: hidden, so nothing obscured stays focusable.
  var banner = find(BANNER);
  if (banner) banner.setAttribute('hidden', '');
  var dialog = fragment(dialogMarkup(shown));
  if (!dialog) return;
  var element = dialog.firstElementChild;
  shadow.appendChild(dialog);
  try {
    element.showModal();
  } catch (e) {
    // No modal dialogs (older engines): shown in place, the focus trap still holds.
    element.open = true;
  }
  watch(true);
};

/** The page's storage keys (localStorage, then sessionStorage), one per line. */
var storageKeys = function () {
  var keys = [];
  ['localStorage', 'sessionStorage'].forEach(function (name) {
    try {
      var store = window[name];
      for (var i = 0; i < store.length; i++) keys.push(store.key(i));
    } catch (e) {
      // Storage blocked: none of its keys can be listed (and none can be there).
    }
  });
  return keys.join('\n');
};

/** The dialog's markup from Rust, with what is on this device now. */
var dialogMarkup = function (shown) {
  return ui.dialog(shown, D.cookie, storageKeys());
};

/**
 * Brings what the open dialog says is on this device up to date, without moving focus: a
 * category's table is replaced inside its scroll region, its count in place; only a part that
 * gains or loses its table is drawn anew. Count changes are announced politely.
 */
var refreshDevice = function () {
  var dialog = find(DIALOG);
  if (!dialog) return watch(false);
  var fresh = fragment(dialogMarkup(switches()));
  if (!fresh) return;
  var said = [];
  var q = function (root, selector) {
    return root.querySelector(selector);
  };
  ['necessary', 'preferences', 'analytics', 'marketing', 'unclassified'].forEach(function (name) {
    var part = dialog.querySelector('#bz-part-' + name);
    var next = fresh.querySelector('#bz-part-' + name);
    if (!part || !next) return;
    var region = q(part, '.device');
    var nextRegion = q(next, '.device');
    var count = q(part, '.device-count');
    var nextCount = q(next, '.device-count');
    var label = q(dialog, 'label[for="bz-cat-' + name + '"]') || q(next, 'h3') || {};
    var changed = false;
    if (!region !== !nextRegion || !count !== !nextCount || !q(part, 'details') !== !q(next, 'details')) {
      part.replaceChildren.apply(part, [].slice.call(next.childNodes));
      changed = true;
    } else if (region && region.innerHTML !== nextRegion.innerHTML) {
      region.replaceChildren.apply(region, [].slice.call(nextRegion.childNodes));
      changed = !count;
    }
    if (count && nextCount && count.textContent !== nextCount.textContent) {
      count.textContent = nextCount.textContent;
      changed = true;
    }
    if (changed) said.push(label.textContent + (nextCount ? ': ' + nextCount.textContent : ''));
  });
  if (said.length) q(dialog, '[data-bz="live"]').textContent = said.join('. ');
};

/** While the dialog is open: a cookie change (cookieStore's event), else a light poll. */
var refreshLater = function () {
  entry(refreshDevice)();
};
var watching = null;
var watch = function (on) {
  var store = window.cookieStore;
  if (on && !watching) {
    if (store && store.addEventListener) {
      store.addEventListener('change', refreshLater);
      watching = true;
    } else watching = setInterval(refreshLater, 1000);
  } else if (!on && watching) {
    if (watching === true) store.removeEventListener('change', refreshLater);
    else clearInterval(watching);
    watching = null;
  }
};

/** Gives focus back to where it was before the dialog, else to the banner's Customize. */
var restoreFocus = function () {
  var banner = find(BANNER);
  if (banner) banner.removeAttribute('hidden');
  var target = returnFocus;
  returnFocus = null;
  if (!(target && target.isConnected)) target = find(BANNER + ' button[data-bz="customize"]');
  if (target && target.focus) target.focus();
};

/** The dialog closed (its close button, Escape, or close()): tidy up and give focus back. */
var onClose = function (event) {
  event.target.remove();
  watch(false);
  restoreFocus();
};

/** Keeps Tab and Shift+Tab cycling inside the open dialog. */
var trapTab = function (event) {
  var dialog = find(DIALOG);
  if (event.key !== 'Tab' || !dialog) return;
  var list = dialog.querySelectorAll('button,select,input:not([disabled]),a[href],summary,[tabindex="0"]');
  var first = list[0];
  var last = list[list.length - 1];
  var active = shadow.activeElement;
  var from = event.shiftKey ? first : last;
  if (first && (active === from || !active)) {
    event.preventDefault();
    (event.shiftKey ? last : first).focus();
  }
};

/** Removes the banner and the room it made at the page's end. */
var removeBanner = function () {
  var banner = find(BANNER);
  if (banner) {
    banner.remove();
    var spacer = D.querySelector('[data-bz-spacer]');
    if (spacer) spacer.remove();
  }
};

/** Closes the banner and the dialog (API `hide()`). */
var hide = function () {
  var dialog = find(DIALOG);
  removeBanner();
  if (dialog) {
    dialog.remove();
    watch(false);
    restoreFocus();
  }
};

/** The dialog's switches as they are, as bits by category index (necessary always on). */
var switches = function () {
  var bits = 1;
  var list = shadow ? shadow.querySelectorAll('input[data-bz-category]') : [];
  for (var i = 0; i < list.length; i++) {
    if (list[i].checked) bits |= ui.category_bit(list[i].getAttribute('data-bz-category'));
  }
  return bits;
};

var onClick = function (event) {
  var target = event.target.closest && event.target.closest('[data-bz]');
  var action = target && target.getAttribute('data-bz');
  var made;
  if (action === 'customize') openDialog(-1);
  else if (action === 'close') find(DIALOG).close();
  else if (action === 'save') made = record(ui.save(switches()));
  else if (action === 'accept-all' || action === 'reject-all') made = record(ui.all(action === 'accept-all'));
  // A choice made in the dialog closes it (one made elsewhere leaves it open, brought up to date).
  if (made && target.closest('dialog')) hide();
};

/** Keeps a switch's visible On/Off text in step with it; switches the language. */
var onChange = function (event) {
  var target = event.target;
  if (target.tagName === 'SELECT') return switchLanguage(target.value);
  var state = target.nextElementSibling;
  if (state) state.textContent = ui.state_text(target.checked);
};

/** The language whose texts are wanted (the guard's choice, then the visitor's). */
var wanted;
/** The language whose texts are shown. */
var shownLang;
/** Where this file came from: the language files are beside it. */
var SRC = D.currentScript ? D.currentScript.src : '';

/**
 * Loads a language file from beside this file (at the visitor's first switch to it, or again
 * after the guard's request failed); `textsArrived` runs when it is there.
 */
var loadLang = function (code) {
  var have = link['lang-' + code];
  if (typeof have === 'string') return textsArrived();
  // The guard's request for its choice is on its way, or ours is.
  if ((have === undefined && code === link.lang) || have === false) return;
  link['lang-' + code] = false;
  var url = SRC.replace(/[^/?#]*([?#].*)?$/, 'bzconsent-lang-' + code + '.js');
  var policy = link.policy();
  if (policy === null) return;
  var s = D.createElement('script');
  if (link.nonce) s.nonce = link.nonce;
  s.onerror = function () {
    link['lang-' + code] = null;
    report('the texts of the consent banner could not be loaded from ' + url);
  };
  s.src = policy ? policy.createScriptURL(url) : url;
  (D.head || D.documentElement).appendChild(s);
};

/**
 * A language file arrived. The first: the banner and whatever waited to be drawn are drawn.
 * Later ones: banner and dialog are drawn anew in the visitor's new language, the switches
 * kept as they are.
 */
var textsArrived = function () {
  var content = link['lang-' + wanted];
  if (typeof content !== 'string' || wanted === shownLang) return;
  var shown = switches();
  if (!ui.set_lang(wanted, content)) return;
  shownLang = wanted;
  if (waiting) {
    var calls = waiting;
    waiting = null;
    install();
    return calls.forEach(function (call) {
      entry(call)();
    });
  }
  var banner = find(BANNER);
  if (banner) {
    banner.remove();
    showBanner();
  }
  if (find(DIALOG)) openDialog(shown);
  var select = find('select[data-bz="language"]');
  if (select) select.focus();
};

/** The visitor chose another language in the dialog. */
var switchLanguage = function (code) {
  wanted = code;
  loadLang(code);
};

/**
 * Records a choice Rust made ([stored record, log endpoint, log body, mirror cookie], the
 * record already stored by Rust where storage works): sends the log's beacon, sets the mirror
 * cookie, and hands the record to the guard, which puts it in force.
 */
var record = function (made) {
  if (!made) return false;
  if (made[1] && !navigator.sendBeacon(made[1], made[2])) report('the consent log could not be sent');
  if (made[3]) D.cookie = made[3];
  link.stored(made[0]);
  return true;
};

/**
 * The consent changed while the dialog is open (a choice through the API, in another tab, or the
 * dialog's own, before it closes): its switches and what is on the device are brought up to
 * date in place, without moving focus.
 */
var syncDialog = function (dialog) {
  var fresh = fragment(dialogMarkup(-1));
  if (!fresh) return;
  var inputs = dialog.querySelectorAll('input[data-bz-category]');
  for (var i = 0; i < inputs.length; i++) {
    var next = fresh.getElementById(inputs[i].id);
    if (!next) continue;
    inputs[i].checked = next.checked;
    var state = inputs[i].nextElementSibling;
    if (state) state.textContent = next.nextElementSibling.textContent;
  }
  refreshDevice();
};

var HOST = 'data-bz-placeholder';
/** The placeholder standing for an embed, if any. */
var placeholderOf = function (embed) {
  var prev = embed.previousElementSibling;
  return prev && prev.hasAttribute(HOST) ? prev : null;
};

/** Puts a placeholder in front of a blocked embed and hides the embed (once). */
var place = function (embed) {
  var reserved = placeholderOf(embed);
  var parent = embed.parentNode;
  if ((reserved && reserved.shadowRoot) || !parent) return;
  var category = embed.getAttribute('data-category') || '';
  var service = embed.getAttribute('data-service') || '';
  var html = ui.placeholder(embed.tagName, category, service, embed.getAttribute('title') || '');
  if (!html) return;
  var body = fragment(html);
  if (!body) return;
  // The guard reserved the box when it held the embed; without one, made here.
  var host = reserved || D.createElement('div');
  host.setAttribute(HOST, service);
  ['width', 'height'].forEach(function (d) {
    var v = embed.getAttribute(d);
    if (v !== null) {
      v = v.trim();
      host.style.setProperty(d, /^\d+$/.test(v) ? v + 'px' : v);
    }
  });
  var root = host.attachShadow({ mode: 'open' });
  addStyles(root, PLACEHOLDER_CSS);
  root.appendChild(body);
  root.addEventListener(
    'click',
    entry(function (event) {
      if (event.target.hasAttribute('data-bz')) record(ui.allow(category, service));
    }),
  );
  if (!reserved) parent.insertBefore(host, embed);
  embed.style.setProperty('display', 'none', 'important');
};

/** Removes an embed's placeholder and shows the embed again. */
var unplace = function (embed) {
  var host = placeholderOf(embed);
  if (host) {
    host.remove();
    embed.style.removeProperty('display');
  }
};

/** Brings the state in line with what the guard last read. */
var refreshState = function () {
  ui.refresh(link.read() === null ? null : link.stream(link.read()), navigator.globalPrivacyControl === true);
};

/** Calls that draw, waiting for the visitor's language file (null once it has arrived). */
var waiting = [];

/**
 * A guarded entry point: a failure is reported, never thrown into the guard or the page. One
 * that draws waits for the language file.
 */
var entry = function (f, draws) {
  return function (arg) {
    if (draws && waiting) {
      waiting.push(function () {
        f(arg);
      });
      return loadLang(wanted);
    }
    try {
      f(arg);
    } catch (e) {
      report('the consent banner failed', e);
    }
  };
};

var start = function () {
  var config = link.config;
  ui.start(config === null ? undefined : link.stream(config) || undefined, config === null, link.persistent());
  refreshState();
  wanted = link.lang || 'az';
  link.ready({
    show: entry(showBanner, 1),
    dialog: entry(function () {
      openDialog(-1);
    }, 1),
    hide: entry(hide),
    refresh: entry(function () {
      refreshState();
      var dialog = find(DIALOG);
      if (!dialog) hide();
      else {
        removeBanner();
        syncDialog(dialog);
      }
      if (ui.prompt()) showBanner();
    }),
    place: entry(place, 1),
    unplace: entry(unplace),
    record: entry(function (args) {
      record(ui.asked(args[0], args[1], args[2]));
    }),
    forget: entry(function () {
      var cookie = ui.forget();
      if (cookie) D.cookie = cookie;
    }),
  });
  // The banner is drawn the moment the visitor's language file is here too (requested by the
  // guard beside this file).
  link.onTexts = entry(textsArrived);
  loadLang(wanted);
};
