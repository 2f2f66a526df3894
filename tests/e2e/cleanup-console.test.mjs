// The clean-up leaves the console quiet: deleting every path and domain variant of refused
// cookies must not make the browser log a rejected cookie (Firefox logs "Cookie “_ga” has been
// rejected for invalid domain" for a domain it cannot accept, such as the top-level `test` on
// www.bzpak.test). Firefox's console is read through WebDriver BiDi, Chromium's through its log;
// WebKit has no console channel (there the test checks the clean-up only).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { e2e, TEST } from './lib/harness.mjs';
import { eventually, onSite } from './lib/blocking.mjs';

const PAGE = '/__fixture/blocking-vendors.html';
const COOKIES = /^(_ga|_ga_TEST1|_fbp|_ym_uid|_ym_d|_ym_isad|Hm_l(v|pv)t_.*)$/;

describe('clean-up without console noise', () => {
  const t = e2e({ alsoListen: [443] }, { console: true });
  const site = onSite(t);

  it('deleting every variant of the refused cookies makes the browser log nothing', TEST, async () => {
    await site.open(PAGE);
    await t.js('bzconsent.acceptAll()');
    await t.waitFor(async () => (await site.cookies()).some((c) => c.name === '_fbp'), 'the vendors to write their cookies');
    // Variants on the paths and domains the page can reach, as trackers leave them.
    await t.js(`
      document.cookie = '_ga=GA1.1.7.7; path=/__fixture';
      document.cookie = '_ga=GA1.1.8.8; path=/__fixture/; domain=www.bzpak.test';
      document.cookie = '_fbp=fb.1.2.3; path=/__fixture; domain=www.bzpak.test';
      document.cookie = '_ym_d=1; path=/__fixture/; domain=.bzpak.test';
      document.cookie = '_ym_uid=1; path=/';`);
    await eventually(() => site.cookies(), (jar) => jar.filter((c) => c.name === '_ga').length >= 3);

    // The channel works where there is one: a cookie the browser rejects is reported.
    await t.session.consoleErrors();
    await t.js("document.cookie = 'probe=1; domain=test; path=/'");
    await t.settle(300);
    const probe = (await t.session.consoleErrors()).filter((m) => /probe/.test(m));
    if (t.session.engine === 'firefox') assert.ok(probe.length > 0, 'Firefox reports a rejected cookie through BiDi');

    await t.js('bzconsent.rejectAll()');
    const left = await eventually(async () => (await site.cookies()).filter((c) => COOKIES.test(c.name)), (l) => l.length === 0);
    assert.deepEqual(left.map((c) => `${c.name} ${c.domain}${c.path}`), [], 'refused cookies left after the clean-up');
    await t.settle(500);
    const noise = (await t.session.consoleErrors()).filter((m) => /cookie/i.test(m));
    assert.deepEqual(noise, [], 'the clean-up made the browser log nothing');
  });
});
