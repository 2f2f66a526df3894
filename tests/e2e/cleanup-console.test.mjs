// The clean-up leaves the console quiet: deleting every path and domain variant of refused
// cookies must not make the browser log a rejected cookie (Firefox logs "Cookie “_ga” has been
// rejected for invalid domain" for a domain it cannot accept, such as the top-level `test` on
// www.bzpak.test). Each engine's channel is proven by a probe before it is trusted:
// - Firefox: its console through WebDriver BiDi, which reports a cookie it rejects; the check
//   is that no cookie message follows the clean-up.
// - Chromium: its log, which reports the browser's own failures (a refused image) but never a
//   rejected cookie (Chromium files those as DevTools issues, not console messages); the check
//   is that nothing at all is logged as an error during the clean-up.
// - WebKit: WebDriver gives no console channel, and MiniBrowser under automation writes none
//   out; only the page's own `console.error` calls are seen (the injected hook), so there the
//   check is that the widget logs nothing, and the browser's own messages go unchecked.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { e2e, TEST } from './lib/harness.mjs';
import { eventually, onSite } from './lib/blocking.mjs';
import { hostIn } from './lib/trackers.mjs';

const PAGE = '/__fixture/blocking-vendors.html';
const COOKIES = /^(_ga|_ga_TEST1|_fbp|_ym_uid|_ym_d|_ym_isad|Hm_l(v|pv)t_.*)$/;

describe('clean-up without console noise', () => {
  const t = e2e({ alsoListen: [443] }, { console: true });
  const site = onSite(t);

  /** Proves the engine's console channel reports (see above), then empties it. */
  async function proveChannel() {
    const engine = t.session.engine;
    await t.session.consoleErrors();
    await t.js('window.__consoleErrors.length = 0');
    if (engine === 'firefox') {
      await t.js("document.cookie = 'probe=1; domain=test; path=/'");
      await t.settle(300);
      const probe = (await t.session.consoleErrors()).filter((m) => /probe/.test(m));
      assert.ok(probe.length > 0, 'Firefox reports a rejected cookie through BiDi');
    } else if (engine === 'chromium') {
      await t.js("var probe = new Image(); probe.src = 'http://127.0.0.1:1/probe.png'; document.body.appendChild(probe);");
      await t.settle(300);
      const probe = (await t.session.consoleErrors()).filter((m) => /probe\.png/.test(m));
      assert.ok(probe.length > 0, "Chromium's log reports the browser's own failures");
    } else {
      await t.js("console.error('bzconsent-probe')");
      const probe = (await t.js('return window.__consoleErrors.slice()')).filter((m) => /bzconsent-probe/.test(m));
      assert.ok(probe.length > 0, "the page's console.error calls are seen");
      await t.js('window.__consoleErrors.length = 0');
    }
  }

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

    // Each channel is proven to report before its silence is trusted.
    const engine = t.session.engine;
    await proveChannel();

    await t.js('bzconsent.rejectAll()');
    const left = await eventually(async () => (await site.cookies()).filter((c) => COOKIES.test(c.name)), (l) => l.length === 0);
    assert.deepEqual(left.map((c) => `${c.name} ${c.domain}${c.path}`), [], 'refused cookies left after the clean-up');
    await t.settle(500);
    const logged = await t.session.consoleErrors();
    if (engine === 'firefox') assert.deepEqual(logged.filter((m) => /cookie/i.test(m)), [], 'the clean-up made Firefox log no cookie');
    else if (engine === 'chromium') assert.deepEqual(logged, [], 'the clean-up made Chromium log nothing');
    assert.deepEqual(await t.js('return window.__consoleErrors.slice()'), [], 'the widget logged nothing');
  });

  // Held means no request of ours either: a pixel written with document.write used to be held
  // by pointing it at about:blank (Chromium logged net::ERR_UNKNOWN_URL_SCHEME), and a held
  // WebSocket or EventSource connected to a host that cannot resolve (a DNS lookup that Firefox
  // reported as two console errors).
  it('held quietly: pixels written with document.write, and WebSockets and EventSources, make no request and log nothing', TEST, async () => {
    await t.open('/__fixture/bypass.html?m=quiet');
    await t.waitFor('window.bzconsent', 'the widget to start');
    await proveChannel();
    t.server.clearRequests();
    await t.open('/__fixture/bypass.html?m=quiet&write');
    await t.waitFor('window.bzconsent', 'the widget to start');
    const events = await t.driver.executeAsyncScript(`
      var done = arguments[arguments.length - 1];
      var U = 'http://hm.baidu.com:' + location.port + '/__bz/quiet';
      var seen = [];
      var ws = new WebSocket(U.replace('http:', 'ws:') + '-ws');
      ws.onerror = function () { seen.push('ws error ' + ws.readyState); };
      ws.addEventListener('close', function (e) { seen.push('ws close ' + e.code + ' ' + e.wasClean); });
      var es = new EventSource(U + '-es');
      es.onerror = function () { seen.push('es error ' + es.readyState); };
      seen.push(ws instanceof WebSocket && es instanceof EventSource ? 'instances' : 'not instances');
      setTimeout(function () { done(seen.sort()); }, 500);`);
    assert.deepEqual(events, ['es error 2', 'instances', 'ws close 1006 false', 'ws error 3'], 'each fails as a blocked connection does');
    await t.settle(500);
    const hits = t.server.requests().filter((r) => hostIn(r.host, 'hm.baidu.com') || /held-by-bzconsent/.test(r.host));
    assert.deepEqual(hits.map((r) => r.host + r.path), [], 'no request reached the tracker, nor any other host');
    const engine = t.session.engine;
    const logged = await t.session.consoleErrors();
    if (engine !== 'webkit') assert.deepEqual(logged, [], 'the browser logged nothing');
    assert.deepEqual(await t.js('return window.__consoleErrors.slice()'), [], 'the widget logged nothing');
  });
});
