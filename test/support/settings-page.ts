// What the settings-window tests share: polling waits, text and focus of a control, and
// screenshots saved to test-results/screenshots/ for a person to look at.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { vi } from 'vitest';
import type { ConnectorFactory } from '../../app/core/connector.js';
import { systemClock } from '../../app/core/clock.js';
import { ScriptedConnector } from './scripted-connector.js';

export const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');

/** Waits (polling, no fixed sleeps) until the check passes. */
export const eventually = (check: () => Promise<void>, timeout = 5_000) =>
  vi.waitFor(check, { timeout, interval: 50 });

export const text = async (locator: Locator) => (await locator.textContent())?.trim();

export const focused = (locator: Locator) =>
  locator.evaluate((el) => el === document.activeElement);

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // A modal dialog is seen over the window as it is: the whole page behind it would mislead.
  const dialog = (await page.locator('dialog[open]').count()) > 0;
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: !dialog });
}

/** Connectors that come online at once and stay: the window's tests are about the window. */
export const onlineConnectors: ConnectorFactory = (account, context) =>
  new ScriptedConnector(systemClock).factory(account, context);

/** How far the page scrolls sideways (0 when it fits). */
export const sidewaysOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
