// The settings window with the ntfy and Gotify types: each added through its form (hint, fields,
// sign-in choices), online against its test server, its topics or applications offered on the
// Notifications page, and a message from each in History. Chromium drives the window.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGotifyServer, type GotifyTestServer } from '../servers/gotify/server.js';
import { startNtfyServer, type NtfyTestServer } from '../servers/ntfy/server.js';
import { startDesktop, type DesktopHarness } from '../support/electron-controller.js';
import { openSettingsWindow, type SettingsBrowser } from '../support/playwright-bridge.js';
import { eventually, shot, text } from '../support/settings-page.js';

const NTFY_TOKEN = 'tk_alice0000000000000000000000';
let ntfy: NtfyTestServer;
let gotify: GotifyTestServer;
let app: DesktopHarness;
let settings: SettingsBrowser;

beforeAll(async () => {
  ntfy = await startNtfyServer({
    users: { alice: { tokens: [NTFY_TOKEN], read: ['*'] } },
    anonymousRead: [],
  });
  gotify = await startGotifyServer({
    users: {
      alice: {
        password: 'pw',
        clients: ['Calice'],
        apps: [{ name: 'Backups', defaultPriority: 5 }],
      },
    },
  });
  app = startDesktop();
  settings = await openSettingsWindow(app.controller, app.log);
  await settings.page.setViewportSize({ width: 900, height: 650 });
});

afterAll(async () => {
  expect(settings?.pageErrors).toEqual([]);
  expect(settings?.refused).toEqual([]);
  await settings?.close();
  await app?.stop();
  await ntfy?.stop();
  await gotify?.stop();
});

describe('ntfy and Gotify in the settings window', () => {
  it('adds an ntfy account with an access token', async () => {
    const { page } = settings;
    await page.getByRole('button', { name: 'Add account' }).click();
    const editor = page.getByRole('dialog', { name: 'Add an account' });
    await editor.getByRole('radio', { name: 'ntfy' }).check();
    await editor.getByLabel('Name', { exact: true }).fill('Alerts');
    await editor.getByLabel('Server address (required)').fill(ntfy.url);
    await editor.getByLabel('Topics (required)').fill('backups, ci');
    await editor.getByLabel('Lowest priority to show').fill('2');
    await editor.getByRole('radio', { name: 'Access token' }).check();
    await editor.getByLabel('Token (required)').fill(NTFY_TOKEN);
    await shot(page, 'push-1-ntfy-form');
    await editor.getByRole('button', { name: 'Save account' }).click();
    await eventually(
      async () => expect(await text(page.locator('[data-status-for="alerts"]'))).toBe('online'),
      15_000,
    );
    const [account] = app.controller.snapshot().accounts;
    expect(account).toMatchObject({ id: 'alerts', type: 'ntfy' });
    expect(app.readFile('settings.json')).not.toContain(NTFY_TOKEN);
  });

  it('adds a Gotify account with a client token', async () => {
    const { page } = settings;
    await page.getByRole('button', { name: 'Add account' }).click();
    const editor = page.getByRole('dialog', { name: 'Add an account' });
    await editor.getByRole('radio', { name: 'Gotify' }).check();
    await editor.getByLabel('Name', { exact: true }).fill('Home');
    await editor.getByLabel('Server address (required)').fill(gotify.url);
    await editor.getByLabel('Client token (required)').fill('Calice');
    await shot(page, 'push-2-gotify-form');
    await editor.getByRole('button', { name: 'Save account' }).click();
    await eventually(
      async () => expect(await text(page.locator('[data-status-for="home"]'))).toBe('online'),
      15_000,
    );
    await shot(page, 'push-3-accounts-online');
  });

  it("offers ntfy's topics and Gotify's applications on the Notifications page", async () => {
    const { page } = settings;
    await page.getByRole('link', { name: 'Notifications' }).click();
    for (const room of ['backups', 'ci', 'Backups'])
      await eventually(async () =>
        expect(
          await page.getByRole('combobox', { name: `Notify about, ${room}`, exact: true }).count(),
        ).toBe(1),
      );
    await shot(page, 'push-4-topics-and-applications');
  });

  it('records a message from each in History', async () => {
    const { page } = settings;
    ntfy.publish('ci', { title: 'Build 42', message: 'passed', tags: ['white_check_mark'] });
    gotify.publish('Backups', { title: 'Nightly', message: 'done' });
    await page.getByRole('link', { name: 'History' }).click();
    await page.locator('.history-entry').nth(1).waitFor({ timeout: 15_000 });
    await shot(page, 'push-5-history');
    const build = page.locator('.history-entry', { hasText: 'Build 42' });
    const nightly = page.locator('.history-entry', { hasText: 'Nightly' });
    await eventually(async () => {
      expect(await text(build.locator('.where'))).toBe('Alerts · #ci');
      expect(await text(nightly.locator('.where'))).toBe('Home · #Backups');
    }, 15_000);
  });
});
