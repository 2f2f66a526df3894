// Proof of consent end to end: a visitor's real choice in the browser reaches bzconsent-log
// (server/) through the demo server's /consent-log, passed on as a site's reverse proxy would,
// and the same record id is then in its SQLite database, with nothing about the device.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { e2e, TEST } from './lib/harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BINARY = path.join(ROOT, 'target', 'debug', 'bzconsent-log');
const TOKEN = 'e2e-token-0123456789abcdef';
const BANNER = '[data-bz="banner"]';

/** A free loopback port (the kernel's pick for a socket closed at once). */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (s.address());
      s.close(() => resolve(port));
    });
  });
}

describe('consent log: bzconsent-log', () => {
  // The demo server's port must be known before the log server starts (its --site), and the
  // log server's before the demo server starts (where it forwards): both are set here, before
  // the harness's own `before` starts the demo server with these options.
  const serverOptions = {};
  let log = null;
  let dir = '';
  let db = '';
  let logUrl = '';

  before(async () => {
    execFileSync('cargo', ['build', '-p', 'bzconsent-log', '--locked', '--quiet'], { cwd: ROOT, stdio: 'inherit' });
    dir = mkdtempSync(path.join(tmpdir(), 'bzconsent-e2e-log-'));
    db = `sqlite:${path.join(dir, 'consents.db')}`;
    serverOptions.port = await freePort();
    log = spawn(
      BINARY,
      ['serve', '--db', db, '--listen', '127.0.0.1:0', '--site', `http://127.0.0.1:${serverOptions.port}`,
        '--real-ip-header', 'X-Real-IP'],
      { env: { ...process.env, BZCONSENT_LOG_TOKEN: TOKEN }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const first = await new Promise((resolve, reject) => {
      log.once('exit', (code) => reject(new Error(`bzconsent-log exited with ${code}`)));
      readline.createInterface({ input: log.stdout }).once('line', resolve);
    });
    const address = /http:\/\/(\S+)/.exec(first)?.[1];
    assert.ok(address, `bzconsent-log's first line names its address: ${first}`);
    logUrl = `http://${address}`;
    serverOptions.consentLog = `${logUrl}/consent`;
  });

  after(() => {
    log?.kill('SIGTERM');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const t = e2e(serverOptions);

  /** Every stored choice, read from the database file by `bzconsent-log export`. */
  function exported() {
    const out = execFileSync(BINARY, ['export', '--db', db, '--format', 'jsonl'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return out.split('\n').filter(Boolean).map((l) => JSON.parse(l));
  }

  it('a choice made in the browser is in the database under the same id', TEST, async () => {
    await t.open('/');
    await t.waitForBanner();
    await t.click(`${BANNER} button[data-bz="accept-all"]`);
    await t.waitForNoBanner();
    const record = await t.record();
    assert.equal(record.method, 'accept-all');

    const row = await t.waitFor(() => exported().find((r) => r.id === record.id), 'the choice in the database', 8000);
    assert.equal(row.timestamp, record.timestamp);
    assert.equal(row.method, 'accept-all');
    assert.deepEqual(row.categories, Object.keys(record.categories).filter((c) => record.categories[c]));
    assert.equal(row.url, t.url('/'));
    assert.equal(row.client_ip, undefined, 'no address stored unless asked');
    assert.equal(row.user_agent, undefined, 'no user agent stored unless asked');
    const proxied = t.requestsFor('/consent-log').filter((r) => r.method === 'POST');
    assert.equal(proxied.length, 1, 'one beacon per choice');

    // The proof a site shows on request: the admin route answers with the same choice.
    const answer = await fetch(`${logUrl}/consent/${record.id}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    assert.equal(answer.status, 200);
    const history = await answer.json();
    assert.equal(history.id, record.id);
    assert.deepEqual(history.choices.map((c) => c.method), ['accept-all']);
  });

  it('a withdrawal is logged too, as its own choice', TEST, async () => {
    await t.open('/');
    await t.waitForBanner();
    await t.click(`${BANNER} button[data-bz="accept-all"]`);
    await t.waitForNoBanner();
    const first = await t.record();
    await t.js('bzconsent.rejectAll()');
    const second = await t.record();
    assert.equal(second.method, 'reject-all');
    const rows = await t.waitFor(() => {
      const all = exported();
      const mine = all.filter((r) => r.id === first.id || r.id === second.id);
      return mine.length === 2 ? mine : null;
    }, 'both choices in the database', 8000);
    const withdrawal = rows.find((r) => r.id === second.id);
    assert.equal(withdrawal.method, 'reject-all');
    assert.deepEqual(withdrawal.categories, ['necessary']);
  });
});
