// The desktop controller as main.ts builds it, with the real Linux detector on a private bus
// where our KDE-like server runs: while KDE's do-not-disturb is on, an event goes to history as
// "system do-not-disturb" and no Electron notification shows; when it ends, the summary does.
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { systemClock } from '../../app/core/clock.js';
import { silentLogger } from '../../app/core/log.js';
import { notificationServerDnd } from '../../app/system-dnd/notification-server-dnd.js';
import { Notification } from '../support/electron-double.js';
import { startDesktop, type DesktopHarness } from '../support/electron-controller.js';
import { makeEvent } from '../support/events.js';
import {
  startKdeNotificationServer,
  type TestNotificationServer,
} from '../support/test-notification-server.js';
import { busFolder, startPrivateBus } from '../support/private-bus.js';
import { leakyConnectors, type LeakyConnectors } from './leaky-connector.js';

const PASSWORD = 'pw-for-tests';
let app: DesktopHarness;
let connectors: LeakyConnectors;
let kde: TestNotificationServer;
const cleanups: (() => Promise<unknown>)[] = [];

beforeEach(async () => {
  const folder = await busFolder();
  const bus = await startPrivateBus(folder.dir, folder.address);
  kde = await startKdeNotificationServer(bus.address, { doNotDisturb: true });
  cleanups.push(
    () => folder.remove(),
    () => bus.stop(),
    () => kde.stop(),
  );
  connectors = leakyConnectors(PASSWORD);
  app = startDesktop({
    createConnector: connectors.factory,
    supportedTypes: ['dino'],
    systemDnd: notificationServerDnd({ log: silentLogger, clock: systemClock, env: bus.env }),
  });
  await app.controller.saveAccount({
    id: 'dino',
    type: 'dino',
    broker: 'mqtt://127.0.0.1:1883',
    userId: '1234',
    auth: { username: '1234', password: PASSWORD },
  });
  const { notifications } = app.controller.snapshot();
  app.controller.saveNotifications({
    ...notifications,
    dnd: { ...notifications.dnd, summary: true },
  });
  await vi.waitFor(() => expect(app.controller.snapshot().accounts[0]?.state).toBe('online'));
  await vi.waitFor(() => expect(app.controller.snapshot().systemDnd.holding).toBe(true));
});

afterEach(async () => {
  await app.stop();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

it("holds events back while KDE's do-not-disturb is on and shows the summary when it ends", async () => {
  connectors.emit('dino', makeEvent({ account: 'dino', time: Date.now(), body: 'held one' }));
  const held = app.controller.listHistory({ decision: 'system do-not-disturb' });
  expect(held.entries.map((e) => [e.body, e.reason])).toEqual([
    ['held one', 'system do-not-disturb: KDE Plasma: do not disturb'],
  ]);
  expect(Notification.visible()).toEqual([]);
  expect(app.controller.trayState().systemDnd).toEqual({
    holding: true,
    source: 'KDE Plasma: do not disturb',
    state: 'on',
    label: expect.any(String),
  });

  kde.setDoNotDisturb(false);
  await vi.waitFor(() => expect(Notification.visible()).toHaveLength(1));
  expect(Notification.visible()[0]?.options).toMatchObject({
    title: 'While do-not-disturb was on',
    body: '1 notification was held back; see History.',
  });
  expect(app.controller.snapshot().systemDnd.holding).toBe(false);
});
