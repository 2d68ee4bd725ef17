// The built desktop app on the Electron stand-in, on a private D-Bus session with no notification
// server: the tray and the window say that notifications cannot be shown (and that History keeps
// everything), and stop saying it once a notification server comes onto the bus.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startNotificationDaemon,
  type NotificationDaemon,
} from '../support/notification-daemon.js';
import { eventually, launchApp, settingsWindow, type StandinApp } from '../support/standin-app.js';
import {
  startTestNotificationServer,
  type TestNotificationServer,
} from '../support/test-notification-server.js';

const WARNING =
  "Notifications can't be shown: no notification service is running on this desktop. Everything is kept in History.";

let bus: NotificationDaemon;
let server: TestNotificationServer | undefined;
let app: StandinApp;

beforeAll(async () => {
  bus = await startNotificationDaemon({ dunst: false });
  app = await launchApp({ env: bus.env });
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await server?.stop();
  await bus?.stop();
});

const shot = async (name: string) => {
  const window = settingsWindow(app);
  if (window) await app.screenshot(window.id, name);
};

describe('the desktop app without a notification server', () => {
  it(
    'says so in the tray and the window, and clears it when one comes',
    { timeout: 60_000 },
    async () => {
      await app.waitFor((e) => e.event === 'window' && e.visible === true);
      const page = await app.settingsPage();
      const banner = page.locator('#notifier-warning');
      await eventually(async () => expect(await banner.isVisible()).toBe(true));
      // The headline in words; which D-Bus part is missing only under its Details.
      expect(await banner.textContent()).toMatch(
        /^Notifications can't be shown: .* History\.DetailsD-Bus: no notification server/,
      );
      expect(await banner.locator('summary').textContent()).toBe('Details');
      // The tray is rebuilt a moment after a change (throttled).
      await eventually(() =>
        expect(app.tray()?.tooltip).toContain('notifications cannot be shown (kept in History)'),
      );
      expect(app.trayText()).toContain(WARNING);
      // Every page, not only the one open when it happened.
      await page.getByRole('link', { name: 'General' }).click();
      expect(await banner.isVisible()).toBe(true);
      await shot('notifier-missing-1-no-server');

      server = await startTestNotificationServer(bus.env.DBUS_SESSION_BUS_ADDRESS!, ['body']);
      // The sink looks again within 10 s (the bus's reconnect policy).
      await eventually(async () => expect(await banner.isVisible()).toBe(false), 30_000);
      await eventually(() => expect(app.tray()?.tooltip).not.toContain('cannot be shown'));
      expect(app.trayText()).not.toContain(WARNING);
      await shot('notifier-missing-2-server-back');
    },
  );
});
