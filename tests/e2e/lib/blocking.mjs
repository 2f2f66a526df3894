// Helpers for the blocking tests (blocking-*.test.mjs): pages served as a real site,
// https://www.bzpak.test/ on port 443, so trackers load from their real URLs (no port) and
// cookies get the domain variants they get on www.bzpak.com (`www.bzpak.test`, `.bzpak.test`).
//
//   const t = e2e({ alsoListen: [443] });
//   const site = onSite(t);                 // registers its hooks after the harness's
//   await site.open('/__fixture/blocking-sdks.html');
//   const jar = await site.cookies();       // [{name, domain, path}] as the browser holds them

import { before, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { SITE_HOST, hostIn } from './trackers.mjs';

export const SITE = `https://${SITE_HOST}`;

/** Requests in the server's log that went to any host under one of `domains`. */
export function requestsTo(server, domains) {
  return server.requests().filter((r) => domains.some((d) => hostIn(r.host, d)));
}

/**
 * Polls `read` until `ok(value)` holds or `timeout` ms pass; returns the last value. For the
 * browser's cookie jar as WebDriver sees it: a `document.cookie` write is applied in the page at
 * once but reaches the browser's cookie store a moment later.
 */
export async function eventually(read, ok, timeout = 3000) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > end) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** `host/path` of a logged request, for messages. */
export const show = (r) => `${r.method} ${String(r.host).replace(/:443$/, '')}${r.path.length > 90 ? r.path.slice(0, 90) + '…' : r.path}`;

/**
 * Serves the test's pages from https://www.bzpak.test (port 443): the server must have been
 * started with `alsoListen: [443]` (root, or CAP_NET_BIND_SERVICE). Page errors of site pages
 * count like those of the harness's own pages; before each test the site origin's storage is
 * emptied too.
 */
export function onSite(t) {
  const base = t.collectPageErrors.bind(t);
  // The harness collects errors from its own origin only; site pages report theirs the same way.
  t.collectPageErrors = async () => {
    let url = '';
    try {
      url = await t.driver.getCurrentUrl();
    } catch {
      return;
    }
    if (!url.startsWith(SITE + '/')) return base();
    let errs;
    try {
      errs = await t.js('return Array.isArray(window.__pageErrors) ? window.__pageErrors.slice() : null');
    } catch (err) {
      errs = [`could not read window.__pageErrors: ${err.message}`];
    }
    if (errs === null) errs = ['the error hook did not run (window.__pageErrors is missing)'];
    for (const e of errs) t.errors.push(`${url}: ${e}`);
  };

  before(() => {
    assert.ok(
      t.server.ports.includes(443),
      `the test server could not listen on port 443 (needed to serve https://${SITE_HOST}/ and the SDKs' real hosts): run as root or grant node CAP_NET_BIND_SERVICE`,
    );
  });

  beforeEach(async () => {
    // The harness empties the whole jar where the engine can (Chromium); elsewhere WebDriver
    // deletes what the current page sees: from a page under /__fixture/ (a 404 is enough) that
    // is every variant the tests write, on / and /__fixture, for the host and its parent domain.
    await t.driver.get(`${SITE}/__fixture/no-such-page`);
    await t.driver.manage().deleteAllCookies();
    await t.driver.get(`${SITE}/__e2e/blank.html`);
    await t.js('localStorage.clear(); sessionStorage.clear();');
    t.server.clearRequests();
  });

  return {
    url: (path) => SITE + path,
    /** Loads a site page (after collecting the errors of the current one). */
    async open(path) {
      await t.collectPageErrors();
      await t.driver.get(SITE + path);
    },
    /** Every cookie the browser sends to the current page: name, value, domain, path. */
    async cookies() {
      return (await t.driver.manage().getCookies()).map((c) => ({ name: c.name, value: c.value, domain: c.domain, path: c.path }));
    },
    /** Keys of localStorage and sessionStorage. */
    storageKeys() {
      return t.js('return {local: Object.keys(localStorage), session: Object.keys(sessionStorage)}');
    },
  };
}
