// Third-party hosts the browser is told to resolve to 127.0.0.1, so the test server
// (tools/serve.mjs) can answer for them by Host header from tests/e2e/trackers/<hostname>/.
// The one place to add a host: every engine's set-up reads this list.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const TRACKERS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'trackers');

/** Hosts mapped even before they have a stand-in directory (their requests are still recorded). */
const KNOWN = [
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

/** Chromium's --host-resolver-rules value mapping every tracker host to 127.0.0.1. */
export function chromiumHostRules(hosts = trackerHosts()) {
  return hosts.map((h) => `MAP ${h} 127.0.0.1`).join(', ');
}
