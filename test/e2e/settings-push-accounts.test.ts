// The settings window with the ntfy and Gotify types: each added through its form (hint, fields,
// sign-in choices), online against its test server, its topics or applications offered on the
// Notifications page, and a message from each in History. Chromium drives the window.
import { describe, expect, it } from 'vitest';
import { openNewAccount, saveUntilOnline } from '../support/account-editor.js';
import { GOTIFY_CLIENT_TOKEN, NTFY_TOKEN, usePushServers } from '../support/push-servers.js';
import { eventually, shot, text } from '../support/settings-page.js';
import { useSettingsWindow } from '../support/settings-window-fixture.js';

const servers = usePushServers();
const desktop = useSettingsWindow({
  viewport: { width: 900, height: 650 },
  expectNone: ['pageErrors', 'refused'],
});

describe('ntfy and Gotify in the settings window', () => {
  it('adds an ntfy account with an access token', async () => {
    const { page } = desktop;
    const editor = await openNewAccount(page, 'ntfy', 'Alerts');
    await editor.getByLabel('Server address (required)').fill(servers.ntfy.url);
    await editor.getByLabel('Topics (required)').fill('backups, ci');
    await editor.getByLabel('Lowest priority to show').fill('2');
    await editor.getByRole('radio', { name: 'Access token' }).check();
    await editor.getByLabel('Token (required)').fill(NTFY_TOKEN);
    await shot(page, 'push-1-ntfy-form');
    await saveUntilOnline(page, editor, 'alerts');
    const [account] = desktop.app.controller.snapshot().accounts;
    expect(account).toMatchObject({ id: 'alerts', type: 'ntfy' });
    expect(desktop.app.readFile('settings.json')).not.toContain(NTFY_TOKEN);
  });

  it('adds a Gotify account with a client token', async () => {
    const { page } = desktop;
    const editor = await openNewAccount(page, 'Gotify', 'Home');
    await editor.getByLabel('Server address (required)').fill(servers.gotify.url);
    await editor.getByLabel('Client token (required)').fill(GOTIFY_CLIENT_TOKEN);
    await shot(page, 'push-2-gotify-form');
    await saveUntilOnline(page, editor, 'home');
    await shot(page, 'push-3-accounts-online');
  });

  it("offers ntfy's topics and Gotify's applications on the Notifications page", async () => {
    const { page } = desktop;
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
    const { page } = desktop;
    servers.ntfy.publish('ci', {
      title: 'Build 42',
      message: 'passed',
      tags: ['white_check_mark'],
    });
    servers.gotify.publish('Backups', { title: 'Nightly', message: 'done' });
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
