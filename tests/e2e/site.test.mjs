// Sites that do unexpected things: markup in configuration texts, the widget included twice, the
// body replaced, `window.bzconsent` taken, `Object.prototype` frozen, their own
// `document.cookie`, trackers written with `document.write`. The widget keeps blocking, keeps
// working, and never throws into the page.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { e2e, TEST } from './lib/harness.mjs';

/** The console errors bzconsent logged on the current page (recorded by the injected hook). */
function widgetErrors(t) {
  return t.js("return window.__consoleErrors.filter(function (e) { return /bzconsent/i.test(e); })");
}

/** Whether the browser holds a cookie of this name for the page (its jar, not document.cookie). */
async function inJar(t, name) {
  // A document.cookie write reaches the browser's store a moment later.
  for (let i = 0; i < 20; i++) {
    if (await t.jarCookie(name)) return true;
    await t.settle(50);
  }
  return false;
}

const acceptAll = '[data-bz="banner"] button[data-bz="accept-all"]';

describe('site', () => {
  const t = e2e();

  it('configuration texts with markup and scripts render as literal text; nothing executes', TEST, async () => {
    await t.open('/__fixture/site-hostile-text.html');
    await t.waitForBanner();
    const errors = await widgetErrors(t);
    assert.equal(errors.filter((e) => e.includes('`policyUrl`')).length, 1, `a javascript: policyUrl is refused: ${errors.join(' | ')}`);

    const read = `const shadow = document.getElementById('bzconsent-root').shadowRoot;
      const text = (sel) => { const e = shadow.querySelector(sel); return e ? e.textContent : null; };
      return {
        title: text('[data-bz="banner"] h2'),
        body: shadow.querySelector('[data-bz="banner"] p').firstChild.textContent,
        link: text('[data-bz="banner"] a'),
        href: shadow.querySelector('[data-bz="banner"] a').getAttribute('href'),
        accept: text('[data-bz="banner"] button[data-bz="accept-all"]'),
        dialogTitle: text('dialog[data-bz="dialog"] h2'),
        dialogText: text('dialog[data-bz="dialog"]'),
        foreign: Array.from(shadow.querySelectorAll('img, script, svg, iframe, style, b, a[href^="javascript:" i]')).map((e) => e.tagName),
        hrefs: Array.from(shadow.querySelectorAll('a')).map((a) => a.getAttribute('href')),
        placeholder: (() => { const p = document.querySelector('[data-bz-placeholder]');
          const r = p && (p.shadowRoot || p);
          return r ? { text: r.textContent, foreign: r.querySelectorAll('img, script, svg, iframe, b').length } : null; })(),
      };`;
    let s = await t.js(read);
    assert.equal(s.title, "<script>window.__pwned='title'</script>Cookies");
    // The text node before the policy link: the text and the space that separates them.
    assert.equal(s.body, `<img src=/__pwned/body onerror="window.__pwned='body'"> We use cookies. `);
    assert.equal(s.link, `<a href="javascript:window.__pwned='link'">Privacy</a>`);
    assert.match(s.href, /^https:\/\//, 'the built-in policy link is used');
    assert.equal(s.accept, `"><svg onload="window.__pwned='accept'">Accept all`);
    assert.deepEqual(s.foreign, [], 'no element came from a text');
    assert.ok(s.placeholder, 'the placeholder is shown');
    assert.ok(s.placeholder.text.includes(`<img src=/__pwned/placeholder onerror="window.__pwned='placeholder'">`), s.placeholder.text);
    assert.ok(s.placeholder.text.includes('Evil video'), 'the service name is filled in, as text');
    assert.equal(s.placeholder.foreign, 0);

    await t.click('[data-bz="banner"] button[data-bz="customize"]');
    await t.waitForDialog();
    s = await t.js(read);
    assert.equal(s.dialogTitle, `<iframe srcdoc="<script>parent.__pwned='dialog'</script>"></iframe>Settings`);
    for (const literal of [
      '<style>*{display:none!important}</style>Analytics',
      `<a href="javascript:window.__pwned='description'">click</a> &lt;b&gt;`,
      `<img src=/__pwned/service onerror="window.__pwned='service'">Evil video`,
    ]) {
      assert.ok(s.dialogText.includes(literal), `the dialog shows ${literal} literally`);
    }
    assert.deepEqual(s.foreign, [], 'no element came from a text in the dialog either');
    assert.ok(s.hrefs.every((h) => /^https?:\/\//.test(h)), `links are http(s): ${s.hrefs}`);
    await t.click('dialog[data-bz="dialog"] button[data-bz="accept-all"]');
    await t.waitFor('document.querySelector("iframe[data-service=evil-video]").getAttribute("src") === "/__e2e/blank.html"', 'the frame to load');
    await t.settle(400);
    assert.equal(await t.js('return window.__pwned === undefined ? null : window.__pwned'), null, 'no payload ran');
    assert.deepEqual(t.requestsFor('/__pwned').concat(t.server.requests().filter((r) => r.path.startsWith('/__pwned/'))), [], 'no payload image was requested');
  });

  it('included twice: the second copy does nothing (one banner, one error, one run, hooks not doubled)', TEST, async () => {
    await t.open('/__fixture/site-twice.html');
    await t.waitForBanner();
    assert.equal(await t.js('return document.querySelectorAll("#bzconsent-root").length'), 1, 'one root');
    assert.equal(await t.js('return document.getElementById("bzconsent-root").shadowRoot.querySelectorAll("[data-bz=banner]").length'), 1, 'one banner');
    const errors = await widgetErrors(t);
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.match(errors[0], /loaded twice/);
    await t.js("window.addTracker('G-BEFORE')");
    await t.settle();
    assert.equal(await t.js('return window.__gtagRuns || null'), null, 'a tracker added by code is held');
    await t.click(acceptAll);
    await t.waitForNoBanner();
    await t.waitFor('window.__analyticsRuns === 1 && window.__inlineAnalyticsRuns === 1 && window.__gtagRuns === 1', 'marked and held scripts to run');
    // A second copy with its own (empty) state would still hold these back.
    await t.js("document.cookie = '_ga=GA1.1.2.2; path=/'; window.addTracker('G-AFTER')");
    await t.waitFor('window.__gtagRuns === 2', 'a tracker added after consent to run');
    assert.ok(await inJar(t, '_ga'), 'an analytics cookie is written after consent');
    await t.settle();
    const s = await t.snapshot();
    assert.equal(s.analyticsRuns, 1, 'ran once');
    assert.equal(s.inlineAnalyticsRuns, 1, 'ran once');
    const events = await t.js('return window.__bzEvents.map(function (e) { return e.type; })');
    assert.deepEqual(events, ['bzconsent:ready', 'bzconsent:change'], 'one ready, one change');
  });

  for (const how of ['assignment', 'replaceWith', 'innerHTML']) {
    it(`the page replaces its body (${how}): the banner comes back, blocking holds, Accept all works`, TEST, async () => {
      await t.open('/__fixture/site-body-replaced.html');
      await t.waitForBanner();
      await t.js('window.replaceBody(arguments[0])', how);
      await t.waitFor(async () => (await t.snapshot()).rootIsFirstChild, 'the widget to be back as the first child of the new body');
      await t.waitForBanner('the banner to be shown in the new body');
      await t.settle();
      assert.equal(await t.js('return window.__gtagRuns || null'), null, 'the tracker in the new body is held');
      assert.equal((await t.snapshot()).inlineAnalyticsRuns, null, 'the marked script in the new body waits');
      await t.click(acceptAll);
      await t.waitForNoBanner();
      if (how !== 'innerHTML') {
        await t.waitFor('window.__gtagRuns === 1 && window.__inlineAnalyticsRuns === 1', 'the new body\'s scripts to run');
      }
      await t.js('bzconsent.showPreferences()');
      await t.waitForDialog('the dialog to open in the new body');
      assert.deepEqual(await widgetErrors(t), []);
    });
  }

  for (const [variant, replaced] of [['', true], ['?locked', false]]) {
    it(`the page defined window.bzconsent first${variant ? ' (not writable)' : ''}: one clear error, blocking and banner work`, TEST, async () => {
      await t.open('/__fixture/site-own-api.html' + variant);
      await t.waitForBanner();
      const errors = await widgetErrors(t);
      assert.equal(errors.length, 1, JSON.stringify(errors));
      assert.match(errors[0], /window\.bzconsent/);
      await t.settle();
      assert.equal(await t.js('return window.__gtagRuns || null'), null, 'the tracker added by code is held');
      assert.equal(await t.js('return typeof window.bzconsent.acceptAll'), replaced ? 'function' : 'undefined');
      await t.click(acceptAll);
      await t.waitForNoBanner();
      await t.waitFor('window.__analyticsRuns === 1 && window.__gtagRuns === 1', 'the marked and held scripts to run');
      assert.equal((await t.record()).method, 'accept-all');
    });
  }

  it('Object.prototype frozen before the script: banner, blocking and Accept all work', TEST, async () => {
    await t.open('/__fixture/site-frozen-proto.html');
    await t.waitForBanner();
    await t.settle();
    // Read in the page: Firefox runs WebDriver scripts with their own Object.
    assert.equal(await t.js('return window.__protoFrozen'), true, 'still frozen after bzconsent started');
    assert.equal(await t.js('return window.__gtagRuns || null'), null, 'the tracker added by code is held');
    assert.equal(await inJar(t, '_ga'), false, 'the analytics cookie is not written');
    assert.equal((await t.snapshot()).analyticsRuns, null);
    await t.click(acceptAll);
    await t.waitForNoBanner();
    await t.waitFor('window.__analyticsRuns === 1 && window.__inlineAnalyticsRuns === 1 && window.__gtagRuns === 1', 'marked and held scripts to run');
    assert.deepEqual(await widgetErrors(t), []);
  });

  for (const when of ['before', 'after']) {
    it(`the page's own document.cookie accessor (defined ${when} bzconsent): analytics cookies still blocked`, TEST, async () => {
      await t.open(`/__fixture/site-cookie-polyfill.html?${when}`);
      await t.waitForBanner();
      assert.equal(await t.js('return Object.getOwnPropertyDescriptor(document, "cookie") !== undefined'), true, 'the page accessor is in place');
      assert.ok(await inJar(t, 'site_pref'), 'an unknown cookie passes');
      assert.equal(await inJar(t, '_ga'), false, 'the analytics cookie is not written');
      assert.ok(!(await t.js('return document.cookie')).includes('_ga='));
      await t.click(acceptAll);
      await t.waitForNoBanner();
      await t.js("window.writeCookies('2')");
      assert.ok(await inJar(t, '_ga'), 'written after consent');
      assert.ok((await t.js('return window.__cookieWrites')).includes('site_pref'), "the page's accessor still sees writes");
      assert.deepEqual(await widgetErrors(t), []);
    });
  }

  it('trackers written with document.write do not run before consent, and run after Accept all', TEST, async () => {
    await t.open('/__fixture/site-document-write.html');
    await t.waitForBanner();
    await t.settle(600);
    assert.equal(await t.js('return window.__afterWrite'), 1, 'the page went on after its writes');
    assert.equal(await t.js('return !!document.getElementById("written")'), true, 'other written markup is untouched');
    assert.equal(await t.js('return window.__gtagRuns || null'), null, 'gtag.js did not run');
    assert.equal(await t.js('return window.__baiduRuns || null'), null, 'hm.js did not run');
    assert.equal(await inJar(t, '_ga'), false);
    assert.deepEqual(t.server.requests().filter((r) => r.path.startsWith('/g/collect') || r.path.startsWith('/hm.gif')), [], 'no hit');
    await t.click(acceptAll);
    await t.waitForNoBanner();
    await t.waitFor('window.__gtagRuns === 1 && window.__baiduRuns === 1', 'the written trackers to run once accepted');
    assert.deepEqual(await widgetErrors(t), []);
  });
});
