// Consent that lasts and talks to the rest of the site: Google Consent Mode v2, Global Privacy
// Control, revision and expiry, other tabs, the consent log, the cookie mirror, configuration.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { e2e, TEST, makeRecord } from './lib/harness.mjs';

const BANNER = '[data-bz="banner"]';
const DENIED = {
  ad_storage: 'denied',
  ad_user_data: 'denied',
  ad_personalization: 'denied',
  analytics_storage: 'denied',
  functionality_storage: 'denied',
  personalization_storage: 'denied',
  security_storage: 'granted',
};

describe('integrations', () => {
  const t = e2e();

  /** dataLayer entries as {isArguments, args}. */
  const layer = () =>
    t.js(`return (window.dataLayer || []).map(function (e) {
      return { isArguments: Object.prototype.toString.call(e) === '[object Arguments]', args: Array.prototype.slice.call(e) };
    })`);

  it('Consent Mode: default (all denied) is in dataLayer before the site\'s gtag config', TEST, async () => {
    await t.open('/__fixture/integrations-gcm.html');
    const atConfig = await t.js('return window.__layerAtConfig');
    assert.ok(atConfig.length >= 2, `entries before config: ${JSON.stringify(atConfig)}`);
    assert.deepEqual(atConfig[0], {
      isArguments: true,
      args: ['consent', 'default', { ...DENIED, wait_for_update: 750 }],
    });
    assert.deepEqual(atConfig[1], { isArguments: true, args: ['set', 'ads_data_redaction', true] });
    const entries = await layer();
    const names = entries.map((e) => `${e.args[0]}:${typeof e.args[1] === 'string' ? e.args[1] : ''}`);
    assert.ok(names.indexOf('consent:default') < names.indexOf('config:G-TEST'), names.join(' '));
    assert.ok(!names.includes('consent:update'), 'no update before a choice');
  });

  it('Consent Mode: every choice pushes an update; a returning visitor gets one at start', TEST, async () => {
    await t.open('/__fixture/integrations-gcm.html');
    await t.waitForBanner();
    await t.js('bzconsent.accept(["analytics"])');
    let entries = await layer();
    let last = entries[entries.length - 1];
    assert.equal(last.isArguments, true);
    assert.deepEqual(last.args, ['consent', 'update', { ...DENIED, analytics_storage: 'granted' }]);
    await t.js('bzconsent.acceptAll()');
    entries = await layer();
    last = entries[entries.length - 1];
    assert.deepEqual(last.args[2], Object.fromEntries(Object.keys(DENIED).map((k) => [k, 'granted'])));

    await t.reload();
    const atConfig = await t.js('return window.__layerAtConfig');
    assert.equal(atConfig[0].args[1], 'default');
    const update = atConfig.find((e) => e.args[0] === 'consent' && e.args[1] === 'update');
    assert.ok(update, 'an update for the returning visitor before the site\'s config');
    assert.equal(update.args[2].ad_storage, 'granted');
  });

  it('GPC: Accept all keeps marketing off, the record notes it, the dialog says why', TEST, async () => {
    await t.open('/__fixture/integrations-gpc.html');
    await t.waitForBanner();
    await t.click(`${BANNER} button[data-bz="accept-all"]`);
    await t.waitForNoBanner();
    const record = await t.record();
    assert.equal(record.gpc, true);
    assert.deepEqual(record.categories, { necessary: true, preferences: true, analytics: true, marketing: false });
    assert.equal(await t.js('return bzconsent.acceptedCategory("marketing")'), false);

    await t.js('bzconsent.showPreferences()');
    await t.waitForDialog();
    const text = await t.js(
      'return document.getElementById("bzconsent-root").shadowRoot.querySelector("dialog[data-bz=dialog]").textContent',
    );
    assert.match(text, /Global Privacy Control/);
    assert.equal((await t.categorySwitches()).marketing.checked, false);
    // The visitor may still switch marketing on in the dialog.
    await t.setCategory('marketing', true);
    await t.click('dialog[data-bz="dialog"] button[data-bz="save"]');
    await t.waitFor(async () => (await t.record())?.categories.marketing === true, 'marketing on after Save');
  });

  it('an expired record asks again with the old choice pre-selected', TEST, async () => {
    await t.open('/__e2e/blank.html');
    await t.js('localStorage.setItem("bzconsent", arguments[0])', JSON.stringify(makeRecord({ daysAgo: 200, analytics: true })));
    await t.open('/');
    await t.waitForBanner('the banner for an expired record');
    assert.equal((await t.snapshot()).analyticsRuns, null, 'nothing runs on an expired record');
    await t.click(`${BANNER} button[data-bz="customize"]`);
    await t.waitForDialog();
    const switches = await t.categorySwitches();
    assert.equal(switches.analytics.checked, true, 'the old choice is pre-selected');
    assert.equal(switches.marketing.checked, false);
  });

  it('a raised revision asks again with the old choice pre-selected', TEST, async () => {
    await t.open('/__e2e/blank.html');
    await t.js('localStorage.setItem("bzconsent", arguments[0])', JSON.stringify(makeRecord({ revision: 1, marketing: true })));
    await t.open('/__fixture/revision-2.html');
    await t.waitForBanner('the banner after a revision change');
    await t.js('bzconsent.showPreferences()');
    await t.waitForDialog();
    const switches = await t.categorySwitches();
    assert.equal(switches.marketing.checked, true);
    assert.equal(switches.analytics.checked, true);
  });

  it('a choice in one tab applies in the other within a second', TEST, async () => {
    await t.open('/');
    await t.waitForBanner();
    const first = await t.driver.getWindowHandle();
    await t.driver.switchTo().newWindow('tab');
    await t.open('/');
    await t.waitForBanner();
    await t.js('bzconsent.acceptAll()');
    await t.driver.switchTo().window(first);
    const start = Date.now();
    await t.waitFor('window.__analyticsRuns === 1', 'the first tab to run analytics', 1000);
    assert.ok(Date.now() - start <= 1000);
    const s = await t.snapshot();
    assert.equal(s.bannerVisible, false, 'the banner went away in the other tab');
    assert.equal(await t.js('return bzconsent.acceptedCategory("analytics")'), true);
    const changes = await t.js('return window.__bzEvents.filter(e => e.type === "bzconsent:change")');
    assert.equal(changes.length, 1);
    assert.ok(changes[0].detail.changed.includes('analytics'));
    // Withdrawal from the other tab blocks again and deletes _ga here too.
    await t.driver.switchTo().window((await t.driver.getAllWindowHandles()).find((h) => h !== first));
    await t.js('bzconsent.rejectAll()');
    await t.driver.close();
    await t.driver.switchTo().window(first);
    await t.waitFor('bzconsent.acceptedCategory("analytics") === false', 'withdrawal to reach the first tab', 1000);
    assert.doesNotMatch(await t.js('return document.cookie'), /(^|; )_ga=/);
  });

  it('consent log: each choice is sent once as JSON, without query or device data', TEST, async () => {
    await t.open('/__fixture/integrations-proof.html?utm_source=x');
    await t.waitForBanner();
    await t.js('bzconsent.accept(["analytics"])');
    const logs = await t.waitFor(() => {
      const l = t.requestsFor('/consent-log').filter((r) => r.method === 'POST');
      return l.length ? l : null;
    }, 'a consent-log beacon');
    assert.equal(logs.length, 1);
    const body = logs[0].body;
    const record = await t.record();
    assert.equal(body.id, record.id);
    assert.equal(body.timestamp, record.timestamp);
    assert.deepEqual(body.categories, ['necessary', 'analytics']);
    assert.equal(body.revision, 1);
    assert.equal(body.method, 'custom');
    assert.equal(body.language, 'ru');
    assert.equal(body.url, t.url('/__fixture/integrations-proof.html'));
    assert.deepEqual(Object.keys(body).sort(), ['categories', 'id', 'language', 'method', 'revision', 'timestamp', 'url']);
  });

  it('cookie mirror: categories only, SameSite=Lax, deleted on reset', TEST, async () => {
    await t.open('/__fixture/integrations-proof.html');
    await t.waitForBanner();
    await t.js('bzconsent.acceptAll()');
    const cookie = await t.waitFor(() => t.jarCookie('bzconsent'), 'the bzconsent cookie');
    assert.equal(cookie.value, 'necessary.preferences.analytics.marketing');
    assert.equal(cookie.path, '/');
    assert.match(String(cookie.sameSite), /lax/i);
    await t.js('bzconsent.reset()');
    assert.equal(await t.jarCookie('bzconsent'), undefined);
  });

  it('a broken configuration: one error per bad field, built-ins used, texts shown as text', TEST, async () => {
    await t.open('/__fixture/integrations-bad-config.html');
    await t.waitForBanner();
    const errors = await t.js('return window.__consoleErrors.slice()');
    for (const field of ['revision', 'policyUrl', 'colour']) {
      assert.equal(errors.filter((e) => e.includes(`\`${field}\``)).length, 1, `${field}: ${errors.join(' | ')}`);
    }
    const banner = await t.js(`const b = document.getElementById('bzconsent-root').shadowRoot.querySelector('[data-bz=banner]');
      return { title: b.querySelector('h2').textContent, imgs: b.querySelectorAll('img').length, href: b.querySelector('a').getAttribute('href') }`);
    assert.equal(banner.title, '<img src=x onerror="window.__xss=1">Cookies');
    assert.equal(banner.imgs, 0);
    assert.match(banner.href, /^https:\/\//);
    await t.settle(300);
    assert.equal(await t.js('return window.__xss'), null);
    assert.equal((await t.snapshot()).analyticsRuns, null, 'blocking stays on');
  });

  it('bzconsent:ready fires once with the record, after the document is parsed', TEST, async () => {
    await t.open('/');
    await t.waitFor('window.__bzEvents.some(e => e.type === "bzconsent:ready")', 'the ready event');
    await t.js('bzconsent.acceptAll()');
    await t.reload();
    await t.waitFor('window.__bzEvents.some(e => e.type === "bzconsent:ready")', 'the ready event');
    const ready = await t.js('return window.__bzEvents.filter(e => e.type === "bzconsent:ready")');
    assert.equal(ready.length, 1);
    assert.equal(ready[0].detail.method, 'accept-all');
  });

  it('API: acceptedService, accept([...]) and hide', TEST, async () => {
    await t.open('/');
    await t.waitForBanner();
    assert.equal(await t.js('return bzconsent.acceptedService("google-analytics")'), false);
    await t.js('bzconsent.accept(["analytics", "nonsense"])');
    assert.equal(await t.js('return bzconsent.acceptedService("google-analytics")'), true);
    assert.equal(await t.js('return bzconsent.acceptedService("youtube")'), false);
    assert.equal((await t.record()).method, 'custom');
    await t.js('bzconsent.show()');
    await t.waitForBanner('show() brings the banner back');
    await t.js('bzconsent.hide()');
    await t.waitForNoBanner('hide() removes it');
  });
});
