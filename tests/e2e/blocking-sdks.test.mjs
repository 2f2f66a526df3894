// Strict prior blocking proven with the real SDKs from npm — posthog-js, mixpanel-browser and
// @amplitude/analytics-browser — loaded by their own install snippets from their real hosts
// (served locally; PostHog on port 443 as in production), with no bzconsent markup.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { e2e, TEST } from './lib/harness.mjs';
import { NO_HOST_MAPPING } from './lib/browser.mjs';

const PAGE = '/__fixture/blocking-sdks.html';
const SDKS = {
  posthog: { hosts: ['us-assets.i.posthog.com', 'us.i.posthog.com'], collector: 'us.i.posthog.com', cookie: /^ph_phc_bzconsenttest_posthog$/, storage: /^ph_phc_bzconsenttest_posthog$/, loaded: '__posthogLoaded' },
  mixpanel: { hosts: ['cdn.mxpnl.com', 'api-js.mixpanel.com'], collector: 'api-js.mixpanel.com', cookie: /^mp_bzconsenttesttoken_mixpanel$/, loaded: '__mixpanelLoaded' },
  amplitude: { hosts: ['cdn.amplitude.com', 'api2.amplitude.com'], collector: 'api2.amplitude.com', cookie: /^AMP_0123456789$/, loaded: '__amplitudeLoaded' },
};
const HOSTS = new Set(Object.values(SDKS).flatMap((s) => s.hosts));
const hostOf = (r) => String(r.host || '').replace(/:\d+$/, '');

describe('blocking: real analytics SDKs', () => {
  const t = e2e({ alsoListen: [443] });

  const jarNames = async () => (await t.driver.manage().getCookies()).map((c) => c.name);
  const storageKeys = () => t.js('return Object.keys(localStorage).concat(Object.keys(sessionStorage))');

  async function assertNothingOfTheirs(when) {
    await t.settle(1200);
    const names = await jarNames();
    const keys = await storageKeys();
    for (const [id, sdk] of Object.entries(SDKS)) {
      assert.ok(!names.some((n) => sdk.cookie.test(n)), `${when}: ${id} cookie in ${names.join(', ')}`);
      assert.ok(!names.some((n) => /^(ph_|mp_|AMP_|amp_)/.test(n)), `${when}: an SDK cookie in ${names.join(', ')}`);
      assert.ok(!keys.some((k) => /^(ph_|mp_|AMP_|amp_|__mp)/.test(k)), `${when}: ${id} storage in ${keys.join(', ')}`);
      assert.equal(await t.js(`return window.${sdk.loaded} || null`), null, `${when}: ${id} loaded`);
    }
    const reached = t.server.requests().filter((r) => HOSTS.has(hostOf(r)));
    assert.deepEqual(reached.map((r) => `${r.host}${r.path}`), [], `${when}: requests reached SDK hosts`);
  }

  it('before any choice: no SDK cookie, key or request', TEST, async () => {
    await t.open(PAGE);
    await t.waitForBanner();
    await assertNothingOfTheirs('before consent');
  });

  it('after Reject all: the same across reloads', TEST, async () => {
    await t.open(PAGE);
    await t.waitForBanner();
    await t.click('[data-bz="banner"] button[data-bz="reject-all"]');
    await t.waitForNoBanner();
    await t.reload();
    await assertNothingOfTheirs('after reject, reloaded');
  });

  it('after Accept all: each SDK loads, stores its id and sends events', { ...TEST, skip: NO_HOST_MAPPING ?? false }, async () => {
    await t.open(PAGE);
    await t.waitForBanner();
    await t.click('[data-bz="banner"] button[data-bz="accept-all"]');
    for (const [id, sdk] of Object.entries(SDKS)) {
      await t.waitFor(`window.${sdk.loaded} === true`, `${id} to load`, 8000);
    }
    await t.waitFor(async () => {
      const hosts = new Set(t.server.requests().map(hostOf));
      return Object.values(SDKS).every((s) => hosts.has(s.collector));
    }, 'events at every collector', 10000);
    const names = await jarNames();
    for (const [id, sdk] of Object.entries(SDKS)) {
      assert.ok(names.some((n) => sdk.cookie.test(n)), `${id}: ${sdk.cookie} in ${names.join(', ')}`);
    }
    assert.ok((await storageKeys()).some((k) => SDKS.posthog.storage.test(k)), 'PostHog keeps its state in localStorage too');
  });

  it('after withdrawal: their cookies and storage keys are gone', { ...TEST, skip: NO_HOST_MAPPING ?? false }, async () => {
    await t.open(PAGE);
    await t.js('bzconsent.acceptAll()');
    for (const [id, sdk] of Object.entries(SDKS)) {
      await t.waitFor(`window.${sdk.loaded} === true`, `${id} to load`, 8000);
    }
    await t.waitFor(async () => (await jarNames()).some((n) => SDKS.amplitude.cookie.test(n)), 'Amplitude cookie', 5000);
    await t.js('bzconsent.rejectAll()');
    const names = await jarNames();
    assert.ok(!names.some((n) => /^(ph_|mp_|AMP_|amp_)/.test(n)), `SDK cookies left: ${names.join(', ')}`);
    const keys = await storageKeys();
    assert.ok(!keys.some((k) => /^(ph_|mp_|AMP_|amp_|__mp)/.test(k)), `SDK keys left: ${keys.join(', ')}`);
  });
});
