// Screenshots of the banner and the dialog — light and dark, desktop and phone, az and zh; the
// dialog's view of what is on the device (light) —
// taken with headless Chromium into screenshots/. Run with `make screenshots`.
import { mkdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import webdriver from 'selenium-webdriver';
import chrome from 'selenium-webdriver/chrome.js';
import { start } from './serve.mjs';

const OUT = new URL('../screenshots/', import.meta.url).pathname;
const SIZES = { desktop: [1280, 800], phone: [390, 844] };
mkdirSync(OUT, { recursive: true });

const server = await start({ port: 0 });
const profile = mkdtempSync(path.join(tmpdir(), 'bzconsent-shots-'));
const options = new chrome.Options()
  .setChromeBinaryPath('/usr/bin/chromium')
  .addArguments('--headless=new', '--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu',
    '--no-first-run', '--disable-background-networking', '--hide-scrollbars', `--user-data-dir=${profile}`);
const driver = await new webdriver.Builder()
  .forBrowser('chrome')
  .setChromeOptions(options)
  .setChromeService(new chrome.ServiceBuilder('/usr/bin/chromedriver'))
  .build();
try {
  for (const lang of ['az', 'zh']) {
    for (const scheme of ['light', 'dark']) {
      for (const [device, [w, h]] of Object.entries(SIZES)) {
        await driver.sendDevToolsCommand('Emulation.setDeviceMetricsOverride', {
          width: w, height: h, deviceScaleFactor: 1, mobile: device === 'phone',
        });
        await driver.sendDevToolsCommand('Emulation.setEmulatedMedia', {
          features: [{ name: 'prefers-color-scheme', value: scheme }],
        });
        await driver.get(`${server.url}/privacy.html`);
        await driver.executeScript('try { localStorage.clear(); } catch (e) {}');
        await driver.get(`${server.url}/`);
        await driver.sleep(300);
        if (lang !== 'az') {
          // The demo page says lang="az"; switch through the dialog's own language menu.
          await driver.executeScript(`const s = document.getElementById('bzconsent-root').shadowRoot;
            bzconsent.showPreferences();
            const select = s.querySelector('select[data-bz="language"]');
            select.value = arguments[0];
            select.dispatchEvent(new Event('change', { bubbles: true }));
            s.querySelector('button[data-bz="close"]').click();`, lang);
        }
        await driver.sleep(500);
        const name = `${scheme}-${device}-${lang}.png`;
        writeFileSync(OUT + 'banner-' + name, await driver.takeScreenshot(), 'base64');
        await driver.executeScript('bzconsent.showPreferences()');
        await driver.sleep(300);
        writeFileSync(OUT + 'dialog-' + name, await driver.takeScreenshot(), 'base64');
        console.log('screenshots/{banner,dialog}-' + name);
        if (scheme === 'light') {
          // What is on this device: after Accept all (the demo's analytics sets _ga), with a
          // cookie of the site's own, the analytics table open.
          await driver.executeScript(`bzconsent.acceptAll();`);
          await driver.sleep(800);
          await driver.executeScript(`document.cookie = 'site_theme=dark; path=/'; bzconsent.showPreferences();`);
          await driver.sleep(300);
          await driver.executeScript(`const s = document.getElementById('bzconsent-root').shadowRoot;
            const d = s.querySelector('#bz-part-analytics details'); d.open = true; d.scrollIntoView();`);
          await driver.sleep(200);
          writeFileSync(OUT + 'device-' + name, await driver.takeScreenshot(), 'base64');
          console.log('screenshots/device-' + name);
        }
      }
    }
  }
} finally {
  await driver.quit();
  await server.close();
  rmSync(profile, { recursive: true, force: true });
}
