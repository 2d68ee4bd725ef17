// The built desktop app on the Electron stand-in, on Linux: its notifications go over D-Bus to a
// notification server of ours (KDE's capabilities), which acts as the user pressing the
// notification's buttons — what dunst cannot do for a named action.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { relayedMessage } from '../connectors/dino/fixtures.js';
import { connectPublisher, type Publisher } from '../connectors/dino/publisher.js';
import { startMosquitto, type Mosquitto } from '../support/mosquitto.js';
import { eventually, launchApp, type StandinApp } from '../support/standin-app.js';
import {
  startTestNotificationDesktop,
  type TestNotificationDesktop,
} from '../support/test-notification-desktop.js';
import type { TestNotificationServer } from '../support/test-notification-server.js';

const USER = '1201';
const ROOM = '7a0c1a8e-0000-4000-8000-00000000d001';
const OTHER_ROOM = '7a0c1a8e-0000-4000-8000-00000000d002';

let broker: Mosquitto;
let publisher: Publisher;
let desktop: TestNotificationDesktop;
let server: TestNotificationServer;
let dataDir: string;
let app: StandinApp;

beforeAll(async () => {
  broker = await startMosquitto({ users: [USER] });
  publisher = await connectPublisher(broker);
  desktop = await startTestNotificationDesktop([
    'actions',
    'body',
    'body-markup',
    'icon-static',
    'inline-reply',
  ]);
  server = desktop.server;
  dataDir = mkdtempSync(join(tmpdir(), 'tidings-data-'));
  writeFileSync(
    join(dataDir, 'settings.json'),
    JSON.stringify({
      version: 1,
      accounts: [
        {
          id: 'dino',
          type: 'dino',
          name: 'Dino chat',
          broker: broker.url,
          userId: USER,
          environment: 'test',
          auth: { username: USER, password: broker.passwordFor(USER) },
          link: 'https://chat.example.com/groups/{group_id}',
        },
      ],
    }),
  );
  app = await launchApp({ dataDir, env: desktop.env });
  await eventually(() => expect(app.trayText()).toContain('Dino chat: online'), 15_000);
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await publisher?.close();
  await broker?.dispose();
  await desktop?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function savedRules(): unknown[] {
  const saved = JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as {
    notifications?: { rules?: unknown[] };
  };
  return saved.notifications?.rules ?? [];
}

async function send(id: string, text: string, groupId = ROOM) {
  await publisher.publish(
    broker.topicFor(USER),
    relayedMessage({
      groupId,
      groupName: groupId === ROOM ? 'Ops' : 'Lunch',
      sender: '2003',
      senderName: 'carol',
      messageId: id,
      text,
    }),
  );
}

async function notify(id: string, text: string, groupId = ROOM) {
  await send(id, text, groupId);
  return server.waitFor((n) => n.body === text, 10_000);
}

describe("the desktop app's notification buttons on Linux", () => {
  it('"Mark as read" clears the room\'s unread count and closes the notification', async () => {
    const shown = await notify('b-1', 'disk almost full');
    expect(shown.actions).toEqual([
      'default',
      'Open',
      'mark-read',
      'Mark as read',
      'mute-1h',
      'Mute 1 hour',
    ]);
    await eventually(() => expect(app.trayText()).toContain('Dino chat: online — 1 unread'));
    server.invokeAction(shown.id, 'mark-read');
    await eventually(() => expect(app.trayText()).not.toContain('unread'));
    await eventually(() => expect(server.closedByCall()).toContain(shown.id));
  });

  it('a click (the default action) opens the link with the system', async () => {
    const shown = await notify('b-2', 'see the graph');
    server.invokeAction(shown.id, 'default');
    const opened = await app.waitFor((e) => e.event === 'open-external');
    expect(opened.url).toBe(`https://chat.example.com/groups/${ROOM}`);
    await eventually(() => expect(app.trayText()).not.toContain('unread'));
  });

  it('"Mute 1 hour" quiets that room; the account\'s other rooms still notify', async () => {
    const shown = await notify('b-3', 'too chatty');
    server.invokeAction(shown.id, 'mute-1h');
    // The room's mute is a rule in the saved settings: wait for it to be in force.
    await eventually(() =>
      expect(savedRules()).toContainEqual(expect.objectContaining({ account: 'dino', room: ROOM })),
    );
    await send('b-4', 'still chatty');
    // Sent after it on the same link: once this one shows, the muted one has been decided.
    await notify('b-5', 'lunch at 12?', OTHER_ROOM);
    expect(server.received().map((n) => n.body)).not.toContain('still chatty');
    expect(app.trayText()).not.toMatch(/muted until/);
  });
});
