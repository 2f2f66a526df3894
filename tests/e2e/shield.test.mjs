// The network shield (pkg/bzconsent-sw.js): a service worker the guard registers when the
// configuration names it (`"serviceWorker": "/bzconsent-sw.js"`). It refuses requests to known
// trackers whose category is not accepted, including those no hook on a page can see: what a
// later page's HTML carries (`<script src>`, `<img src>`, a first-party stylesheet naming a
// collector), fetched by the browser before any script runs. Each test first sees the leak
// without the widget (`?bare`: an empty script in its place, no worker registered).
// The pages are http://127.0.0.1:<port> (a secure context, so service workers are allowed); the
// trackers answer on https port 443 (`alsoListen`), as in the HTML of a real site.

import { describe, it, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { e2e, TEST } from './lib/harness.mjs';
import { requestsTo, show } from './lib/blocking.mjs';

const SHIELD = '/bzconsent-sw.js';
const page = (name, sw, extra = '') => `/__fixture/${name}.html?sw=${sw ? encodeURIComponent(sw) : ''}${extra}`;
const TRACKERS = ['hm.baidu.com', 'google-analytics.com'];

describe('network shield', () => {
  const t = e2e({ alsoListen: [443] });

  beforeEach(() => t.unregisterWorkers());
  afterEach(() => t.unregisterWorkers());

  /** Waits until the page is controlled by a service worker whose script is `path`. */
  function waitForControl(path) {
    return t.waitFor(
      `navigator.serviceWorker && navigator.serviceWorker.controller && new URL(navigator.serviceWorker.controller.scriptURL).pathname === ${JSON.stringify(path)}`,
      `the page to be controlled by ${path}`,
      10_000,
    );
  }

  /** Loads the page whose HTML carries trackers; the requests that reached each tracker. */
  async function trackersPage(sw, bare) {
    t.server.clearRequests();
    await t.open(page('shield-trackers', sw, bare ? '&bare' : ''));
    await t.waitFor('document.readyState === "complete"', 'the page to load', 10_000);
    await t.settle(800);
    return {
      // Distinct requests: an engine may fetch the same pixel twice.
      trackers: [...new Set(requestsTo(t.server, TRACKERS).map(show))].sort(),
      own: t.requestsFor('/__e2e/own-pixel.gif').length,
    };
  }

  it("after Reject all, a later page's unmarked tracker <script src>, <img src> and first-party stylesheet make no request", TEST, async () => {
    const bare = await trackersPage('', true);
    assert.equal(bare.trackers.length, 3, `without the widget the HTML's trackers are fetched: ${bare.trackers.join(', ')}`);

    await t.open(page('shield', SHIELD));
    await t.waitForBanner();
    await waitForControl(SHIELD);
    await t.click('[data-bz="banner"] button[data-bz="reject-all"]');
    await t.waitForNoBanner();

    const shielded = await trackersPage(SHIELD, false);
    assert.deepEqual(shielded.trackers, [], 'with the shield nothing reaches the trackers');
    assert.ok(shielded.own >= 1, "the site's own request passes untouched");
  });

  it('a visitor who rejects at once on the first page, before anything else happens, is shielded on the next', TEST, async () => {
    await t.open(page('shield', SHIELD));
    await t.waitForBanner();
    await t.click('[data-bz="banner"] button[data-bz="reject-all"]');
    const next = await trackersPage(SHIELD, false);
    assert.deepEqual(next.trackers, [], 'nothing reaches the trackers');
  });

  it('learns each choice at once: after Accept all the same page loads them, after a withdrawal not', TEST, async () => {
    await t.open(page('shield', SHIELD));
    await t.waitForBanner();
    await waitForControl(SHIELD);
    await t.js('bzconsent.acceptAll()');
    const accepted = await trackersPage(SHIELD, false);
    assert.equal(accepted.trackers.length, 3, `accepted: the trackers load: ${accepted.trackers.join(', ')}`);

    // Withdrawn on the page the shield controls, then the next page at once.
    await t.js('bzconsent.rejectAll()');
    const withdrawn = await trackersPage(SHIELD, false);
    assert.deepEqual(withdrawn.trackers, [], 'withdrawn: nothing reaches them');
  });

  it('a restarted worker reads the choice back from IndexedDB (restarted where the engine lets a test stop it: Chromium)', TEST, async () => {
    // Accepted, so that a worker that lost the choice (and refuses by default) would be seen.
    await t.open(page('shield', SHIELD));
    await waitForControl(SHIELD);
    await t.js('bzconsent.acceptAll()');
    await t.settle(300);
    const stored = await t.driver.executeAsyncScript(`
      var done = arguments[arguments.length - 1];
      var open = indexedDB.open('bzconsent-shield');
      open.onsuccess = function () {
        var get = open.result.transaction('state').objectStore('state').get(1);
        get.onsuccess = function () { open.result.close(); done(get.result); };
        get.onerror = function () { done(null); };
      };
      open.onerror = function () { done(null); };`);
    assert.ok(Array.isArray(stored) && /accept-all/.test(stored[1]), `the choice is kept for later pages: ${JSON.stringify(stored)}`);
    if (t.session.engine === 'chromium') {
      await t.driver.sendDevToolsCommand('ServiceWorker.enable', {});
      await t.driver.sendDevToolsCommand('ServiceWorker.stopAllWorkers', {});
      await t.driver.sendDevToolsCommand('ServiceWorker.disable', {});
    }
    const later = await trackersPage(SHIELD, false);
    assert.equal(later.trackers.length, 3, `accepted: the trackers load: ${later.trackers.join(', ')}`);
  });

  it('before any choice, the first controlled page already refuses them (no stored state needed)', TEST, async () => {
    await t.open(page('shield', SHIELD));
    await waitForControl(SHIELD);
    const first = await trackersPage(SHIELD, false);
    assert.deepEqual(first.trackers, [], 'no choice: nothing reaches the trackers');
  });

  it('a page whose configuration no longer names the shield unregisters it', TEST, async () => {
    await t.open(page('shield', SHIELD));
    await waitForControl(SHIELD);
    await t.open(page('shield', ''));
    await t.waitFor(async () => {
      const n = await t.driver.executeAsyncScript(
        'var done = arguments[arguments.length - 1]; navigator.serviceWorker.getRegistrations().then(function (l) { done(l.length); }, function () { done(-1); });',
      );
      return n === 0;
    }, 'the shield to unregister itself', 10_000);
  });

  it("in a worker the site registers itself (not named in the configuration), the shield learns the choices all the same", TEST, async () => {
    await t.open(page('shield', '', '&register=' + encodeURIComponent('/site-sw.js')));
    await waitForControl('/site-sw.js');
    await t.js('bzconsent.acceptAll()');
    const accepted = await trackersPage('', false);
    assert.equal(accepted.trackers.length, 3, `accepted: the trackers load: ${accepted.trackers.join(', ')}`);
    await t.js('bzconsent.rejectAll()');
    const refused = await trackersPage('', false);
    assert.deepEqual(refused.trackers, [], 'refused: nothing reaches them');
  });

  it("pulled into the site's own worker with importScripts: blocks there, and the site's worker keeps its own routes and stays", TEST, async () => {
    await t.open(page('shield', '/site-sw.js'));
    await waitForControl('/site-sw.js');
    await t.js('bzconsent.rejectAll()');
    const shielded = await trackersPage('/site-sw.js', false);
    assert.deepEqual(shielded.trackers, [], "inside the site's worker nothing reaches the trackers");
    const pong = await t.driver.executeAsyncScript(
      "var done = arguments[arguments.length - 1]; fetch('/__site-sw/ping').then(function (r) { return r.text(); }).then(done, function (e) { done(String(e)); });",
    );
    assert.equal(pong, "pong from the site's worker");
    // A page without the setting: the site's worker is the site's, and stays.
    await t.open(page('shield', ''));
    await t.settle(1000);
    const left = await t.driver.executeAsyncScript(
      'var done = arguments[arguments.length - 1]; navigator.serviceWorker.getRegistrations().then(function (l) { done(l.map(function (r) { var w = r.active || r.waiting || r.installing; return w && new URL(w.scriptURL).pathname; })); });',
    );
    assert.deepEqual(left, ['/site-sw.js']);
  });
});
