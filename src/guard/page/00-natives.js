/*! bzconsent | MIT */
// The guard: pkg/bzconsent.js, the only render-blocking file. It does in JavaScript what only
// JavaScript does cheaply — the hooks on every path a page can take to a tracker — and asks the
// Rust module (src/guard/mod.rs over src/core/guard.rs) for every verdict. It filters first: an
// element that is not a script, frame or embed never crosses into WebAssembly.
//
// Rules the code keeps:
// - Natives are captured at start and called through `call`-bound copies, so a page that
//   overrides `getAttribute`, `tagName`, `Function.prototype.call`, `Reflect` or
//   `TextEncoder.prototype.encodeInto` later cannot confuse or break the guard.
// - Our part of every hook runs inside `try`; only the native method's own exception reaches
//   the page. When our part fails (`failed`), the hook holds the element, refuses the request
//   or drops the write as if the answer were no, and reports it once per path: it never calls
//   the native instead. A receiver or argument the native itself refuses (not a node, not an
//   attribute) is left to the native, which throws its own exception.
// - No allowance is cached: every write asks the module, so no answer outlives the call.
// - The module never calls out (it has no imports), so no page code runs while the state is
//   in use: nothing can leave it locked.
//
// `__BZ_MODULE__` is replaced by the build with the module's bytes (tools/guard.mjs).
(function () {
  'use strict';
  var W = window;
  var D = document;
  var C = console;
  var PREFIX = 'bzconsent: ';
  var logError = function (message, e) {
    if (e === undefined) C.error(PREFIX + message);
    else C.error(PREFIX + message, e);
  };
  if (W.__bzconsentStarted) {
    logError('loaded twice on this page; the second copy does nothing');
    return;
  }
  var O = Object;
  var gopd = O.getOwnPropertyDescriptor;
  var defineProperty = O.defineProperty;
  try {
    defineProperty(W, '__bzconsentStarted', { value: true });
  } catch (e) {
    // A page that froze `window`: a second copy is then not told apart; nothing else needs it.
  }

  // ---- natives, captured now ------------------------------------------------------------
  var FP = Function.prototype;
  /** `fn` as a plain function taking `this` first: immune to later overrides of `call`. */
  var uncurry = FP.bind.bind(FP.call);
  /** The realm hooks are being installed in: the page's, or a same-origin frame's. */
  var R = W;
  var proto = function (name) {
    var c = R[name];
    return c && c.prototype;
  };
  var getter = function (p, name) {
    var d = p && gopd(p, name);
    return d && d.get ? uncurry(d.get) : null;
  };
  var EP = proto('Element');
  var NP = proto('Node');
  var getAttr = uncurry(EP.getAttribute);
  var setAttr = uncurry(EP.setAttribute);
  var hasAttr = uncurry(EP.hasAttribute);
  var removeAttr = uncurry(EP.removeAttribute);
  var qsaEl = uncurry(EP.querySelectorAll);
  var qsaDoc = uncurry(proto('Document').querySelectorAll);
  var qsaFrag = uncurry(proto('DocumentFragment').querySelectorAll);
  var nodeName = getter(NP, 'nodeName');
  var nodeType = getter(NP, 'nodeType');
  var isConnected = getter(NP, 'isConnected');
  var parentNode = getter(NP, 'parentNode');
  var firstElementChild = getter(EP, 'firstElementChild');
  var previousSibling = getter(EP, 'previousElementSibling');
  var replaceChild = uncurry(NP.replaceChild);
  var insertBefore = uncurry(NP.insertBefore);
  var removeChild = uncurry(NP.removeChild);
  var addListener = uncurry(proto('EventTarget').addEventListener);
  var dispatch = uncurry(proto('EventTarget').dispatchEvent);
  var createElement = uncurry(proto('Document').createElement);
  var createFragment = uncurry(proto('Document').createDocumentFragment);
  var attributeNames = uncurry(EP.getAttributeNames);
  var scriptText = getter(proto('HTMLScriptElement'), 'text');
  var nonceOf = getter(proto('HTMLElement'), 'nonce');
  var baseURI = getter(NP, 'baseURI');
  var ownerDoc = getter(NP, 'ownerDocument');
  var textDesc = gopd(NP, 'textContent');
  var getText = uncurry(textDesc.get);
  var setText = uncurry(textDesc.set);
  var getAttrNS = uncurry(EP.getAttributeNS);
  var removeAttrNS = uncurry(EP.removeAttributeNS);
  var AP = proto('Attr');
  var attrLocal = getter(AP, 'localName');
  var attrValue = getter(AP, 'value');
  var ownerElement = getter(AP, 'ownerElement');
  var requestUrl = getter(proto('Request'), 'url');
  var templateContent = getter(proto('HTMLTemplateElement'), 'content');
  var innerHTML = gopd(EP, 'innerHTML');
  var setInner = uncurry(innerHTML.set);
  var getInner = uncurry(innerHTML.get);
  var XLINK = 'http://www.w3.org/1999/xlink';
  var frameWindow = ['HTMLIFrameElement', 'HTMLFrameElement', 'HTMLObjectElement'].map(function (c) {
    return getter(proto(c), 'contentWindow');
  }).filter(Boolean);
  var Apply = Reflect.apply;
  var URL_ = W.URL;
  var Promise_ = W.Promise;
  var TypeError_ = TypeError;
  /**
   * Rethrows `e` unless it is the TypeError a native throws for a value it refuses (not a node,
   * not a URL): anything else — running out of stack, say — is our failure, and refuses.
   */
  var refusedByNative = function (e) {
    if (!(e instanceof TypeError_)) throw e;
  };
  var setTimeout_ = W.setTimeout;
  var Event_ = W.Event;
  var CustomEvent_ = W.CustomEvent;
  var JSON_ = JSON;
  var Uint8Array_ = Uint8Array;
  var isArray = Array.isArray;
  var now = Date.now;
  var ELEMENT = 1;
  var FRAGMENT = 11;

  var script = D.currentScript;
  var nonce = (script && nonceOf && nonceOf(script)) || '';
  var base = (script && script.src) || '';
  var storage = null;
  try {
    storage = W.localStorage;
  } catch (e) {
    // Storage blocked (privacy settings, sandboxed frames): the choice holds for the page's life.
  }
  var KEY = 'bzconsent';
