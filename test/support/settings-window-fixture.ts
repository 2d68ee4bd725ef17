// The settings window in headless Chromium over the desktop harness (electron-controller.ts),
// opened before a file's tests and closed after: what the window's end-to-end tests share.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { startDesktop, type DesktopHarness } from './electron-controller.js';
import { openSettingsWindow, type SettingsBrowser } from './playwright-bridge.js';

export interface SettingsWindowOptions {
  /** Starts the app (after the file's own servers are up); `startDesktop()` when absent. */
  start?(): DesktopHarness | Promise<DesktopHarness>;
  viewport?: { width: number; height: number };
  /**
   * What the window must not have had by the end: script errors in the page, and (with
   * `refused`) calls the bridge refused. Checked after the file's tests.
   */
  expectNone?: ('pageErrors' | 'refused')[];
}

export interface SettingsWindow {
  /** Set in beforeAll. */
  readonly app: DesktopHarness;
  readonly settings: SettingsBrowser;
  readonly page: Page;
}

export function useSettingsWindow(options: SettingsWindowOptions = {}): SettingsWindow {
  let app: DesktopHarness | undefined;
  let settings: SettingsBrowser | undefined;
  beforeAll(async () => {
    app = await (options.start?.() ?? startDesktop());
    settings = await openSettingsWindow(app.controller, app.log);
    if (options.viewport) await settings.page.setViewportSize(options.viewport);
  });
  afterAll(async () => {
    const checks = options.expectNone ?? [];
    if (checks.includes('pageErrors')) expect(settings?.pageErrors).toEqual([]);
    if (checks.includes('refused')) expect(settings?.refused).toEqual([]);
    await settings?.close();
    await app?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the settings window is opened in beforeAll');
    return value;
  };
  return {
    get app() {
      return started(app);
    },
    get settings() {
      return started(settings);
    },
    get page() {
      return started(settings).page;
    },
  };
}
