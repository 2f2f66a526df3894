// The cost of the guard's hooks on a DOM-heavy page (tests/e2e/fixtures/dom-heavy.html), against
// the same page with an empty script in the widget's place: best and median of RUNS loads per
// side (interleaved), each part timed in the page. The best is the steadier on a busy machine. Not a test (nothing is enforced): `node tests/e2e/hook-cost.mjs`.
import { start } from '../../tools/serve.mjs';
import { startBrowser } from './lib/browser.mjs';

const RUNS = Number(process.env.RUNS || 15);
const server = await start({ port: 0, test: true, logConsent: false });
const session = await startBrowser();
const median = (a) => a.slice().sort((x, y) => x - y)[a.length >> 1];
const results = { bare: [], widget: [] };
try {
  for (let i = 0; i < RUNS; i++) {
    for (const side of ['bare', 'widget']) {
      await session.driver.get(server.url + '/__fixture/dom-heavy.html' + (side === 'bare' ? '?bare' : ''));
      await session.driver.executeScript('localStorage.clear()');
      results[side].push(await session.driver.executeScript('return window.work()'));
    }
  }
} finally {
  await session.quit();
  await server.close();
}
const parts = Object.keys(results.bare[0]);
const row = (side, pick = median) => Object.fromEntries([...parts, 'total'].map((p) => [p, pick(results[side].map((r) => (p === 'total' ? parts.reduce((s, q) => s + r[q], 0) : r[p])))]));
const best = (a) => Math.min(...a);
for (const [what, pick] of [['best', best], ['median', median]]) {
  const bare = row('bare', pick);
  const widget = row('widget', pick);
  console.log(`engine ${process.env.ENGINE || 'chromium'}, ${what} of ${RUNS} loads (ms)`);
  console.log('part'.padEnd(14), 'no widget'.padStart(10), 'widget'.padStart(10), 'ratio'.padStart(8));
  for (const p of [...parts, 'total']) console.log(p.padEnd(14), bare[p].toFixed(1).padStart(10), widget[p].toFixed(1).padStart(10), (widget[p] / bare[p]).toFixed(3).padStart(8));
}
