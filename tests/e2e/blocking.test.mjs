// Strict prior blocking, proven with trackers installed by their vendors' own snippets and no
// bzconsent markup at all: stand-ins for gtag.js, Baidu hm.js, Yandex tag.js and the Meta Pixel
// that write the cookies and send the hits the real ones do, served under their real host names.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { e2e, TEST } from './lib/harness.mjs';

const PAGE = '/__fixture/blocking-vendors.html';
const VENDORS = {
  'google-analytics': { script: 'www.googletagmanager.com', collector: 'region1.google-analytics.com', cookies: [/^_ga$/, /^_ga_TEST1$/], ran: '__gtagRuns' },
  'baidu-tongji': { script: 'hm.baidu.com', collector: 'hm.baidu.com', cookies: [/^Hm_lvt_/, /^Hm_lpvt_/], ran: '__baiduRuns' },
  'yandex-metrica': { script: 'mc.yandex.ru', collector: 'mc.yandex.ru', cookies: [/^_ym_uid$/, /^_ym_d$/], storage: ['_ym_uid'], ran: '__yandexRuns' },
  'meta-pixel': { script: 'connect.facebook.net', collector: 'www.facebook.com', cookies: [/^_fbp$/], ran: '__metaRuns' },
};
const TRACKER_HOSTS = new Set(Object.values(VENDORS).flatMap((v) => [v.script, v.collector]));
const hostOf = (r) => String(r.host || '').replace(/:\d+$/, '');

describe('blocking: vendors\' snippets without markup', () => {
  const t = e2e();

  async function jarNames() {
    return (await t.driver.manage().getCookies()).map((c) => c.name);
  }

  /** Nothing of any tracker: no cookie, no storage key, no run, no request to its hosts. */
  async function assertNothingOfTheirs(when) {
    await t.settle(800);
    const names = await jarNames();
    for (const [id, v] of Object.entries(VENDORS)) {
      for (const pattern of v.cookies) {
        assert.ok(!names.some((n) => pattern.test(n)), `${when}: ${id} cookie ${pattern} in the jar: ${names.join(', ')}`);
      }
      for (const key of v.storage || []) {
        assert.equal(await t.js('return localStorage.getItem(arguments[0])', key), null, `${when}: ${id} storage ${key}`);
      }
      assert.equal(await t.js(`return window.${v.ran} || null`), null, `${when}: ${id} ran`);
    }
    const reached = t.server.requests().filter((r) => TRACKER_HOSTS.has(hostOf(r)));
    assert.deepEqual(reached.map((r) => `${r.host}${r.path}`), [], `${when}: requests reached tracker hosts`);
  }

  it('before any choice nothing of theirs is set and no request reaches them', TEST, async () => {
    await t.open(PAGE);
    await t.waitForBanner();
    await assertNothingOfTheirs('before consent');
    const blocked = await t.js('return bzconsent.blocked()');
    for (const id of Object.keys(VENDORS)) {
      assert.ok(blocked.some((b) => b.kind === 'script' && b.service === id), `blocked() lists ${id}: ${JSON.stringify(blocked)}`);
    }
  });

  it('after Reject all the same, across reloads', TEST, async () => {
    await t.open(PAGE);
    await t.waitForBanner();
    await t.click('[data-bz="banner"] button[data-bz="reject-all"]');
    await t.waitForNoBanner();
    await t.reload();
    await assertNothingOfTheirs('after reject, reloaded');
    await t.reload();
    await assertNothingOfTheirs('after reject, reloaded twice');
  });

  it('after Accept all they work: cookies set, hits sent', TEST, async () => {
    await t.open(PAGE);
    await t.waitForBanner();
    await t.click('[data-bz="banner"] button[data-bz="accept-all"]');
    for (const [id, v] of Object.entries(VENDORS)) {
      await t.waitFor(`window.${v.ran} === 1`, `${id} to run once`);
    }
    await t.waitFor(async () => {
      const hosts = new Set(t.server.requests().map(hostOf));
      return Object.values(VENDORS).every((v) => hosts.has(v.collector));
    }, 'a hit at every collector');
    const names = await jarNames();
    for (const [id, v] of Object.entries(VENDORS)) {
      for (const pattern of v.cookies) assert.ok(names.some((n) => pattern.test(n)), `${id}: ${pattern} in ${names.join(', ')}`);
    }
    assert.notEqual(await t.js('return localStorage.getItem("_ym_uid")'), null);
    // A returning visitor: they start again on the next page, once.
    await t.reload();
    await t.waitFor('window.__gtagRuns === 1 && window.__metaRuns === 1', 'trackers to run on the next page');
  });

  it('after withdrawal their cookies (every reachable path) and keys are gone', TEST, async () => {
    await t.open(PAGE);
    await t.js('bzconsent.acceptAll()');
    await t.waitFor('window.__yandexRuns === 1 && window.__gtagRuns === 1', 'trackers to run');
    // Variants the page can reach: the fixture's directory path as well as /.
    await t.js('document.cookie = "_ga=GA1.1.9.9; path=/__fixture"; document.cookie = "_fbp=fb.1.2.3; path=/__fixture/"');
    await t.js('sessionStorage.setItem("_ym_isad", "1")');
    await t.js('bzconsent.rejectAll()');
    const names = await jarNames();
    for (const [id, v] of Object.entries(VENDORS)) {
      for (const pattern of v.cookies) assert.ok(!names.some((n) => pattern.test(n)), `${id}: ${pattern} left in ${names.join(', ')}`);
    }
    assert.equal(await t.js('return localStorage.getItem("_ym_uid")'), null);
    assert.equal(await t.js('return sessionStorage.getItem("_ym_isad")'), null);
  });

  it('cookieStore.set of a tracker cookie is dropped before consent, and passes after', TEST, async () => {
    await t.open('/__e2e/blank.html');
    await t.open(PAGE);
    await t.waitForBanner();
    const supported = await t.js('return typeof cookieStore === "object"');
    if (!supported) return;
    await t.driver.executeAsyncScript(`const done = arguments[arguments.length - 1];
      cookieStore.set('_ga', 'GA1.1.1.1').then(() => done(), (e) => done(String(e)));`);
    assert.ok(!(await jarNames()).includes('_ga'), 'cookieStore wrote _ga before consent');
    await t.js('bzconsent.accept(["analytics"])');
    await t.driver.executeAsyncScript(`const done = arguments[arguments.length - 1];
      cookieStore.set('_ga', 'GA1.1.2.2').then(() => done(), (e) => done(String(e)));`);
    assert.ok((await jarNames()).includes('_ga'), 'cookieStore could not write _ga after consent');
  });

  it('unknown first-party cookies pass and are listed for the site owner', TEST, async () => {
    await t.open(PAGE);
    await t.js('document.cookie = "vk_cart=3; path=/"');
    assert.ok((await jarNames()).includes('vk_cart'));
    const unknown = await t.js('return bzconsent.unknownCookies()');
    const cart = unknown.find((u) => u.name === 'vk_cart');
    assert.ok(cart, JSON.stringify(unknown));
    assert.ok(!Number.isNaN(Date.parse(cart.firstSeen)));
    assert.ok(!unknown.some((u) => u.name === '_ga'), 'a known cookie is not "unknown"');
  });

  it('first-party code: pixels, beacons, fetch, XHR and scripts/frames inserted every way are held back', TEST, async () => {
    const hosts = ['www.facebook.com', 'hm.baidu.com', 'region1.google-analytics.com', 'mc.yandex.ru', 'api2.amplitude.com', 'www.googletagmanager.com', 'www.youtube.com'];
    await t.open('/__fixture/blocking-direct.html');
    await t.waitForBanner();
    await t.js('window.fire()');
    await t.settle(800);
    const reached = t.server.requests().filter((r) => hosts.includes(hostOf(r)));
    assert.deepEqual(reached.map((r) => `${r.host}${r.path}`), [], 'requests before consent');
    assert.equal(await t.js('return window.__fetchFailed === true'), true, 'the held-back fetch fails like a blocked request');
    assert.equal(await t.js('return window.__gtagRuns || null'), null);
    const kinds = new Set((await t.js('return bzconsent.blocked()')).map((b) => b.kind));
    for (const kind of ['request', 'script', 'frame']) assert.ok(kinds.has(kind), `blocked() has a ${kind}`);
    // After consent the held-back scripts and frame load, and new hits go through.
    await t.js('bzconsent.acceptAll()');
    await t.waitFor('window.__gtagRuns === 1 && window.__yandexRuns === 1', 'held-back scripts to run after consent');
    await t.waitFor('document.querySelector("iframe") && document.querySelector("iframe").getAttribute("src")', 'the frame to load');
    await t.js('window.fire()');
    await t.waitFor(() => {
      const seen = new Set(t.server.requests().map(hostOf));
      return ['www.facebook.com', 'region1.google-analytics.com', 'mc.yandex.ru', 'api2.amplitude.com'].every((h) => seen.has(h));
    }, 'hits to reach the collectors after consent');
  });

  it('reloadOnWithdraw reloads the page when consent is withdrawn', TEST, async () => {
    await t.open('/__fixture/blocking-reload.html');
    await t.js('bzconsent.acceptAll()');
    await t.waitFor('window.__gtagRuns === 1', 'gtag to run');
    await t.settle(500);
    t.server.clearRequests();
    await t.js('window.__beforeWithdrawal = true; bzconsent.rejectAll()');
    await t.waitFor('document.readyState === "complete" && window.__beforeWithdrawal === undefined', 'the page to reload');
    await assertNothingOfTheirs('after the reload');
  });
});
