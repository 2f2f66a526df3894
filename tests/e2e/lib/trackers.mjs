// Third-party hosts the browser is told to resolve to 127.0.0.1, so the test server
// (tools/serve.mjs) can answer for them by Host header from tests/e2e/trackers/<hostname>/.
// The one place to add a host: every engine's set-up reads this list.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const TRACKERS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'trackers');

/**
 * A stand-in for the site's own host name (a real name, not 127.0.0.1, so cookies can have
 * domain variants: `www.bzpak.test` and `.bzpak.test`, as on www.bzpak.com). `.test` is
 * reserved: never a real site, never HSTS-preloaded. The test server answers it like 127.0.0.1.
 */
export const SITE_HOST = 'www.bzpak.test';

/** Hosts mapped even before they have a stand-in directory (their requests are still recorded). */
const KNOWN = [
  SITE_HOST,
  'www.googletagmanager.com',
  'www.google-analytics.com',
  'region1.google-analytics.com',
  'connect.facebook.net',
  'www.facebook.com',
  'hm.baidu.com',
  'mc.yandex.ru',
  'cdn.mxpnl.com',
  'api-js.mixpanel.com',
  'us.i.posthog.com',
  'us-assets.i.posthog.com',
  'cdn.amplitude.com',
  'api2.amplitude.com',
  'static.hotjar.com',
  'www.clarity.ms',
  'www.youtube.com',
  'www.youtube-nocookie.com',
];

/**
 * Vendors' registrable domains: every host under them resolves to 127.0.0.1 too (where the
 * engine allows wildcards), so a request to any of their hosts, even one no test expects
 * (remote configuration, a second collector), lands in the request log instead of the network.
 */
export const VENDOR_DOMAINS = [
  'googletagmanager.com',
  'google-analytics.com',
  'analytics.google.com',
  'doubleclick.net',
  'facebook.net',
  'facebook.com',
  'baidu.com',
  'yandex.ru',
  'mixpanel.com',
  'mxpnl.com',
  'posthog.com',
  'amplitude.com',
];

/** Every host to map: the known list plus each directory under tests/e2e/trackers/. */
export function trackerHosts() {
  let dirs = [];
  try {
    dirs = fs
      .readdirSync(TRACKERS_DIR, { withFileTypes: true })
      .filter((d) => d.isDirectory() && /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(d.name))
      .map((d) => d.name);
  } catch {
    // no stand-ins yet
  }
  return [...new Set([...KNOWN, ...dirs])];
}

/**
 * Chromium's --host-resolver-rules value mapping every tracker host to 127.0.0.1, plus every
 * host under the vendors' domains (`MAP *.posthog.com`).
 */
export function chromiumHostRules(hosts = trackerHosts(), domains = VENDOR_DOMAINS) {
  const wild = domains.flatMap((d) => [d, `*.${d}`]);
  return [...new Set([...hosts, ...wild])].map((h) => `MAP ${h} 127.0.0.1`).join(', ');
}

/** Whether a host (any case, port allowed) belongs to `domain` (itself or a subdomain). */
export function hostIn(host, domain) {
  const h = String(host || '').toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
  return h === domain || h.endsWith('.' + domain);
}
