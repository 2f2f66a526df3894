#!/usr/bin/env node
// The demo and test server: static files, no dependencies (node 20).
//
//   node tools/serve.mjs [--port 8000] [--host 127.0.0.1] [--test] [--consent-log URL]
//
// Serves www/, /bzconsent.js, /bzconsent-ui.js, the language files /bzconsent-lang-*.js and /bzconsent-sw.js (from pkg/). Every request is recorded in memory so tests can
// see what reached the network: GET /__requests lists them, POST /__requests/clear empties.
// POST /consent-log prints its JSON body and records it (consent proofs); with --consent-log URL
// (`consentLog` option) it passes the beacon on to that bzconsent-log server instead, as a site's
// reverse proxy would, and answers with its status.
// Test mode also injects /__e2e/hook.js (page error recorder) after <head> of every HTML page and
// serves /__e2e/* from tests/e2e/static/ (and its site-sw.js as /site-sw.js) and /__fixture/<name>.html from tests/e2e/fixtures/, with
// the response headers listed in <name>.html.headers beside it, if any (`Name: value` lines, e.g. a
// Content-Security-Policy; a `'nonce-…'` in it is given to the injected hook's tag too).
// Requests whose Host (port stripped) has a directory tests/e2e/trackers/<hostname>/ are answered
// from it, so a browser told to resolve www.googletagmanager.com to 127.0.0.1 reaches a stand-in
// (collectors answer from its _answers.json, if any); test mode also serves those files
// first-party at /__bundled/<hostname>/<path>.

import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { promises as fs, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WWW = path.join(ROOT, 'www');
const PKG = path.join(ROOT, 'pkg');
const WIDGET = path.join(PKG, 'bzconsent.js');
const E2E_STATIC = path.join(ROOT, 'tests', 'e2e', 'static');
const E2E_FIXTURES = path.join(ROOT, 'tests', 'e2e', 'fixtures');
const TRACKERS = path.join(ROOT, 'tests', 'e2e', 'trackers');

const HOOK_TAG = '<script src="/__e2e/hook.js"></script>';
const MAX_BODY = 256 * 1024;

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.ts': 'text/plain; charset=utf-8',
};

/** Content type by extension; `fallback` for names without a known one. */
function contentType(file, fallback = 'application/octet-stream') {
  return TYPES[path.extname(file).toLowerCase()] ?? fallback;
}

/**
 * Resolves a URL path inside `base`, or returns null when it would leave it (path traversal,
 * NUL bytes, malformed escapes).
 */
function resolveInside(base, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const full = path.resolve(base, '.' + path.posix.normalize('/' + decoded));
  if (full !== base && !full.startsWith(base + path.sep)) return null;
  return full;
}

/** The file to serve for `full`: itself, or its index.html when it is a directory. */
async function findFile(full) {
  if (!full) return null;
  try {
    let st = await fs.stat(full);
    if (st.isDirectory()) {
      full = path.join(full, 'index.html');
      st = await fs.stat(full);
    }
    return st.isFile() ? full : null;
  } catch {
    return null;
  }
}

/** Inserts the test hook right after `<head …>` (or at the top when a page has no head tag). */
export function injectHook(html, nonce = '') {
  const tag = nonce ? HOOK_TAG.replace('<script ', `<script nonce="${nonce}" `) : HOOK_TAG;
  const m = /<head(\s[^>]*)?>/i.exec(html);
  if (m) return html.slice(0, m.index + m[0].length) + tag + html.slice(m.index + m[0].length);
  const h = /<html(\s[^>]*)?>/i.exec(html);
  if (h) return html.slice(0, h.index + h[0].length) + tag + html.slice(h.index + h[0].length);
  return tag + html;
}

/**
 * The response headers a fixture asks for in its `<name>.html.headers` file: `Name: value`
 * lines (blank lines and `#` comments skipped). Empty when there is no such file.
 */
async function fixtureHeaders(file) {
  let text;
  try {
    text = await fs.readFile(file + '.headers', 'utf8');
  } catch {
    return {};
  }
  const headers = {};
  for (const line of text.split('\n')) {
    const i = line.indexOf(':');
    if (!line.trim() || line.trimStart().startsWith('#') || i < 1) continue;
    headers[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  }
  return headers;
}

/** Hostname of a Host header, lower-cased, port and IPv6 brackets removed. */
function hostnameOf(hostHeader = '') {
  const h = hostHeader.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') > 0 ? h.indexOf(']') : undefined);
  return h.replace(/:\d*$/, '');
}

/** The stand-in directory for a tracker host, if tests/e2e/trackers/<hostname>/ exists. */
async function trackerDir(hostname) {
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(hostname)) return null;
  const dir = path.join(TRACKERS, hostname);
  try {
    return (await fs.stat(dir)).isDirectory() ? dir : null;
  } catch {
    return null;
  }
}

/**
 * What a collector's stand-in answers at `pathname` when no file is there: its `_answers.json`
 * maps path prefixes to JSON bodies (the longest prefix wins). Undefined when none applies.
 */
async function answerFor(dir, pathname) {
  let answers;
  try {
    answers = JSON.parse(await fs.readFile(path.join(dir, '_answers.json'), 'utf8'));
  } catch {
    return undefined;
  }
  const prefix = Object.keys(answers)
    .filter((p) => pathname.startsWith(p))
    .sort((a, b) => b.length - a.length)[0];
  return prefix === undefined ? undefined : answers[prefix];
}

/** A throw-away self-signed certificate for 127.0.0.1 and the tracker stand-ins (openssl). */
function selfSignedCertificate() {
  const dir = mkdtempSync(path.join(tmpdir(), 'bzconsent-tls-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=bzconsent-test',
    '-keyout', key, '-out', cert], { stdio: 'ignore' });
  const pair = { key: readFileSync(key), cert: readFileSync(cert) };
  rmSync(dir, { recursive: true, force: true });
  return pair;
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Starts the server. Resolves when it listens.
 * @param {{port?: number, host?: string, test?: boolean, logConsent?: boolean, alsoListen?: number[],
 *   consentLog?: string}} [options]
 *   `port` 0 picks a free one; `test` enables the hook injection and the /__e2e/, /__fixture/
 *   routes; `logConsent` (default true) prints /consent-log bodies to stdout; `alsoListen`
 *   extra ports (best effort; `ports` tells which opened); `consentLog` a bzconsent-log URL
 *   (`http://127.0.0.1:8081/consent`) that /consent-log beacons are passed on to.
 * @returns {Promise<{port: number, ports: number[], url: string, requests(): object[],
 *   clearRequests(): void, close(): Promise<void>}>}
 */
export async function start({ port = 0, host = '127.0.0.1', test = false, logConsent = true, alsoListen = [], consentLog = '' } = {}) {
  /** @type {{method: string, host: string, path: string, time: number, cookie?: string, body?: unknown}[]} */
  let log = [];

  function send(req, res, status, body, type = 'text/plain; charset=utf-8', extra = {}) {
    const buf = Buffer.isBuffer(body) ? body : Buffer.from(String(body));
    res.writeHead(status, {
      'Content-Type': type,
      'Content-Length': buf.length,
      'Cache-Control': 'no-store',
      ...extra,
    });
    res.end(req.method === 'HEAD' ? undefined : buf);
  }

  async function sendFile(req, res, file, fallbackType, extra = {}) {
    const type = contentType(file, fallbackType);
    let body = await fs.readFile(file);
    if (test && type.startsWith('text/html')) {
      // A page under a nonce-only CSP runs the hook only if its tag carries the nonce.
      const csp = Object.entries(extra).find(([k]) => k.toLowerCase() === 'content-security-policy')?.[1] ?? '';
      const nonce = /'nonce-([A-Za-z0-9+/=_-]+)'/.exec(csp)?.[1] ?? '';
      body = Buffer.from(injectHook(body.toString('utf8'), nonce));
    }
    send(req, res, 200, body, type, extra);
  }

  /** A stand-in's file: tracker URLs often have no extension (/gtag/js): those are scripts. */
  async function sendStandIn(req, res, file) {
    if (file.endsWith('.gz')) {
      // Pre-compressed, as CDNs serve `…-min.js.gz` (Amplitude's snippet loads one).
      const type = contentType(file.slice(0, -3), TYPES['.js']);
      return send(req, res, 200, await fs.readFile(file), type, { 'Content-Encoding': 'gzip' });
    }
    return sendFile(req, res, file, TYPES['.js']);
  }

  /** Passes a beacon on to bzconsent-log with what it checks (type, Origin) and the client. */
  async function forwardConsent(req, res, text) {
    const headers = { 'Content-Type': req.headers['content-type'] ?? 'text/plain' };
    if (req.headers.origin) headers.Origin = req.headers.origin;
    if (req.socket.remoteAddress) headers['X-Real-IP'] = req.socket.remoteAddress;
    let answer;
    try {
      answer = await fetch(consentLog, { method: 'POST', headers, body: text });
    } catch (err) {
      process.stderr.write(`serve.mjs: bzconsent-log at ${consentLog}: ${err.cause?.code ?? err.message}\n`);
      return send(req, res, 502, 'consent log unreachable\n');
    }
    const reason = await answer.text();
    if (answer.status !== 204) process.stderr.write(`serve.mjs: bzconsent-log ${answer.status} ${reason}`);
    return send(req, res, answer.status, answer.status === 204 ? '' : reason);
  }

  async function handle(req, res) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const pathname = url.pathname;

    // Control endpoints are not part of what a page did, so they are not recorded.
    if (pathname === '/__requests' && (req.method === 'GET' || req.method === 'HEAD')) {
      return send(req, res, 200, JSON.stringify(log), TYPES['.json']);
    }
    if (pathname === '/__requests/clear' && req.method === 'POST') {
      log = [];
      return send(req, res, 204, '');
    }

    const entry = { method: req.method ?? 'GET', host: req.headers.host ?? '', path: req.url ?? '/', time: Date.now() };
    if (req.headers.cookie) entry.cookie = req.headers.cookie;
    // Read a body before recording, so nobody sees the entry without it.
    let text = '';
    let tooLarge = false;
    if (entry.method !== 'GET' && entry.method !== 'HEAD') {
      try {
        text = await readBody(req);
      } catch {
        tooLarge = true;
      }
    }
    if (pathname === '/consent-log' && entry.method === 'POST' && !tooLarge) {
      try {
        entry.body = JSON.parse(text);
      } catch {
        entry.body = text;
      }
    } else if (text) {
      entry.body = text;
    }
    log.push(entry);
    if (tooLarge) return send(req, res, 413, 'body too large\n');

    // Stand-ins for third-party hosts, chosen by the Host header.
    const hostname = hostnameOf(req.headers.host);
    const standIn = await trackerDir(hostname);
    if (standIn) {
      // Like the real CDNs and collectors: readable cross-origin, credentials included.
      const origin = req.headers.origin;
      if (origin) {
        res.setHeader('Access-Control-Allow-Origin', origin);
        res.setHeader('Access-Control-Allow-Credentials', 'true');
        res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
        res.setHeader('Access-Control-Allow-Headers', req.headers['access-control-request-headers'] || '*');
      }
      const file = await findFile(resolveInside(standIn, pathname));
      if (file && (req.method === 'GET' || req.method === 'HEAD')) return sendStandIn(req, res, file);
      if (!pathname.startsWith('/__e2e/')) {
        // Collection endpoints (beacons, pixels): the request itself is what tests look at.
        // A collector's stand-in may answer like the real one (SDKs retry on an empty 204).
        const answer = req.method === 'OPTIONS' ? undefined : await answerFor(standIn, pathname);
        if (answer !== undefined) return send(req, res, 200, JSON.stringify(answer), TYPES['.json']);
        return send(req, res, 204, '');
      }
    }

    if (pathname === '/consent-log') {
      if (req.method !== 'POST') return send(req, res, 405, 'POST only\n', undefined, { Allow: 'POST' });
      if (consentLog) return forwardConsent(req, res, text);
      if (typeof entry.body !== 'object' || entry.body === null) {
        return send(req, res, 400, 'expected a JSON body\n');
      }
      if (logConsent) process.stdout.write('consent-log ' + JSON.stringify(entry.body) + '\n');
      return send(req, res, 204, '');
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(req, res, 405, 'method not allowed\n', undefined, { Allow: 'GET, HEAD' });
    }

    let file = null;
    if (test && pathname.startsWith('/__bundled/')) {
      // /__bundled/<tracker host>/<path>: that stand-in (or SDK bundle) served first-party, as
      // a site that bundles or self-hosts the SDK serves it.
      const [host, ...rest] = pathname.slice('/__bundled/'.length).split('/');
      const dir = await trackerDir(host);
      file = dir && (await findFile(resolveInside(dir, '/' + rest.join('/'))));
      if (!file) return send(req, res, 404, 'not found\n');
      return sendStandIn(req, res, file);
    }
    if (/^\/bzconsent(-ui|-sw|-lang-(az|en|ru|tr|zh))?\.js$/.test(pathname)) {
      file = await findFile(path.join(PKG, pathname.slice(1)));
      if (!file) return send(req, res, 404, `pkg${pathname} is missing: build it first (make)\n`);
    } else if (test && pathname.startsWith('/__e2e/')) {
      file = await findFile(resolveInside(E2E_STATIC, pathname.slice('/__e2e'.length)));
    } else if (test && pathname === '/site-sw.js') {
      // A site's own service worker at the root, pulling the shield in with importScripts.
      file = await findFile(path.join(E2E_STATIC, 'site-sw.js'));
    } else if (test && pathname.startsWith('/__fixture/')) {
      const name = pathname.slice('/__fixture/'.length);
      if (/^[A-Za-z0-9_-]+\.html$/.test(name)) file = await findFile(path.join(E2E_FIXTURES, name));
    } else {
      file = await findFile(resolveInside(WWW, pathname));
    }
    if (!file) return send(req, res, 404, 'not found\n');
    const extra = test && pathname.startsWith('/__fixture/') ? await fixtureHeaders(file) : {};
    return sendFile(req, res, file, undefined, extra);
  }

  const onRequest = (req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) send(req, res, 500, 'server error\n');
      else res.destroy();
      process.stderr.write('serve.mjs: ' + (err?.stack ?? err) + '\n');
    });
  };
  const plain = http.createServer(onRequest);
  // Test mode speaks HTTP and TLS on the same port: browsers upgrade HSTS-preloaded tracker
  // hosts (google-analytics.com, facebook.com, …) to https keeping the port, and those requests
  // must reach the stand-ins (and the log) too. The certificate is self-signed, made on start.
  const secure = test ? https.createServer(selfSignedCertificate(), onRequest) : null;
  const onConnection = (socket) => {
    socket.once('readable', () => {
      const first = socket.read(1);
      if (first === null) return socket.destroy();
      socket.unshift(first);
      (secure && first[0] === 0x16 ? secure : plain).emit('connection', socket);
    });
    socket.on('error', () => socket.destroy());
  };
  const server = net.createServer(onConnection);
  // Extra ports (e.g. 443 for SDKs that drop the port from their canonical host), best effort.
  const extra = [];
  for (const p of alsoListen) {
    const s = net.createServer(onConnection);
    await new Promise((resolve) => {
      s.once('error', (err) => {
        process.stderr.write(`serve.mjs: cannot also listen on ${p}: ${err.code}\n`);
        resolve();
      });
      s.listen(p, host, () => {
        extra.push(s);
        resolve();
      });
    });
  }

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    port: actualPort,
    /** Every port it listens on: `port`, then those of `alsoListen` it could open. */
    ports: [actualPort, ...extra.map((s) => /** @type {import('node:net').AddressInfo} */ (s.address()).port)],
    url: `http://${urlHost}:${actualPort}`,
    requests: () => log.map((e) => ({ ...e })),
    clearRequests: () => {
      log = [];
    },
    close: () =>
      new Promise((resolve) => {
        for (const s of extra) s.close();
        server.close(() => resolve());
        plain.closeAllConnections();
        secure?.closeAllConnections();
      }),
  };
}

function parseArgs(argv) {
  const opts = { port: 8000, host: '127.0.0.1', test: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--port') opts.port = Number(value());
    else if (flag === '--host') opts.host = value();
    else if (flag === '--test') opts.test = true;
    else if (flag === '--consent-log') opts.consentLog = value();
    else if (flag === '--help' || flag === '-h') {
      process.stdout.write('usage: node tools/serve.mjs [--port 8000] [--host 127.0.0.1] [--test] [--consent-log URL]\n');
      process.exit(0);
    } else {
      process.stderr.write(`serve.mjs: unknown argument ${argv[i]}\n`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) {
    process.stderr.write('serve.mjs: --port needs a number from 0 to 65535\n');
    process.exit(2);
  }
  return opts;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const opts = parseArgs(process.argv.slice(2));
  const server = await start(opts);
  try {
    await fs.access(WIDGET);
  } catch {
    process.stderr.write('serve.mjs: note: pkg/bzconsent.js does not exist yet (run make)\n');
  }
  process.stdout.write(`bzconsent demo: ${server.url}/${opts.test ? ' (test mode)' : ''}\n`);
  if (opts.consentLog) process.stdout.write(`consent log: /consent-log -> ${opts.consentLog}\n`);
  const stop = () => server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
