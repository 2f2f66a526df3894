  /**
   * An inert <template> holding `html` (through the widget's Trusted Types policy where there is
   * one); null where the page's Trusted Types refuse plain markup and the widget has no policy.
   */
  var inert = function (html) {
    var t = createElement(D, 'template');
    try {
      setInner(t, html);
    } catch (e) {
      // The page's Trusted Types refuse plain markup: through the widget's policy, if any.
      refusedByNative(e);
      var p = trusted();
      if (!p) return null;
      setInner(t, p.createHTML(html));
    }
    return t;
  };
  /** `stage`'s answer for markup it could not parse (see `inert`). */
  var REFUSED = {};
  /**
   * Markup with what reaches refused trackers held (see `afterMarkup`), parsed in an inert
   * <template>; null when nothing in it is, REFUSED when it could not be parsed.
   */
  var stage = function (html) {
    var t = inert(html);
    if (!t) return REFUSED;
    var list = qsaFrag(templateContent(t), 'iframe,frame,img,source,link,video,audio,embed,object,input,track,image,style,[style]');
    if (!list.length) return null;
    var before = getInner(t);
    staging = true;
    try {
      for (var i = 0; i < list.length; i++) {
        var el = list[i];
        var style = getAttr(el, 'style');
        if (style !== null && refusedCss(style)) removeAttr(el, 'style');
        if (TAGS[nodeName(el)] !== SCRIPT_TAG) inspect(el);
      }
    } finally {
      staging = false;
    }
    var after = getInner(t);
    return after === before ? null : after;
  };
  /**
   * Written markup with the refused URLs of its pixels, frames, sources, preloads and posters
   * taken out (found by parsing it in an inert <template>: the text itself is only searched,
   * as a written chunk may be a fragment); null when there is none. An empty URL fetches
   * nothing and logs nothing, where `about:blank` in an image made Chromium log a failed
   * load. Tests: guard ("held quietly").
   */
  var writtenHeld = function (html) {
    if (html.indexOf('<') < 0 || !X.fetches(put([html])[0])) return null;
    var t = inert(html);
    // Markup the page's Trusted Types refuse: the native refuses it too.
    if (!t) return null;
    var list = qsaFrag(templateContent(t), 'iframe,frame,img,source,link,video,audio,embed,object,input,track,image');
    var out = html;
    for (var i = 0; i < list.length; i++) {
      for (var name in URL_ATTRS) {
        var v = getAttr(list[i], name);
        if (v && refusedSrcset(v, list[i])) {
          [v, v.replace(/&/g, '&amp;')].forEach(function (form) {
            out = out.split(form).join('');
          });
        }
      }
    }
    return out === html ? null : out;
  };
  /** Whether CSS text reaches a refused URL (url() or @import). */
  var refusedCss = function (css) {
    if (css.indexOf('url(') < 0 && css.indexOf('@import') < 0 && css.indexOf('image-set(') < 0) return false;
    // url(…), @import "…", and the quoted URLs of image-set("…" 1x).
    var re = /url\(\s*(['"]?)([^'")]*)\1\s*\)|@import\s+(['"])([^'"]*)\3|(['"])([^'"]*)\5/gi;
    var m;
    while ((m = re.exec(css))) if (verdict(m[2] || m[4] || m[6] || '', REQUEST)) return true;
    return false;
  };
  var isRequest = function (v) {
    if (!requestUrl) return false;
    try {
      requestUrl(v);
      return true;
    } catch (e) {
      refusedByNative(e);
      return false;
    }
  };
  /** Whether any URL of a `src` or `srcset` value is refused. */
  var refusedSrcset = function (value, el) {
    var candidates = value.split(',');
    for (var i = 0; i < candidates.length; i++) {
      var url = candidates[i].trim().split(/\s+/)[0];
      if (url && verdict(url, REQUEST, el)) return true;
    }
    return false;
  };
