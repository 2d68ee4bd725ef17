// The settings window's History page in headless Chromium (through playwright-core, as the e2e
// tests drive it), against the desktop controller over its state database: how long from the
// start of navigation until the first page of entries is on screen, with one page of history
// (the baseline) and with `entries`. Run by bench/settings-window.ts in a process of its own,
// with `electron` resolved to the test double (bench/electron-double-hook.js).
import type { TidingsEvent } from '../app/core/events.js';
import { startDesktop } from '../test/support/electron-controller.js';
import { openSettingsWindow } from '../test/support/playwright-bridge.js';
import { percentile } from './stats.js';

export interface SettingsWindowReport {
  baselineEntries: number;
  entries: number;
  /** Median of the openings, navigation start → first entry painted, ms. */
  baselineMs: number;
  tidingsMs: number;
}

const OPENINGS = 5;
const ONE_PAGE = 50;

function event(i: number): TidingsEvent {
  return {
    account: 'dino-bench',
    kind: 'message-sent',
    id: `m-${i}`,
    time: Date.now(),
    room: { id: `room-${i % 100}`, name: `Room ${i % 100}`, type: 'group' },
    author: { id: `u-${i % 7}`, name: `Sender ${i % 7}` },
    title: `Sender ${i % 7} in Room ${i % 100}`,
    body: `message ${i} with some ordinary text in it`,
    mentionsUser: false,
    ownMessage: false,
  };
}

/** In the page: once the first history entry is in the list, the time of the next frame. */
function watchFirstEntry(): void {
  const w = window as unknown as { __firstEntryMs?: number };
  new MutationObserver((_records, observer) => {
    if (!document.querySelector('ol.history li.history-entry')) return;
    observer.disconnect();
    requestAnimationFrame(() => (w.__firstEntryMs = performance.now()));
  }).observe(document, { childList: true, subtree: true });
}

async function measure(entries: number, total: number): Promise<number> {
  const app = startDesktop();
  for (let i = 0; i < entries; i++) app.state.history.record(event(i), 'shown', 'rule: default');
  await app.state.persisted();
  const browser = await openSettingsWindow(app.controller, app.log, 'history');
  try {
    // As text: run by tsx, the function's body may call esbuild's `__name`.
    await browser.page.addInitScript({
      content: `var __name = (f) => f; (${watchFirstEntry.toString()})();`,
    });
    const times: number[] = [];
    for (let n = 0; n < OPENINGS; n++) {
      await browser.page.reload();
      const handle = await browser.page.waitForFunction(
        () => (window as unknown as { __firstEntryMs?: number }).__firstEntryMs,
        undefined,
        { timeout: 30_000 },
      );
      times.push((await handle.jsonValue()) as number);
    }
    const shown = await browser.page.locator('ol.history li.history-entry').count();
    if (shown === 0 || entries !== total) throw new Error(`history page shows ${shown} entries`);
    return percentile(times, 0.5);
  } finally {
    await browser.close();
    await app.stop();
  }
}

process.once('message', (request: { entries: number }) => {
  void (async () => {
    const baselineMs = await measure(ONE_PAGE, ONE_PAGE);
    const tidingsMs = await measure(request.entries, request.entries);
    const report: SettingsWindowReport = {
      baselineEntries: ONE_PAGE,
      entries: request.entries,
      baselineMs,
      tidingsMs,
    };
    return report;
  })().then(
    (report) => process.send?.({ report }, () => process.exit(0)),
    (error: unknown) => process.send?.({ error: String(error) }, () => process.exit(1)),
  );
});
