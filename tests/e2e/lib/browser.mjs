// Starts a WebDriver session for the engine named by the ENGINE environment variable.
//   ENGINE=chromium (default): Debian's /usr/bin/chromium through /usr/bin/chromedriver.
//   ENGINE=firefox: Debian's firefox-esr through geckodriver (cargo install geckodriver).
//   ENGINE=webkit: WebKitGTK's MiniBrowser through WebKitWebDriver (Debian's webkit2gtk-driver)
//   under Xvfb; tracker hosts reach the test server through a local proxy (lib/host-proxy.mjs).
// Paths can be overridden with CHROMIUM_BIN and CHROMEDRIVER. Driver paths are always given
// explicitly, so selenium-manager never runs (it would try to download drivers).

import fs from 'node:fs';
import net from 'node:net';
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import webdriver from 'selenium-webdriver';
import chrome from 'selenium-webdriver/chrome.js';
import firefox from 'selenium-webdriver/firefox.js';
import LogInspector from 'selenium-webdriver/bidi/logInspector.js';
import { chromiumHostRules, trackerHosts } from './trackers.mjs';
import { startHostProxy } from './host-proxy.mjs';

const { logging } = webdriver;

export const ENGINE = (process.env.ENGINE || 'chromium').toLowerCase();

/**
 * Why the browser's "Block all cookies" setting cannot be tested on this engine, or null when it
 * can. WebKitGTK's MiniBrowser has no option for it.
 */
export const NO_COOKIES_SETTING = ENGINE === 'webkit' ? 'MiniBrowser has no setting to block all cookies' : null;

/**
 * @typedef {object} Session
 * @property {import('selenium-webdriver').WebDriver} driver
 * @property {string} engine
 * @property {() => Promise<void>} clearAllCookies  every cookie the browser holds, any host
 * @property {() => Promise<string[]>} consoleErrors  console errors since last call, if the engine can tell
 * @property {() => Promise<void>} quit  ends the session and removes its profile; never throws
 */

const ENGINES = {
  /** @returns {Promise<Session>} */
  async chromium({ cookies = true } = {}) {
    const binary = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
    const driverPath = process.env.CHROMEDRIVER || '/usr/bin/chromedriver';
    for (const [what, file] of [['Chromium', binary], ['chromedriver', driverPath]]) {
      if (!fs.existsSync(file)) throw new Error(`${what} not found at ${file} (apt-get install chromium chromium-driver)`);
    }
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'bzconsent-e2e-chromium-'));
    const options = new chrome.Options()
      .setChromeBinaryPath(binary)
      .addArguments(
        '--headless=new',
        '--no-sandbox',
        '--disable-dev-shm-usage',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--no-default-browser-check',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--window-size=1280,900',
        `--user-data-dir=${profile}`,
        `--host-resolver-rules=${chromiumHostRules()}`,
        // The test server's self-signed certificate, for trackers browsers upgrade to https.
        '--ignore-certificate-errors',
      );
    const prefs = new logging.Preferences();
    prefs.setLevel(logging.Type.BROWSER, logging.Level.ALL);
    options.setLoggingPrefs(prefs);
    // The visitor's "Block all cookies" setting (site data too: storage access throws).
    if (!cookies) options.setUserPreferences({ 'profile.default_content_setting_values.cookies': 2 });

    const service = new chrome.ServiceBuilder(driverPath);
    let driver;
    try {
      driver = await new webdriver.Builder().forBrowser('chrome').setChromeOptions(options).setChromeService(service).build();
    } catch (err) {
      fs.rmSync(profile, { recursive: true, force: true });
      throw err;
    }
    return {
      driver,
      engine: 'chromium',
      clearAllCookies: () => driver.sendDevToolsCommand('Network.clearBrowserCookies', {}),
      async consoleErrors() {
        try {
          const entries = await driver.manage().logs().get(logging.Type.BROWSER);
          return entries.filter((e) => e.level.value >= logging.Level.SEVERE.value).map((e) => e.message);
        } catch {
          return [];
        }
      },
      async quit() {
        try {
          await driver.quit();
        } catch {
          // already gone
        }
        fs.rmSync(profile, { recursive: true, force: true });
      },
    };
  },

  /**
   * Debian's Firefox ESR through geckodriver (`cargo install geckodriver --locked`). With
   * `console: true` the session speaks WebDriver BiDi too, and `consoleErrors()` returns what
   * the page's console showed as errors, the browser's own messages (a cookie it rejected)
   * included; otherwise Firefox has no console channel.
   */
  async firefox({ cookies = true, console = false } = {}) {
    const binary = process.env.FIREFOX_BIN || '/usr/bin/firefox-esr';
    const driverPath = process.env.GECKODRIVER || path.join(os.homedir(), '.cargo', 'bin', 'geckodriver');
    for (const [what, file] of [['Firefox ESR', binary], ['geckodriver', driverPath]]) {
      if (!fs.existsSync(file)) throw new Error(`${what} not found at ${file} (make browsers)`);
    }
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'bzconsent-e2e-firefox-'));
    const options = new firefox.Options()
      .setBinary(binary)
      .addArguments('-headless', '-profile', profile)
      .windowSize({ width: 1280, height: 900 })
      // Tracker hosts resolve to this machine (the test server answers for them).
      .setPreference('network.dns.localDomains', trackerHosts().join(','))
      .setPreference('network.dns.disableIPv6', true)
      .setPreference('browser.shell.checkDefaultBrowser', false)
      .setPreference('datareporting.policy.dataSubmissionEnabled', false)
      .setPreference('app.update.enabled', false)
      .setPreference('network.captive-portal-service.enabled', false)
      .setPreference('privacy.trackingprotection.enabled', false)
      .setPreference('privacy.trackingprotection.pbmode.enabled', false)
      // 2 is the visitor's "Block all cookies" setting (site data too: storage access throws).
      .setPreference('network.cookie.cookieBehavior', cookies ? 0 : 2)
      .setAcceptInsecureCerts(true);
    if (console) options.enableBidi();
    const service = new firefox.ServiceBuilder(driverPath);
    let driver;
    try {
      driver = await new webdriver.Builder().forBrowser('firefox').setFirefoxOptions(options).setFirefoxService(service).build();
    } catch (err) {
      fs.rmSync(profile, { recursive: true, force: true });
      throw err;
    }
    let logged = [];
    if (console) {
      const inspector = await LogInspector(driver);
      await inspector.onLog((entry) => {
        if (entry.level === 'error') logged.push(entry.text);
      });
    }
    return {
      driver,
      engine: 'firefox',
      // A fresh profile per test file; within it, the origin's cookies are cleared by the harness.
      clearAllCookies: async () => {},
      async consoleErrors() {
        const list = logged;
        logged = [];
        return list;
      },
      async quit() {
        try {
          await driver.quit();
        } catch {
          // already gone
        }
        fs.rmSync(profile, { recursive: true, force: true });
      },
    };
  },

  /**
   * WebKitGTK's MiniBrowser through WebKitWebDriver, under Xvfb (it has no headless mode).
   * WebKitGTK has no switch to resolve chosen host names, so MiniBrowser gets a local proxy
   * (`--proxy=`) that sends tracker hosts to 127.0.0.1. The WebDriver `proxy` capability is not
   * used: WebKitWebDriver passes its `sslProxy` on as a TLS proxy and https fails. The test
   * server's self-signed certificate is accepted through `acceptInsecureCerts`.
   * WebKit has no console log channel: page errors come from the injected hook only.
   */
  async webkit() {
    const binary = process.env.MINIBROWSER || miniBrowserPath();
    const driverPath = process.env.WEBKITWEBDRIVER || '/usr/bin/WebKitWebDriver';
    for (const [what, file] of [['MiniBrowser', binary], ['WebKitWebDriver', driverPath], ['Xvfb', '/usr/bin/Xvfb']]) {
      if (!fs.existsSync(file)) throw new Error(`${what} not found at ${file} (make browsers)`);
    }
    const display = await startXvfb();
    const proxy = await startHostProxy();
    const port = await freePort();
    const child = spawn(driverPath, [`--port=${port}`], {
      stdio: 'ignore',
      env: { ...process.env, DISPLAY: display, WEBKIT_DISABLE_COMPOSITING_MODE: '1' },
    });
    const stop = async () => {
      child.kill();
      await proxy.close();
    };
    let driver;
    try {
      await waitForPort(port);
      const caps = new webdriver.Capabilities({
        browserName: 'MiniBrowser',
        acceptInsecureCerts: true,
        'webkitgtk:browserOptions': { binary, args: ['--automation', `--proxy=${proxy.url}`] },
      });
      driver = await new webdriver.Builder().usingServer(`http://127.0.0.1:${port}`).withCapabilities(caps).build();
      await driver.manage().window().setRect({ width: 1280, height: 900 });
    } catch (err) {
      await stop();
      throw err;
    }
    return {
      driver,
      engine: 'webkit',
      // Automation sessions are ephemeral: each test file starts with an empty jar.
      clearAllCookies: async () => {},
      consoleErrors: async () => [],
      async quit() {
        try {
          await driver.quit();
        } catch {
          // already gone
        }
        await stop();
      },
    };
  },
};

/** MiniBrowser from Debian's libwebkit2gtk-4.1-0 (a dependency of webkit2gtk-driver), any architecture. */
function miniBrowserPath() {
  const standard = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
  if (fs.existsSync(standard)) return standard;
  let dirs = [];
  try {
    dirs = fs.readdirSync('/usr/lib').filter((d) => /-linux-gnu/.test(d));
  } catch {
    // no /usr/lib
  }
  const found = dirs.map((d) => `/usr/lib/${d}/webkit2gtk-4.1/MiniBrowser`).find((f) => fs.existsSync(f));
  return found || standard;
}

let xvfb = null;
/**
 * One Xvfb for the process (WebKit needs a display); reuses $DISPLAY when one is set. Xvfb
 * picks a free display number itself (`-displayfd`), so parallel runs never share one.
 */
function startXvfb() {
  if (process.env.DISPLAY) return Promise.resolve(process.env.DISPLAY);
  if (!xvfb) {
    xvfb = new Promise((resolve, reject) => {
      const child = spawn('/usr/bin/Xvfb', ['-displayfd', '3', '-screen', '0', '1280x900x24', '-nolisten', 'tcp'], {
        stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
      });
      process.once('exit', () => child.kill());
      child.unref();
      let out = '';
      child.stdio[3].on('data', (chunk) => {
        out += chunk;
        if (out.includes('\n')) {
          child.stdio[3].destroy();
          resolve(':' + out.trim());
        }
      });
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`Xvfb exited (${code}) before it had a display`)));
    });
  }
  return xvfb;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitForPort(port, timeout = 10_000) {
  const end = Date.now() + timeout;
  for (;;) {
    const ok = await new Promise((resolve) => {
      const c = net.connect(port, '127.0.0.1', () => {
        c.end();
        resolve(true);
      });
      c.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > end) throw new Error(`WebKitWebDriver did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Starts a fresh session (own profile: empty cookie jar and storage).
 * @param {{cookies?: boolean}} [options]  `cookies: false` starts the browser with the visitor's
 *   "Block all cookies" setting (Chromium and Firefox; see NO_COOKIES_SETTING).
 */
export async function startBrowser(options = {}) {
  const start = ENGINES[ENGINE];
  if (!start) throw new Error(`unknown ENGINE=${ENGINE}; expected one of ${Object.keys(ENGINES).join(', ')}`);
  const session = await start(options);
  await session.driver.manage().setTimeouts({ pageLoad: 20_000, script: 10_000, implicit: 0 });
  return session;
}
