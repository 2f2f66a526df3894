// Hostile environments: a strict Content-Security-Policy, no WebAssembly, storage that is full,
// cleared by another tab or blocked with the browser's cookie setting. The widget either works
// for the page or fails closed with one clear error; it never throws into the page.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { e2e, TEST } from './lib/harness.mjs';
import { NO_COOKIES_SETTING } from './lib/browser.mjs';

/** The console errors bzconsent logged on the current page (recorded by the injected hook). */
function widgetErrors(t) {
  return t.js("return window.__consoleErrors.filter(function (e) { return /bzconsent/i.test(e); })");
}

/** Clicks "Accept all" in the banner and waits for both marked analytics scripts to run. */
async function acceptAllAndWaitForAnalytics(t) {
  await t.click('[data-bz="banner"] button[data-bz="accept-all"]');
  await t.waitForNoBanner();
  await t.waitFor('window.__analyticsRuns === 1 && window.__inlineAnalyticsRuns === 1', 'the marked analytics scripts to run');
}

describe('faults', () => {
  const t = e2e();

  it('strict nonce CSP (script-src and style-src): banner styled, Accept all runs marked scripts, no violation', TEST, async () => {
    await t.open('/__fixture/faults-csp.html');
    assert.equal(await t.js('return window.__pageRuns'), 1, "the page's own nonce script ran (the CSP is in force)");
    await t.waitForBanner();
    const look = await t.js(`const b = document.getElementById('bzconsent-root').shadowRoot.querySelector('[data-bz="banner"]');
      const s = getComputedStyle(b); return { position: s.position, bottom: s.bottom, display: s.display }`);
    assert.deepEqual(look, { position: 'fixed', bottom: '0px', display: 'flex' }, 'the widget\'s styles apply under style-src');
    assert.ok(
      await t.js('const p = document.querySelector("[data-bz-placeholder]"); return !!p && p.getBoundingClientRect().height >= 120'),
      'the placeholder is shown and styled',
    );
    assert.equal((await t.snapshot()).analyticsRuns, null, 'nothing marked ran before the choice');
    await acceptAllAndWaitForAnalytics(t);
    await t.waitFor('document.querySelector("iframe[data-category=marketing]").getAttribute("src") === "/__e2e/blank.html"', 'the marked frame to load');
    const nonces = await t.js(`return Array.from(document.querySelectorAll('script[data-category]')).map(function (s) { return s.nonce; })`);
    assert.deepEqual(nonces, ['e2eNonce1', 'e2eNonce1'], "activated scripts carry bzconsent's nonce");
    await t.settle();
    assert.deepEqual(await t.js('return window.__violations'), [], 'no CSP violation');
    assert.deepEqual(await t.js('return window.__analyticsOrder'), ['src', 'inline'], 'in document order');
    assert.deepEqual(await widgetErrors(t), []);
  });

  for (const [what, page] of [
    ["a CSP without 'wasm-unsafe-eval'", '/__fixture/faults-csp-no-wasm.html'],
    ['no WebAssembly in the browser', '/__fixture/faults-no-wasm.html'],
  ]) {
    it(`${what}: one clear console error, nothing marked runs, the page's own scripts do`, TEST, async () => {
      await t.open(page);
      await t.waitFor('document.readyState === "complete"', 'the page to load');
      await t.settle(600);
      assert.equal(await t.js('return window.__pageRuns'), 1, "the page's own script ran");
      const errors = await widgetErrors(t);
      assert.equal(errors.length, 1, `exactly one error from bzconsent: ${JSON.stringify(errors)}`);
      assert.match(errors[0], /WebAssembly/);
      assert.match(errors[0], /stays blocked/);
      const s = await t.snapshot();
      assert.equal(s.analyticsRuns, null, 'marked src script did not run');
      assert.equal(s.inlineAnalyticsRuns, null, 'marked inline script did not run');
      assert.deepEqual(t.requestsFor('/js/analytics.js'), [], 'marked script not even fetched');
      assert.equal(await t.js('return document.querySelector("iframe[data-category]").getAttribute("src")'), null, 'marked frame not loaded');
      assert.equal(s.hasApi, false, 'no API');
      // The harness fails the test if the page saw an uncaught error.
    });
  }

  /** Whether the page's CSP makes HTML sinks refuse plain strings (Trusted Types in force). */
  const trustedTypesEnforced = (t) => t.js(`if (!window.trustedTypes) return false;
    try { document.createElement('div').innerHTML = '<b>x</b>'; return false; } catch (e) { return e.name === 'TypeError'; }`);

  it("Trusted Types required (trusted-types bzconsent default): banner, dialog and placeholder show, a choice runs the marked scripts", TEST, async () => {
    await t.open('/__fixture/faults-trusted-types.html');
    assert.equal(await trustedTypesEnforced(t), true, 'the CSP is in force (all three engines have Trusted Types)');
    await t.waitForBanner();
    assert.ok(
      await t.js('const p = document.querySelector("[data-bz-placeholder]"); return !!p && !!p.shadowRoot.querySelector("button[data-bz=allow]")'),
      'the placeholder is shown with its button',
    );
    await t.click('[data-bz="banner"] button[data-bz="customize"]');
    await t.waitFor(async () => (await t.snapshot()).dialogOpen, 'the dialog to open');
    await t.click('dialog[data-bz="dialog"] input[data-bz-category="analytics"]');
    await t.click('dialog[data-bz="dialog"] button[data-bz="save"]');
    await t.waitForNoBanner();
    const record = await t.record();
    assert.equal(record.method, 'custom');
    assert.deepEqual(record.categories, { necessary: true, preferences: false, analytics: true, marketing: false });
    await t.waitFor('window.__analyticsRuns === 1 && window.__inlineAnalyticsRuns === 1', 'the marked analytics scripts to run');
    assert.deepEqual(await t.js('return window.__analyticsOrder'), ['src', 'inline'], 'in document order');
    assert.equal((await t.snapshot()).iframeSrc, null, 'marketing stays blocked');
    assert.deepEqual(await widgetErrors(t), []);
  });

  it("Trusted Types required, bzconsent's policy not listed: one clear error, no banner, everything stays blocked", TEST, async () => {
    await t.open('/__fixture/faults-trusted-types-refused.html');
    await t.waitFor('document.readyState === "complete"', 'the page to load');
    await t.settle(600);
    const s = await t.snapshot();
    assert.equal(await trustedTypesEnforced(t), true, 'the CSP is in force');
    const errors = await widgetErrors(t);
    assert.equal(errors.length, 1, `exactly one error from bzconsent: ${JSON.stringify(errors)}`);
    assert.match(errors[0], /Trusted Types policy "bzconsent"/);
    assert.match(errors[0], /stays blocked/);
    assert.equal(s.bannerVisible, false, 'no banner');
    assert.equal(await t.js('return document.querySelector("[data-bz-placeholder]")'), null, 'no placeholder');
    assert.equal(s.analyticsRuns, null, 'marked src script did not run');
    assert.equal(s.inlineAnalyticsRuns, null, 'marked inline script did not run');
    assert.deepEqual(t.requestsFor('/js/analytics.js'), [], 'marked script not even fetched');
    assert.equal(s.iframeSrc, null, 'marked frame not loaded');
    assert.equal(await t.js("return bzconsent.acceptedCategory('analytics')"), false);
  });

  it('storage full (QuotaExceededError on write): the choice holds for the page, page writes still fail as before', TEST, async () => {
    await t.open('/__fixture/faults-storage-full.html');
    await t.waitForBanner();
    await acceptAllAndWaitForAnalytics(t);
    assert.equal(await t.js("return bzconsent.acceptedCategory('analytics')"), true);
    assert.equal((await t.js('return bzconsent.getRecord()')).method, 'accept-all');
    assert.equal(await t.js("return localStorage.getItem('bzconsent')"), null, 'nothing could be stored');
    assert.equal(
      await t.js("try { localStorage.setItem('site-key', '1'); return 'stored'; } catch (e) { return e.name; }"),
      'QuotaExceededError',
      "the page's own write fails with the browser's error, untouched",
    );
    await t.settle(600);
    const s = await t.snapshot();
    assert.equal(s.bannerVisible, false, 'the banner does not come back');
    assert.equal(s.analyticsRuns, 1, 'ran once');
    assert.deepEqual(await widgetErrors(t), []);
  });

  it('localStorage cleared by another tab: this page keeps its choice and writes it back', TEST, async () => {
    await t.open('/');
    await t.waitForBanner();
    await acceptAllAndWaitForAnalytics(t);
    const before = await t.record();
    assert.equal(before.method, 'accept-all');

    const first = await t.driver.getWindowHandle();
    await t.driver.switchTo().newWindow('tab');
    await t.driver.get(t.url('/__e2e/blank.html'));
    await t.js('localStorage.clear()');
    await t.collectPageErrors();
    await t.driver.close();
    await t.driver.switchTo().window(first);

    await t.waitFor(async () => (await t.record())?.id === before.id, 'the choice to be written back');
    await t.settle(600);
    const s = await t.snapshot();
    assert.equal(s.bannerVisible, false, 'no banner');
    assert.equal(s.analyticsRuns, 1, 'analytics ran once');
    assert.equal(await t.js("return bzconsent.acceptedCategory('analytics')"), true);
    await t.reload();
    await t.waitFor('window.__analyticsRuns === 1', 'the kept choice to hold on the next page');
    assert.equal((await t.snapshot()).bannerVisible, false);
  });

  it("another tab's reset() (the choice removed) is followed: banner back, nothing new runs", TEST, async () => {
    await t.open('/');
    await t.waitForBanner();
    await acceptAllAndWaitForAnalytics(t);
    const first = await t.driver.getWindowHandle();
    await t.driver.switchTo().newWindow('tab');
    await t.driver.get(t.url('/'));
    await t.waitFor('window.__analyticsRuns === 1', 'the other tab to know the choice');
    await t.js('bzconsent.reset()');
    await t.collectPageErrors();
    await t.driver.close();
    await t.driver.switchTo().window(first);
    await t.waitForBanner('the banner to come back after the reset in the other tab');
    assert.equal(await t.js("return bzconsent.acceptedCategory('analytics')"), false);
    assert.equal(await t.record(), null);
  });
});

describe('faults: the browser blocks all cookies and site data', { skip: NO_COOKIES_SETTING ?? false }, () => {
  const t = e2e({}, { cookies: false });

  it('banner shows, Accept all works for the page, no error; the next page asks again', TEST, async () => {
    await t.open('/');
    assert.equal(
      await t.js("document.cookie = 'probe=1; path=/'; return document.cookie"),
      '',
      'the setting is in force: cookies are not kept',
    );
    assert.equal(
      await t.js('try { window.localStorage.length; return "readable"; } catch (e) { return e.name; }'),
      'SecurityError',
      'the setting is in force: storage throws',
    );
    await t.waitForBanner();
    const note = await t.js(`return Array.from(document.getElementById('bzconsent-root').shadowRoot
      .querySelectorAll('[data-bz="banner"] .note')).map(function (n) { return n.textContent; })`);
    assert.equal(note.length, 1, 'the banner says the choice lasts for this page only');
    await t.click('[data-bz="banner"] button[data-bz="accept-all"]');
    await t.waitForNoBanner();
    await t.waitFor('window.__analyticsRuns === 1', 'analytics to run');
    assert.equal(await t.js("return bzconsent.acceptedCategory('analytics')"), true);
    await t.settle(600);
    assert.equal((await t.snapshot()).bannerVisible, false, 'the banner does not come back on this page');
    assert.deepEqual(await widgetErrors(t), []);
    await t.reload();
    await t.waitForBanner('the next page asks again (nothing could be kept)');
    assert.equal((await t.snapshot()).analyticsRuns, null);
  });
});
