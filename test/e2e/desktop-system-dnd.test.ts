// The built desktop app on the Electron stand-in, under a real dunst on a private D-Bus: pausing
// dunst (its do-not-disturb) shows in the tray and on the Notifications page, and the page's
// "Respect the system’s do not disturb" changes what Tidings does about it.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startNotificationDaemon,
  type NotificationDaemon,
} from '../support/notification-daemon.js';
import { eventually, launchApp, settingsWindow, type StandinApp } from '../support/standin-app.js';

let daemon: NotificationDaemon;
let app: StandinApp;

const dunstctl = (...args: string[]) => promisify(execFile)('dunstctl', args, { env: daemon.env });

beforeAll(async () => {
  daemon = await startNotificationDaemon();
  app = await launchApp({ env: daemon.env });
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await daemon?.stop();
});

const shot = async (name: string) => {
  const window = settingsWindow(app);
  if (window) await app.screenshot(window.id, name);
};

describe("the system's do-not-disturb in the desktop app", () => {
  it('shows in the tray and the window while it holds notifications back', async () => {
    await app.waitFor((e) => e.event === 'window' && e.visible === true);
    const page = await app.settingsPage();
    await page.getByRole('link', { name: 'Notifications' }).click();
    const status = page.locator('.system-dnd-state');
    await eventually(async () =>
      expect(await status.textContent()).toBe('The system’s do not disturb is off.'),
    );
    expect(app.tray()?.image).toMatch(/quiet-22\.png$/);

    await dunstctl('set-paused', 'true');
    const holding =
      'The system’s do not disturb is on (dunst is paused): notifications are held back.';
    await eventually(async () => expect(await status.textContent()).toBe(holding));
    // Tidings' own do-not-disturb is a different switch: its line must not read as the system's.
    expect(await page.locator('.dnd-state').textContent()).toBe('Tidings’ own do not disturb: off');
    await eventually(() => expect(app.tray()?.image).toMatch(/dnd-22\.png$/));
    expect(app.tray()?.tooltip).toBe(
      'Tidings — notifications held back by the system’s do not disturb (dunst is paused)',
    );
    expect(app.trayText()).toContain('Do not disturb (on in the system)');
    expect(app.trayText()).toContain(
      'Notifications held back by the system’s do not disturb (dunst is paused)',
    );
    await page.locator('#dnd-heading').scrollIntoViewIfNeeded();
    await shot('system-dnd-1-holding');

    // The user chooses to be notified anyway: the window and the tray say so at once.
    await page.getByLabel('Respect the system’s do not disturb').uncheck();
    await eventually(async () =>
      expect(await status.textContent()).toBe(
        'The system’s do not disturb is on (dunst is paused); Tidings notifies anyway.',
      ),
    );
    await eventually(() => expect(app.tray()?.image).toMatch(/quiet-22\.png$/));
    // Letting mentions through means nothing while the switch is not respected.
    expect(await page.getByLabel('Let mentions and direct messages through it').isDisabled()).toBe(
      true,
    );
    await shot('system-dnd-2-not-respected');

    await page.getByLabel('Respect the system’s do not disturb').check();
    await eventually(async () => expect(await status.textContent()).toBe(holding));
    await dunstctl('set-paused', 'false');
    await eventually(async () =>
      expect(await status.textContent()).toBe('The system’s do not disturb is off.'),
    );
    await eventually(() => expect(app.tray()?.image).toMatch(/quiet-22\.png$/));
  });
});
