// What every visitor can use: axe-core finds no violation on the banner, the dialog and the
// placeholder in any language; the keyboard alone completes a choice; focus comes back; the
// banner causes no layout shift and fits a 320 px screen.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import webdriver from 'selenium-webdriver';
import { e2e, TEST } from './lib/harness.mjs';

const { Key } = webdriver;
const AXE = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
const LANGS = ['az', 'en', 'ru', 'tr', 'zh'];

describe('accessibility', () => {
  const t = e2e();

  /** Runs axe on the page (it covers open shadow roots) and returns the violations. */
  async function axe() {
    await t.js(AXE);
    const result = await t.driver.executeAsyncScript(`
      const done = arguments[arguments.length - 1];
      axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
                          rules: { region: { enabled: false }, 'page-has-heading-one': { enabled: false } } })
        .then((r) => done(r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ') + ': ' + n.failureSummary) }))))
        .catch((e) => done([{ id: 'axe-error', nodes: [String(e)] }]));`);
    return result;
  }

  for (const lang of LANGS) {
    it(`axe finds no violation on banner, dialog and placeholder (${lang})`, TEST, async () => {
      await t.open(`/__fixture/ui.html?lang=${lang}`);
      await t.waitForBanner();
      const lang_ = await t.js('return document.getElementById("bzconsent-root").shadowRoot.querySelector("[data-bz=banner]").lang');
      assert.equal(lang_, lang);
      assert.deepEqual(await axe(), [], 'banner');
      await t.click('[data-bz="banner"] button[data-bz="customize"]');
      await t.waitForDialog();
      await t.js(`for (const d of document.getElementById('bzconsent-root').shadowRoot.querySelectorAll('details')) d.open = true;`);
      assert.deepEqual(await axe(), [], 'dialog');
    });
  }

  it('dark colours pass too', TEST, async () => {
    await t.driver.sendDevToolsCommand?.('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: 'dark' }] });
    await t.open('/__fixture/ui.html?lang=en');
    await t.waitForBanner();
    assert.deepEqual(await axe(), [], 'banner (dark)');
    await t.js('bzconsent.showPreferences()');
    await t.waitForDialog();
    assert.deepEqual(await axe(), [], 'dialog (dark)');
    await t.driver.sendDevToolsCommand?.('Emulation.setEmulatedMedia', { features: [] });
  });

  it('keyboard only: Customize, analytics on, Save; focus is not lost', TEST, async () => {
    await t.open('/__fixture/ui.html?lang=en');
    await t.waitForBanner();
    const active = () =>
      t.js(`const r = document.getElementById('bzconsent-root');
            const a = document.activeElement === r ? r.shadowRoot.activeElement : document.activeElement;
            return a ? (a.getAttribute('data-bz') || a.getAttribute('data-bz-category') || a.id || a.tagName) : null;`);
    const press = (...keys) => t.driver.actions().sendKeys(...keys).perform();
    // Tab from the top of the page until the banner's Customize button has focus.
    for (let i = 0; i < 30 && (await active()) !== 'customize'; i++) await press(Key.TAB);
    assert.equal(await active(), 'customize');
    await press(Key.ENTER);
    await t.waitForDialog();
    for (let i = 0; i < 30 && (await active()) !== 'analytics'; i++) await press(Key.TAB);
    assert.equal(await active(), 'analytics', 'Tab reaches the analytics switch');
    await press(Key.SPACE);
    for (let i = 0; i < 30 && (await active()) !== 'save'; i++) await press(Key.TAB);
    assert.equal(await active(), 'save');
    await press(Key.ENTER);
    await t.waitForNoBanner();
    const record = await t.record();
    assert.equal(record.method, 'custom');
    assert.equal(record.categories.analytics, true);
    assert.equal(record.categories.marketing, false);
    assert.equal((await t.snapshot()).dialogOpen, false);
  });

  it('focus stays inside the open dialog, Escape closes it and focus returns to the link', TEST, async () => {
    await t.open('/__fixture/ui.html?lang=en');
    await t.js('bzconsent.acceptAll()');
    await t.js('document.getElementById("settings").focus()');
    await t.driver.actions().sendKeys(Key.ENTER).perform();
    await t.waitForDialog();
    const inside = () =>
      t.js(`const r = document.getElementById('bzconsent-root');
            return document.activeElement === r && !!r.shadowRoot.activeElement && !!r.shadowRoot.activeElement.closest('dialog');`);
    for (let i = 0; i < 25; i++) {
      assert.ok(await inside(), `focus left the dialog after ${i} Tab presses`);
      await t.driver.actions().sendKeys(Key.TAB).perform();
    }
    await t.driver.actions().keyDown(Key.SHIFT).sendKeys(Key.TAB).keyUp(Key.SHIFT).perform();
    assert.ok(await inside(), 'Shift+Tab stays inside');
    await t.driver.actions().sendKeys(Key.ESCAPE).perform();
    await t.waitFor(async () => !(await t.snapshot()).dialogOpen, 'Escape to close the dialog');
    assert.equal(await t.js('return document.activeElement && document.activeElement.id'), 'settings');
  });

  it('the banner causes no layout shift and fits 320 px without horizontal scrolling', TEST, async () => {
    await t.driver.manage().window().setRect({ width: 320, height: 640 });
    try {
      await t.open('/__fixture/ui.html?lang=zh');
      await t.waitForBanner();
      await t.settle(500);
      const m = await t.js(`
        return new Promise((done) => {
          let cls = 0;
          new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) cls += e.value; })
            .observe({ type: 'layout-shift', buffered: true });
          const b = document.getElementById('bzconsent-root').shadowRoot.querySelector('[data-bz=banner]');
          setTimeout(() => done({ cls, overflow: b.scrollWidth - b.clientWidth, width: b.getBoundingClientRect().width,
                                  page: document.documentElement.scrollWidth - document.documentElement.clientWidth }), 300);
        });`);
      assert.equal(m.cls, 0, 'CLS');
      assert.ok(m.overflow <= 0, `banner overflows by ${m.overflow}px`);
      assert.ok(m.page <= 0, `page scrolls sideways by ${m.page}px`);
    } finally {
      await t.driver.manage().window().setRect({ width: 1280, height: 800 });
    }
  });

  it('the banner does not hide the page\'s own Cookie settings link for good', TEST, async () => {
    await t.driver.manage().window().setRect({ width: 390, height: 700 });
    try {
      await t.open('/');
      await t.waitForBanner();
      await t.waitFor('document.querySelector("[data-bz-spacer]")', 'room at the end of the (long) page');
      const hit = await t.js(`window.scrollTo(0, document.documentElement.scrollHeight);
        const all = document.querySelectorAll('[data-bzconsent-open]'); const a = all[all.length - 1];
        const r = a.getBoundingClientRect();
        return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === a;`);
      assert.equal(hit, true, 'the link can be scrolled above the banner and clicked');
      await t.js('bzconsent.rejectAll()');
      assert.equal(await t.js('return document.querySelector("[data-bz-spacer]")'), null, 'the room goes with the banner');
    } finally {
      await t.driver.manage().window().setRect({ width: 1280, height: 800 });
    }
  });

  it('the placeholder names the service and "Allow and load" loads only that one', TEST, async () => {
    await t.open('/__fixture/ui.html?lang=en');
    await t.waitForBanner();
    const text = await t.js(`const h = document.querySelector('[data-bz-placeholder]'); return h && h.shadowRoot.textContent`);
    assert.match(text, /YouTube/);
    const button = await t.js(`return document.querySelector('[data-bz-placeholder]').shadowRoot.querySelector('button')`);
    await button.click();
    await t.waitFor(`document.querySelector('iframe').getAttribute('src') === '/embed/video.html'`, 'the video to load');
    const record = await t.record();
    assert.equal(record.services.youtube, true);
    assert.equal(record.categories.marketing, false);
    assert.equal(await t.js('return document.querySelectorAll("[data-bz-placeholder]").length'), 0);
  });
});
