// Strict prior blocking proven with the real SDKs from npm — posthog-js, mixpanel-browser and
// @amplitude/analytics-browser, their own browser builds (tests/e2e/trackers/fetch-sdks.mjs) —
// loaded by their own install snippets from their real hosts on port 443, with their default
// collectors, by a page served as https://www.bzpak.test/ with no bzconsent markup; and the same
// builds bundled into the site's own scripts, where only the cookie, storage and request guards
// stand between them and the visitor.

import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { e2e, TEST } from './lib/harness.mjs';
import { eventually, onSite, requestsTo, show } from './lib/blocking.mjs';
import { hostIn } from './lib/trackers.mjs';
import { ensureSdks } from './trackers/fetch-sdks.mjs';

const PAGE = '/__fixture/blocking-sdks.html';
const BUNDLED = '/__fixture/blocking-sdks-bundled.html';

/**
 * Each SDK: its catalogue id, every domain it talks to, what counts as an event reaching its
 * collector, the name families of every cookie and storage key it writes (broader than the
 * catalogue, to catch anything new), the ones the fixture's set-up must produce after consent
 * (with the domain the SDK picks itself), and the globals its `loaded` callbacks set.
 */
const SDKS = {
  posthog: {
    domains: ['posthog.com'],
    event: (r) => r.method === 'POST' && hostIn(r.host, 'us.i.posthog.com') && /^\/(e|i\/v0\/e)\//.test(r.path),
    family: /^(ph_|__ph_)/,
    // persistence "localStorage+cookie" (the default): the id in both; cross_subdomain_cookie.
    cookies: { ph_phc_bzconsenttest_posthog: '.bzpak.test' },
    local: ['ph_phc_bzconsenttest_posthog'],
    loaded: ['__posthogLoaded'],
  },
  mixpanel: {
    domains: ['mixpanel.com', 'mxpnl.com'],
    event: (r) => r.method === 'POST' && hostIn(r.host, 'api-js.mixpanel.com') && r.path.startsWith('/track/'),
    family: /^(mp_|__mp)/,
    // The default cookie persistence with cross_subdomain_cookie; the second instance in localStorage.
    cookies: { mp_bzconsenttesttoken_mixpanel: '.bzpak.test' },
    local: ['mp_bzconsentlstoken_mixpanel'],
    loaded: ['__mixpanelLoaded', '__mixpanelLsLoaded'],
  },
  amplitude: {
    domains: ['amplitude.com'],
    event: (r) => r.method === 'POST' && hostIn(r.host, 'api2.amplitude.com') && r.path === '/2/httpapi',
    family: /^(AMP_|amp_|amplitude_)/,
    // The domain it found writable with its AMP_TLDTEST probe.
    cookies: { AMP_0123456789: '.bzpak.test' },
    local: [],
    loaded: ['__amplitudeLoaded'],
  },
};
const ALL_DOMAINS = Object.values(SDKS).flatMap((s) => s.domains);

describe('blocking: real analytics SDKs', () => {
  before(() => ensureSdks(), { timeout: 120_000 });
  const t = e2e({ alsoListen: [443] });
  const site = onSite(t);

  /** Their cookies (any variant) and storage keys, by SDK. */
  async function theirs() {
    const jar = await site.cookies();
    const keys = await site.storageKeys();
    const out = {};
    for (const [id, sdk] of Object.entries(SDKS)) {
      out[id] = [
        ...jar.filter((c) => sdk.family.test(c.name)).map((c) => `cookie ${c.name} (${c.domain}${c.path})`),
        ...keys.local.filter((k) => sdk.family.test(k)).map((k) => `localStorage ${k}`),
        ...keys.session.filter((k) => sdk.family.test(k)).map((k) => `sessionStorage ${k}`),
      ];
    }
    return out;
  }
  const none = (by) => Object.values(by).every((list) => list.length === 0);

  /** No cookie, key, load or request of any SDK (after `settle` ms). */
  async function nothingOfTheirs(when, { settle = 1200, loaded = true } = {}) {
    await t.settle(settle);
    const problems = Object.entries(await theirs()).flatMap(([id, list]) => list.map((p) => `${id}: ${p}`));
    for (const [id, sdk] of Object.entries(SDKS)) {
      for (const r of requestsTo(t.server, sdk.domains)) problems.push(`${id}: request ${show(r)}`);
      if (!loaded) continue;
      for (const flag of sdk.loaded) if (await t.js(`return window.${flag} || null`)) problems.push(`${id}: loaded (${flag})`);
    }
    assert.deepEqual(problems, [], `${when}: something of theirs`);
  }

  async function waitForAll(what = 'after consent') {
    for (const [id, sdk] of Object.entries(SDKS)) {
      for (const flag of sdk.loaded) await t.waitFor(`window.${flag} === true`, `${id} to load (${flag}) ${what}`, 10_000);
    }
    await t.waitFor(() => Object.values(SDKS).every((s) => t.server.requests().some(s.event)), `an event at every collector ${what}`, 10_000);
  }

  it('(a) before any choice: no SDK cookie, key or request — not even their scripts', TEST, async () => {
    await site.open(PAGE);
    await t.waitForBanner();
    await nothingOfTheirs('before consent');
    // The snippets ran: their stubs queue the calls, waiting for libraries that never come.
    assert.equal(await t.js('return Array.isArray(window.posthog) && window.posthog._i.length'), 1, 'PostHog stub');
    assert.equal(await t.js('return Array.isArray(window.mixpanel) && window.mixpanel._i.length'), 2, 'Mixpanel stub');
    assert.equal(await t.js('return !!(window.amplitude && window.amplitude.invoked && window.amplitude._q.length)'), true, 'Amplitude stub');
    const blocked = await t.js('return bzconsent.blocked()');
    const scripts = {
      posthog: 'https://us-assets.i.posthog.com/static/array.js',
      mixpanel: '//cdn.mxpnl.com/libs/mixpanel-2-latest.min.js',
      amplitude: 'https://cdn.amplitude.com/libs/analytics-browser-2.40.0-min.js.gz',
    };
    for (const [id, src] of Object.entries(scripts)) {
      assert.ok(blocked.some((b) => b.kind === 'script' && b.service === id && b.name === src), `blocked() lists ${id}'s ${src}: ${JSON.stringify(blocked)}`);
    }
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
      await nothingOfTheirs(`after reject, reload ${n}`);
    }
    // Leaving the page sends no beacon either (SDKs flush on pagehide).
    t.server.clearRequests();
    await site.open('/__e2e/blank.html');
    await nothingOfTheirs('after leaving the page', { settle: 500, loaded: false });
  });

  it('(c) after Accept all: each SDK loads, keeps its ids where it always does and sends events', TEST, async () => {
    await site.open(PAGE);
    await t.waitForBanner();
    await t.click('[data-bz="banner"] button[data-bz="accept-all"]');
    await waitForAll();
    const wanted = Object.values(SDKS).flatMap((s) => Object.keys(s.cookies));
    const jar = await eventually(() => site.cookies(), (j) => wanted.every((n) => j.some((c) => c.name === n)));
    for (const [id, sdk] of Object.entries(SDKS)) {
      for (const [name, domain] of Object.entries(sdk.cookies)) {
        assert.deepEqual(jar.filter((c) => c.name === name).map((c) => c.domain), [domain], `${id}: ${name} on ${domain}: ${JSON.stringify(jar)}`);
      }
      const keys = await site.storageKeys();
      for (const key of sdk.local) assert.ok(keys.local.includes(key), `${id}: localStorage ${key} in ${keys.local}`);
    }
    // Amplitude's cookie probes (AMP_TEST, AMP_TLDTEST) passed and were cleaned up by Amplitude.
    assert.ok(!jar.some((c) => /^AMP_(TEST|TLDTEST)$/.test(c.name)), JSON.stringify(jar));
    // A returning visitor: the SDKs load again on the next page and know the visitor again.
    const IDS = 'return [posthog.get_distinct_id(), mixpanel.get_distinct_id(), mixpanel.ls.get_distinct_id(), amplitude.getDeviceId()]';
    const ids = await t.js(IDS);
    assert.ok(ids.every((id) => typeof id === 'string' && id.length > 8), JSON.stringify(ids));
    t.server.clearRequests();
    await t.reload();
    await waitForAll('on the next page');
    assert.deepEqual(await t.js(IDS), ids, 'the ids they stored are read back');
    // Leaving the page: PostHog sends its $pageleave with sendBeacon (allowed now; see (d)).
    await t.settle(300);
    t.server.clearRequests();
    await site.open('/__e2e/blank.html');
    await t.waitFor(() => t.server.requests().some(SDKS.posthog.event), 'PostHog\'s beacon on leaving the page');
  });

  it('(d) after withdrawal: every cookie variant and key is gone, and the SDKs still running cannot write or send', TEST, async () => {
    await site.open(PAGE);
    await t.js('bzconsent.acceptAll()');
    await waitForAll();
    await eventually(theirs, (by) => Object.values(by).every((l) => l.length > 0));
    // More variants the page can reach: the fixture's directory (/__fixture, /__fixture/), the
    // host as a domain cookie (.www.bzpak.test), the parent domain (.bzpak.test).
    await t.js(`
      document.cookie = 'ph_phc_bzconsenttest_posthog=%7B%7D; path=/__fixture';
      document.cookie = 'ph_phc_bzconsenttest_posthog=%7B%7D; path=/; domain=www.bzpak.test';
      document.cookie = 'mp_bzconsenttesttoken_mixpanel=%7B%7D; path=/__fixture/; domain=.bzpak.test';
      document.cookie = 'mp_bzconsenttesttoken_mixpanel=%7B%7D; path=/';
      document.cookie = '__mp_opt_in_out_bzconsenttesttoken=1; path=/; domain=bzpak.test';
      document.cookie = 'AMP_0123456789=x; path=/__fixture; domain=www.bzpak.test';
      document.cookie = 'AMP_MKTG_0123456789=x; path=/';`);
    const count = (jar, name) => jar.filter((c) => c.name === name).length;
    const planted = await eventually(() => site.cookies(), (j) => count(j, 'ph_phc_bzconsenttest_posthog') >= 3 && count(j, 'mp_bzconsenttesttoken_mixpanel') >= 3 && count(j, 'AMP_0123456789') >= 2);
    assert.ok(count(planted, 'ph_phc_bzconsenttest_posthog') >= 3, JSON.stringify(planted));
    assert.ok(count(planted, 'mp_bzconsenttesttoken_mixpanel') >= 3, JSON.stringify(planted));
    assert.ok(count(planted, 'AMP_0123456789') >= 2, JSON.stringify(planted));

    await t.js('bzconsent.rejectAll()');
    t.server.clearRequests();
    assert.deepEqual(await eventually(theirs, none), { posthog: [], mixpanel: [], amplitude: [] }, 'left after withdrawal');

    // Their code is still on the page: new events, identities and flushes go nowhere.
    await t.js(`posthog.capture('After withdrawal'); posthog.identify('visitor-1');
      mixpanel.track('After withdrawal'); mixpanel.identify('visitor-1'); mixpanel.ls.track('After withdrawal');
      amplitude.track('After withdrawal'); amplitude.setUserId('visitor-1'); amplitude.flush();`);
    await nothingOfTheirs('events after withdrawal', { loaded: false, settle: 1500 });
    // Leaving the page (their pagehide/unload flushes, sendBeacon) sends nothing either.
    await site.open('/__e2e/blank.html');
    await nothingOfTheirs('after leaving the page', { loaded: false, settle: 500 });
    // Nor does coming back: nothing loads.
    await site.open(PAGE);
    await nothingOfTheirs('on the next visit');
  });

  it('(e) a visitor who withdraws and then accepts again on the same page: the SDKs resume', TEST, async () => {
    await site.open(PAGE);
    await t.js('bzconsent.acceptAll()');
    await waitForAll();
    await t.settle(500); // let what is in flight land
    t.server.clearRequests();
    await t.js('bzconsent.rejectAll(); posthog.capture("While refused"); mixpanel.track("While refused"); amplitude.track("While refused")');
    await t.settle(1500);
    assert.deepEqual(requestsTo(t.server, ALL_DOMAINS).map(show), [], 'nothing sent while refused');
    t.server.clearRequests();
    await t.js('bzconsent.acceptAll(); posthog.capture("Back"); mixpanel.track("Back"); amplitude.track("Back")');
    const missing = () => Object.entries(SDKS).filter(([, s]) => !t.server.requests().some(s.event)).map(([id]) => id);
    await t.waitFor(() => missing().length === 0 || null, 'events at every collector again', 10_000).catch((err) => {
      throw new Error(`${err.message}\nno event from: ${missing().join(', ')}`);
    });
    // Their ids are written again where they keep them.
    const back = await eventually(theirs, (by) => Object.values(by).every((l) => l.length > 0));
    for (const [id, list] of Object.entries(back)) assert.ok(list.length > 0, `${id} stores its state again`);
  });

  it('bundled into the site\'s own scripts: they run, but no cookie, key or request leaves before consent; events flow after it', TEST, async () => {
    await site.open(BUNDLED);
    await t.waitForBanner();
    for (const [id, sdk] of Object.entries(SDKS)) {
      for (const flag of sdk.loaded.filter((f) => f !== '__mixpanelLsLoaded')) {
        await t.waitFor(`window.${flag} === true`, `${id}'s bundled copy to start before consent`, 10_000);
      }
    }
    await nothingOfTheirs('bundled, before consent', { loaded: false, settle: 1500 });
    // What the guards held back, by kind, for each SDK.
    const blocked = await t.js('return bzconsent.blocked()');
    const kinds = (id) => new Set(blocked.filter((b) => b.service === id).map((b) => b.kind));
    for (const id of Object.keys(SDKS)) {
      for (const kind of ['cookie', 'storage']) assert.ok(kinds(id).has(kind), `${id}: blocked() has a ${kind}: ${JSON.stringify(blocked)}`);
    }
    for (const id of ['posthog', 'amplitude']) assert.ok(kinds(id).has('request'), `${id}: blocked() has a request`);
    // Amplitude's storage probes were among them.
    assert.ok(blocked.some((b) => b.kind === 'cookie' && b.name === 'AMP_TEST'), 'AMP_TEST held back');

    // After consent, new events go through (what they queued while held back follows with
    // their own retries, whose back-off this test does not wait for).
    await t.js('bzconsent.acceptAll()');
    await t.js('posthog.capture("After consent"); mixpanel.track("After consent"); amplitude.track("After consent")');
    const missing = () => Object.entries(SDKS).filter(([, s]) => !t.server.requests().some(s.event)).map(([id]) => id);
    await t.waitFor(() => missing().length === 0 || null, 'events at every collector after consent', 15_000).catch((err) => {
      throw new Error(`${err.message}\nno event from: ${missing().join(', ')}\nrequests: ${requestsTo(t.server, ALL_DOMAINS).map(show).join(', ')}`);
    });
    await t.waitFor(() => t.server.requests().some((r) => SDKS.mixpanel.event(r) && /After%20consent/.test(String(r.body))), 'the new Mixpanel event', 10_000);

    await t.js('bzconsent.rejectAll()');
    assert.deepEqual(await eventually(theirs, none), { posthog: [], mixpanel: [], amplitude: [] }, 'left after withdrawal');
  });
});
