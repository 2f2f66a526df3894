// What is on this device now: the dialog's per-category tables of the cookies and storage keys
// the services declare, each said present or not from the page's real cookies and storage,
// the names no service claims under "Not classified", kept current while the dialog is open
// (cookieStore's change event, or a poll) without moving focus, announced politely.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { e2e, TEST } from './lib/harness.mjs';

const AXE = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

describe('the dialog shows what is on this device', () => {
  const t = e2e();

  /** One table cell's text: the "on this device" cell of the row named `name` in `category`. */
  const present = (category, name) =>
    t.js(`const part = document.getElementById('bzconsent-root').shadowRoot.getElementById('bz-part-${category}');
      const row = part && Array.from(part.querySelectorAll('tbody tr')).find((r) => r.querySelector('th[scope=row]')?.textContent === ${JSON.stringify(name)});
      return row ? row.lastElementChild.className : null;`);
  const count = (category) =>
    t.js(`const c = document.getElementById('bzconsent-root').shadowRoot.getElementById('bz-device-${category}-count'); return c && c.textContent;`);
  const unclassified = () =>
    t.js(`return Array.from(document.getElementById('bzconsent-root').shadowRoot.querySelectorAll('#bz-part-unclassified li')).map((l) => l.textContent);`);

  it('rows say what is present, from the real cookies and storage; the rest is "Not classified"', TEST, async () => {
    await t.open('/__fixture/ui.html?lang=en');
    await t.waitForBanner();
    await t.click('[data-bz="banner"] [data-bz="accept-all"]');
    await t.waitFor('bzconsent.acceptedCategory("analytics")', 'analytics to be accepted');
    // As Google Analytics sets it, now that it may.
    await t.js("document.cookie = '_ga=GA1.1.5.6; path=/; max-age=600'");
    await t.js("document.cookie = 'site_theme=dark; path=/'; localStorage.setItem('site-draft', '1');");
    await t.js('bzconsent.showPreferences()');
    await t.waitForDialog();
    assert.equal(await present('analytics', '_ga'), 'yes', '_ga is on this device');
    assert.equal(await present('analytics', '_gid'), 'no', '_gid is not');
    assert.equal(await present('necessary', 'bzconsent'), 'yes', "the widget's own record is");
    assert.match(await count('analytics'), /^1 of \d+ /, 'the category header counts what is present');
    assert.deepEqual(await unclassified(), ['site_theme', 'site-draft'], 'names no service claims, cookies then keys');
    const note = await t.js("return document.getElementById('bzconsent-root').shadowRoot.querySelector('.device-note').textContent");
    assert.match(note, /HttpOnly/, 'one line says the server may set cookies a page cannot list');
  });

  it('stays current while open, without moving focus, and says so politely', TEST, async () => {
    await t.open('/__fixture/ui.html?lang=en');
    await t.waitForBanner();
    await t.click('[data-bz="banner"] [data-bz="accept-all"]');
    await t.waitFor('bzconsent.acceptedCategory("analytics")', 'analytics to be accepted');
    // As Google Analytics sets it, now that it may.
    await t.js("document.cookie = '_ga=GA1.1.5.6; path=/; max-age=600'");
    await t.js('bzconsent.showPreferences()');
    await t.waitForDialog();
    // Focus on the analytics table's scroll region, as a keyboard visitor reading it would.
    await t.js(`const root = document.getElementById('bzconsent-root').shadowRoot;
      root.querySelector('#bz-part-analytics details').open = true;
      root.querySelector('#bz-part-analytics .device').focus();`);
    const focused = () =>
      t.js("const a = document.getElementById('bzconsent-root').shadowRoot.activeElement; return a && a.getAttribute('aria-labelledby');");
    assert.equal(await focused(), 'bz-device-analytics');
    await t.js("document.cookie = '_ga=; path=/; max-age=0'; document.cookie = 'site_new=1; path=/';");
    await t.waitFor(async () => (await present('analytics', '_ga')) === 'no', 'the _ga row to say it is gone', 4000);
    await t.waitFor(async () => (await unclassified()).includes('site_new'), 'the new cookie under "Not classified"', 4000);
    assert.equal(await focused(), 'bz-device-analytics', 'focus stays where it was');
    assert.match(await count('analytics'), /^0 of /);
    const live = await t.js(`const l = document.getElementById('bzconsent-root').shadowRoot.querySelector('[data-bz=live]');
      return [l.getAttribute('aria-live'), l.textContent];`);
    assert.equal(live[0], 'polite');
    assert.match(live[1], /Analytics: 0 of \d+/, 'the change is announced');
    assert.equal(
      await t.js("return document.getElementById('bzconsent-root').shadowRoot.querySelector('#bz-part-analytics details').open"),
      true,
      'an opened list stays open',
    );
  });

  it('a choice made elsewhere while the dialog is open brings it up to date in place', TEST, async () => {
    await t.open('/__fixture/ui.html?lang=en');
    await t.waitForBanner();
    await t.js('bzconsent.showPreferences()');
    await t.waitForDialog();
    await t.js(`document.getElementById('bzconsent-root').shadowRoot.querySelector('select[data-bz="language"]').focus()`);
    await t.js('bzconsent.acceptAll()');
    await t.waitFor(async () => (await t.categorySwitches()).analytics.checked, 'the analytics switch to show the choice');
    assert.equal((await t.snapshot()).dialogOpen, true, 'the dialog stays open');
    assert.equal(
      await t.js("return document.getElementById('bzconsent-root').shadowRoot.activeElement?.getAttribute('data-bz')"),
      'language',
      'focus stays where it was',
    );
    await t.js("document.cookie = '_ga=GA1.1.5.6; path=/; max-age=600'");
    await t.waitFor(async () => (await present('analytics', '_ga')) === 'yes', 'the _ga row to say it is here', 4000);
    await t.click('dialog [data-bz="save"]');
    await t.waitFor(async () => !(await t.snapshot()).dialogOpen, "the dialog's own choice to close it");
  });

  it('axe finds no violation with the tables open and names unclassified; fits 320 px', TEST, async () => {
    await t.driver.manage().window().setRect({ width: 320, height: 640 });
    try {
      await t.open('/__fixture/ui.html?lang=en');
      await t.waitForBanner();
      await t.js("document.cookie = 'site_theme=dark; path=/';");
      await t.js('bzconsent.showPreferences()');
      await t.waitForDialog();
      await t.js(`for (const d of document.getElementById('bzconsent-root').shadowRoot.querySelectorAll('details')) d.open = true;`);
      await t.js(AXE);
      const violations = await t.driver.executeAsyncScript(`
        const done = arguments[arguments.length - 1];
        axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
                            rules: { region: { enabled: false }, 'page-has-heading-one': { enabled: false } } })
          .then((r) => done(r.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ') + ': ' + n.failureSummary) }))))
          .catch((e) => done([{ id: 'axe-error', nodes: [String(e)] }]));`);
      assert.deepEqual(violations, []);
      const overflow = await t.js(`const d = document.getElementById('bzconsent-root').shadowRoot.querySelector('dialog');
        return d.scrollWidth - d.clientWidth;`);
      assert.equal(overflow, 0, 'the dialog does not scroll sideways at 320 px (the tables scroll in their regions)');
    } finally {
      await t.driver.manage().window().setRect({ width: 1280, height: 900 });
    }
  });
});
