// The one Chromium behind every BrowserWindow: Debian's chromium through playwright-core, started
// when the app becomes ready. Its DevTools port is handed to the test (the `ready` event), which
// connects its own Playwright over CDP to click and read the same pages a user would.
import { createServer } from 'node:net';
import { chromium, type Browser } from 'playwright-core';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

let launched: Promise<{ browser: Browser; cdpUrl: string }> | undefined;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export function startChromium(): Promise<{ browser: Browser; cdpUrl: string }> {
  launched ??= (async () => {
    const port = await freePort();
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
      headless: true,
      // The app's process handles these signals (app.ts), as Electron's does.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      args: [...ARGS, `--remote-debugging-port=${port}`, '--remote-debugging-address=127.0.0.1'],
    });
    return { browser, cdpUrl: `http://127.0.0.1:${port}` };
  })();
  return launched;
}

export async function chromiumBrowser(): Promise<Browser> {
  if (!launched) throw new Error('Chromium is not running: the app is not ready yet');
  return (await launched).browser;
}

export async function stopChromium(): Promise<void> {
  if (!launched) return;
  const { browser } = await launched;
  await browser.close().catch(() => {});
}
