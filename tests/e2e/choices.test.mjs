// The visitor's choices through the UI: reject, accept, customize, reopen, reset.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import webdriver from 'selenium-webdriver';
import { e2e, TEST } from './lib/harness.mjs';

const { By } = webdriver;
const BANNER = '[data-bz="banner"]';
const DIALOG = 'dialog[data-bz="dialog"]';

describe('choices', () => {
  const t = e2e();

  /** Checks the record's fixed fields and returns it. */
  async function storedRecord(method) {
    const record = await t.waitFor(async () => {
      const r = await t.record();
      return r && r.method === method ? r : null;
    }, `a stored record with method ${method}`);
    assert.equal(record.schema, 1);
    assert.equal(typeof record.revision, 'number');
    assert.equal(typeof record.id, 'string');
    assert.ok(record.id.length > 0, 'record has an id');
    const age = Date.now() - Date.parse(record.timestamp);
    assert.ok(age >= -60_000 && age < 120_000, `timestamp is now (got ${record.timestamp})`);
    assert.equal(record.categories.necessary, true);
    return record;
  }

  it('Reject all: banner gone, record reject-all, nothing runs after reload, _ga writes dropped', TEST, async () => {
    await t.open('/');
    await t.waitForBanner();
    await t.click(`${BANNER} button[data-bz="reject-all"]`);
    await t.waitForNoBanner();
    const record = await storedRecord('reject-all');
    assert.deepEqual(record.categories, { necessary: true, preferences: false, analytics: false, marketing: false });

    await t.reload();
    await t.settle(600);
    const s = await t.snapshot();
    assert.equal(s.bannerVisible, false, 'no banner after reload');
    assert.equal(s.analyticsRuns, null, 'analytics did not run');
    assert.equal(s.inlineAnalyticsRuns, null, 'inline analytics did not run');
    assert.doesNotMatch(s.cookie, /(^|; )_ga=/);
    assert.equal(await t.jarCookie('_ga'), undefined);
    assert.deepEqual(t.requestsFor('/js/analytics.js'), []);
    assert.ok(s.iframeSrc == null, 'video not loaded');

    await t.js('document.cookie = "_ga=x; path=/"');
    assert.doesNotMatch(await t.js('return document.cookie'), /(^|; )_ga=/, 'the cookie guard dropped _ga');
    assert.equal(await t.jarCookie('_ga'), undefined, 'no _ga in the jar after a page script wrote it');
  });

  it('Accept all: scripts run once in order, _ga set, video loads; after reload again once', TEST, async () => {
    await t.open('/');
    await t.waitForBanner();
    await t.click(`${BANNER} button[data-bz="accept-all"]`);
    await t.waitForNoBanner();
    await t.waitFor('window.__analyticsRuns === 1 && window.__inlineAnalyticsRuns === 1', 'both analytics scripts to run');
    await t.waitFor(() => t.jarCookie('_ga'), '_ga in the cookie jar');
    await t.waitFor(async () => /\/embed\/video\.html$/.test((await t.snapshot()).iframeSrc ?? ''), 'the iframe to get its src');
    await t.waitFor(() => t.requestsFor('/embed/video.html').length > 0, 'the server to get /embed/video.html');
    await t.settle();
    let s = await t.snapshot();
    assert.equal(s.analyticsRuns, 1, 'src analytics ran exactly once');
    assert.equal(s.inlineAnalyticsRuns, 1, 'inline analytics ran exactly once');
    assert.deepEqual(s.analyticsOrder, ['src', 'inline'], 'in document order');
    assert.equal(t.requestsFor('/js/analytics.js').length, 1, 'analytics.js fetched once');
    const record = await storedRecord('accept-all');
    assert.deepEqual(record.categories, { necessary: true, preferences: true, analytics: true, marketing: true });

    await t.reload();
    await t.waitFor('window.__analyticsRuns === 1 && window.__inlineAnalyticsRuns === 1', 'analytics to run on reload');
    await t.settle(600);
    s = await t.snapshot();
    assert.equal(s.bannerVisible, false, 'no banner after reload');
    assert.equal(s.analyticsRuns, 1, 'ran once on this page load');
    assert.equal(s.inlineAnalyticsRuns, 1, 'inline ran once on this page load');
    assert.deepEqual(s.analyticsOrder, ['src', 'inline']);
    assert.equal((await t.record()).method, 'accept-all');
  });

  it('Customize: analytics on, Save: record custom, analytics runs, video stays blocked', TEST, async () => {
    await t.open('/');
    await t.waitForBanner();
    await t.click(`${BANNER} button[data-bz="customize"]`);
    await t.waitForDialog();
    const switches = await t.categorySwitches();
    assert.deepEqual(switches.necessary, { checked: true, disabled: true }, 'necessary is on and cannot be switched off');
    for (const name of ['preferences', 'analytics', 'marketing']) {
      assert.deepEqual(switches[name], { checked: false, disabled: false }, `${name} switch is off and usable`);
    }
    await t.setCategory('analytics', true);
    await t.click(`${DIALOG} button[data-bz="save"]`);
    await t.waitFor(async () => !(await t.snapshot()).dialogOpen, 'the dialog to close');
    const record = await storedRecord('custom');
    assert.deepEqual(record.categories, { necessary: true, preferences: false, analytics: true, marketing: false });
    await t.waitFor('window.__analyticsRuns === 1', 'analytics to run');
    await t.settle(600);
    const s = await t.snapshot();
    assert.equal(s.bannerVisible, false, 'no banner after saving');
    assert.equal(s.analyticsRuns, 1);
    assert.equal(s.inlineAnalyticsRuns, 1);
    assert.ok(s.iframeSrc == null, `video not loaded (src ${JSON.stringify(s.iframeSrc)})`);
    assert.deepEqual(t.requestsFor('/embed/video.html'), []);
  });

  it('the footer "Cookie settings" link opens the preferences with the current choice', TEST, async () => {
    await t.open('/');
    await t.waitForBanner();
    await t.click(`${BANNER} button[data-bz="customize"]`);
    await t.waitForDialog();
    await t.setCategory('analytics', true);
    await t.click(`${DIALOG} button[data-bz="save"]`);
    await storedRecord('custom');

    await t.reload();
    await t.settle();
    assert.equal((await t.snapshot()).dialogOpen, false, 'dialog closed after reload');
    await t.driver.findElement(By.css('footer a[data-bzconsent-open]')).click();
    await t.waitForDialog('the footer link to open the dialog');
    const switches = await t.categorySwitches();
    assert.deepEqual(switches, {
      necessary: { checked: true, disabled: true },
      preferences: { checked: false, disabled: false },
      analytics: { checked: true, disabled: false },
      marketing: { checked: false, disabled: false },
    });
    await t.click(`${DIALOG} button[data-bz="close"]`);
    await t.waitFor(async () => !(await t.snapshot()).dialogOpen, 'Close to close the dialog');
    assert.equal((await t.record()).method, 'custom', 'closing changed nothing');
  });

  it('bzconsent.reset() brings the banner back, removes the record and deletes _ga', TEST, async () => {
    await t.open('/');
    await t.waitForBanner();
    await t.click(`${BANNER} button[data-bz="accept-all"]`);
    await t.waitForNoBanner();
    await t.waitFor(() => t.jarCookie('_ga'), '_ga in the cookie jar');
    await storedRecord('accept-all');

    await t.js('window.bzconsent.reset()');
    await t.waitForBanner('the banner to come back after reset()');
    assert.equal(await t.record(), null, 'record removed');
    await t.waitFor(async () => !/(^|; )_ga=/.test(await t.js('return document.cookie')), '_ga gone from document.cookie', 2000);
    assert.equal(await t.jarCookie('_ga'), undefined, '_ga gone from the jar');
    assert.equal(await t.js("return window.bzconsent.acceptedCategory('analytics')"), false);

    await t.reload();
    await t.waitForBanner('the banner on the next page load');
    await t.settle();
    const s = await t.snapshot();
    assert.equal(s.analyticsRuns, null, 'analytics did not run after reset and reload');
    assert.equal(await t.jarCookie('_ga'), undefined);
  });
});
