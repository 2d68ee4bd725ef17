// The tray and the window agree, on the built app on the Electron stand-in: "Fix sign-in…" on an
// account whose sign-in failed opens the settings window on that account's editor with focus on
// its password (whether the window was open or not), and the tray writes times in the OS's
// locale (`app.getLocale()`, here `--lang=de` while the process's own LANG says en_US) as the
// window does.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMosquitto, type Mosquitto } from '../support/mosquitto.js';
import { eventually, launchApp, settingsWindow, type StandinApp } from '../support/standin-app.js';

const USER = '1301';
let broker: Mosquitto;
let app: StandinApp;
let dataDir: string;

beforeAll(async () => {
  broker = await startMosquitto({ users: [USER] });
  dataDir = mkdtempSync(join(tmpdir(), 'tidings-tray-window-'));
  writeFileSync(
    join(dataDir, 'settings.json'),
    JSON.stringify({
      version: 1,
      // A zone far from this machine's: the window must write times in it, as the tray does.
      notifications: { timeZone: 'Pacific/Kiritimati' },
      accounts: [
        {
          id: 'dino-team',
          type: 'dino',
          name: 'Dino team',
          broker: broker.url,
          userId: USER,
          environment: 'test',
          auth: { username: USER, password: 'not-the-password' },
        },
      ],
    }),
  );
  app = await launchApp({
    dataDir,
    args: ['--lang=de'],
    env: { LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '' },
  });
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await broker?.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The tray's line for the account, as the user reads it. */
const accountLine = () => app.tray()?.menu.find((line) => line.startsWith('Dino team: ')) ?? '';

async function editorFocus() {
  const page = await app.settingsPage();
  const dialog = page.getByRole('dialog', { name: 'Edit Dino team' });
  await dialog.waitFor();
  await eventually(async () =>
    expect(
      await page.evaluate(() => document.activeElement?.getAttribute('data-field') ?? ''),
    ).toBe('auth.password'),
  );
  return { page, dialog };
}

describe('from the tray to the window', () => {
  it('"Fix sign-in…" opens the account’s editor at its password, window open or not', async () => {
    await eventually(() => expect(accountLine()).toMatch(/^Dino team: sign-in failed/), 20_000);
    if (settingsWindow(app)) {
      await app.command('closeWindow', { windowId: settingsWindow(app)!.id });
      await eventually(() => expect(settingsWindow(app)).toBeUndefined());
    }
    // No window: a new one opens on the account.
    await app.clickTray(accountLine(), 'Fix sign-in…');
    const { page, dialog } = await editorFocus();
    await app.screenshot(settingsWindow(app)!.id, 'tray-fix-sign-in-editor');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });

    // The window already open (on another page): the tray's push brings the editor up again.
    await page.getByRole('link', { name: 'History' }).click();
    await app.clickTray(accountLine(), 'Fix sign-in…');
    await editorFocus();
    expect(await page.getByRole('link', { name: 'Accounts' }).getAttribute('aria-current')).toBe(
      'page',
    );
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  });

  it('writes "muted until" in the OS locale, as the window does', async () => {
    await app.clickTray(accountLine(), 'Mute for 1 hour');
    await eventually(() => expect(accountLine()).toMatch(/muted until .*\d{2}:\d{2}\b/));
    // German writes a 24-hour clock: no AM or PM, as en-US (the process's LANG) would.
    expect(accountLine()).not.toMatch(/AM|PM/);
    const time = /muted until .*?(\d{2}:\d{2})/.exec(accountLine())![1]!;
    // The window agrees: in the settings' zone (14 hours ahead of this machine's), in German.
    const page = await app.settingsPage();
    await page.getByRole('link', { name: 'Notifications' }).click();
    const mute = page.getByRole('combobox', { name: 'Mute, Dino team' });
    await eventually(async () =>
      expect(await mute.locator('option').first().textContent()).toMatch(
        new RegExp(`^Muted until .*${time}$`),
      ),
    );
    await app.screenshot(settingsWindow(app)!.id, 'tray-locale-muted-until');
  });
});
