// window.bzconsent and its events, and marked scripts added by code after start.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { e2e, TEST } from './lib/harness.mjs';

describe('JavaScript API', () => {
  const t = e2e();

  it('bzconsent:ready fires once', TEST, async () => {
    await t.open('/');
    await t.waitFor('typeof window.bzconsent === "object"', 'window.bzconsent to exist');
    await t.settle();
    const events = await t.js('return window.__bzEvents');
    assert.deepEqual(events.map((e) => e.type), ['bzconsent:ready']);
  });

  it('acceptedCategory, getRecord and bzconsent:change follow acceptAll()', TEST, async () => {
    await t.open('/');
    await t.waitFor('typeof window.bzconsent === "object"', 'window.bzconsent to exist');
    const before = await t.js(`return {
      necessary: bzconsent.acceptedCategory('necessary'),
      analytics: bzconsent.acceptedCategory('analytics'),
      record: bzconsent.getRecord(),
    }`);
    assert.deepEqual(before, { necessary: true, analytics: false, record: null });

    await t.js('bzconsent.acceptAll()');
    await t.waitFor("bzconsent.acceptedCategory('analytics') === true", "acceptedCategory('analytics') after acceptAll()");
    assert.equal(await t.js("return bzconsent.acceptedCategory('necessary')"), true);

    const changes = (await t.js('return window.__bzEvents')).filter((e) => e.type === 'bzconsent:change');
    assert.equal(changes.length, 1, 'one bzconsent:change event');
    const { detail } = changes[0];
    assert.ok(detail && detail.record, 'detail.record is set');
    assert.equal(detail.record.method, 'accept-all');
    assert.ok(Array.isArray(detail.changed) && detail.changed.includes('analytics'), `detail.changed has analytics (${JSON.stringify(detail.changed)})`);

    const result = await t.js(`
      const first = bzconsent.getRecord();
      const stored = localStorage.getItem('bzconsent');
      first.method = 'reject-all';
      first.categories.analytics = false;
      first.categories.necessary = false;
      const second = bzconsent.getRecord();
      return {
        first, second, same: first === second, stored, storedAfter: localStorage.getItem('bzconsent'),
        analytics: bzconsent.acceptedCategory('analytics'),
      };`);
    assert.equal(result.same, false, 'getRecord() returns a new object each time');
    assert.deepEqual(result.second, JSON.parse(result.stored), 'getRecord() equals the stored record');
    assert.equal(result.second.method, 'accept-all', 'mutating a copy changed nothing');
    assert.equal(result.second.categories.analytics, true);
    assert.equal(result.storedAfter, result.stored, 'stored record untouched');
    assert.equal(result.analytics, true);
    assert.deepEqual(detail.record, result.second, 'event record equals getRecord()');
  });

  // The guard reads and enforces; the UI file records. On a returning visit the UI is not
  // loaded: a choice through the API applies at once, and is stored (and announced) when the UI
  // file has arrived.
  it('on a returning visit (no UI loaded), acceptAll() applies at once and is stored when the UI arrives', TEST, async () => {
    // A page with no held embed: nothing else loads the UI.
    const page = '/__fixture/late-scripts.html';
    await t.open(page);
    await t.waitFor('typeof window.bzconsent === "object"', 'window.bzconsent to exist');
    await t.js('bzconsent.rejectAll()');
    await t.waitFor("JSON.parse(localStorage.getItem('bzconsent') || 'null') !== null", 'the choice to be stored');
    await t.open(page);
    await t.waitFor('typeof window.bzconsent === "object"', 'window.bzconsent to exist');
    await t.settle();
    assert.equal(await t.js("return !!document.querySelector('script[src$=\"bzconsent-ui.js\"]')"), false, 'a returning visit loads no UI file');
    const at = await t.js(`
      bzconsent.acceptAll();
      return { analytics: bzconsent.acceptedCategory('analytics'), record: bzconsent.getRecord(),
        changes: window.__bzEvents.filter(function (e) { return e.type === 'bzconsent:change'; }).length };`);
    assert.deepEqual(at, { analytics: true, record: null, changes: 0 }, 'in force at once; not stored yet, nothing announced');
    await t.waitFor("window.__bzEvents.some(function (e) { return e.type === 'bzconsent:change'; })", 'bzconsent:change once stored');
    const after = await t.js(`return { stored: JSON.parse(localStorage.getItem('bzconsent')), record: bzconsent.getRecord(),
      change: window.__bzEvents.filter(function (e) { return e.type === 'bzconsent:change'; }) }`);
    assert.equal(after.stored.method, 'accept-all', 'stored by the UI file');
    assert.deepEqual(after.record, after.stored, 'getRecord() is the stored record');
    assert.equal(after.change.length, 1, 'one bzconsent:change');
    assert.deepEqual(after.change[0].detail.record, after.stored);
    assert.ok(after.change[0].detail.changed.includes('analytics'), `changed names analytics: ${JSON.stringify(after.change[0].detail.changed)}`);
  });

  it('marked scripts added by code after load wait for consent, then run once after acceptAll()', TEST, async () => {
    await t.open('/__fixture/late-scripts.html');
    await t.waitFor('window.__lateAdded === true', 'the page to add its scripts');
    await t.settle(600);
    let state = await t.js('return [window.__lateSrcRuns, window.__lateInlineRuns]');
    assert.deepEqual(state, [null, null], 'neither ran before consent');
    assert.deepEqual(t.requestsFor('/__e2e/late-analytics.js'), [], 'no request before consent');

    await t.js('bzconsent.acceptAll()');
    await t.waitFor('window.__lateSrcRuns === 1 && window.__lateInlineRuns === 1', 'both to run after acceptAll()');
    await t.settle();
    state = await t.js('return [window.__lateSrcRuns, window.__lateInlineRuns, window.__lateOrder]');
    assert.deepEqual(state, [1, 1, ['src', 'inline']], 'each ran once, in document order');
  });
});
