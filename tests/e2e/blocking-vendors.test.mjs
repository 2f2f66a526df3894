// Strict prior blocking, proven with trackers installed by their vendors' own snippets and no
// bzconsent markup at all: stand-ins for gtag.js, Baidu hm.js, Yandex tag.js and the Meta Pixel
// (tests/e2e/trackers/) that write the cookies and send the hits the real ones do, served under
// their real host names to a page served as https://www.bzpak.test/ (see lib/blocking.mjs).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { e2e, TEST } from './lib/harness.mjs';
import { eventually, onSite, requestsTo, show } from './lib/blocking.mjs';
import { hostIn } from './lib/trackers.mjs';

const PAGE = '/__fixture/blocking-vendors.html';
const BAIDU_SITE = '0123456789abcdef0123456789abcdef';

/**
 * Each tracker: its id in the catalogue, the domains its requests go to, what a hit to its
 * collector looks like, its cookies (name → the domain the real one writes it on) and storage
 * keys, the global its stand-in counts runs in, and the one request the HTML may cause before
 * consent (gtag.js is a `<script async src>` in Google's snippet: the preload scanner may fetch
 * it, never run it; every other snippet injects its script, so not even that may happen).
 */
const VENDORS = {
  'google-analytics': {
    domains: ['googletagmanager.com', 'google-analytics.com'],
    hit: (r) => hostIn(r.host, 'region1.google-analytics.com') && r.path.startsWith('/g/collect?'),
    cookies: { _ga: '.bzpak.test', _ga_TEST1: '.bzpak.test' },
    storage: [],
    ran: '__gtagRuns',
    preload: (r) => r.method === 'GET' && hostIn(r.host, 'www.googletagmanager.com') && r.path === '/gtag/js?id=G-TEST1',
  },
  'baidu-tongji': {
    domains: ['baidu.com'],
    hit: (r) => hostIn(r.host, 'hm.baidu.com') && r.path.startsWith('/hm.gif?'),
    cookies: { [`Hm_lvt_${BAIDU_SITE}`]: 'www.bzpak.test', [`Hm_lpvt_${BAIDU_SITE}`]: 'www.bzpak.test' },
    storage: [],
    ran: '__baiduRuns',
  },
  'yandex-metrica': {
    domains: ['yandex.ru'],
    hit: (r) => hostIn(r.host, 'mc.yandex.ru') && r.path.startsWith('/watch/12345678?'),
    cookies: { _ym_uid: '.bzpak.test', _ym_d: '.bzpak.test', _ym_isad: '.bzpak.test' },
    storage: ['_ym_uid'],
    ran: '__yandexRuns',
  },
  'meta-pixel': {
    domains: ['facebook.net', 'facebook.com'],
    hit: (r) => hostIn(r.host, 'www.facebook.com') && r.path.startsWith('/tr/?id=1234567890&ev=PageView'),
    cookies: { _fbp: '.bzpak.test' },
    storage: [],
    ran: '__metaRuns',
  },
};
const ALL_DOMAINS = Object.values(VENDORS).flatMap((v) => v.domains);

describe('blocking: vendors\' snippets without markup', () => {
  const t = e2e({ alsoListen: [443] });
  const site = onSite(t);

  /**
   * Problems with "nothing of theirs": a cookie (any variant) or storage key of any tracker, a
   * run of its script, a request to any of its hosts (but the allowed preload). Waits `settle` first.
   */
  async function nothingOfTheirs(when, { settle = 800, strict = false } = {}) {
    await t.settle(settle);
    const jar = await site.cookies();
    const keys = await site.storageKeys();
    const problems = [];
    for (const [id, v] of Object.entries(VENDORS)) {
      for (const c of jar.filter((c) => c.name in v.cookies)) problems.push(`${id}: cookie ${c.name} (${c.domain}${c.path})`);
      for (const k of [...keys.local, ...keys.session].filter((k) => v.storage.includes(k))) problems.push(`${id}: storage ${k}`);
      if (await t.js(`return window.${v.ran} || null`)) problems.push(`${id}: its script ran`);
      for (const r of requestsTo(t.server, v.domains)) {
        if (!strict && v.preload && v.preload(r)) continue;
        problems.push(`${id}: request ${show(r)}`);
      }
    }
    assert.deepEqual(problems, [], `${when}: something of theirs`);
  }

  it('(a) before any choice: no cookie, no storage key, no run, no request to their hosts', TEST, async () => {
    await site.open(PAGE);
    await t.waitForBanner();
    await nothingOfTheirs('before consent');
    const blocked = await t.js('return bzconsent.blocked()');
    for (const id of Object.keys(VENDORS)) {
      assert.ok(blocked.some((b) => b.kind === 'script' && b.service === id), `blocked() lists ${id}'s script: ${JSON.stringify(blocked)}`);
    }
    // The Yandex and Meta <noscript> pixels are not fetched either (scripting is on).
    const preloads = requestsTo(t.server, ALL_DOMAINS);
    assert.ok(preloads.every((r) => VENDORS['google-analytics'].preload(r)), preloads.map(show).join(', '));
  });

  it('(b) after Reject all: the same, on the page and across reloads', TEST, async () => {
    await site.open(PAGE);
    await t.waitForBanner();
    await t.click('[data-bz="banner"] button[data-bz="reject-all"]');
    await t.waitForNoBanner();
    await nothingOfTheirs('after reject');
    for (const n of [1, 2]) {
      t.server.clearRequests();
      await t.reload();
      assert.equal((await t.snapshot()).bannerVisible, false, 'no banner once the visitor chose');
      await nothingOfTheirs(`after reject, reload ${n}`);
    }
  });

  it('(c) after Accept all: each runs once, writes its cookies and reaches its collector', TEST, async () => {
    await site.open(PAGE);
    await t.waitForBanner();
    await t.click('[data-bz="banner"] button[data-bz="accept-all"]');
    for (const [id, v] of Object.entries(VENDORS)) await t.waitFor(`window.${v.ran} === 1`, `${id} to run once`);
    await t.waitFor(() => Object.values(VENDORS).every((v) => t.server.requests().some(v.hit)), 'a hit at every collector');
    const wanted = Object.values(VENDORS).flatMap((v) => Object.keys(v.cookies));
    const jar = await eventually(() => site.cookies(), (j) => wanted.every((n) => j.some((c) => c.name === n)));
    for (const [id, v] of Object.entries(VENDORS)) {
      for (const [name, domain] of Object.entries(v.cookies)) {
        const found = jar.filter((c) => c.name === name);
        assert.deepEqual(found.map((c) => c.domain), [domain], `${id}: ${name} on ${domain}: ${JSON.stringify(jar)}`);
      }
    }
    assert.notEqual(await t.js('return localStorage.getItem("_ym_uid")'), null, 'Yandex keeps _ym_uid in localStorage');
    assert.equal(await t.js('return window.__yandexQueued'), 1, 'tag.js found the ym() call the snippet queued');
    // A returning visitor: they start again on the next page, once each.
    t.server.clearRequests();
    await t.reload();
    for (const [id, v] of Object.entries(VENDORS)) await t.waitFor(`window.${v.ran} === 1`, `${id} to run on the next page`);
    await t.waitFor(() => Object.values(VENDORS).every((v) => t.server.requests().some(v.hit)), 'hits on the next page');
    assert.ok((await site.cookies()).some((c) => c.name === '_ga'), '_ga kept');
  });

  it('(d) after withdrawal: their cookies (every path/domain variant) and keys are gone, and stay gone', TEST, async () => {
    await site.open(PAGE);
    await t.js('bzconsent.acceptAll()');
    for (const [id, v] of Object.entries(VENDORS)) await t.waitFor(`window.${v.ran} === 1`, `${id} to run`);
    await t.waitFor(async () => (await site.cookies()).some((c) => c.name === '_fbp'), 'the Meta cookie');
    // Their hits of the accepted page must be in before the log is cleared: WebKit delivers a
    // beacon a moment after the page sent it, which would otherwise count as sent after withdrawal.
    await t.waitFor(() => Object.values(VENDORS).every((v) => t.server.requests().some(v.hit)), 'a hit at every collector');
    // More variants the page can reach: the fixture's directory (/__fixture, /__fixture/), the
    // host as a domain cookie (.www.bzpak.test), the parent domain (.bzpak.test).
    await t.js(`
      document.cookie = '_ga=GA1.1.7.7; path=/__fixture';
      document.cookie = '_ga=GA1.1.8.8; path=/__fixture/; domain=www.bzpak.test';
      document.cookie = '_ga_TEST1=GS1.1.1; path=/; domain=www.bzpak.test';
      document.cookie = '_fbp=fb.1.2.3; path=/__fixture; domain=www.bzpak.test';
      document.cookie = '_fbp=fb.1.2.4; path=/__fixture/';
      document.cookie = 'Hm_lvt_${BAIDU_SITE}=1; path=/; domain=.bzpak.test';
      document.cookie = 'Hm_lpvt_${BAIDU_SITE}=1; path=/__fixture; domain=bzpak.test';
      document.cookie = '_ym_d=1; path=/__fixture/; domain=.bzpak.test';
      document.cookie = '_ym_uid=1; path=/';
      localStorage.setItem('_ym_retryReqs', '{}');
      sessionStorage.setItem('_ym_isad', '1');`);
    const count = (jar, name) => jar.filter((c) => c.name === name).length;
    const planted = await eventually(() => site.cookies(), (j) => count(j, '_ga') >= 3 && count(j, '_fbp') >= 3 && count(j, '_ym_d') >= 2);
    const variants = (name) => planted.filter((c) => c.name === name).map((c) => `${c.domain}${c.path}`);
    assert.ok(variants('_ga').length >= 3, `_ga variants planted: ${variants('_ga')}`);
    assert.ok(variants('_fbp').length >= 3, `_fbp variants planted: ${variants('_fbp')}`);
    assert.ok(variants('_ym_d').length >= 2, `_ym_d variants planted: ${variants('_ym_d')}`);
    t.server.clearRequests();

    await t.js('bzconsent.rejectAll()');
    const theirs = (c) => Object.values(VENDORS).some((v) => c.name in v.cookies);
    const left = await eventually(async () => (await site.cookies()).filter(theirs), (l) => l.length === 0);
    assert.deepEqual(left.map((c) => `${c.name} ${c.domain}${c.path}`), [], 'tracker cookies left after withdrawal');
    const keys = await site.storageKeys();
    assert.deepEqual([...keys.local, ...keys.session].filter((k) => k.startsWith('_ym')), [], 'Yandex keys left');

    // On the next pages nothing of theirs comes back.
    await t.reload();
    await nothingOfTheirs('after withdrawal, reloaded');
  });

  it('cookieStore.set of a tracker cookie is dropped before consent, and passes after', TEST, async () => {
    await site.open(PAGE);
    await t.waitForBanner();
    assert.equal(await t.js('return typeof cookieStore'), 'object', 'cookieStore on an https page');
    const set = (arg) => t.driver.executeAsyncScript(`const done = arguments[arguments.length - 1];
      cookieStore.set(...arguments[0]).then(() => done('ok'), (e) => done(String(e)));`, arg);
    assert.equal(await set(['_ga', 'GA1.1.1.1']), 'ok', 'the page sees no error');
    assert.equal(await set([{ name: '_ga_TEST1', value: 'GS1', domain: 'bzpak.test', path: '/' }]), 'ok');
    assert.equal(await set([{ name: '_fbp', value: 'fb.1.1.1' }]), 'ok');
    let names = (await site.cookies()).map((c) => c.name);
    for (const name of ['_ga', '_ga_TEST1', '_fbp']) assert.ok(!names.includes(name), `cookieStore wrote ${name} before consent`);
    const blocked = await t.js('return bzconsent.blocked()');
    assert.ok(blocked.some((b) => b.kind === 'cookie' && b.name === '_ga' && b.service === 'google-analytics'), JSON.stringify(blocked));
    await t.js('bzconsent.accept(["analytics"])');
    assert.equal(await set(['_ga', 'GA1.1.2.2']), 'ok');
    assert.equal(await set([{ name: '_fbp', value: 'fb.1.2.2' }]), 'ok');
    names = (await site.cookies()).map((c) => c.name);
    assert.ok(names.includes('_ga'), 'cookieStore could not write _ga after analytics consent');
    assert.ok(!names.includes('_fbp'), 'cookieStore wrote _fbp with marketing still refused');
  });

  it('unknownCookies() lists a first-party cookie no service claims; blocked() what was held back', TEST, async () => {
    await site.open(PAGE);
    await t.waitForBanner();
    await t.js('document.cookie = "vk_cart=3; path=/"; document.cookie = "_ga=GA1.1.3.3; path=/"; localStorage.setItem("_ym_uid", "1")');
    const names = (await eventually(() => site.cookies(), (j) => j.some((c) => c.name === 'vk_cart'))).map((c) => c.name);
    assert.ok(names.includes('vk_cart'), 'an unknown cookie passes');
    assert.ok(!names.includes('_ga'), 'a known one does not');
    assert.equal(await t.js('return localStorage.getItem("_ym_uid")'), null, 'a known storage key is not written');
    const unknown = await t.js('return bzconsent.unknownCookies()');
    const cart = unknown.find((u) => u.name === 'vk_cart');
    assert.ok(cart, JSON.stringify(unknown));
    assert.ok(!Number.isNaN(Date.parse(cart.firstSeen)), cart.firstSeen);
    assert.ok(!unknown.some((u) => u.name === '_ga'), 'a known cookie is not "unknown"');
    const blocked = await t.js('return bzconsent.blocked()');
    const has = (kind, name, service) => blocked.some((b) => b.kind === kind && b.name.includes(name) && b.service === service);
    assert.ok(has('script', 'https://www.googletagmanager.com/gtag/js?id=G-TEST1', 'google-analytics'), JSON.stringify(blocked));
    assert.ok(has('script', 'https://hm.baidu.com/hm.js', 'baidu-tongji'));
    assert.ok(has('script', 'https://mc.yandex.ru/metrika/tag.js', 'yandex-metrica'));
    assert.ok(has('script', 'https://connect.facebook.net/en_US/fbevents.js', 'meta-pixel'));
    assert.ok(has('cookie', '_ga', 'google-analytics'));
    assert.ok(has('storage', '_ym_uid', 'yandex-metrica'));
  });

  it('reloadOnWithdraw: withdrawal reloads the page, and injected trackers never even load before consent', TEST, async () => {
    await site.open('/__fixture/blocking-reload.html');
    await t.waitForBanner();
    await t.settle(600);
    assert.deepEqual(requestsTo(t.server, ALL_DOMAINS).map(show), [], 'injected scripts are not fetched before consent');
    await t.js('bzconsent.acceptAll()');
    await t.waitFor('window.__gtagRuns === 1 && window.__metaRuns === 1', 'gtag and the pixel to run');
    await t.settle(300);
    t.server.clearRequests();
    await t.js('window.__beforeWithdrawal = true; bzconsent.rejectAll()');
    await t.waitFor('document.readyState === "complete" && window.__beforeWithdrawal === undefined', 'the page to reload');
    await t.settle(600);
    assert.equal(await t.js('return (window.__gtagRuns || 0) + (window.__metaRuns || 0)'), 0, 'nothing ran after the reload');
    assert.deepEqual(requestsTo(t.server, ALL_DOMAINS).map(show), [], 'requests after the reload');
    const left = await eventually(async () => (await site.cookies()).filter((c) => /^(_ga|_fbp)/.test(c.name)), (l) => l.length === 0);
    assert.deepEqual(left, [], 'their cookies after the reload');
  });

  it('first-party code: pixels, beacons, fetch, XHR and scripts/frames inserted every way are held back', TEST, async () => {
    const hosts = ['www.facebook.com', 'hm.baidu.com', 'region1.google-analytics.com', 'mc.yandex.ru', 'api2.amplitude.com', 'www.googletagmanager.com', 'www.youtube.com'];
    await t.open('/__fixture/blocking-direct.html');
    await t.waitForBanner();
    await t.js('window.fire()');
    await t.settle(800);
    const reached = t.server.requests().filter((r) => hosts.some((h) => hostIn(r.host, h)));
    assert.deepEqual(reached.map(show), [], 'requests before consent');
    assert.equal(await t.js('return window.__fetchFailed === true'), true, 'the held-back fetch fails like a blocked request');
    // The held-back XHR ends like one an ad blocker stopped, after send() returned.
    const xhr = await t.js('return window.__xhr[0]');
    assert.equal(xhr.afterSend, 1, 'still OPENED when send() returns');
    assert.deepEqual(xhr.events, ['readystatechange:1:0', 'readystatechange:4:0', 'error:4:0', 'loadend:4:0']);
    assert.equal(await t.js('return window.__gtagRuns || null'), null);
    const kinds = new Set((await t.js('return bzconsent.blocked()')).map((b) => b.kind));
    for (const kind of ['request', 'script', 'frame']) assert.ok(kinds.has(kind), `blocked() has a ${kind}`);
    // After consent the held-back scripts and frame load, and new hits go through.
    await t.js('bzconsent.acceptAll()');
    await t.waitFor('window.__gtagRuns === 1 && window.__yandexRuns === 1', 'held-back scripts to run after consent');
    await t.waitFor('document.querySelector("iframe") && document.querySelector("iframe").getAttribute("src")', 'the frame to load');
    await t.js('window.fire()');
    await t.waitFor(() => {
      const seen = t.server.requests();
      return ['www.facebook.com', 'region1.google-analytics.com', 'mc.yandex.ru', 'api2.amplitude.com'].every((h) => seen.some((r) => hostIn(r.host, h)));
    }, 'hits to reach the collectors after consent');
    await t.waitFor('window.__xhr[1].events.includes("load:4:200")', 'the XHR to go through after consent');
  });
});
