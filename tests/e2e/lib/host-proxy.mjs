// A local HTTP proxy that sends the tracker hosts (lib/trackers.mjs) to 127.0.0.1, for engines
// with no switch to map host names: WebKitGTK's MiniBrowser takes it as `--proxy=`. It plays
// the part of Chromium's `--host-resolver-rules` (wildcards included: every host under a
// vendor's domain) and Firefox's `network.dns.localDomains`; the port in the URL is kept, and
// https goes through CONNECT untouched (the test server's own certificate, Host header and SNI).
// Any other host is reached directly, as it would be without the proxy.

import http from 'node:http';
import net from 'node:net';
import { VENDOR_DOMAINS, hostIn, trackerHosts } from './trackers.mjs';

/** Hop-by-hop headers a proxy must not pass on. */
const HOP = ['proxy-connection', 'proxy-authorization', 'connection', 'keep-alive', 'te', 'trailer', 'upgrade'];

/**
 * Starts the proxy on 127.0.0.1 (a free port). Returns its URL and a `close` that never throws.
 * @returns {Promise<{url: string, close: () => Promise<void>}>}
 */
export async function startHostProxy(hosts = trackerHosts(), domains = VENDOR_DOMAINS) {
  const mapped = new Set(hosts.map((h) => h.toLowerCase()));
  const target = (host) => {
    const h = String(host).toLowerCase().replace(/\.$/, '');
    return mapped.has(h) || domains.some((d) => hostIn(h, d)) ? '127.0.0.1' : h;
  };

  const server = http.createServer((req, res) => {
    let url;
    try {
      url = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end('absolute URL expected\n');
      return;
    }
    const headers = { ...req.headers };
    for (const h of HOP) delete headers[h];
    const upstream = http.request(
      {
        host: target(url.hostname),
        port: url.port || 80,
        path: url.pathname + url.search,
        method: req.method,
        headers,
        agent: false,
      },
      (up) => {
        const back = { ...up.headers };
        for (const h of HOP) delete back[h];
        res.writeHead(up.statusCode ?? 502, back);
        up.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    });
    req.pipe(upstream);
  });

  server.on('connect', (req, socket, head) => {
    const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(req.url ?? '');
    if (!m) {
      socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
      return;
    }
    const upstream = net.connect(Number(m[2]), target(m[1]), () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
    socket.on('close', () => upstream.destroy());
  });

  const sockets = new Set();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
