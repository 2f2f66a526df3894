// Bad input from the browser: corrupt or stale stored records, storage that throws.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { e2e, makeRecord, TEST } from './lib/harness.mjs';

describe('robustness', () => {
  const t = e2e();

  async function plant(value) {
    await t.js("localStorage.setItem('bzconsent', arguments[0])", value);
  }

  const noChoice = [
    ['not JSON', '/', () => '{not json'],
    ['of another schema', '/', () => '{"schema":99}'],
    ['from an older revision', '/__fixture/revision-2.html', () => JSON.stringify(makeRecord({ revision: 1, marketing: true, method: 'accept-all' }))],
    ['expired (200 days old)', '/', () => JSON.stringify(makeRecord({ daysAgo: 200, marketing: true, method: 'accept-all' }))],
  ];
  for (const [what, page, value] of noChoice) {
    it(`a stored record ${what} counts as no choice: banner, nothing runs, no error`, TEST, async () => {
      await plant(value());
      await t.open(page);
      await t.waitForBanner();
      await t.settle(600);
      const s = await t.snapshot();
      assert.equal(s.analyticsRuns, null, 'analytics did not run');
      assert.equal(s.inlineAnalyticsRuns, null, 'inline analytics did not run');
      assert.deepEqual(t.requestsFor('/js/analytics.js'), []);
      assert.ok(s.iframeSrc == null, 'video not loaded');
      assert.equal(await t.js("return bzconsent.acceptedCategory('analytics')"), false);
    });
  }

  // Controls: the planted records above are rejected for the stated reason, not for their shape.
  it('a valid stored record is honoured (analytics on, marketing off)', TEST, async () => {
    await plant(JSON.stringify(makeRecord()));
    await t.open('/');
    await t.waitFor('window.__analyticsRuns === 1', 'analytics to run under a valid record');
    await t.settle(600);
    const s = await t.snapshot();
    assert.equal(s.bannerVisible, false, 'no banner');
    assert.equal(s.analyticsRuns, 1);
    assert.ok(s.iframeSrc == null, 'video not loaded');
  });

  it('a current-revision record is honoured on the revision-2 page', TEST, async () => {
    await plant(JSON.stringify(makeRecord({ revision: 2 })));
    await t.open('/__fixture/revision-2.html');
    await t.waitFor('window.__analyticsRuns === 1', 'analytics to run under a revision-2 record');
    await t.settle();
    assert.equal((await t.snapshot()).bannerVisible, false, 'no banner');
  });

  it('localStorage that throws: banner shows, Accept all works for the page, no error', TEST, async () => {
    await t.open('/__fixture/storage-blocked.html');
    assert.equal(
      await t.js('try { window.localStorage; return "readable"; } catch (e) { return e.name; }'),
      'SecurityError',
      'the fixture blocks storage',
    );
    await t.waitForBanner();
    await t.click('[data-bz="banner"] button[data-bz="accept-all"]');
    await t.waitForNoBanner();
    await t.waitFor('window.__analyticsRuns === 1 && window.__inlineAnalyticsRuns === 1', 'analytics to run');
    assert.equal(await t.js("return bzconsent.acceptedCategory('analytics')"), true);
    await t.settle();
    assert.equal(await t.js('return window.__analyticsRuns'), 1);
  });
});
