#!/usr/bin/env node
// Puts the real analytics SDKs' browser bundles where their CDNs serve them, under
// tests/e2e/trackers/<cdn host>/…, straight from the npm registry:
//
//   node tests/e2e/trackers/fetch-sdks.mjs          # idempotent; no network when all are there
//   node tests/e2e/trackers/fetch-sdks.mjs --force  # fetch again
//
// Each package is fetched whole with `npm pack <name>@<pinned version>` into a temporary
// directory (npm checks the tarball against the registry's integrity hash; no dependency is
// installed, no script runs), the one file the CDN serves is extracted, and its SHA-256 must
// equal the pin below. The files are test fixtures, not committed (see .gitignore here): the
// e2e tests call `ensureSdks()` before they start, and `make test-e2e` runs this script.
//
// To move to a new version: change `version`, run with --force, copy the SHA-256 it reports
// into `sha256`, and paste the package's own snippet into tests/e2e/fixtures/blocking-sdks.html
// where a `snippet` is named (this script fails while the fixture holds another one).

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FIXTURE = path.resolve(HERE, '..', 'fixtures', 'blocking-sdks.html');

/**
 * What the CDNs serve, and from which package file.
 * `to`: path under tests/e2e/trackers/ (host directory first), as the vendor's snippet asks for it.
 * `snippet`: the vendor's install snippet in the same package, which the fixture must hold verbatim.
 */
export const SDKS = [
  {
    name: 'posthog-js',
    version: '1.449.2',
    file: 'dist/array.full.js',
    // The snippet loads <api_host with -assets>/static/array.js; the full bundle needs no lazy loads.
    to: 'us-assets.i.posthog.com/static/array.js',
    sha256: '287aa98c0c5c660e2328345d3303bc44d6dc02abc35dd092578abd34b96f2373',
  },
  {
    name: 'mixpanel-browser',
    version: '2.83.0',
    // The snippet-loaded build, what cdn.mxpnl.com serves as mixpanel-2-latest.min.js.
    file: 'dist/mixpanel.min.js',
    to: 'cdn.mxpnl.com/libs/mixpanel-2-latest.min.js',
    sha256: '1d22709df8fbce95ea14bdc265de468771faa1375f1ea18e0673ad3faa6dce62',
    snippet: 'dist/mixpanel-jslib-snippet.min.js',
  },
  {
    name: '@amplitude/analytics-browser',
    version: '2.40.0',
    // The snippet loads this very file (gzip, checked against its integrity attribute).
    file: 'lib/scripts/amplitude-min.js.gz',
    to: 'cdn.amplitude.com/libs/analytics-browser-2.40.0-min.js.gz',
    sha256: 'b341f2edc672a1ded2b6d6ca3b274a768a1f5af9d1065b50a527a240673473ce',
    snippet: 'lib/scripts/amplitude-snippet-min.js',
  },
];

const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');

/** The SDKs whose file is missing or not the pinned one. */
export function missingSdks(root = HERE) {
  return SDKS.filter((sdk) => {
    try {
      return sha256(fs.readFileSync(path.join(root, sdk.to))) !== sdk.sha256;
    } catch {
      return true;
    }
  });
}

/** Fetches one package with npm pack and extracts the files named; returns them by name. */
function pack(sdk, files) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bzconsent-sdk-'));
  try {
    const out = execFileSync(
      'npm',
      ['pack', `${sdk.name}@${sdk.version}`, '--json', '--silent', '--ignore-scripts', '--pack-destination', tmp],
      { cwd: tmp, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const [info] = JSON.parse(out);
    if (!info || info.name !== sdk.name || info.version !== sdk.version) {
      throw new Error(`npm pack ${sdk.name}@${sdk.version} answered ${info?.name}@${info?.version}`);
    }
    const members = files.map((f) => `package/${f}`);
    execFileSync('tar', ['-xzf', path.join(tmp, info.filename), '-C', tmp, ...members], { stdio: 'inherit' });
    return Object.fromEntries(files.map((f) => [f, fs.readFileSync(path.join(tmp, 'package', f))]));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Fetches what is missing (or everything with `force`). Throws when a file is not the pinned
 * one or the fixture's snippet is not the package's.
 */
export function fetchSdks({ force = false, root = HERE, log = (m) => process.stderr.write(m + '\n') } = {}) {
  const todo = force ? SDKS : missingSdks(root);
  const fixture = fs.readFileSync(FIXTURE, 'utf8');
  for (const sdk of todo) {
    const got = pack(sdk, [sdk.file, ...(sdk.snippet ? [sdk.snippet] : [])]);
    const body = got[sdk.file];
    const hash = sha256(body);
    if (hash !== sdk.sha256) {
      throw new Error(`${sdk.name}@${sdk.version} ${sdk.file}: SHA-256 ${hash}, pinned ${sdk.sha256 || '(none)'}`);
    }
    if (sdk.snippet && !fixture.includes(got[sdk.snippet].toString('utf8').trim())) {
      throw new Error(`${path.relative(process.cwd(), FIXTURE)} does not hold ${sdk.name}@${sdk.version}'s ${sdk.snippet} verbatim`);
    }
    const dest = path.join(root, sdk.to);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    // Replace whatever was there (an old version, a symlink into node_modules) atomically.
    const part = `${dest}.part`;
    fs.writeFileSync(part, body);
    fs.rmSync(dest, { force: true });
    fs.renameSync(part, dest);
    log(`fetch-sdks: ${sdk.name}@${sdk.version} ${sdk.file} -> tests/e2e/trackers/${sdk.to}`);
  }
  return todo.length;
}

/** For the tests: makes sure every bundle is there (fetches only what is missing). */
export function ensureSdks() {
  if (missingSdks().length) fetchSdks();
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    const n = fetchSdks({ force: process.argv.includes('--force') });
    if (!n) process.stderr.write('fetch-sdks: every SDK bundle is there\n');
  } catch (err) {
    process.stderr.write(`fetch-sdks: ${err.message}\n`);
    process.exit(1);
  }
}
