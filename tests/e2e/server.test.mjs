// The test server itself (tools/serve.mjs): no browser needed.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { start } from '../../tools/serve.mjs';

/** A raw request (fetch would normalise the path and refuse a Host header). */
function request(server, { method = 'GET', path = '/', host, body, headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: server.port, method, path, headers: { ...(host ? { Host: host } : {}), ...headers } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('test server (tools/serve.mjs)', () => {
  let server;
  let plain;
  before(async () => {
    server = await start({ test: true, logConsent: false });
    plain = await start({ test: false, logConsent: false });
  });
  after(async () => {
    await server?.close();
    await plain?.close();
  });

  it('serves www/ with content types and no caching', async () => {
    const cases = [
      ['/', 'text/html'],
      ['/index.html', 'text/html'],
      ['/privacy.html', 'text/html'],
      ['/css/site.css', 'text/css'],
      ['/js/analytics.js', 'text/javascript'],
      ['/demo.js', 'text/javascript'],
      ['/img/box.svg', 'image/svg+xml'],
    ];
    for (const [path, type] of cases) {
      const res = await request(plain, { path });
      assert.equal(res.status, 200, path);
      assert.ok(res.headers['content-type'].startsWith(type), `${path}: ${res.headers['content-type']}`);
      assert.equal(res.headers['cache-control'], 'no-store', path);
    }
  });

  it('answers 404 for unknown paths and refuses to leave its directories', async () => {
    assert.equal((await request(plain, { path: '/nope.html' })).status, 404);
    for (const path of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/..%2fpackage.json',
      '/css/..%2f..%2fpackage.json',
      '/%2e%2e%2f%2e%2e%2fetc/passwd',
      '/..\\package.json',
      '/%00',
      '/%E0%A4%A',
      '/__fixture/..%2f..%2f..%2fpackage.json',
      '/__e2e/..%2f..%2f..%2fpackage.json',
    ]) {
      const res = await request(server, { path });
      assert.ok(res.status === 404 || res.status === 400, `${path}: ${res.status}`);
      assert.ok(!res.text.includes('"devDependencies"'), `${path} leaked package.json`);
    }
  });

  it('injects the error hook after <head> in test mode only', async () => {
    const testPage = await request(server, { path: '/' });
    assert.match(testPage.text, /<head><script src="\/__e2e\/hook\.js"><\/script>/);
    const hook = await request(server, { path: '/__e2e/hook.js' });
    assert.equal(hook.status, 200);
    assert.match(hook.text, /__pageErrors/);
    const fixture = await request(server, { path: '/__fixture/storage-blocked.html' });
    assert.equal(fixture.status, 200);
    assert.match(fixture.text, /<head><script src="\/__e2e\/hook\.js"><\/script>/);
    const plainPage = await request(plain, { path: '/' });
    assert.doesNotMatch(plainPage.text, /__e2e/);
    assert.equal((await request(plain, { path: '/__e2e/hook.js' })).status, 404);
    assert.equal((await request(plain, { path: '/__fixture/storage-blocked.html' })).status, 404);
  });

  it("sends a fixture's .headers lines, and gives the CSP nonce to the hook's tag", async () => {
    const csp = await request(server, { path: '/__fixture/faults-csp.html' });
    assert.equal(csp.status, 200);
    assert.match(csp.headers['content-security-policy'], /script-src 'nonce-e2eNonce1' 'wasm-unsafe-eval'/);
    assert.match(csp.text, /<head><script nonce="e2eNonce1" src="\/__e2e\/hook\.js"><\/script>/);
    const none = await request(server, { path: '/__fixture/storage-blocked.html' });
    assert.equal(none.headers['content-security-policy'], undefined);
    assert.equal((await request(server, { path: '/__fixture/faults-csp.html.headers' })).status, 404, 'not served itself');
  });

  it('records requests and lists and clears them over HTTP', async () => {
    server.clearRequests();
    await request(server, { path: '/js/analytics.js?x=1', headers: { Cookie: 'a=b' } });
    const list = JSON.parse((await request(server, { path: '/__requests' })).text);
    assert.equal(list.length, 1);
    assert.equal(list[0].method, 'GET');
    assert.equal(list[0].path, '/js/analytics.js?x=1');
    assert.equal(list[0].host, `127.0.0.1:${server.port}`);
    assert.equal(list[0].cookie, 'a=b');
    assert.equal(typeof list[0].time, 'number');
    assert.deepEqual(server.requests(), list);
    assert.equal((await request(server, { method: 'POST', path: '/__requests/clear' })).status, 204);
    assert.deepEqual(server.requests(), []);
  });

  it('records consent proofs posted to /consent-log', async () => {
    server.clearRequests();
    const proof = { id: 'abc', method: 'accept-all' };
    const res = await request(server, {
      method: 'POST',
      path: '/consent-log',
      body: JSON.stringify(proof),
      headers: { 'Content-Type': 'application/json' },
    });
    assert.equal(res.status, 204);
    assert.deepEqual(server.requests()[0].body, proof);
    assert.equal((await request(server, { method: 'POST', path: '/consent-log', body: '{bad' })).status, 400);
  });

  it('answers for tracker hosts from tests/e2e/trackers/<hostname>/', async () => {
    server.clearRequests();
    const host = `www.googletagmanager.com:${server.port}`;
    const gtag = await request(server, { path: '/gtag/js?id=G-TEST', host });
    assert.equal(gtag.status, 200);
    assert.ok(gtag.headers['content-type'].startsWith('text/javascript'));
    assert.match(gtag.text, /__gtagRuns/);
    const beacon = await request(server, { method: 'POST', path: '/g/collect?v=2', host, body: 'x' });
    assert.equal(beacon.status, 204);
    // A host without a stand-in directory gets the site, as before.
    const other = await request(server, { path: '/gtag/js', host: `unknown.example:${server.port}` });
    assert.equal(other.status, 404);
    const paths = server.requests().map((r) => `${r.host} ${r.method} ${r.path}`);
    assert.deepEqual(paths, [
      `${host} GET /gtag/js?id=G-TEST`,
      `${host} POST /g/collect?v=2`,
      `unknown.example:${server.port} GET /gtag/js`,
    ]);
  });
});
