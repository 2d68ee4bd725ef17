// The built desktop app, run whole on the Electron stand-in, as a user meets it: a first run
// opens the settings window, a Dino account added there comes online on a real mosquitto,
// messages become notifications at a real notification daemon (dunst on a private D-Bus), a
// click opens the message and clears the room's unread count, Quit leaves cleanly.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { relayedMessage } from '../connectors/dino/fixtures.js';
import { connectPublisher, type Publisher } from '../connectors/dino/publisher.js';
import { startMosquitto, type Mosquitto } from '../support/mosquitto.js';
import {
  startNotificationDaemon,
  type NotificationDaemon,
} from '../support/notification-daemon.js';
import { eventually, launchApp, settingsWindow, type StandinApp } from '../support/standin-app.js';

const USER = '1001';
const ROOM = '7a0c1a8e-0000-4000-8000-00000000b001';
const LINK = 'https://chat.example.com/groups/{group_id}';

let broker: Mosquitto;
let publisher: Publisher;
let daemon: NotificationDaemon;
let app: StandinApp;

const dunstctl = async (...args: string[]) =>
  (await promisify(execFile)('dunstctl', args, { env: daemon.env })).stdout.trim();

beforeAll(async () => {
  broker = await startMosquitto({ users: [USER] });
  publisher = await connectPublisher(broker);
  daemon = await startNotificationDaemon();
  app = await launchApp({ env: daemon.env });
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await publisher?.close();
  await broker?.dispose();
  await daemon?.stop();
});

const message = (id: string, text: string) =>
  relayedMessage({
    groupId: ROOM,
    groupName: 'Lunch',
    sender: '2003',
    senderName: 'carol',
    messageId: id,
    text,
  });

const shot = async (name: string) => {
  const window = settingsWindow(app);
  if (window) await app.screenshot(window.id, name);
};

describe('the desktop app on the Electron stand-in', () => {
  it('opens the settings window on Accounts at a first run; a Dino account added there comes online in the window and the tray', async () => {
    const window = await app.waitFor(
      (e) => e.event === 'window' && e.visible === true && String(e.url).endsWith('#accounts'),
    );
    expect(window.url).toBe('tidings-ui://settings/index.html#accounts');
    const page = await app.settingsPage();
    await page.getByRole('heading', { name: 'Accounts', level: 2 }).waitFor();
    await shot('desktop-1-first-run');

    await page.getByRole('button', { name: 'Add account' }).click();
    const editor = page.getByRole('dialog', { name: 'Add an account' });
    await editor.getByRole('radio', { name: 'Dino' }).check();
    await editor.getByLabel('Name', { exact: true }).fill('Dino chat');
    await editor.getByText('Advanced').click();
    await editor.getByLabel('Account id (required)').fill('dino');
    await editor.getByLabel('Broker address (required)').fill(broker.url);
    await editor.getByLabel('Dino user id (required)').fill(USER);
    await editor.getByLabel('Environment').fill('test');
    await editor.getByRole('radio', { name: 'User name and password' }).check();
    await editor.getByLabel('User name (required)').fill(USER);
    await editor.getByLabel('Password (required)').fill(broker.passwordFor(USER));
    await editor.getByLabel('Link template').fill(LINK);
    await editor.getByRole('button', { name: 'Save account' }).click();

    await page
      .locator('[data-status-for="dino"]')
      .getByText('online', { exact: true })
      .waitFor({ timeout: 15_000 });
    await eventually(() => expect(app.trayText()).toContain('Dino chat: online'));
    // The icon main.ts picks is a file that exists (build/icons/tray beside the app).
    expect(app.tray()).toMatchObject({ tooltip: 'Tidings — all quiet', imageMissing: false });
    expect(app.tray()?.image).toMatch(/build\/icons\/tray\/quiet-22\.png$/);
    await shot('desktop-2-dino-online');
  });

  it('shows one notification at the daemon for a message, and updates it for a burst of 20', async () => {
    const topic = broker.topicFor(USER);
    await publisher.publish(topic, message('m-1', 'pizza at noon?'));
    const first = await daemon.waitFor((n) => n.body.includes('pizza at noon?'), 10_000);
    expect(first).toMatchObject({
      appName: 'Tidings',
      summary: 'carol in #Lunch',
      body: 'pizza at noon?',
      // On Linux the app talks to the daemon over D-Bus itself: buttons Electron cannot give.
      actions: ['default', 'Open', 'mark-read', 'Mark as read', 'mute-1h', 'Mute 1 hour'],
      urgency: 'normal',
      category: 'im.received',
      replacesId: 0,
      expireTimeout: -1,
      desktopEntry: 'tidings',
    });
    // The source's icon, as a file the daemon reads (dunst has icon-static).
    expect(first.hintNames).toEqual(
      expect.arrayContaining(['desktop-entry', 'image-path', 'urgency']),
    );
    expect((await daemon.received()).length).toBe(1);

    for (let i = 2; i <= 21; i++) await publisher.publish(topic, message(`m-${i}`, `message ${i}`));
    await daemon.waitFor((n) => n.body.includes('message 21'), 15_000);
    // One room, one notification on screen, updated in place: the same id, never a new one.
    const later = (await daemon.received()).slice(1);
    expect(later.length).toBeGreaterThan(0);
    const id = later[0]!.replacesId;
    expect(id).toBeGreaterThan(0);
    expect(later.every((n) => n.replacesId === id && n.hintNames.includes('suppress-sound'))).toBe(
      true,
    );
    await eventually(async () => expect(await dunstctl('count', 'displayed')).toBe('1'));
    await eventually(() => expect(app.trayText()).toMatch(/Dino chat: online — 21 unread/));
    expect(app.tray()?.image).toMatch(/build\/icons\/tray\/unread-22\.png$/);
    await shot('desktop-3-after-burst');
  });

  it('opens the message link on a click and clears the room from the unread count', async () => {
    await dunstctl('action', '0');
    const opened = await app.waitFor((e) => e.event === 'open-external');
    expect(opened.url).toBe(`https://chat.example.com/groups/${ROOM}`);
    await eventually(() => {
      expect(app.trayText()).toContain('Dino chat: online');
      expect(app.trayText()).not.toContain('unread');
    });
    await shot('desktop-4-after-click');
  });

  it('takes the notification off the screen when the account is marked read from the tray', async () => {
    await publisher.publish(broker.topicFor(USER), message('m-late', 'one more thing'));
    await daemon.waitFor((n) => n.body === 'one more thing');
    await eventually(async () => expect(await dunstctl('count', 'displayed')).toBe('1'));
    await eventually(() => expect(app.trayText()).toContain('Dino chat: online — 1 unread'));
    await app.clickTray('Dino chat: online — 1 unread', 'Mark all as read');
    await eventually(async () => expect(await dunstctl('count', 'displayed')).toBe('0'));
    await eventually(() => expect(app.trayText()).not.toContain('unread'));
  });

  it('quits from the tray: connections closed, exit code 0', async () => {
    await app.clickTray('Quit Tidings');
    expect(await app.exited).toBe(0);
    expect(app.tray()?.destroyed).toBe(true);
    // A clean MQTT DISCONNECT, not a dropped socket ("closed its connection").
    expect(broker.output()).toMatch(/Client tidings_\S+ disconnected\./);
  });
});
