// Shared set-up for the end-to-end tests: one test server and one browser session per test file,
// a clean origin before every test, and a check after every test that no page saw an error.
//
//   import { describe, it } from 'node:test';
//   import { e2e, TEST } from './lib/harness.mjs';
//   describe('banner', () => {
//     const t = e2e();
//     it('shows on first visit', TEST, async () => { await t.open('/'); … });
//   });

import { before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import webdriver from 'selenium-webdriver';
import { start as startServer } from '../../../tools/serve.mjs';
import { startBrowser } from './browser.mjs';

const { By } = webdriver;

/** Options for each `it`: generous, so a hanging page fails the test instead of the run. */
export const TEST = { timeout: 45_000 };

/** In-page helper source: whether an element is rendered and visible. */
const VISIBLE = `function visible(el) {
  if (!el || !el.isConnected) return false;
  if (el.getClientRects().length === 0) return false;
  if (typeof el.checkVisibility === 'function') return el.checkVisibility({ visibilityProperty: true });
  return true;
}`;

/** In-page snapshot of everything the tests look at (returned as plain data). */
const SNAPSHOT = `${VISIBLE}
const root = document.getElementById('bzconsent-root');
const shadow = root && root.shadowRoot;
const banner = shadow && shadow.querySelector('[data-bz="banner"]');
const dialog = shadow && shadow.querySelector('dialog[data-bz="dialog"]');
let stored = null, storageError = null;
try { stored = localStorage.getItem('bzconsent'); } catch (e) { storageError = String(e); }
const iframe = document.querySelector('iframe[data-category="marketing"]');
return {
  url: location.href,
  hasRoot: !!root,
  hasShadow: !!shadow,
  rootIsFirstChild: !!root && document.body.firstElementChild === root,
  bannerVisible: visible(banner),
  dialogOpen: !!dialog && dialog.open === true && visible(dialog),
  analyticsRuns: window.__analyticsRuns === undefined ? null : window.__analyticsRuns,
  inlineAnalyticsRuns: window.__inlineAnalyticsRuns === undefined ? null : window.__inlineAnalyticsRuns,
  analyticsOrder: window.__analyticsOrder ? window.__analyticsOrder.slice() : null,
  cookie: document.cookie,
  stored,
  storageError,
  iframeSrc: iframe ? iframe.getAttribute('src') : undefined,
  hasApi: typeof window.bzconsent === 'object' && window.bzconsent !== null,
};`;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Sessions and servers still open, closed on Ctrl-C or a runner's SIGTERM too.
const open = new Set();
let signalsHooked = false;
function hookSignals() {
  if (signalsHooked) return;
  signalsHooked = true;
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.once(sig, async () => {
      await Promise.allSettled([...open].map((close) => close()));
      process.exit(130);
    });
  }
}

export class E2E {
  /** @type {Awaited<ReturnType<typeof startServer>>} */ server;
  /** @type {Awaited<ReturnType<typeof startBrowser>>} */ session;
  /** @type {import('selenium-webdriver').WebDriver} */ driver;
  /** Page errors seen by pages this test already left. */
  errors = [];

  url(path = '/') {
    return this.server.url + path;
  }

  /** Runs `script` (a function or a function body) in the page. */
  js(script, ...args) {
    return this.driver.executeScript(script, ...args);
  }

  /** Loads a page of the test server (after collecting the errors of the current one). */
  async open(path = '/') {
    await this.collectPageErrors();
    await this.driver.get(this.url(path));
  }

  /** Reloads the current page (after collecting its errors). */
  async reload() {
    await this.collectPageErrors();
    await this.driver.navigate().refresh();
  }

  /** Moves the current page's `__pageErrors` into `this.errors`. */
  async collectPageErrors() {
    let url = '';
    try {
      url = await this.driver.getCurrentUrl();
    } catch {
      return;
    }
    if (!url.startsWith(this.server.url)) return;
    let errs;
    try {
      errs = await this.js('return Array.isArray(window.__pageErrors) ? window.__pageErrors.slice() : null');
    } catch (err) {
      errs = [`could not read window.__pageErrors: ${err.message}`];
    }
    if (errs === null) errs = ['the error hook did not run (window.__pageErrors is missing)'];
    for (const e of errs) this.errors.push(`${url}: ${e}`);
  }

  /** Everything tests look at on the current page, in one call. */
  snapshot() {
    return this.js(SNAPSHOT);
  }

  /** The stored record, parsed (or the raw string when it is not JSON, null when absent). */
  async record() {
    const raw = await this.js("return localStorage.getItem('bzconsent')");
    if (raw === null) return null;
    try {
      return JSON.parse(raw);
    } catch {
      return raw;
    }
  }

  /** Polls `check` (async function or in-page expression) until truthy; returns its value. */
  async waitFor(check, message, timeout = 4000) {
    const fn = typeof check === 'string' ? () => this.js(`return (${check})`) : check;
    const end = Date.now() + timeout;
    let last;
    for (;;) {
      try {
        last = await fn();
        if (last) return last;
      } catch (err) {
        last = err;
      }
      if (Date.now() > end) {
        const snap = await this.snapshot().catch((e) => `(no snapshot: ${e.message})`);
        assert.fail(`timed out after ${timeout} ms: ${message}\nlast value: ${show(last)}\npage: ${show(snap)}`);
      }
      await sleep(50);
    }
  }

  /** Waits long enough for anything the page would still do on its own (timers, loads). */
  settle(ms = 400) {
    return sleep(ms);
  }

  /** The widget's shadow root, through WebDriver. */
  async shadow() {
    const root = await this.driver.findElement(By.id('bzconsent-root'));
    return root.getShadowRoot();
  }

  /** One element inside the widget's shadow root (CSS selector). */
  async inShadow(selector) {
    const shadow = await this.shadow();
    return shadow.findElement(By.css(selector));
  }

  /** A real click on an element inside the widget's shadow root. */
  async click(selector) {
    const el = await this.inShadow(selector);
    await el.click();
  }

  /** Waits for the widget's banner to be shown. */
  waitForBanner(message = 'the banner to be shown') {
    return this.waitFor(async () => (await this.snapshot()).bannerVisible, message);
  }

  /** Waits for the banner to be gone (removed or hidden). */
  waitForNoBanner(message = 'the banner to go away') {
    return this.waitFor(async () => !(await this.snapshot()).bannerVisible, message);
  }

  waitForDialog(message = 'the preferences dialog to open') {
    return this.waitFor(async () => (await this.snapshot()).dialogOpen, message);
  }

  /**
   * Turns a category switch in the open dialog on or off with a real click. A styled switch may
   * cover its input; then the click goes to its label, as a visitor's would.
   */
  async setCategory(name, on) {
    const input = await this.inShadow(`input[type="checkbox"][data-bz-category="${name}"]`);
    if ((await input.isSelected()) === on) return;
    try {
      await input.click();
    } catch (err) {
      if (!/intercept|not interactable/i.test(`${err.name} ${err.message}`)) throw err;
      const label = await this.js(
        `const i = arguments[0];
         return i.closest('label') || (i.id && i.getRootNode().querySelector('label[for="' + CSS.escape(i.id) + '"]')) || null;`,
        input,
      );
      if (!label) throw err;
      await label.click();
    }
    await this.waitFor(async () => (await input.isSelected()) === on, `switch ${name} to be ${on ? 'on' : 'off'}`, 2000);
  }

  /** State of every category switch in the dialog: {name: {checked, disabled}}. */
  categorySwitches() {
    return this.js(`
      const shadow = document.getElementById('bzconsent-root').shadowRoot;
      const out = {};
      for (const i of shadow.querySelectorAll('dialog[data-bz="dialog"] input[type="checkbox"][data-bz-category]')) {
        out[i.dataset.bzCategory] = { checked: i.checked, disabled: i.disabled };
      }
      return out;`);
  }

  /**
   * Unregisters every service worker of the test origin and deletes the network shield's store,
   * leaving the browser on a page no worker controls.
   */
  async unregisterWorkers() {
    await this.driver.get(this.url('/__e2e/blank.html'));
    await this.driver.executeAsyncScript(`
      var done = arguments[arguments.length - 1];
      var sw = navigator.serviceWorker;
      if (!sw) return done();
      sw.getRegistrations().then(function (list) {
        return Promise.all(list.map(function (r) { return r.unregister(); }));
      }).then(function () {
        var d = indexedDB.deleteDatabase('bzconsent-shield');
        d.onsuccess = d.onerror = d.onblocked = function () { done(); };
      }, function () { done(); });`);
    // Now uncontrolled: a page opened while a worker was still in charge would be its client.
    await this.driver.get(this.url('/__e2e/blank.html'));
  }

  /** Requests the server received for a path (with any query). */
  requestsFor(path) {
    return this.server.requests().filter((r) => r.path === path || r.path.startsWith(path + '?'));
  }

  /** A cookie from the browser's own jar (not document.cookie), or undefined. */
  async jarCookie(name) {
    const all = await this.driver.manage().getCookies();
    return all.find((c) => c.name === name);
  }
}

function show(value) {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/**
 * Registers the hooks of an end-to-end test file (call inside `describe`) and returns the
 * helper its tests use. Starts the server (test mode) and one browser for the file; before each
 * test empties the cookie jar, localStorage and sessionStorage on the origin and the request log;
 * after each test fails it if any page showed an error. `browserOptions` go to `startBrowser`.
 */
export function e2e(serverOptions = {}, browserOptions = {}) {
  const t = new E2E();
  let close = null;

  before(async () => {
    hookSignals();
    t.server = await startServer({ port: 0, test: true, logConsent: false, ...serverOptions });
    try {
      t.session = await startBrowser(browserOptions);
    } catch (err) {
      await t.server.close();
      throw err;
    }
    t.driver = t.session.driver;
    close = async () => {
      await t.session.quit();
      await t.server.close();
    };
    open.add(close);
  });

  after(async () => {
    if (!close) return;
    open.delete(close);
    await close();
  });

  beforeEach(async () => {
    t.errors = [];
    await t.driver.get(t.url('/__e2e/blank.html'));
    await t.session.clearAllCookies();
    await t.driver.manage().deleteAllCookies();
    // Storage access throws when the browser blocks site data; then there is nothing to clear.
    await t.js('try { localStorage.clear(); sessionStorage.clear(); } catch (e) {}');
    await t.session.consoleErrors(); // drop what earlier tests logged
    t.server.clearRequests();
  });

  afterEach(async () => {
    await t.collectPageErrors();
    const errors = t.errors;
    t.errors = [];
    if (errors.length) {
      const console = await t.session.consoleErrors();
      assert.fail(`page errors:\n  ${errors.join('\n  ')}${console.length ? `\nbrowser console:\n  ${console.join('\n  ')}` : ''}`);
    }
  });

  return t;
}

/** A stored record as the contract describes it, for tests that plant one. */
export function makeRecord({
  revision = 1,
  daysAgo = 0,
  analytics = true,
  marketing = false,
  preferences = false,
  method = 'custom',
} = {}) {
  return {
    schema: 1,
    revision,
    id: globalThis.crypto.randomUUID(),
    timestamp: new Date(Date.now() - daysAgo * 86_400_000).toISOString(),
    categories: { necessary: true, preferences, analytics, marketing },
    services: { 'google-analytics': analytics, youtube: marketing },
    method,
  };
}
