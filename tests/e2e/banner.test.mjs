// First visit: the banner, and that nothing needing consent happens before a choice.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { e2e, TEST } from './lib/harness.mjs';

describe('first visit', () => {
  const t = e2e();

  it('shows the banner in the shadow root of the first child of <body>, with three real buttons', TEST, async () => {
    await t.open('/');
    await t.waitForBanner();
    const s = await t.snapshot();
    assert.ok(s.hasRoot, '#bzconsent-root exists');
    assert.ok(s.hasShadow, '#bzconsent-root has an open shadow root');
    assert.ok(s.rootIsFirstChild, '#bzconsent-root is the first child of <body>');
    for (const name of ['accept-all', 'reject-all', 'customize']) {
      const button = await t.inShadow(`[data-bz="banner"] [data-bz="${name}"]`);
      assert.equal(await button.getTagName(), 'button', `${name} is a <button>`);
      assert.ok(await button.isDisplayed(), `${name} is visible`);
      assert.notEqual((await button.getText()).trim(), '', `${name} has visible text`);
    }
  });

  it('before any choice: no _ga cookie, no analytics run, no video loaded, no request for either', TEST, async () => {
    await t.open('/');
    await t.waitForBanner();
    await t.settle(600);
    const s = await t.snapshot();
    assert.equal(s.analyticsRuns, null, 'window.__analyticsRuns is undefined');
    assert.equal(s.inlineAnalyticsRuns, null, 'window.__inlineAnalyticsRuns is undefined');
    assert.doesNotMatch(s.cookie, /(^|; )_ga=/, 'no _ga in document.cookie');
    assert.equal(await t.jarCookie('_ga'), undefined, 'no _ga in the browser cookie jar');
    assert.ok(s.iframeSrc == null, `the video iframe has no src (got ${JSON.stringify(s.iframeSrc)})`);
    assert.deepEqual(t.requestsFor('/js/analytics.js'), [], 'no request for /js/analytics.js');
    assert.deepEqual(t.requestsFor('/embed/video.html'), [], 'no request for /embed/video.html');
    assert.equal(s.stored, null, 'no record is stored before a choice');
  });

  it("carries only the visitor's language: its file comes with the UI, another is fetched from beside the guard at a switch", TEST, async () => {
    await t.open('/');
    await t.waitForBanner();
    const lang = (selector) => t.js(`const e = document.getElementById('bzconsent-root').shadowRoot.querySelector('${selector}'); return e && e.getAttribute('lang')`);
    assert.equal(await lang('[data-bz="banner"]'), 'az', 'the demo page is in Azerbaijani');
    const files = () => ['az', 'en', 'ru', 'tr', 'zh'].map((l) => t.requestsFor(`/bzconsent-lang-${l}.js`).length);
    assert.deepEqual(files(), [1, 0, 0, 0, 0], 'only the visitor\'s language file is loaded');
    await t.click('[data-bz="banner"] [data-bz="customize"]');
    await t.waitForDialog();
    await t.setCategory('analytics', true);
    const choose = (code) =>
      t.js(`const s = document.getElementById('bzconsent-root').shadowRoot.querySelector('select[data-bz="language"]');
        s.value = '${code}'; s.dispatchEvent(new Event('change', { bubbles: true }));`);
    await choose('ru');
    await t.waitFor(async () => (await lang('dialog[data-bz="dialog"]')) === 'ru', 'the dialog to be drawn in Russian');
    assert.equal(await lang('[data-bz="banner"]'), 'ru', 'the banner behind it too');
    assert.deepEqual(files(), [1, 0, 1, 0, 0], 'the Russian file fetched once');
    const text = await (await t.inShadow('dialog [data-bz="save"]')).getAttribute('textContent');
    assert.match(text, /[а-яё]/i, `the Save button speaks Russian (${text})`);
    assert.equal(await (await t.inShadow('input[data-bz-category="analytics"]')).isSelected(), true, 'the switches are kept');
    assert.equal(
      await t.js("return document.getElementById('bzconsent-root').shadowRoot.activeElement?.getAttribute('data-bz')"),
      'language',
      'focus stays on the language switcher',
    );
    await choose('az');
    await t.waitFor(async () => (await lang('dialog[data-bz="dialog"]')) === 'az', 'the dialog to be drawn in Azerbaijani again');
    assert.deepEqual(files(), [1, 0, 1, 0, 0], 'a language already here is not fetched again');
  });
});
