// Starts a WebDriver session for the engine named by the ENGINE environment variable.
//   ENGINE=chromium (default): Debian's /usr/bin/chromium through /usr/bin/chromedriver.
//   ENGINE=firefox, ENGINE=webkit: not set up yet; add an entry to ENGINES below.
// Paths can be overridden with CHROMIUM_BIN and CHROMEDRIVER. Driver paths are always given
// explicitly, so selenium-manager never runs (it would try to download drivers).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import webdriver from 'selenium-webdriver';
import chrome from 'selenium-webdriver/chrome.js';
import { chromiumHostRules } from './trackers.mjs';

const { logging } = webdriver;

export const ENGINE = (process.env.ENGINE || 'chromium').toLowerCase();

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
  async chromium() {
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

  async firefox() {
    throw new Error('ENGINE=firefox is not set up yet: add geckodriver (cargo install geckodriver --locked) and an entry in tests/e2e/lib/browser.mjs');
  },

  async webkit() {
    throw new Error('ENGINE=webkit is not set up yet: WebKitWebDriver + MiniBrowser under Xvfb, see /work/shared/TOOLCHAIN.md');
  },
};

/** Starts a fresh session (own profile: empty cookie jar and storage). */
export async function startBrowser() {
  const start = ENGINES[ENGINE];
  if (!start) throw new Error(`unknown ENGINE=${ENGINE}; expected one of ${Object.keys(ENGINES).join(', ')}`);
  const session = await start();
  await session.driver.manage().setTimeouts({ pageLoad: 20_000, script: 10_000, implicit: 0 });
  return session;
}
