#!/usr/bin/env node
// The benchmark's web server: static files with compression, no dependencies (node 20).
//
//   node bench/server.mjs [--port 8123]
//
// Serves the benchmark pages (bench/pages/), the demo site's styles and images (www/css,
// www/img), bzconsent as shipped (/pkg/ from the repository's pkg/) and the other widgets'
// files (/vendor/<package>/ from bench/node_modules/<package>/). Text files are compressed as a
// static host with pre-compressed files would send them: brotli (quality 11) when the request's
// Accept-Encoding allows it, else gzip (level 9), else none. Compressed bodies are kept in memory.

import http from 'node:http';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(BENCH, '..');

/** URL prefix → directory. The first matching prefix wins. */
const MOUNTS = [
  ['/pkg/', path.join(ROOT, 'pkg')],
  ['/vendor/', path.join(BENCH, 'node_modules')],
  ['/css/', path.join(ROOT, 'www', 'css')],
  ['/img/', path.join(ROOT, 'www', 'img')],
  ['/', path.join(BENCH, 'pages')],
];

/** Only the packages the pages use are reachable under /vendor/. */
const VENDOR_PACKAGES = new Set(['vanilla-cookieconsent', 'klaro', 'tarteaucitronjs', 'cookieconsent']);

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg']);

/** The encoding to send for an Accept-Encoding header: 'br', 'gzip' or null. */
export function chooseEncoding(acceptEncoding = '') {
  const offered = new Map();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    offered.set(name.trim(), q ? Number(q.slice(2)) : 1);
  }
  const ok = (name) => (offered.get(name) ?? offered.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return null;
}

/** Resolves a URL path to a file inside one of the mounts, or null. */
function resolve(urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const clean = path.posix.normalize(decoded);
  for (const [prefix, dir] of MOUNTS) {
    if (!clean.startsWith(prefix)) continue;
    const rest = clean.slice(prefix.length);
    if (prefix === '/vendor/' && !VENDOR_PACKAGES.has(rest.split('/')[0])) return null;
    const full = path.resolve(dir, '.' + path.posix.normalize('/' + rest));
    if (full !== dir && !full.startsWith(dir + path.sep)) return null;
    return full;
  }
  return null;
}

/**
 * The benchmark pages share their content: `<!--#include name-->` on a line of its own is
 * replaced by the file `name` beside the page, so every page carries exactly the same catalogue.
 */
async function withIncludes(file, raw) {
  if (!file.endsWith('.html')) return raw;
  const html = raw.toString('utf8');
  const names = [...html.matchAll(/<!--#include ([\w.-]+)-->\n/g)].map((m) => m[1]);
  if (names.length === 0) return raw;
  const parts = new Map();
  for (const name of names) parts.set(name, await fs.readFile(path.join(path.dirname(file), name), 'utf8'));
  return Buffer.from(html.replace(/<!--#include ([\w.-]+)-->\n/g, (_, name) => parts.get(name)));
}

/**
 * Starts the server; resolves once it listens.
 * @param {{port?: number, host?: string}} [options] `port` 0 picks a free one.
 * @returns {Promise<{url: string, port: number, close(): Promise<void>}>}
 */
export async function start({ port = 8123, host = '127.0.0.1' } = {}) {
  /** file → {mtimeMs, raw, br, gzip} */
  const cache = new Map();

  async function body(file, encoding) {
    const st = await fs.stat(file);
    let entry = cache.get(file);
    if (!entry || entry.mtimeMs !== st.mtimeMs) {
      entry = { mtimeMs: st.mtimeMs, raw: await withIncludes(file, await fs.readFile(file)) };
      cache.set(file, entry);
    }
    if (!encoding) return entry.raw;
    entry[encoding] ??=
      encoding === 'br'
        ? brotliCompressSync(entry.raw, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: 11,
              [constants.BROTLI_PARAM_SIZE_HINT]: entry.raw.length,
            },
          })
        : gzipSync(entry.raw, { level: 9 });
    return entry[encoding];
  }

  async function handle(req, res) {
    const send = (status, text) => {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(text);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'GET only\n');
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    let file = resolve(pathname === '/' ? '/index.html' : pathname);
    try {
      if (file && (await fs.stat(file)).isDirectory()) file = null;
    } catch {
      file = null;
    }
    if (!file) return send(404, 'not found\n');
    const ext = path.extname(file).toLowerCase();
    const encoding = COMPRESSIBLE.has(ext) ? chooseEncoding(req.headers['accept-encoding']) : null;
    const buf = await body(file, encoding);
    const headers = {
      'Content-Type': TYPES[ext] ?? 'application/octet-stream',
      'Content-Length': buf.length,
      // Every run starts from an empty cache anyway (a fresh browser context); no-store keeps
      // it that way within a run too.
      'Cache-Control': 'no-store',
      Vary: 'Accept-Encoding',
    };
    if (encoding) headers['Content-Encoding'] = encoding;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : buf);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) {
        res.writeHead(500);
        res.end();
      } else res.destroy();
      process.stderr.write('bench/server.mjs: ' + (err?.stack ?? err) + '\n');
    });
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      ok();
    });
  });
  const actual = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
  return {
    port: actual,
    url: `http://${host}:${actual}`,
    close: () =>
      new Promise((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const i = process.argv.indexOf('--port');
  const port = i > 0 ? Number(process.argv[i + 1]) : Number(process.env.BENCH_PORT || 8123);
  const server = await start({ port });
  process.stdout.write(`bench pages: ${server.url}/ (baseline.html, bzconsent.html, …)\n`);
  const stop = () => server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
