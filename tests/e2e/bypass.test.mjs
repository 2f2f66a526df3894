// No way around the guard: for each technique a page or tag manager can use to reach a known
// tracker (tests/e2e/fixtures/bypass.html), nothing reaches the tracker before consent. Every
// group runs first without the widget (`?bare`: an empty script in its place), where each
// technique must be seen to reach the tracker (else the test could not fail), then with it, then
// with it and the network shield (pkg/bzconsent-sw.js) in control of the page. The group
// "network" is what no hook sees: there only the shield is asserted to hold.
// With BZ_TABLE=<file> each outcome is appended to that file as a JSON line.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import { e2e, TEST } from './lib/harness.mjs';
import { ENGINE } from './lib/browser.mjs';
import { hostIn } from './lib/trackers.mjs';

const PAGE = '/__fixture/bypass.html';

/** Techniques an engine does not fetch for even without the widget: nothing to hold there. */
const NOT_FETCHED = {
  chromium: [],
  // Neither prefetches a <link rel=prefetch> in these runs. In Firefox nothing that may open a
  // window is tried (`nopopup`): its pop-up blocker acts at random here, and a form aimed at a
  // frame just inserted does not find it by name and opens a window instead.
  firefox: ['link rel=prefetch', 'form.submit() into a hidden frame', 'requestSubmit() with a formaction', "a pop-up's fetch", "a pop-up's pixel written with document.write"],
  // MiniBrowser opens no window for a script's window.open.
  webkit: ['link rel=prefetch', 'window.open', "a pop-up's fetch", "a pop-up's pixel written with document.write"],
};

describe('bypass', () => {
  const t = e2e();

  /**
   * Which techniques of `group` reached the tracker: `mode` 'bare' (no widget), 'widget', or
   * 'shield' (the widget with the network shield in control of the page).
   */
  async function leaks(group, mode) {
    if (mode === 'shield') {
      await t.open(PAGE + '?shield');
      await t.waitFor(
        'navigator.serviceWorker && navigator.serviceWorker.controller',
        'the network shield to control the page',
        10_000,
      );
    }
    t.server.clearRequests();
    const query = { bare: '?bare', widget: '?', shield: '?shield' }[mode];
    await t.open(PAGE + query + '&m=' + mode + (group === 'written' ? '&write' : '') + (ENGINE === 'firefox' ? '&nopopup' : ''));
    if (mode !== 'bare') await t.waitFor('window.bzconsent', 'the widget to start');
    const names = await t.js('return window.techniques(arguments[0])', group);
    const errors = await t.js('return window.run(arguments[0])', group);
    await t.settle(1500);
    // Only this run's requests (its URLs carry `~<mode>`): one of an earlier run arriving late is not counted.
    const hits = t.server.requests().filter((r) => hostIn(r.host, 'hm.baidu.com') && r.path.includes('~' + mode)).map((r) => r.path);
    const leaked = names.filter((_, i) => hits.some((p) => new RegExp(`^/__bz/${group}[-_]${i}(?![0-9])`).test(p)));
    if (mode === 'shield') await t.unregisterWorkers();
    return { names, leaked, errors };
  }

  const groups = [
    ['forms', 'URLs in every form: setAttributeNS, attribute nodes, URL and toString values, srcset, data, poster, request APIs, <base href>'],
    ['markup', 'HTML parsed from strings: innerHTML, outerHTML, insertAdjacentHTML, createContextualFragment, setHTMLUnsafe, Trusted Types markup, srcdoc in markup'],
    ['written', 'HTML written while the page is parsed: document.write of pixels, frames and sources'],
    ['kinds', 'more element kinds: preloads, picture/source, SVG script and image, posters, frames in shadow roots or given a source later, srcdoc, CSS url() in attributes, style text and stylesheets built by script'],
    ['elsewhere', 'elements from elsewhere: DOMParser, <template>, document.implementation, a same-origin frame'],
    ['realms', "other realms: a same-origin frame's requests and elements, its natives called on the page"],
    ['paths', 'each hooked path on its own: replaceChildren, before, after, surroundContents, setAttributeNodeNS, setNamedItemNS, requestSubmit with formaction, imageSrcset, input/embed/track src, addRule, script src and type, iframe src and srcdoc'],
    ['network', 'what no hook sees: import(), workers, a stylesheet from a blob: URL'],
  ];
  /** Groups only the network shield holds: the hooks alone are not asserted on them. */
  const SHIELD_ONLY = ['network'];
  for (const [group, what] of groups) {
    it(`${what}: held before consent`, TEST, async () => {
      const bare = await leaks(group, 'bare');
      const widget = await leaks(group, 'widget');
      const shield = await leaks(group, 'shield');
      if (process.env.BZ_TABLE) {
        for (const name of bare.names) {
          appendFileSync(
            process.env.BZ_TABLE,
            JSON.stringify({ engine: ENGINE, group, name, bare: bare.leaked.includes(name), widget: widget.leaked.includes(name), shield: shield.leaked.includes(name) }) + '\n',
          );
        }
      }
      const unseen = bare.names.filter((n) => !bare.leaked.includes(n) && !NOT_FETCHED[ENGINE].includes(n));
      assert.deepEqual(unseen, [], 'without the widget each technique reaches the tracker (else this test could not fail)');
      if (!SHIELD_ONLY.includes(group)) assert.deepEqual(widget.leaked, [], 'with the widget nothing reaches it');
      assert.deepEqual(shield.leaked, [], 'with the widget and the network shield nothing reaches it');
      assert.deepEqual(widget.errors, bare.errors, 'the widget throws nothing into the page');
      assert.deepEqual(shield.errors, bare.errors, 'the widget throws nothing into the page');
    });
  }

  it("other realms: a same-origin frame's cookie, storage and native setters, on its document and the page's, and a srcdoc frame's own scripts", TEST, async () => {
    const writes = async (bare) => {
      await t.open(PAGE + (bare ? '?bare' : ''));
      if (!bare) await t.waitFor('window.bzconsent', 'the widget to start');
      return t.js(`
        var f = document.body.appendChild(document.createElement('iframe'));
        var w = window[window.length - 1];
        w.document.cookie = '_ga=GA1.1.1.1; path=/';
        Object.getOwnPropertyDescriptor(w.Document.prototype, 'cookie').set.call(document, '_gid=GA1.1.2.2; path=/');
        w.localStorage.setItem('_hjid', 'x');
        w.Storage.prototype.setItem.call(localStorage, '_hjSessionUser_2', 'x');
        var s = document.createElement('iframe');
        s.srcdoc = '<script>document.cookie = "_gat=1; path=/"; localStorage.setItem("_hjIncludedInSample", "1");<\\/script>';
        document.body.appendChild(s);`);
    };
    // A frame's cookie write reaches the page's document.cookie a moment later in Chromium.
    const read = () => t.js(`
        return { cookies: document.cookie.split('; ').filter(function (c) { return /^_g/.test(c); }).map(function (c) { return c.split('=')[0]; }).sort(),
          keys: Object.keys(localStorage).filter(function (k) { return /^_hj/.test(k); }).sort() };`);
    await writes(true);
    let bare;
    for (let i = 0; i < 40; i++) {
      bare = await read();
      if (bare.cookies.length === 3 && bare.keys.length === 3) break;
      await t.settle(50);
    }
    assert.deepEqual(bare, { cookies: ['_ga', '_gat', '_gid'], keys: ['_hjIncludedInSample', '_hjSessionUser_2', '_hjid'] }, 'without the widget they are written');
    await t.js('localStorage.clear()');
    await t.driver.manage().deleteAllCookies();
    await writes(false);
    await t.settle(1000);
    const widget = await read();
    if (process.env.BZ_TABLE) {
      appendFileSync(process.env.BZ_TABLE, JSON.stringify({ engine: ENGINE, group: 'realms', name: "frame's cookie and storage", bare: true, widget: widget.cookies.length + widget.keys.length > 0 }) + '\n');
    }
    assert.deepEqual(widget, { cookies: [], keys: [] }, 'with the widget none is');
    await t.js('localStorage.clear()');
  });

  it('storage by property assignment (localStorage._hjid = …): no tracker key is left after the task', TEST, async () => {
    const keys = async (bare) => {
      await t.open(PAGE + (bare ? '?bare' : ''));
      if (!bare) await t.waitFor('window.bzconsent', 'the widget to start');
      return t.js(`window.run('storage');
        return Object.keys(localStorage).concat(Object.keys(sessionStorage)).filter(function (k) { return /^_hj/.test(k); }).sort();`);
    };
    const bare = await keys(true);
    assert.deepEqual(bare, ['_hjSessionUser_1', '_hjid', '_hjid'], 'without the widget the keys are written');
    const widget = await keys(false);
    if (process.env.BZ_TABLE) {
      appendFileSync(process.env.BZ_TABLE, JSON.stringify({ engine: ENGINE, group: 'storage', name: 'property assignment', bare: bare.length > 0, widget: widget.length > 0 }) + '\n');
    }
    assert.deepEqual(widget, [], 'with the widget none is left');
    await t.js('localStorage.clear(); sessionStorage.clear();');
  });
});
