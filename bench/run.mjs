#!/usr/bin/env node
// make bench: loads the same catalogue page with each consent widget (and with none) in headless
// Chromium, many times with a cold cache, and reports what each widget costs the visitor.
//
//   node bench/run.mjs            (make bench installs what it needs first)
//
// Three sections, each reported side by side with the peers (BENCH_SECTIONS picks some):
// - `unthrottled`: the network as fast as the local server, CPU throttled; first visits; the
//   original figures (banner painted, main thread, heap, Accept all → analytics ran, …);
// - `mobile`: Lighthouse's mobile profile (150 ms latency, 1.6 Mbps down, 750 kbps up, 4× CPU,
//   cold cache): FCP, LCP and banner painted against the page without a widget, main thread in
//   the widget's scripts, and the widget's bytes, render-blocking bytes and requests, on a first
//   visit and on a returning visit (a stored choice written beforehand in the widget's format);
// - `dom`: a DOM-heavy workload timed inside the page once the widget has started (no choice
//   made), per operation kind, as a ratio to the page without a widget.
//
// Environment: BENCH_RUNS (loads per page and section, default 15), BENCH_MOBILE_RUNS and
// BENCH_DOM_RUNS (override BENCH_RUNS for one section), BENCH_SECTIONS (comma-separated, default
// `unthrottled,mobile,dom`), BENCH_GZIP_RUNS (extra unthrottled loads per page with gzip instead
// of brotli, for the byte counts only; default 2), BENCH_PORT (default 8123), BENCH_THROTTLE (CPU
// slow-down factor, default 4), BENCH_DOM_THROTTLE (CPU slow-down factor of the DOM-heavy
// section, default 1), BENCH_NETWORK (`lighthouse`, default: the profile's figures as request
// latency and throughput; `devtools`: the larger latency Lighthouse itself uses when it throttles
// through DevTools, 562.5 ms and 0.9× throughput), BENCH_ONLY (comma-separated page ids; the
// baseline and bzconsent are always measured), BENCH_OUT (directory for results.md/results.json,
// default bench/), BENCH_SCREENSHOTS (a directory: one screenshot per page with its banner
// showing), BENCH_COMPARE (another build of bzconsent under pkg/, e.g. `old.js`: measured too, as
// "bzconsent-compare", on a copy of bzconsent's page written to bench/pages/compare.html),
// BENCH_PRELOAD (1: bzconsent measured a second time, as "bzconsent-preload", on a copy of its
// page with `<link rel="preload">` hints for the UI and the page's language file right after the
// guard's tag, written to bench/pages/preload.html),
// CHROMIUM (default /usr/bin/chromium). A quick run: `BENCH_RUNS=3 BENCH_GZIP_RUNS=0 make bench`.
//
// What one measured load does: a fresh browser context (empty cache and storage), a phone
// viewport with touch, the CPU throttled, a probe injected before any page script, a Chromium
// trace from navigation until the page has settled (banner shown, load fired, network quiet),
// then (unthrottled section) the JS heap after a garbage collection, then a click on the
// banner's "Accept all" and the time until the held-back analytics script has run. Pages are
// measured round-robin.

import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import puppeteer from 'puppeteer-core';
import { start } from './server.mjs';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(BENCH, '..');

const int = (v, d) => (v === undefined || v === '' ? d : Math.max(0, Math.floor(Number(v))));
const RUNS = Math.max(1, int(process.env.BENCH_RUNS, 15));
const GZIP_RUNS = int(process.env.BENCH_GZIP_RUNS, 2);
const PORT = int(process.env.BENCH_PORT, 8123);
const THROTTLE = Number(process.env.BENCH_THROTTLE || 4);
const DOM_THROTTLE = Number(process.env.BENCH_DOM_THROTTLE || 1);
const MOBILE_RUNS = Math.max(1, int(process.env.BENCH_MOBILE_RUNS, RUNS));
const DOM_RUNS = Math.max(1, int(process.env.BENCH_DOM_RUNS, RUNS));
/** How many times the DOM-heavy workload runs in each load (each kind: the median of these). */
const DOM_REPEATS = 3;
const SECTIONS = new Set((process.env.BENCH_SECTIONS || 'unthrottled,mobile,dom').split(',').map((s) => s.trim()).filter(Boolean));
for (const s of SECTIONS) if (!['unthrottled', 'mobile', 'dom'].includes(s)) throw new Error(`BENCH_SECTIONS: unknown section ${s}`);
/**
 * Lighthouse's mobile profile (its `mobileSlow4G` throttling: 150 ms round trip, 1.6 Mbps down,
 * 750 kbps up, 4× CPU). Chromium's network emulation adds its latency once per request, as
 * Lighthouse does when it throttles through DevTools; Lighthouse then scales it (×3.75 latency,
 * ×0.9 throughput) to stand in for the handshakes and round trips its simulation counts.
 * `lighthouse` takes the profile's figures as they are, `devtools` Lighthouse's scaled ones.
 */
const NETWORKS = {
  lighthouse: { latency: 150, download: (1.6 * 1024 * 1024) / 8, upload: (750 * 1024) / 8 },
  devtools: { latency: 150 * 3.75, download: (0.9 * 1.6 * 1024 * 1024) / 8, upload: (0.9 * 750 * 1024) / 8 },
};
const NETWORK_NAME = process.env.BENCH_NETWORK || 'lighthouse';
const NETWORK = NETWORKS[NETWORK_NAME];
if (!NETWORK) throw new Error(`BENCH_NETWORK: ${NETWORK_NAME} is not one of ${Object.keys(NETWORKS).join(', ')}`);
/** The CPU slow-down of the mobile profile. */
const MOBILE_THROTTLE = 4;
/** Goals the figures are set against (reported, never enforced). */
const GOALS = {
  renderBlockingBytes: 14 * 1024,
  fcpDeltaMs: 50,
  firstVisitBytes: 30 * 1024,
  domOverhead: 0.05,
};
const OUT = path.resolve(process.env.BENCH_OUT || BENCH);
const SHOTS = process.env.BENCH_SCREENSHOTS ? path.resolve(process.env.BENCH_SCREENSHOTS) : null;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const VIEWPORT = { width: 390, height: 844, deviceScaleFactor: 3, isMobile: true, hasTouch: true };
const USER_AGENT =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36';
// Tasks (RunTask), parsing, script evaluation, calls and compilation; nothing more, to keep the
// trace small (it covers every process of the browser).
const TRACE_CATEGORIES = ['-*', 'devtools.timeline', 'disabled-by-default-devtools.timeline'];
/** After the banner is on screen and the load event has fired: how long to keep recording. */
const SETTLE_MS = 1000;
/** …and how long the network must have been quiet. */
const QUIET_MS = 500;
const TIMEOUT_MS = 30000;
const DAY_MS = 86400000;

/**
 * The pages. `prefix`: the URL path of the widget's own files (its requests and bytes).
 * `banner` / `accept`: where its banner and its "Accept all" button are; `host` names an
 * element whose open shadow root holds them. `seed(now)`: a stored choice in the widget's own
 * format (necessary and analytics accepted, preferences and marketing refused, made a day before
 * `now`), as cookies and localStorage items, for the returning visit; each format was read from
 * the widget's source in bench/node_modules, and every returning load checks that the widget
 * honoured it (no banner, the analytics script ran).
 */
const WIDGETS = [
  { id: 'baseline', name: 'no widget (baseline)', page: 'baseline.html' },
  {
    id: 'bzconsent',
    name: 'bzconsent',
    page: 'bzconsent.html',
    prefix: '/pkg/',
    banner: { host: '#bzconsent-root', selector: '[data-bz="banner"]' },
    accept: { host: '#bzconsent-root', selector: '[data-bz="banner"] [data-bz="accept-all"]' },
    // src/core/record.rs: localStorage `bzconsent`, schema 1, revision ≥ 1.
    seed: (now) => ({
      localStorage: {
        bzconsent: JSON.stringify({
          schema: 1,
          revision: 1,
          id: '0b6f1c5e-2a43-4c55-9d3e-6a1f0e2b7c11',
          timestamp: new Date(now - DAY_MS).toISOString(),
          categories: { necessary: true, preferences: false, analytics: true, marketing: false },
          services: {},
          method: 'custom',
        }),
      },
    }),
  },
  {
    id: 'vanilla-cookieconsent',
    name: 'vanilla-cookieconsent',
    npm: 'vanilla-cookieconsent',
    page: 'vanilla-cookieconsent.html',
    prefix: '/vendor/vanilla-cookieconsent/',
    banner: { selector: '#cc-main .cm' },
    accept: { selector: '#cc-main .cm [data-role="all"]' },
    // dist/cookieconsent.esm.js: cookie `cc_cookie`, URI-encoded JSON; a string consentId, both
    // timestamps and a categories array make it valid; no revision is configured (0).
    seed: (now) => ({
      cookies: {
        cc_cookie: encodeURIComponent(
          JSON.stringify({
            categories: ['necessary', 'analytics'],
            revision: 0,
            data: null,
            consentTimestamp: new Date(now - DAY_MS).toISOString(),
            consentId: '0b6f1c5e-2a43-4c55-9d3e-6a1f0e2b7c11',
            services: { necessary: [], preferences: [], analytics: [], marketing: [] },
            languageCode: 'en',
            lastConsentTimestamp: new Date(now - DAY_MS).toISOString(),
            expirationTime: now - DAY_MS + 182 * DAY_MS,
          }),
        ),
      },
    }),
  },
  {
    id: 'klaro',
    name: 'Klaro',
    npm: 'klaro',
    page: 'klaro.html',
    prefix: '/vendor/klaro/',
    banner: { selector: '#klaro-cookie-notice' },
    accept: { selector: '#klaro-cookie-notice .cm-btn-success' },
    // src/consent-manager.js, stores.js: cookie `klaro` (the page's storageMethod and
    // cookieName), URI-encoded JSON of every configured service's consent; all of them present
    // makes the choice confirmed.
    seed: () => ({
      cookies: {
        klaro: encodeURIComponent(JSON.stringify({ consent: true, language: false, 'google-analytics': true, youtube: false })),
      },
    }),
  },
  {
    id: 'tarteaucitron',
    name: 'tarteaucitron',
    npm: 'tarteaucitronjs',
    page: 'tarteaucitron.html',
    prefix: '/vendor/tarteaucitronjs/',
    banner: { selector: '#tarteaucitronAlertBig' },
    accept: { selector: '#tarteaucitronPersonalize2' },
    // tarteaucitron.js: cookie `tarteaucitron` (the page's cookieName), `!<service>=true|false`
    // for every service; a service is answered when its key is there.
    seed: () => ({ cookies: { tarteaucitron: '!language=false!galike=true!youtubeads=false' } }),
  },
  {
    id: 'osano-cookieconsent',
    name: 'Osano cookieconsent',
    npm: 'cookieconsent',
    page: 'osano-cookieconsent.html',
    prefix: '/vendor/cookieconsent/',
    banner: { selector: '.cc-window' },
    accept: { selector: '.cc-window .cc-allow' },
    // src/cookieconsent.js: cookie `cookieconsent_status`, `allow` | `deny` | `dismiss` (no
    // categories: `allow` is Accept all).
    seed: () => ({ cookies: { cookieconsent_status: 'allow' } }),
  },
];

/**
 * Injected before any script of the page. Records, in `window.__bench`: the timestamp of the
 * first frame in which the banner is visible, layout shifts, the Wasm memories instantiated,
 * and the time of the first click.
 */
function probe(spec) {
  const state = (window.__bench = { bannerAt: null, bannerFrameAt: null, bannerCallbackAt: null, cls: 0, clickAt: null, memories: [], lcp: null, lcpElement: null, startup: null });
  // bzconsent's guard start-up, split (see STARTUP_FIGURES): times around the first synchronous
  // WebAssembly.Module (compile) and Instance (instantiate), its first `Object.defineProperty`
  // on a prototype (its hooks begin: what lies before is the Rust start and Consent Mode's
  // default), the definition of `window.__bzconsentLink` (the end of its start), and the first
  // zero-delay timer it sets meanwhile (the first clean-up sweep, run a task later).
  const up = {};
  const Module = WebAssembly.Module;
  WebAssembly.Module = new Proxy(Module, {
    construct(target, args, newTarget) {
      const t = performance.now();
      const m = Reflect.construct(target, args, newTarget);
      if (up.compile === undefined) up.compile = [t, performance.now()];
      return m;
    },
  });
  const defineProperty = Object.defineProperty;
  Object.defineProperty = function (o, name, d) {
    const t = performance.now();
    if (up.instantiate && up.hooks === undefined && o !== window && typeof o === 'object' && o !== null && !Array.isArray(o)) up.hooks = t;
    const r = defineProperty(o, name, d);
    if (name === '__bzconsentLink' && o === window && up.end === undefined) {
      up.end = performance.now();
      state.startup = up;
    }
    return r;
  };
  const setTimeout_ = window.setTimeout;
  window.setTimeout = function (f, ms, ...rest) {
    if (up.hooks !== undefined && up.end === undefined && up.clean === undefined && !ms && typeof f === 'function') {
      up.clean = null;
      return setTimeout_.call(this, function () {
        const t = performance.now();
        try {
          return f.apply(this, arguments);
        } finally {
          up.clean = performance.now() - t;
        }
      }, ms, ...rest);
    }
    return setTimeout_.call(this, f, ms, ...rest);
  };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) state.cls += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  } catch {}
  // Largest contentful paint: the last candidate before the page is read (no input comes first).
  try {
    new PerformanceObserver((list) => {
      const e = list.getEntries().at(-1);
      if (!e) return;
      state.lcp = e.startTime;
      const el = e.element;
      state.lcpElement = el
        ? el.localName + (el.id ? '#' + el.id : '') + (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '')
        : null;
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  } catch {}
  const record = (instance) => {
    try {
      for (const v of Object.values(instance.exports)) if (v instanceof WebAssembly.Memory) state.memories.push(v);
    } catch {}
  };
  const Instance = WebAssembly.Instance;
  WebAssembly.Instance = new Proxy(Instance, {
    construct(target, args, newTarget) {
      const t = performance.now();
      const instance = Reflect.construct(target, args, newTarget);
      if (up.compile && up.instantiate === undefined) up.instantiate = [t, performance.now()];
      record(instance);
      return instance;
    },
  });
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const original = WebAssembly[name];
    if (!original) continue;
    WebAssembly[name] = function (...args) {
      return original.apply(this, args).then((r) => {
        record(r instanceof Instance ? r : r.instance);
        return r;
      });
    };
  }
  addEventListener(
    'click',
    () => {
      if (state.clickAt === null) state.clickAt = performance.now();
    },
    true,
  );
  if (!spec) return;

  const find = () => {
    let root = document;
    if (spec.host) {
      root = document.querySelector(spec.host)?.shadowRoot;
      if (!root) return null;
    }
    return root.querySelector(spec.selector);
  };
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return false;
    if (r.bottom <= 0 || r.right <= 0 || r.top >= innerHeight || r.left >= innerWidth) return false;
    for (let n = el; n; n = n.parentNode ?? n.host) {
      if (n.nodeType !== 1) continue;
      const cs = getComputedStyle(n);
      if (cs.display === 'none' || cs.visibility !== 'visible' || Number(cs.opacity) === 0) return false;
    }
    return true;
  };
  // What a frame paints is the DOM as it stands after all animation-frame callbacks. Our poll is
  // the first callback of every frame (it was registered first and re-registers each frame), so
  // it sees changes made by tasks since the last frame; the page's own callbacks are wrapped so
  // that changes they make are checked right after them. Either way this frame is the first to
  // paint the banner. Its timestamp is when the frame was scheduled, which can be long before
  // its callbacks run (a script holding the main thread in between, maybe the one that made the
  // banner); the frame's style, layout and paint run in the same task as its callbacks, so the
  // first task posted from here runs once the banner has been painted: that is `bannerAt`.
  const check = (ts) => {
    if (state.bannerFrameAt !== null) return true;
    const el = find();
    if (!el || !visible(el)) return false;
    state.bannerFrameAt = ts;
    state.bannerCallbackAt = performance.now();
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      state.bannerAt = performance.now();
      channel.port1.close();
    };
    channel.port2.postMessage(null);
    return true;
  };
  const raf = window.requestAnimationFrame.bind(window);
  // Made from source with its own name, so the trace attributes the page's animation-frame
  // callbacks to "bench-raf-wrapper" (counted as the widget's) rather than to this probe.
  window.requestAnimationFrame = new Function(
    'raf',
    'state',
    'check',
    'return function requestAnimationFrame(cb) {\n' +
      '  return raf(function (ts) {\n' +
      '    try { cb(ts); } finally { if (state.bannerFrameAt === null) queueMicrotask(function () { check(ts); }); }\n' +
      '  });\n' +
      '};\n//# sourceURL=bench-raf-wrapper',
  )(raf, state, check);
  const poll = (ts) => {
    if (!check(ts)) raf(poll);
  };
  raf(poll);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The banner's accept button as an element handle (piercing an open shadow root). */
async function acceptButton(page, spec) {
  const handle = await page.evaluateHandle((s) => {
    const root = s.host ? document.querySelector(s.host)?.shadowRoot : document;
    return root?.querySelector(s.selector) ?? null;
  }, spec);
  const el = handle.asElement();
  if (!el) throw new Error(`no accept button at ${JSON.stringify(spec)}`);
  return el;
}

/** Trace events that run script, and carry the URL of the script they run. */
const SCRIPT_EVENTS = new Set(['EvaluateScript', 'FunctionCall', 'v8.compile', 'v8.compileModule', 'v8.evaluateModule']);

/**
 * Main-thread time in a trace, on the main thread of the renderer that parsed `url`, from the
 * start of parsing to the end of the trace:
 * - `totalMs`: the sum of the durations of top-level tasks;
 * - `widgetMs`: the time spent in the widget's scripts: outermost script events (evaluation,
 *   compilation, calls into event handlers, timers and animation-frame callbacks) whose script
 *   is one of `isWidget`'s — everything they do synchronously included (Wasm compilation and
 *   instantiation, style and layout they force), but not the rendering that follows them.
 * @param {(scriptUrl: string) => boolean} isWidget
 */
function mainThread(trace, url, isWidget = () => false) {
  const events = trace.traceEvents ?? trace;
  const parse = events.find((e) => e.name === 'ParseHTML' && e.args?.beginData?.url === url);
  if (!parse) return null;
  const { pid, tid } = parse;
  const onThread = events.filter((e) => e.pid === pid && e.tid === tid);
  // From the start of HTML parsing: what comes before (committing the navigation, making the
  // document) is the same for every page and only adds noise.
  const from = parse.ts;
  // Sums the events that are not nested in another one of the list, clipped to start at `from`:
  // wall time (dur) and the thread's own CPU time (tdur; the CPU throttle's slow-down counts in it).
  const outermost = (list) => {
    let wall = 0;
    let cpu = 0;
    let end = -Infinity;
    for (const e of list.sort((a, b) => a.ts - b.ts)) {
      const stop = e.ts + (e.dur ?? 0);
      if (stop <= end) continue; // nested in one already counted
      const part = stop - Math.max(e.ts, end, from);
      wall += part;
      cpu += e.dur ? (e.tdur ?? e.dur) * (part / e.dur) : 0;
      end = stop;
    }
    return { wall: wall / 1000, cpu: cpu / 1000 };
  };
  const complete = onThread.filter((e) => e.ph === 'X' && e.ts + (e.dur ?? 0) >= from);
  const tasks = complete.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');
  const scriptUrl = (e) => e.args?.data?.url ?? e.args?.data?.stackTrace?.[0]?.url ?? e.args?.fileName ?? '';
  const widget = complete.filter((e) => SCRIPT_EVENTS.has(e.name) && isWidget(scriptUrl(e)));
  const t = outermost(tasks);
  const w = outermost(widget);
  return { totalMs: t.cpu, widgetMs: w.cpu, totalWallMs: t.wall, widgetWallMs: w.wall };
}

/** Writes a stored choice (see WIDGETS' `seed`) into the current page's origin. */
function seedInPage(seed) {
  for (const [name, value] of Object.entries(seed.cookies ?? {})) {
    document.cookie = `${name}=${value}; path=/; max-age=15724800; SameSite=Lax`;
  }
  for (const [key, value] of Object.entries(seed.localStorage ?? {})) localStorage.setItem(key, value);
}

/**
 * One load of `widget`'s page.
 * - `full`: also trace; on the unthrottled profile also take the heap and click "Accept all".
 * - `profile`: 'unthrottled' (the network as fast as the server; CPU throttled by THROTTLE) or
 *   'mobile' (Lighthouse's mobile profile: NETWORK and MOBILE_THROTTLE). Mobile loads first open
 *   bench/pages/seed.html on the same origin (unthrottled), write the stored choice there on a
 *   returning visit, then throttle and load the page, so that first and returning visits differ
 *   only in what is stored.
 * - `visit`: 'first' (nothing stored) or 'returning' (widget.seed written first; mobile only).
 */
async function measure(browser, server, widget, { encoding = 'br', full = true, screenshot = null, profile = 'unthrottled', visit = 'first' } = {}) {
  const context = await browser.createBrowserContext();
  const mobile = profile === 'mobile';
  try {
    const page = await context.newPage();
    const cdp = await page.createCDPSession();
    await page.emulate({ viewport: VIEWPORT, userAgent: USER_AGENT });
    await cdp.send('Network.enable');
    if (encoding !== 'br') {
      await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': encoding } });
    }
    if (mobile) {
      await page.goto(`${server.url}/seed.html`, { waitUntil: 'load', timeout: TIMEOUT_MS });
      if (visit === 'returning' && widget.seed) await page.evaluate(seedInPage, widget.seed(Date.now()));
      await page.emulateNetworkConditions(NETWORK);
    }
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: mobile ? MOBILE_THROTTLE : THROTTLE });
    await page.evaluateOnNewDocument(probe, widget.banner ?? null);
    // Only a first visit waits for a banner; a returning visit is read once settled (a banner
    // shown then means the stored choice was not honoured).
    const expectBanner = visit === 'first' && widget.banner;

    const inflight = new Set();
    let lastNetwork = Date.now();
    cdp.on('Network.requestWillBeSent', (e) => {
      inflight.add(e.requestId);
      lastNetwork = Date.now();
    });
    const finished = (e) => {
      inflight.delete(e.requestId);
      lastNetwork = Date.now();
    };
    cdp.on('Network.loadingFinished', finished);
    cdp.on('Network.loadingFailed', finished);

    const url = `${server.url}/${widget.page}`;
    if (full) await page.tracing.start({ categories: TRACE_CATEGORIES });
    await page.goto(url, { waitUntil: 'load', timeout: TIMEOUT_MS });

    // Settled: load has fired, the banner is on screen (pages with a widget), SETTLE_MS have
    // passed since both, and the network has been quiet for QUIET_MS.
    const begin = Date.now();
    let readyAt = null;
    let bannerAt = null;
    for (;;) {
      if (Date.now() - begin > TIMEOUT_MS) break;
      if (bannerAt === null && expectBanner) bannerAt = await page.evaluate(() => window.__bench.bannerAt);
      if (readyAt === null && (bannerAt !== null || !expectBanner)) readyAt = Date.now();
      if (readyAt !== null && Date.now() - readyAt >= SETTLE_MS && inflight.size === 0 && Date.now() - lastNetwork >= QUIET_MS) break;
      await sleep(100);
    }
    const trace = full ? JSON.parse(Buffer.from(await page.tracing.stop()).toString('utf8')) : null;
    if (screenshot) await page.screenshot({ path: screenshot });

    const data = await page.evaluate((prefix) => {
      const b = window.__bench;
      const nav = performance.getEntriesByType('navigation')[0];
      const own = prefix
        ? performance.getEntriesByType('resource').filter((r) => new URL(r.name).pathname.startsWith(prefix))
        : [];
      return {
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
        lcp: b.lcp,
        lcpElement: b.lcpElement,
        analyticsRan: window.__benchAnalytics !== undefined,
        bannerAt: b.bannerAt,
        bannerFrameAt: b.bannerFrameAt,
        bannerCallbackAt: b.bannerCallbackAt,
        cls: b.cls,
        wasmBytes: b.memories.reduce((s, m) => s + m.buffer.byteLength, 0),
        startup: b.startup,
        loadEnd: nav.loadEventEnd,
        html: { encoded: nav.encodedBodySize, decoded: nav.decodedBodySize },
        requests: own.map((r) => ({
          path: new URL(r.name).pathname,
          encoded: r.encodedBodySize,
          decoded: r.decodedBodySize,
          status: r.responseStatus,
          blocking: r.renderBlockingStatus === 'blocking',
        })),
      };
    }, widget.prefix ?? null);
    const run = {
      widget: widget.id,
      encoding,
      profile,
      visit,
      fcpMs: data.fcp,
      lcpMs: data.lcp,
      lcpElement: data.lcpElement,
      analyticsRan: data.analyticsRan,
      bannerMs: data.bannerAt,
      bannerFrameMs: data.bannerFrameAt,
      bannerCallbackMs: data.bannerCallbackAt,
      cls: data.cls,
      loadMs: data.loadEnd,
      htmlBytes: data.html.encoded,
      requests: data.requests,
      requestCount: data.requests.length,
      wireBytes: data.requests.reduce((s, r) => s + r.encoded, 0),
      rawBytes: data.requests.reduce((s, r) => s + r.decoded, 0),
      blockingBytes: data.requests.filter((r) => r.blocking).reduce((s, r) => s + r.encoded, 0),
      blockingCount: data.requests.filter((r) => r.blocking).length,
    };
    // bzconsent's guard start-up, split (ms): compile, instantiate, Rust start (and Consent
    // Mode's default), hook installation (to the end of the guard's script), first clean-up.
    const up = data.startup;
    if (up && up.compile && up.instantiate && up.hooks !== undefined && up.end !== undefined) {
      run.startup = {
        compile: up.compile[1] - up.compile[0],
        instantiate: up.instantiate[1] - up.instantiate[0],
        start: up.hooks - up.instantiate[1],
        hooks: up.end - up.hooks,
        clean: typeof up.clean === 'number' ? up.clean : null,
      };
    }
    if (!full) return run;

    // The widget's scripts: its files, the page's inline scripts (only widget pages have any:
    // their configuration) and the page's animation-frame callbacks (see the probe).
    const own = (u) =>
      widget.prefix !== undefined &&
      (u.startsWith(server.url + widget.prefix) || u === url || u === 'bench-raf-wrapper');
    const main = mainThread(trace, url, own);
    run.mainThreadMs = main?.totalMs ?? null;
    run.widgetScriptMs = main?.widgetMs ?? null;
    run.mainThreadWallMs = main?.totalWallMs ?? null;
    run.widgetScriptWallMs = main?.widgetWallMs ?? null;
    if (mobile) return run;
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    run.jsHeapBytes = heap.usedSize;
    run.wasmBytes = data.wasmBytes;

    if (widget.accept && data.bannerAt !== null) {
      const button = await acceptButton(page, widget.accept);
      await button.click();
      const until = Date.now() + TIMEOUT_MS;
      let times = null;
      while (Date.now() < until) {
        times = await page.evaluate(() => ({ clickAt: window.__bench.clickAt, ranAt: window.__benchAnalytics ?? null }));
        if (times.ranAt !== null) break;
        await sleep(50);
      }
      run.acceptMs = times?.ranAt != null && times.clickAt !== null ? times.ranAt - times.clickAt : null;
    }
    return run;
  } finally {
    await context.close().catch(() => {});
  }
}

// ---- DOM-heavy page ---------------------------------------------------------------------------

/** The operation kinds of the DOM-heavy workload, in the order they run. */
const DOM_KINDS = [
  { key: 'appendChild', label: '`appendChild` ×20,000' },
  { key: 'setAttribute', label: '`setAttribute` ×20,000' },
  { key: 'innerHTML', label: '`innerHTML` of 2,000 rows ×5' },
  { key: 'cookieRead', label: 'cookie reads ×5,000' },
  { key: 'cookieWrite', label: 'cookie writes ×2,000' },
  { key: 'setItem', label: '`localStorage.setItem` ×5,000' },
];

/**
 * Runs in the page (main world, so through whatever the widget wrapped), once the widget has
 * started and no choice is made. Each kind is timed with performance.now() from its first call
 * until a few microtask turns after its last, so that mutation-observer callbacks it caused are
 * counted; what it needs (elements, strings) is made before its clock starts. The elements go
 * into a `display: none` container in the body: observed like any other, but with no layout.
 * Between kinds, a task boundary. The whole workload runs `repeats` times (fresh elements each
 * time); returns each kind's milliseconds per repeat.
 */
async function domWorkload(repeats) {
  async function once() {
    const settle = async () => {
      for (let i = 0; i < 4; i++) await null;
    };
    const gap = () => new Promise((ok) => setTimeout(ok, 0));
    const times = {};
    const host = document.createElement('div');
    host.style.display = 'none';
    document.body.appendChild(host);
    await gap();

    const tags = ['div', 'span', 'p', 'li', 'a'];
    const els = [];
    for (let i = 0; i < 20000; i++) els.push(document.createElement(tags[i % tags.length]));
    let t = performance.now();
    for (let i = 0; i < 20000; i++) host.appendChild(els[i]);
    await settle();
    times.appendChild = performance.now() - t;
    await gap();

    const names = ['class', 'data-id', 'title', 'aria-label', 'role'];
    const values = [];
    for (let i = 0; i < 20000; i++) values.push('v' + i);
    t = performance.now();
    for (let i = 0; i < 20000; i++) els[i].setAttribute(names[i % names.length], values[i]);
    await settle();
    times.setAttribute = performance.now() - t;
    await gap();

    let rows = '<table><tbody>';
    for (let i = 0; i < 2000; i++) {
      rows += `<tr><td>${i}</td><td><a href="/products/${i}">Carton box ${i}</a></td><td class="price">${(i * 1.7).toFixed(2)}</td></tr>`;
    }
    rows += '</tbody></table>';
    const table = document.createElement('div');
    host.appendChild(table);
    await gap();
    t = performance.now();
    for (let i = 0; i < 5; i++) table.innerHTML = rows;
    await settle();
    times.innerHTML = performance.now() - t;
    await gap();

    let length = 0;
    t = performance.now();
    for (let i = 0; i < 5000; i++) length += document.cookie.length;
    await settle();
    times.cookieRead = performance.now() - t;
    await gap();

    const cookies = [];
    for (let i = 0; i < 2000; i++) cookies.push(`cart_item_${i % 10}=${i}; path=/; SameSite=Lax`);
    t = performance.now();
    for (let i = 0; i < 2000; i++) document.cookie = cookies[i];
    await settle();
    times.cookieWrite = performance.now() - t;
    await gap();

    const keys = [];
    for (let i = 0; i < 5000; i++) keys.push(['recent:' + (i % 50), 'product-' + i]);
    t = performance.now();
    for (let i = 0; i < 5000; i++) localStorage.setItem(keys[i][0], keys[i][1]);
    await settle();
    times.setItem = performance.now() - t;

    host.remove();
    times.check = length > 0 ? 1 : 0;
    return times;
  }

  const all = {};
  for (let r = 0; r < repeats; r++) {
    const times = await once();
    for (const [k, v] of Object.entries(times)) (all[k] ??= []).push(v);
  }
  return all;
}

/** One load of `widget`'s page for the DOM-heavy workload; returns its times per kind. */
async function measureDom(browser, server, widget) {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    const cdp = await page.createCDPSession();
    await page.emulate({ viewport: VIEWPORT, userAgent: USER_AGENT });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: DOM_THROTTLE });
    await page.evaluateOnNewDocument(probe, widget.banner ?? null);
    await page.goto(`${server.url}/${widget.page}`, { waitUntil: 'load', timeout: TIMEOUT_MS });
    // Started: the banner is on screen (pages with a widget) and load has fired; then a pause
    // for the widget's after-load work (tarteaucitron starts at load).
    const until = Date.now() + TIMEOUT_MS;
    let bannerAt = null;
    while (widget.banner && bannerAt === null && Date.now() < until) {
      bannerAt = await page.evaluate(() => window.__bench.bannerAt);
      if (bannerAt === null) await sleep(50);
    }
    await sleep(SETTLE_MS);
    const times = await page.evaluate(domWorkload, DOM_REPEATS);
    // Per kind: the median of the repeats in this load (a core taken away by other work for a
    // moment spoils one repeat, not the load).
    const run = { widget: widget.id, section: 'dom', bannerMs: bannerAt, repeats: times };
    for (const k of DOM_KINDS) run[k.key] = describe(times[k.key]).median;
    run.totalMs = DOM_KINDS.reduce((s, k) => s + run[k.key], 0);
    return run;
  } finally {
    await context.close().catch(() => {});
  }
}

// ---- statistics and report -------------------------------------------------------------------

function quantile(sorted, q) {
  if (!sorted.length) return null;
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (i - lo);
}

function describe(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  return { n: v.length, median: quantile(v, 0.5), p25: quantile(v, 0.25), p75: quantile(v, 0.75), min: v[0] ?? null, max: v.at(-1) ?? null };
}

/** The figures reported per widget. `minusBaseline`: the baseline page's median is subtracted. */
const FIGURES = [
  { key: 'wireBr', label: 'widget files, brotli (kB)', scale: 1 / 1000, digits: 1, pick: (r) => (r.encoding === 'br' ? r.wireBytes : undefined) },
  { key: 'wireGzip', label: 'widget files, gzip (kB)', scale: 1 / 1000, digits: 1, pick: (r) => (r.encoding === 'gzip' ? r.wireBytes : undefined) },
  { key: 'requests', label: 'requests', digits: 0, pick: (r) => (r.encoding === 'br' ? r.requestCount : undefined) },
  { key: 'banner', label: 'banner painted (ms)', digits: 0, pick: (r) => (r.encoding === 'br' && r.widget !== 'baseline' ? r.bannerMs : undefined) },
  { key: 'bannerFrame', label: "banner's frame scheduled (ms)", digits: 0, pick: (r) => (r.encoding === 'br' && r.widget !== 'baseline' ? r.bannerFrameMs : undefined) },
  { key: 'widgetScript', label: 'main thread in widget scripts (ms)', digits: 0, pick: (r) => r.widgetScriptMs },
  { key: 'mainThread', label: 'main thread, whole page (ms)', digits: 0, minusBaseline: true, pick: (r) => r.mainThreadMs },
  { key: 'cls', label: 'layout shift (CLS)', digits: 3, pick: (r) => (r.encoding === 'br' ? r.cls : undefined) },
  { key: 'jsHeap', label: 'JS heap (kB)', scale: 1 / 1000, digits: 0, minusBaseline: true, pick: (r) => r.jsHeapBytes },
  { key: 'wasm', label: 'Wasm memory (kB)', scale: 1 / 1000, digits: 0, pick: (r) => r.wasmBytes },
  { key: 'accept', label: 'Accept all → analytics ran (ms)', digits: 0, pick: (r) => r.acceptMs },
];

function summarise(runs, widgets) {
  const raw = (id, f) => runs.filter((r) => r.widget === id).map(f.pick).filter((x) => x !== undefined);
  const summary = {};
  for (const w of widgets) {
    summary[w.id] = {};
    for (const f of FIGURES) {
      const scale = f.scale ?? 1;
      let values = raw(w.id, f).map((x) => (x === null ? null : x * scale));
      if (f.minusBaseline && w.id !== 'baseline') {
        const base = describe(raw('baseline', f).map((x) => x * scale)).median;
        values = base === null ? [] : values.map((x) => (x === null ? null : x - base));
      }
      const d = describe(values);
      d.failed = values.filter((x) => x === null).length;
      summary[w.id][f.key] = d;
    }
  }
  return summary;
}

// ---- mobile profile, bytes per visit, DOM-heavy page and goals -----------------------------------

const VISITS = ['first', 'returning'];

/** The mobile profile's figures per visit and widget; deltas against the baseline's first visit. */
const MOBILE_FIGURES = [
  { key: 'fcp', pick: (r) => r.fcpMs },
  { key: 'lcp', pick: (r) => r.lcpMs },
  { key: 'banner', pick: (r) => r.bannerMs },
  { key: 'widgetScript', pick: (r) => r.widgetScriptMs },
  { key: 'mainThread', pick: (r) => r.mainThreadMs },
  { key: 'bytes', pick: (r) => r.wireBytes },
  { key: 'requests', pick: (r) => r.requestCount },
  { key: 'blockingBytes', pick: (r) => r.blockingBytes },
  { key: 'upCompile', pick: (r) => r.startup?.compile ?? null },
  { key: 'upInstantiate', pick: (r) => r.startup?.instantiate ?? null },
  { key: 'upStart', pick: (r) => r.startup?.start ?? null },
  { key: 'upHooks', pick: (r) => r.startup?.hooks ?? null },
  { key: 'upClean', pick: (r) => r.startup?.clean ?? null },
];

function summariseMobile(mobileRuns, widgets) {
  const ok = mobileRuns.filter((r) => !r.error);
  const of = (id, visit) => ok.filter((r) => r.widget === id && r.visit === visit);
  const base = (key) => describe(of('baseline', 'first').map(MOBILE_FIGURES.find((f) => f.key === key).pick)).median;
  const out = { first: {}, returning: {} };
  for (const visit of VISITS) {
    for (const w of widgets) {
      if (visit === 'returning' && w.id === 'baseline') continue;
      const rs = of(w.id, visit);
      if (!rs.length) continue;
      const d = {};
      for (const f of MOBILE_FIGURES) d[f.key] = describe(rs.map(f.pick));
      const minus = (key, b) => (b === null ? describe([]) : describe(rs.map((r) => MOBILE_FIGURES.find((f) => f.key === key).pick(r)).filter((x) => x != null).map((x) => x - b)));
      d.fcpDelta = minus('fcp', base('fcp'));
      d.lcpDelta = minus('lcp', base('lcp'));
      // The banner against the page without a widget: how long after that page's first paint.
      d.bannerDelta = minus('banner', base('fcp'));
      d.mainThreadDelta = minus('mainThread', base('mainThread'));
      d.lcpElements = [...new Set(rs.map((r) => r.lcpElement).filter(Boolean))];
      d.failed = mobileRuns.filter((r) => r.widget === w.id && r.visit === visit && r.error).length;
      if (visit === 'returning') {
        // Honoured: no banner by the time the page settled, and the analytics script ran.
        d.honoured = { n: rs.length, ok: rs.filter((r) => r.bannerMs === null && r.analyticsRan).length };
      }
      out[visit][w.id] = d;
    }
  }
  return out;
}

/** Bytes per visit: render-blocking, first visit, returning visit (brotli as served). */
function summariseBytes(runs, mobileRuns, widgets) {
  const out = {};
  for (const w of widgets.filter((x) => x.id !== 'baseline')) {
    const ok = (r) => !r.error && r.widget === w.id && r.encoding === 'br';
    let first = mobileRuns.filter((r) => ok(r) && r.visit === 'first');
    if (!first.length) first = runs.filter(ok);
    const returning = mobileRuns.filter((r) => ok(r) && r.visit === 'returning');
    const files = (rs, pick = () => true) => {
      const seen = new Map();
      for (const r of rs) for (const q of r.requests) if (pick(q) && !seen.has(q.path)) seen.set(q.path, q.encoded);
      return [...seen].map(([p, encoded]) => ({ path: p.replace(w.prefix, ''), encoded }));
    };
    const med = (rs, f) => describe(rs.map(f)).median;
    out[w.id] = {
      renderBlocking: med(first, (r) => r.blockingBytes),
      renderBlockingFiles: files(first, (q) => q.blocking),
      firstVisit: med(first, (r) => r.wireBytes),
      firstVisitRequests: med(first, (r) => r.requestCount),
      firstVisitFiles: files(first),
      returningVisit: med(returning, (r) => r.wireBytes),
      returningVisitRequests: med(returning, (r) => r.requestCount),
      returningVisitFiles: files(returning),
      returningHonoured: returning.length ? { n: returning.length, ok: returning.filter((r) => r.bannerMs === null && r.analyticsRan).length } : null,
    };
  }
  return out;
}

function summariseDom(domRuns, widgets) {
  const ok = domRuns.filter((r) => !r.error);
  const out = {};
  const keys = [...DOM_KINDS.map((k) => k.key), 'totalMs'];
  const baseline = {};
  for (const k of keys) baseline[k] = describe(ok.filter((r) => r.widget === 'baseline').map((r) => r[k])).median;
  for (const w of widgets) {
    const rs = ok.filter((r) => r.widget === w.id);
    if (!rs.length) continue;
    out[w.id] = { failed: domRuns.filter((r) => r.widget === w.id && r.error).length };
    for (const k of keys) {
      const d = describe(rs.map((r) => r[k]));
      d.ratio = d.median !== null && baseline[k] ? d.median / baseline[k] : null;
      out[w.id][k] = d;
    }
  }
  return out;
}

/** Each goal with bzconsent's figure, what it is compared with, and whether it is met. */
function goalsOf(widgets, { mobile, dom, bytes }) {
  const bz = 'bzconsent';
  const name = (id) => widgets.find((w) => w.id === id)?.name ?? id;
  const med = (visit, id, key) => mobile[visit]?.[id]?.[key]?.median ?? null;
  const goals = [];
  const add = (goal, value, against, met) => goals.push({ goal, value, against, met: value === null || met === null ? null : met });
  const rb = bytes[bz]?.renderBlocking ?? null;
  add(`render-blocking ≤ ${fmt(GOALS.renderBlockingBytes, 0)} B (14 KB) brotli`, rb === null ? null : `${fmt(rb, 0)} B`, '', rb === null ? null : rb <= GOALS.renderBlockingBytes);
  for (const visit of VISITS) {
    const d = med(visit, bz, 'fcpDelta');
    add(`FCP within +${GOALS.fcpDeltaMs} ms of the page without a widget, mobile profile, ${visit} visit`, d === null ? null : `${d >= 0 ? '+' : '−'}${fmt(Math.abs(d), 0)} ms`, `baseline FCP ${fmt(med('first', 'baseline', 'fcp'), 0)} ms`, d === null ? null : d <= GOALS.fcpDeltaMs);
  }
  const fv = bytes[bz]?.firstVisit ?? null;
  add(`first visit ≤ ${fmt(GOALS.firstVisitBytes, 0)} B (30 KB) brotli in all`, fv === null ? null : `${fmt(fv, 0)} B`, '', fv === null ? null : fv <= GOALS.firstVisitBytes);
  const script = (visit, peer, label) => {
    const a = med(visit, bz, 'widgetScript');
    const b = med(visit, peer, 'widgetScript');
    add(`main thread in the widget's scripts below ${name(peer)}'s, mobile profile, ${label}`, a === null ? null : `${fmt(a, 0)} ms`, b === null ? 'not measured' : `${name(peer)} ${fmt(b, 0)} ms`, a === null || b === null ? null : a < b);
  };
  script('first', 'vanilla-cookieconsent', 'first visit');
  script('returning', 'osano-cookieconsent', 'returning visit');
  const banners = widgets.filter((w) => w.id !== 'baseline' && w.id !== 'bzconsent-compare' && w.id !== 'bzconsent-preload').map((w) => [w, med('first', w.id, 'banner')]).filter(([, v]) => v !== null);
  const own = med('first', bz, 'banner');
  const best = banners.filter(([w]) => w.id !== bz).sort((a, b) => a[1] - b[1])[0];
  add('banner painted first among the peers, mobile profile', own === null ? null : `${fmt(own, 0)} ms`, best ? `soonest peer: ${best[0].name} ${fmt(best[1], 0)} ms` : 'no peer measured', own === null || !best ? null : own < best[1]);
  const r = dom[bz]?.totalMs?.ratio ?? null;
  const worst = DOM_KINDS.map((k) => [k, dom[bz]?.[k.key]?.ratio ?? null]).filter(([, v]) => v !== null).sort((a, b) => b[1] - a[1])[0];
  add(`hooks add ≤ ${GOALS.domOverhead * 100} % to the DOM-heavy page`, r === null ? null : `${pct(r)} (all kinds)`, worst ? `most: ${worst[0].key} ${pct(worst[1])}` : '', r === null ? null : r <= 1 + GOALS.domOverhead);
  return goals;
}

/** A ratio as a signed percentage: 1.104 → "+10.4 %". */
const pct = (r) => (r === null || r === undefined ? '—' : `${r >= 1 ? '+' : '−'}${Math.abs((r - 1) * 100).toFixed(1)} %`);

const fmt = (x, digits) =>
  x === null || x === undefined ? '—' : x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function cell(d, f) {
  if (!d || d.n === 0) return '—';
  const spread = d.p25 === d.p75 ? '' : ` (${fmt(d.p25, f.digits)}–${fmt(d.p75, f.digits)})`;
  return `${fmt(d.median, f.digits)}${spread}${d.failed ? ` [${d.failed} failed]` : ''}`;
}

function table(header, rows) {
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map((h, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`];
  for (const r of rows) lines.push(`| ${r.join(' | ')} |`);
  return lines.join('\n');
}

/** The mobile profile, bytes per visit, DOM-heavy and goals sections of results.md. */
function newSections(meta, widgets, { mobile, dom, bytes, goals }) {
  const peers = widgets.filter((w) => w.id !== 'baseline');
  const label = (w) => (w.id === 'baseline' ? `${w.name} (absolute)` : `${w.name} ${w.version}`);
  const num = (d, digits = 0) => (d && d.n ? cell(d, { digits }) : '—');
  const signed = (d) => {
    if (!d || !d.n) return '—';
    const f = (x) => (x >= 0 ? '+' : '−') + fmt(Math.abs(x), 0);
    return `${f(d.median)}${d.p25 === d.p75 ? '' : ` (${f(d.p25)} to ${f(d.p75)})`}`;
  };
  const honoured = (h) => (h ? `${h.ok}/${h.n}${h.ok === h.n ? '' : ' — not honoured'}` : '—');
  const net = meta.settings.network;
  const sections = [];

  // Goals.
  sections.push(`## Goals

What the figures below are set against (reported, never enforced). bzconsent's figure, medians; "met" compares medians only.

${table(['goal', 'bzconsent', 'compared with', 'met'], goals.map((g) => [g.goal, g.value ?? 'not measured', g.against || '—', g.met === null ? '—' : g.met ? 'yes' : 'no']))}`);

  // Mobile profile.
  if (SECTIONS.has('mobile')) {
    const b = mobile.first.baseline;
    const firstRows = widgets
      .filter((w) => mobile.first[w.id])
      .map((w) => {
        const d = mobile.first[w.id];
        const isBase = w.id === 'baseline';
        return [
          label(w) + (d.failed ? ` [${d.failed} failed]` : ''),
          num(d.fcp),
          isBase ? '—' : signed(d.fcpDelta),
          num(d.lcp),
          isBase ? '—' : signed(d.lcpDelta),
          isBase ? '—' : num(d.banner),
          isBase ? '—' : signed(d.bannerDelta),
          isBase ? '—' : num(d.widgetScript),
          isBase ? num(d.mainThread) : signed(d.mainThreadDelta),
          isBase ? '—' : fmt(d.bytes.median, 0),
          isBase ? '—' : fmt(d.requests.median, 0),
          isBase ? '—' : fmt(d.blockingBytes.median, 0),
        ];
      });
    const returningRows = peers
      .filter((w) => mobile.returning[w.id])
      .map((w) => {
        const d = mobile.returning[w.id];
        return [
          label(w) + (d.failed ? ` [${d.failed} failed]` : ''),
          honoured(d.honoured),
          num(d.fcp),
          signed(d.fcpDelta),
          num(d.lcp),
          signed(d.lcpDelta),
          num(d.widgetScript),
          signed(d.mainThreadDelta),
          fmt(d.bytes.median, 0),
          fmt(d.requests.median, 0),
          fmt(d.blockingBytes.median, 0),
        ];
      });
    const lcpNote = widgets
      .filter((w) => mobile.first[w.id]?.lcpElements.length)
      .map((w) => `${w.name}: \`${mobile.first[w.id].lcpElements.join('`, `')}\``)
      .join('; ');
    sections.push(`## Mobile profile: first and returning visits

Lighthouse's mobile profile: the network throttled to ${fmt(net.latency, net.latency % 1 ? 1 : 0)} ms latency per request, ${fmt((net.download * 8) / 1024 / 1024, 2)} Mbps down, ${fmt((net.upload * 8) / 1024, 0)} kbps up (\`Network.emulateNetworkConditions\`${net.name === 'lighthouse' ? '' : `, BENCH_NETWORK=${net.name}`}), the CPU throttled ${meta.settings.mobileThrottle}×, a cold cache (fresh browser context), the same phone viewport. ${meta.settings.mobileRuns} loads per page and visit, round-robin. Each cell: median (25th–75th percentile); "minus baseline" subtracts the median of the page without a widget (its row gives its absolute figures). Times in ms from navigation start; bytes brotli as served.

### First visit (nothing stored: the banner shows)

${table(
  ['widget', 'FCP (ms)', 'FCP, minus baseline', 'LCP (ms)', 'LCP, minus baseline', 'banner painted (ms)', "banner painted, minus baseline's FCP", 'main thread in widget scripts (ms)', 'main thread, whole page (ms), minus baseline', 'widget bytes (B)', 'requests', 'render-blocking bytes (B)'],
  firstRows,
)}

### Returning visit (a stored choice: no banner)

Before each returning load the widget's own stored choice is written on the same origin (necessary and analytics accepted, the rest refused; format in *How the widgets are set up*). "Stored choice honoured": loads in which no banner had shown once the page settled and the held-back analytics script ran; a widget that does not honour it has no meaningful returning-visit row.

${table(
  ['widget', 'stored choice honoured', 'FCP (ms)', 'FCP, minus baseline', 'LCP (ms)', 'LCP, minus baseline', 'main thread in widget scripts (ms)', 'main thread, whole page (ms), minus baseline', 'widget bytes (B)', 'requests', 'render-blocking bytes (B)'],
  returningRows,
)}

LCP elements (first visit): ${lcpNote || '—'}. The baseline for the returning visit is the same page without a widget as for the first visit (it has nothing to store).

### bzconsent's guard start-up, split

Where the guard's synchronous start goes, on the same loads (mobile profile, CPU ${meta.settings.mobileThrottle}×): **compile** \`new WebAssembly.Module\`; **instantiate** \`new WebAssembly.Instance\`; **start** from then until the guard's first hook is defined (the Rust start: configuration, stored record, and Consent Mode's default); **hooks** from then until the end of the guard's start (every hook, the parser observer, the shield, the API); **first clean-up** the zero-delay task the guard sets for its first clean-up sweep (reading the page's cookies and storage keys). Timed in the page by the bench's probe, which wraps those constructors, \`Object.defineProperty\` and \`setTimeout\` (adding a little to each); the decoding of the inlined module and the script's own parse and compile come before, and are in the trace's figures only.

${table(
  ['visit', 'compile (ms)', 'instantiate (ms)', 'start (ms)', 'hooks (ms)', 'first clean-up (ms)'],
  VISITS.filter((v) => mobile[v].bzconsent).map((v) => {
    const d = mobile[v].bzconsent;
    return [v === 'first' ? 'first visit' : 'returning visit', num(d.upCompile, 1), num(d.upInstantiate, 1), num(d.upStart, 1), num(d.upHooks, 1), num(d.upClean, 1)];
  }),
)}`);
  }

  // Bytes per visit.
  const goalRow = ['goal', `≤ ${fmt(GOALS.renderBlockingBytes, 0)}`, '', `≤ ${fmt(GOALS.firstVisitBytes, 0)}`, '', '', '', '', ''];
  const filesOf = (list) => list.map((f) => `\`${f.path}\` ${fmt(f.encoded, 0)}`).join(', ') || '—';
  const byteRows = peers
    .filter((w) => bytes[w.id])
    .map((w) => {
      const d = bytes[w.id];
      return [
        `${w.name} ${w.version}`,
        fmt(d.renderBlocking, 0),
        filesOf(d.renderBlockingFiles),
        fmt(d.firstVisit, 0),
        fmt(d.firstVisitRequests, 0),
        d.returningHonoured ? fmt(d.returningVisit, 0) : '—',
        d.returningHonoured ? fmt(d.returningVisitRequests, 0) : '—',
        d.returningHonoured ? filesOf(d.returningVisitFiles) : '—',
        d.returningHonoured ? honoured(d.returningHonoured) : 'not measured',
      ];
    });
  sections.push(`## Bytes per visit

Every request the widget makes under its own path (\`/pkg/\` for bzconsent, \`/vendor/<package>/\` for the others), as served (brotli, response bodies: Resource Timing's \`encodedBodySize\`), before the visitor chooses; measured on the mobile profile's loads${SECTIONS.has('mobile') ? '' : ' (not run: first visits from the unthrottled loads, no returning visits)'}. **Render-blocking**: those of the widget's requests that Chromium marks \`renderBlockingStatus: "blocking"\`: the stylesheets and the synchronous (parser-blocking, not \`async\`/\`defer\`/module) scripts in \`<head>\`, which must arrive before the first paint; a synchronous script at the end of \`<body>\` blocks the parser but not the first paint and is not counted. Inline configuration in the page is not counted here (see *Bytes* below). **First visit**: all of them on a load with nothing stored (banner shown). **Returning visit**: all of them on a load with a stored choice (no banner).

${table(['widget', 'render-blocking (B)', 'render-blocking files (B)', 'first visit (B)', 'first-visit requests', 'returning visit (B)', 'returning-visit requests', 'returning-visit files (B)', 'stored choice honoured'], [goalRow, ...byteRows])}`);

  // DOM-heavy page.
  if (SECTIONS.has('dom')) {
    const keys = [...DOM_KINDS.map((k) => k.key), 'totalMs'];
    const rows = widgets
      .filter((w) => dom[w.id])
      .map((w) => [
        label(w) + (dom[w.id].failed ? ` [${dom[w.id].failed} failed]` : ''),
        ...keys.map((k) => {
          const d = dom[w.id][k];
          const ms = `${fmt(d.median, 1)} (${fmt(d.p25, 1)}–${fmt(d.p75, 1)})`;
          return w.id === 'baseline' ? ms : `${pct(d.ratio)}; ${fmt(d.median, 1)}`;
        }),
      ]);
    sections.push(`## DOM-heavy page

The cost of a widget's hooks on a page that works the DOM hard. After the page has loaded and the banner is on screen (no choice made: every guard active), and ${SETTLE_MS} ms more, the bench runs a workload in the page and times each operation kind with \`performance.now()\`: ${DOM_KINDS.map((k) => k.label).join(', ')}. ${meta.settings.domRuns} loads per page, round-robin, CPU ${meta.settings.domThrottle === 1 ? 'not throttled' : `throttled ${meta.settings.domThrottle}×`}, network not throttled. Each widget's cell: the change of its median against the page without a widget (its row: milliseconds, median and 25th–75th percentile); then its median in ms. Goal: hooks add ≤ ${GOALS.domOverhead * 100} % (all kinds together).

${table(['widget', ...DOM_KINDS.map((k) => k.label), 'all kinds'], rows)}`);
  }
  return sections.join('\n\n');
}

function report(meta, widgets, summary, runs, extra) {
  const peers = widgets.filter((w) => w.id !== 'baseline');
  const others = peers.filter((w) => w.id !== 'bzconsent');
  const baseline = widgets.find((w) => w.id === 'baseline');
  const n = (w, f) => summary[w.id][f.key].n;
  const figuresTable = table(
    ['widget', ...FIGURES.map((f) => f.label + (f.minusBaseline ? ', minus baseline' : ''))],
    widgets.map((w) => [
      w.id === 'baseline' ? `${w.name} (absolute)` : `${w.name} ${w.version}`,
      ...FIGURES.map((f) => (w.id === 'baseline' && !['mainThread', 'jsHeap', 'cls'].includes(f.key) ? '—' : cell(summary[w.id][f.key], f))),
    ]),
  );
  const bz = summary.bzconsent;
  const ratioTable = bz
    ? table(
        ['widget', ...FIGURES.map((f) => f.label.replace(/ \(.*\)$/, ''))],
        others.map((w) => [
          w.name,
          ...FIGURES.map((f) => {
            const a = summary[w.id][f.key].median;
            const b = bz[f.key].median;
            // No ratio of zeros or of differences that came out negative (noise around nothing).
            if (a === null || b === null || b <= 0 || a < 0) return '—';
            return `${(a / b).toFixed(2)}×`;
          }),
        ]),
      )
    : '(bzconsent was not measured)';
  const sizeRows = peers.map((w) => {
    const br = runs.filter((r) => r.widget === w.id && r.encoding === 'br');
    const gz = runs.filter((r) => r.widget === w.id && r.encoding === 'gzip');
    const med = (rs, f) => describe(rs.map(f)).median;
    const base = (enc) => med(runs.filter((r) => r.widget === 'baseline' && r.encoding === enc), (r) => r.htmlBytes);
    const files = [...new Set(br.flatMap((r) => r.requests.map((q) => q.path)))];
    return [
      w.name,
      fmt(med(br, (r) => r.rawBytes), 0),
      fmt(med(br, (r) => r.wireBytes), 0),
      gz.length ? fmt(med(gz, (r) => r.wireBytes), 0) : '—',
      fmt(med(br, (r) => r.htmlBytes) - base('br'), 0),
      gz.length ? fmt(med(gz, (r) => r.htmlBytes) - base('gzip'), 0) : '—',
      files.map((p) => '`' + p.replace(w.prefix, '') + '`').join(', '),
    ];
  });
  const sizesTable = table(
    ['widget', 'files, raw (B)', 'files, brotli (B)', 'files, gzip (B)', 'page HTML vs baseline, brotli (B)', 'page HTML vs baseline, gzip (B)', 'files requested'],
    sizeRows,
  );
  const runsLine = `${meta.settings.runs} measured loads per page (brotli), ${meta.settings.gzipRuns} more per page with gzip for the byte counts, after one warm-up load per page`;
  const pkgLine = meta.pkg.map((f) => `\`pkg/${f.name}\` ${fmt(f.raw, 0)} B raw, ${fmt(f.brotli, 0)} B brotli, ${fmt(f.gzip, 0)} B gzip`).join('; ');
  const unthrottledSection = SECTIONS.has('unthrottled')
    ? `## Unthrottled network: first visit

The original figures: ${runsLine}; pages in round-robin order (the starting page rotates each round). Each load: fresh browser context (cold cache, no stored choice), ${VIEWPORT.width}×${VIEWPORT.height} viewport at DPR ${VIEWPORT.deviceScaleFactor} with touch, a phone user agent, CPU throttled ${meta.settings.throttle}× (\`Emulation.setCPUThrottlingRate\`), the network as fast as the local server.

Each cell: median (25th–75th percentile); n = ${RUNS} loads per page (gzip bytes: ${meta.settings.gzipRuns}). Sizes are exact. Timings are noisy: the machine's ${meta.machine.cores} cores were shared with other work, which stretches wall-clock times (banner, Accept all) far more than CPU times (main thread).

${figuresTable}

Ratio of each widget's median to bzconsent's (below 1× means less than bzconsent):

${ratioTable}`
    : '## Unthrottled network: first visit\n\nNot run (BENCH_SECTIONS).';
  const md = `# Benchmark: bzconsent and other consent widgets

Produced by \`make bench\` (\`bench/run.mjs\`) on ${meta.date}. Do not edit by hand: run it again.

- Machine: ${meta.machine.cpu}, ${meta.machine.cores} cores, ${meta.machine.memoryGiB} GiB, ${meta.machine.os}; load average ${meta.machine.loadAverageAtStart.toFixed(1)} at the start, ${meta.machine.loadAverageAtEnd.toFixed(1)} at the end (other work shared the cores)
- Browser: ${meta.browser} (headless), driven by puppeteer-core ${meta.puppeteer}; node ${meta.node}
- bzconsent ${meta.bzconsent.version} at ${meta.bzconsent.commit}: ${pkgLine}
- Peers from npm: ${peers.filter((w) => w.npm).map((w) => `\`${w.npm}@${w.version}\``).join(', ')}
- Sections: ${[...SECTIONS].join(', ')}; every page served from 127.0.0.1 by \`bench/server.mjs\` (brotli q11 or gzip -9, as pre-compressed static files)

${newSections(meta, widgets, extra)}

${unthrottledSection}

## Bytes

The widget's own files as the browser received them (response bodies, headers not counted), and
what its configuration and markup add to the page's HTML.

${sizesTable}

## How each figure is measured

Mobile profile, bytes per visit, DOM-heavy page:

- **FCP**: the \`first-contentful-paint\` entry of the Paint Timing API. **LCP**: the last \`largest-contentful-paint\` entry reported before the page is read (once settled, no input before it). Both from navigation start; each widget's figure minus the baseline page's median (the same page without a widget, loaded under the same profile in the same rounds). A banner can be the page's largest content (its LCP element is listed under the tables).
- **banner painted** (mobile): as below; "minus baseline's FCP" is how long after the page without a widget first paints the banner is painted. The banner time is when the main thread has finished painting the banner's frame; FCP and LCP are Chromium's presentation times (the frame on screen, after the compositor), a little later for the same frame, so a banner in the page's first frame can read a few ms before that page's FCP.
- **main thread in widget scripts / whole page** (mobile): as below, on the mobile profile's traces (CPU ${meta.settings.mobileThrottle}×).
- **Mobile loads**: each opens \`bench/pages/seed.html\` on the same origin first, unthrottled (a returning visit writes the stored choice there: cookies through \`document.cookie\`, localStorage items through \`localStorage.setItem\`), then turns on the network and CPU throttles and loads the page, traced; it is read once settled (banner shown on a first visit, load fired, then ${SETTLE_MS} ms, and no request for ${QUIET_MS} ms). No click.
- **Render-blocking bytes**, **first-visit bytes**, **returning-visit bytes**: see *Bytes per visit*. They count whatever files the widget loads under its path, so a widget split into a render-blocking part and parts loaded later is counted as it behaves: all of its files on a first visit, only what it loads on a returning visit.
- **DOM-heavy page**: each widget's own page (the catalogue page) loaded with a cold cache; once the banner is painted and load has fired, ${SETTLE_MS} ms later, a workload runs in the page's main world (through the widget's wrappers, if any) ${DOM_REPEATS} times in a row; each operation kind is timed with \`performance.now()\` from its first call until four microtask turns after its last (so mutation-observer callbacks it triggers are included; work a widget defers to a later task is not), with what it needs made beforehand; the elements go into a \`display: none\` container in \`<body>\` (observed like any other, no layout). Cookie writes set ten first-party names no catalogue knows (\`cart_item_0\`…\`9\`), so a guard lets them through after deciding; \`setItem\` writes fifty keys. A load's figure per kind is the median of its ${DOM_REPEATS} repeats; the table shows the median over loads, and the change against the baseline page's median; "all kinds" is the sum of the kinds' figures per load.

Unthrottled network (the original figures):

- **widget files, brotli / gzip**: the sum of \`encodedBodySize\` (Resource Timing) of the requests under the widget's own path (\`/pkg/\` for bzconsent, \`/vendor/<package>/\` for the others) made before the visitor chooses; gzip loads send \`Accept-Encoding: gzip\`. **requests**: how many those are. The inline configuration each page carries is in the Bytes table.
- **banner painted**: milliseconds from navigation start until the main thread has finished rendering (style, layout, paint) the first frame in which the banner element is in the viewport with a size, \`display\` not none, \`visibility: visible\` and opacity above 0 (itself and its ancestors). A probe injected before any page script checks at the start of every frame and after each of the page's own animation-frame callbacks; in the frame where the check first succeeds it posts a message to itself, and the figure is the time that message is handled: the frame's rendering runs in the same task as its callbacks, so the banner has been painted by then (compositing and display follow off the main thread). Banners that fade in count from the first frame with opacity above 0. **banner's frame scheduled**: that frame's own timestamp (the \`requestAnimationFrame\` argument), the time it was due to begin, which earlier versions of this benchmark reported as the banner time. It can be far earlier than the paint when a script holds the main thread between the two, even the script that builds the banner: it says when the frame was due, not when the banner was shown.
- **main thread in widget scripts** and **main thread, whole page**: from a Chromium trace (\`${TRACE_CATEGORIES.slice(1).join('`, `')}\`) recorded from before navigation until the page has settled (banner shown and load fired, then ${SETTLE_MS} ms, and no request for ${QUIET_MS} ms), on the main thread of the renderer that parsed the page, from the start of HTML parsing. The figure is the main thread's own CPU time (the trace's \`tdur\`), not wall time: on a shared machine wall time mostly measures waiting for a core. Chromium's CPU throttle makes the throttled thread spend about ${meta.settings.throttle}× the CPU time, so these are throttled figures (divide by about ${meta.settings.throttle} for this CPU unthrottled); wall times are in results.json. *Widget scripts*: the outermost script events (\`EvaluateScript\`, \`FunctionCall\`, \`v8.compile\`) whose script is one of the widget's files, an inline script of its page (only its configuration) or an animation-frame callback of the page: script compilation and running with everything it does synchronously (Wasm compilation and instantiation, style and layout it forces), but not the rendering that follows. *Whole page*: all top-level tasks (\`RunTask\`) — everything, including the style, layout and paint of the banner — **minus the median of the baseline page** (the same page without a widget; its row shows its absolute figure and spread). That subtraction is the honest catch-all but noisy: differences smaller than the baseline's spread mean little.
- **layout shift**: the sum of \`layout-shift\` entries (without recent input) from navigation until settled.
- **JS heap**: \`Runtime.getHeapUsage\` \`usedSize\` after a forced garbage collection (\`HeapProfiler.collectGarbage\`) once settled, minus the baseline page's median. It does not include Wasm memory.
- **Wasm memory**: the byte length of every exported \`WebAssembly.Memory\` of the instances created on the page (the probe wraps \`WebAssembly.Instance\` / \`instantiate\`). Only bzconsent uses WebAssembly.
- **Accept all → analytics ran**: after settling, a real click (CDP mouse events at the button's centre) on the banner's "Accept all"; from the click event (a capture listener on \`window\`, first to run) to the moment the held-back GA-like script (\`bench/pages/ga.js\`, fetched from the server at that moment) has run.

## How the widgets are set up

The same page (\`bench/pages/*.html\`, each including \`catalogue.inc\`: the demo site's catalogue, trimmed, in English with \`<html lang="en">\`) with each widget embedded as its documentation shows, the same banner texts (bzconsent's built-in English; Azerbaijani too in every configuration), four categories where the widget has them, and a GA-like script held back until analytics is accepted:

- **bzconsent**: \`<script src="/pkg/bzconsent.js">\` first in \`<head>\`, built-in configuration; GA-like script as \`<script type="text/plain" data-category="analytics" src>\`.
- **vanilla-cookieconsent**: its CSS in \`<head>\`, \`cookieconsent.umd.js\` and \`CookieConsent.run({…})\` at the end of \`<body>\`; bar layout at the bottom; four categories; \`type="text/plain" data-category="analytics"\`. It hides its banner from automated browsers (\`navigator.webdriver\`), so Chromium runs with \`--disable-blink-features=AutomationControlled\` for every page; it starts its opening animation 100 ms after building the banner.
- **Klaro**: \`klaroConfig\` inline and \`<script defer src="klaro.js">\` (CSS included) in \`<head>\`, so it runs once the page is parsed; notice at the bottom; four purposes with one service each; \`type="text/plain" data-type data-name data-src\`.
- **tarteaucitron**: \`tarteaucitron.min.js\` and \`tarteaucitron.init({…})\` in \`<head>\`; it starts at the window's \`load\` event, then loads its CSS, its language file and its services file itself (counted above); bottom banner; a custom service per category (its categories are service types: \`other\` for preferences, \`analytic\`, \`ads\` for marketing; necessary via \`mandatory\`); the GA-like script is loaded by the analytics service's \`js\` with \`tarteaucitron.addScript\`. It has no Azerbaijani language file: the texts are given through \`tarteaucitronCustomText\`.
- **Osano cookieconsent**: its CSS in \`<head>\`, \`cookieconsent.min.js\` and \`cookieconsent.initialise({type: 'opt-in', …})\` at the end of \`<body>\`. It has **no categories and no script blocking**: the banner offers Accept all / Reject all (no Customize), and the page itself inserts the GA-like script from \`onInitialise\` / \`onStatusChange\` when \`hasConsented()\`. Its banner fades in (a 20 ms timer, then a 1 s CSS opacity transition; counted from its first frame above 0).

Stored choices written before a returning visit (necessary and analytics accepted, preferences and marketing refused, made a day before), each in the widget's own format as read from its source in \`bench/node_modules\`:

${widgets
  .filter((w) => w.seed)
  .map((w) => {
    const seed = w.seed(Date.parse('2026-01-02T00:00:00Z'));
    const parts = [
      ...Object.entries(seed.cookies ?? {}).map(([k, v]) =>
        decodeURIComponent(v) === v ? `cookie \`${k}=${v}\`` : `cookie \`${k}\`, URI-encoded: \`${decodeURIComponent(v)}\``,
      ),
      ...Object.entries(seed.localStorage ?? {}).map(([k, v]) => `localStorage \`${k}\` = \`${v}\``),
    ];
    return `- **${w.name}**: ${parts.join('; ')}`;
  })
  .join('\n')}

Reproduce: \`make bench\` (\`BENCH_RUNS=30 make bench\` for more loads; \`BENCH_PORT\` to change the port, default 8123; a quick run: \`BENCH_RUNS=3 BENCH_GZIP_RUNS=0 make bench\`; \`BENCH_SECTIONS=mobile,dom\`, \`BENCH_ONLY=klaro\`, \`BENCH_MOBILE_RUNS\`, \`BENCH_DOM_RUNS\`, \`BENCH_NETWORK=devtools\`: see the head of \`bench/run.mjs\`).
`;
  return md;
}

// ---- main ------------------------------------------------------------------------------------

function versions(widgets) {
  const cargo = readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8');
  const bzVersion = /^version\s*=\s*"([^"]+)"/m.exec(cargo)?.[1] ?? '?';
  for (const w of widgets) {
    if (w.id.startsWith('bzconsent')) w.version = bzVersion;
    else if (w.npm) w.version = JSON.parse(readFileSync(path.join(BENCH, 'node_modules', w.npm, 'package.json'), 'utf8')).version;
  }
  return bzVersion;
}

/** bzconsent's files as built (pkg/*.js, *.wasm): one file today, or the guard and its UI. */
function pkgFiles() {
  return readdirSync(path.join(ROOT, 'pkg'))
    .filter((f) => /\.(m?js|wasm)$/.test(f))
    .sort()
    .map((name) => {
      const buf = readFileSync(path.join(ROOT, 'pkg', name));
      return {
        name,
        raw: buf.length,
        gzip: gzipSync(buf, { level: 9 }).length,
        brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
      };
    });
}

/** The pages must carry the same content: each includes catalogue.inc (see server.mjs) once. */
function checkPagesAlike(widgets) {
  for (const w of widgets) {
    const html = readFileSync(path.join(BENCH, 'pages', w.page), 'utf8');
    if (html.split('<!--#include catalogue.inc-->\n').length !== 2) {
      throw new Error(`bench/pages/${w.page}: must include catalogue.inc exactly once`);
    }
  }
}

async function main() {
  let widgets = WIDGETS;
  const compare = process.env.BENCH_COMPARE;
  if (compare) {
    const own = WIDGETS.find((w) => w.id === 'bzconsent');
    const page = readFileSync(path.join(BENCH, 'pages', own.page), 'utf8');
    writeFileSync(path.join(BENCH, 'pages', 'compare.html'), page.replace('/pkg/bzconsent.js', `/pkg/${path.basename(compare)}`));
    widgets = [...WIDGETS];
    widgets.splice(2, 0, { ...own, id: 'bzconsent-compare', name: `bzconsent (${path.basename(compare)})`, page: 'compare.html' });
  }
  if (process.env.BENCH_PRELOAD === '1') {
    const own = WIDGETS.find((w) => w.id === 'bzconsent');
    const page = readFileSync(path.join(BENCH, 'pages', own.page), 'utf8');
    const hints = '<script src="/pkg/bzconsent.js"></script>\n  <link rel="preload" as="script" href="/pkg/bzconsent-ui.js" fetchpriority="high">\n' +
      '  <link rel="preload" as="script" href="/pkg/bzconsent-lang-en.js" fetchpriority="high">';
    writeFileSync(path.join(BENCH, 'pages', 'preload.html'), page.replace('<script src="/pkg/bzconsent.js"></script>', hints));
    widgets = [...widgets];
    widgets.splice(2, 0, { ...own, id: 'bzconsent-preload', name: 'bzconsent (with preload hints)', page: 'preload.html' });
  }
  if (process.env.BENCH_ONLY) {
    const only = new Set(process.env.BENCH_ONLY.split(',').map((s) => s.trim()));
    widgets = widgets.filter((w) => only.has(w.id) || ['baseline', 'bzconsent', 'bzconsent-compare', 'bzconsent-preload'].includes(w.id));
  }
  checkPagesAlike(widgets);
  const bzVersion = versions(widgets);
  const js = readFileSync(path.join(ROOT, 'pkg', 'bzconsent.js'));
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    if (execFileSync('git', ['-C', ROOT, 'status', '--porcelain', '--', 'pkg'], { encoding: 'utf8' }).trim()) commit += ' (pkg/ modified)';
  } catch {}

  const server = await start({ port: PORT });
  const args = [
    // navigator.webdriver stays false, as for a visitor: vanilla-cookieconsent hides its banner from automation.
    '--disable-blink-features=AutomationControlled',
    '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--mute-audio'];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  const browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args });
  const meta = {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    machine: {
      cpu: os.cpus()[0]?.model?.trim() ?? 'unknown CPU',
      cores: os.cpus().length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      os: `${os.type()} ${os.release()}`,
      loadAverageAtStart: os.loadavg()[0],
    },
    browser: (await browser.version()).replace('/', ' '),
    puppeteer: JSON.parse(readFileSync(path.join(BENCH, 'node_modules', 'puppeteer-core', 'package.json'), 'utf8')).version,
    node: process.version,
    bzconsent: {
      version: bzVersion,
      commit,
      raw: js.length,
      gzip: gzipSync(js, { level: 9 }).length,
      brotli: brotliCompressSync(js, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    },
    pkg: pkgFiles(),
    settings: {
      sections: [...SECTIONS],
      runs: RUNS,
      gzipRuns: GZIP_RUNS,
      mobileRuns: MOBILE_RUNS,
      domRuns: DOM_RUNS,
      throttle: THROTTLE,
      mobileThrottle: MOBILE_THROTTLE,
      domThrottle: DOM_THROTTLE,
      network: { name: NETWORK_NAME, ...NETWORK },
      viewport: VIEWPORT,
      userAgent: USER_AGENT,
      port: server.port,
    },
  };
  const unthrottled = SECTIONS.has('unthrottled');
  const total =
    widgets.length +
    (unthrottled ? widgets.length * (RUNS + GZIP_RUNS) : 0) +
    (SECTIONS.has('mobile') ? MOBILE_RUNS * (2 * widgets.length - 1) : 0) +
    (SECTIONS.has('dom') ? DOM_RUNS * widgets.length : 0);
  let done = 0;
  const progress = (w, label, run) => {
    done++;
    const parts = run.error
      ? [`failed: ${run.error}`]
      : run.section === 'dom'
        ? [`all kinds ${run.totalMs.toFixed(1)} ms`, ...DOM_KINDS.map((k) => `${k.key} ${run[k.key].toFixed(1)}`)]
        : [
            run.profile === 'mobile' && run.fcpMs != null ? `FCP ${run.fcpMs.toFixed(0)} ms` : null,
            run.profile === 'mobile' && run.lcpMs != null ? `LCP ${run.lcpMs.toFixed(0)} ms` : null,
            run.bannerMs != null ? `banner ${run.bannerMs.toFixed(0)} ms` : null,
            run.widgetScriptMs != null ? `scripts ${run.widgetScriptMs.toFixed(0)} ms` : null,
            run.mainThreadMs != null ? `page ${run.mainThreadMs.toFixed(0)} ms` : null,
            run.acceptMs != null ? `accept ${run.acceptMs.toFixed(0)} ms` : null,
            `${run.requestCount} req ${run.wireBytes} B ${run.encoding}`,
            run.blockingBytes ? `blocking ${run.blockingBytes} B` : null,
            run.visit === 'returning' ? `analytics ${run.analyticsRan ? 'ran' : 'not run'}` : null,
          ].filter(Boolean);
    process.stdout.write(`[${String(done).padStart(String(total).length)}/${total}] ${label.padEnd(10)} ${w.id.padEnd(22)} ${parts.join(', ')}\n`);
  };
  const failed = (w, err, extra) => {
    process.stderr.write(`${w.id}: ${err.message}\n`);
    return { widget: w.id, error: String(err.message), requests: [], requestCount: null, wireBytes: null, ...extra };
  };

  const runs = [];
  const mobileRuns = [];
  const domRuns = [];
  try {
    if (SHOTS) mkdirSync(SHOTS, { recursive: true });
    // Warm-up: starts the server's compression cache and the OS file cache; not recorded.
    for (const w of widgets) {
      const shot = SHOTS ? path.join(SHOTS, `${w.id}.png`) : null;
      progress(w, 'warm-up', await measure(browser, server, w, { screenshot: shot }));
    }
    const rounds = unthrottled
      ? [
          ...Array.from({ length: RUNS }, () => ({ encoding: 'br', full: true, label: 'brotli' })),
          ...Array.from({ length: GZIP_RUNS }, () => ({ encoding: 'gzip', full: false, label: 'gzip' })),
        ]
      : [];
    rounds.forEach((r, i) => (r.index = i));
    for (const round of rounds) {
      const order = widgets.map((_, i) => widgets[(i + round.index) % widgets.length]);
      for (const w of order) {
        let run;
        try {
          run = await measure(browser, server, w, round);
        } catch (err) {
          run = failed(w, err, { encoding: round.encoding });
        }
        run.round = round.index;
        runs.push(run);
        progress(w, round.label, run);
      }
    }
    // Mobile profile: per round, each page on a first visit and (pages with a widget) on a
    // returning visit, round-robin.
    if (SECTIONS.has('mobile')) {
      const loads = widgets.flatMap((w) => (w.id === 'baseline' ? [[w, 'first']] : [[w, 'first'], [w, 'returning']]));
      for (let round = 0; round < MOBILE_RUNS; round++) {
        const order = loads.map((_, i) => loads[(i + round) % loads.length]);
        for (const [w, visit] of order) {
          let run;
          try {
            run = await measure(browser, server, w, { profile: 'mobile', visit });
          } catch (err) {
            run = failed(w, err, { profile: 'mobile', visit, encoding: 'br' });
          }
          run.round = round;
          mobileRuns.push(run);
          progress(w, `mobile-${visit === 'first' ? '1st' : 'ret'}`, run);
        }
      }
    }
    if (SECTIONS.has('dom')) {
      for (let round = 0; round < DOM_RUNS; round++) {
        const order = widgets.map((_, i) => widgets[(i + round) % widgets.length]);
        for (const w of order) {
          let run;
          try {
            run = await measureDom(browser, server, w);
          } catch (err) {
            run = failed(w, err, { section: 'dom' });
          }
          run.round = round;
          domRuns.push(run);
          progress(w, 'dom-heavy', run);
        }
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  meta.machine.loadAverageAtEnd = os.loadavg()[0];

  const summary = summarise(runs, widgets);
  const mobile = summariseMobile(mobileRuns, widgets);
  const dom = summariseDom(domRuns, widgets);
  const bytes = summariseBytes(runs, mobileRuns, widgets);
  const goals = goalsOf(widgets, { summary, mobile, dom, bytes });
  const md = report(meta, widgets, summary, runs, { mobile, dom, bytes, goals });
  mkdirSync(OUT, { recursive: true });
  writeFileSync(path.join(OUT, 'results.md'), md);
  const json = {
    meta,
    widgets: widgets.map(({ id, name, version, npm, page, prefix }) => ({ id, name, version, npm, page, prefix })),
    figures: FIGURES.map(({ key, label, minusBaseline }) => ({ key, label, minusBaseline: !!minusBaseline })),
    summary,
    runs,
    mobile: { network: { name: NETWORK_NAME, ...NETWORK }, cpuThrottle: MOBILE_THROTTLE, summary: mobile, runs: mobileRuns },
    dom: { cpuThrottle: DOM_THROTTLE, kinds: DOM_KINDS.map((k) => k.key), summary: dom, runs: domRuns },
    bytes,
    goals,
  };
  writeFileSync(path.join(OUT, 'results.json'), JSON.stringify(json, null, 1) + '\n');
  process.stdout.write('\n' + md.slice(md.indexOf('## Goals'), md.indexOf('## How each figure')) + `\nwritten: ${path.relative(process.cwd(), path.join(OUT, 'results.md'))}, results.json\n`);
}

main().catch((err) => {
  process.stderr.write((err?.stack ?? String(err)) + '\n');
  process.exit(1);
});
