import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TidingsEvent } from '../../app/core/events.js';
import type { RoomNotification } from '../../app/core/notification.js';
import { electronNotificationSink } from '../../app/desktop/electron-notification-sink.js';
import { Notification, electronDouble } from '../support/electron-double.js';
import { startDesktop, type DesktopHarness } from '../support/electron-controller.js';
import { makeEvent } from '../support/events.js';
import { leakyConnectors, type LeakyConnectors } from './leaky-connector.js';

const PASSWORD = 'pw-for-tests';
let app: DesktopHarness;
let connectors: LeakyConnectors;

beforeEach(async () => {
  connectors = leakyConnectors(PASSWORD);
  app = startDesktop({ createConnector: connectors.factory, supportedTypes: ['dino'] });
  await app.controller.saveAccount({
    id: 'dino',
    type: 'dino',
    broker: 'mqtt://127.0.0.1:1883',
    userId: '1234',
    auth: { username: '1234', password: PASSWORD },
  });
  await vi.waitFor(() => expect(app.controller.snapshot().accounts[0]?.state).toBe('online'));
});
afterEach(() => app.stop());

const event = (overrides: Partial<TidingsEvent> = {}) =>
  makeEvent({ account: 'dino', time: Date.now(), ...overrides });
const unread = () => app.controller.snapshot().accounts[0]!.unread.count;

async function shown(count = 1): Promise<Notification> {
  await vi.waitFor(() => expect(Notification.visible()).toHaveLength(count));
  return Notification.visible().at(-1)!;
}

describe('native notifications', () => {
  it('a click opens an https link and clears the room', async () => {
    connectors.emit('dino', event({ url: 'https://chat.example.com/room/GENERAL?m=1' }));
    const notification = await shown();
    expect(notification.options).toMatchObject({ title: 'bob in #general' });
    expect(unread()).toBe(1);

    notification.click();

    await vi.waitFor(() =>
      expect(electronDouble.openedExternally).toEqual([
        'https://chat.example.com/room/GENERAL?m=1',
      ]),
    );
    await vi.waitFor(() => expect(unread()).toBe(0));
    expect(Notification.visible()).toEqual([]);
  });

  it.each([
    'javascript:alert(1)',
    'file:///etc/passwd',
    'smb://attacker.example/share',
    'tidings://settings/general',
  ])('a click on %s opens nothing, logs the refusal and still clears the room', async (url) => {
    connectors.emit('dino', event({ url }));
    const notification = await shown();

    notification.click();

    await vi.waitFor(() => expect(unread()).toBe(0));
    expect(electronDouble.openedExternally).toEqual([]);
    const scheme = new URL(url).protocol;
    expect(app.log.tail().join('\n')).toContain(
      `link refused {"account":"dino","reason":"links with ${scheme} are not opened"`,
    );
  });

  it('shows one notification per room, updated rather than stacked', async () => {
    connectors.emit('dino', event({ body: 'first' }));
    connectors.emit('dino', event({ body: 'second' }));
    connectors.emit(
      'dino',
      event({
        room: { id: 'g2', name: 'random', type: 'channel' },
        title: 'bob in #random',
        body: 'other',
      }),
    );
    const titles = () => Notification.visible().map((n) => n.options.title);
    // The summary comes when the burst window (1 s) ends.
    await vi.waitFor(
      () => expect(titles().sort()).toEqual(['2 new messages in #general', 'bob in #random']),
      { timeout: 5_000 },
    );
    const general = Notification.visible().find((n) => n.options.title.startsWith('2 new'))!;
    expect(general.options.body).toBe('bob: second\nand 1 more from bob');
    // The first one for #general is gone: the summary replaced it by the room's id.
    expect(Notification.instances.filter((n) => n.closed)).toHaveLength(1);
  });

  it('records a notification the OS fails to show in history with the reason', async () => {
    electronDouble.notificationFailure = 'the notification daemon went away';
    connectors.emit('dino', event({ title: 'alice in #general', body: 'lost?' }));

    await vi.waitFor(() =>
      expect(app.controller.listHistory({ decision: 'failed' }).entries).toMatchObject([
        {
          title: 'alice in #general',
          reason: 'the system did not show it: the notification daemon went away',
        },
      ]),
    );
  });

  it('records that the system has no notifications at all', async () => {
    electronDouble.notificationsSupported = false;
    connectors.emit('dino', event());
    await vi.waitFor(() =>
      expect(app.controller.listHistory({ decision: 'failed' }).entries[0]?.reason).toBe(
        'the system did not show it: notifications are not supported on this system',
      ),
    );
  });
});

describe('updates stay quiet', () => {
  it('a burst folding in updates the notification without the sound or a new pop-up', async () => {
    connectors.emit('dino', event({ body: 'first' }));
    const first = await shown();
    expect(first.options).toMatchObject({ silent: false });
    connectors.emit('dino', event({ body: 'second' }));
    await vi.waitFor(
      () => expect(Notification.visible()[0]?.options.title).toBe('2 new messages in #general'),
      {
        timeout: 5_000,
      },
    );
    const summary = Notification.visible()[0]!;
    expect(summary.options).toMatchObject({ silent: true });
    expect(Notification.visible()).toHaveLength(1);
  });

  it('an edit updates the text without the sound or a new pop-up', async () => {
    const sent = event({ body: 'lunch at 12?' });
    connectors.emit('dino', sent);
    await shown();
    connectors.emit(
      'dino',
      event({ kind: 'message-updated', target: sent.id, body: 'lunch at 1?' }),
    );
    await vi.waitFor(() => expect(Notification.visible()[0]?.options.body).toBe('lunch at 1?'));
    expect(Notification.visible()[0]!.options).toMatchObject({ silent: true });
  });
});

describe('a notification the user asked to stay until dismissed', () => {
  it('never times out (Windows honours it)', async () => {
    const sink = electronNotificationSink({
      click: () => {},
      markRead: () => {},
      reply: () => {},
      canReply: () => false,
      iconFor: () => undefined,
      sound: () => true,
    });
    const before = Notification.instances.length;
    await sink.show({
      key: 'rc\u0000GENERAL',
      account: 'rc',
      room: { id: 'GENERAL', name: 'general', type: 'channel' },
      kind: 'message-sent',
      eventId: 'm1',
      title: 'bob in #general',
      body: 'please approve the release',
      count: 1,
      mention: false,
      stayUntilDismissed: true,
    });
    const shown = Notification.instances[before]!;
    expect(shown.options.timeoutType).toBe('never');
  });
});

describe('on macOS and Windows an update replaces the notification in place', () => {
  const room: RoomNotification = {
    key: 'dino\u0000g1',
    account: 'dino',
    room: { id: 'g1', name: 'general', type: 'channel' },
    kind: 'message-sent',
    eventId: 'm1',
    title: 'bob in #general',
    body: 'first',
    count: 1,
    mention: false,
  };

  it('by its id, silently, with inline reply offered again', async () => {
    const sink = electronNotificationSink({
      click: () => {},
      markRead: () => {},
      reply: () => {},
      canReply: () => true,
      iconFor: () => undefined,
      sound: () => true,
    });
    const before = Notification.instances.length;
    await sink.show(room);
    await sink.update({
      ...room,
      title: '2 new messages in #general',
      body: 'bob: second',
      count: 2,
    });
    const [first, second] = Notification.instances.slice(before);
    expect(first!.options).toMatchObject({ id: room.key, silent: false });
    expect(second!.options).toMatchObject({ id: room.key, silent: true, hasReply: true });
    // Not closed by the app (that would be a new pop-up): the OS replaced it by its id.
    expect(first!.replacedInPlace).toBe(true);
    expect(Notification.visible().map((n) => n.options.body)).toContain('bob: second');
  });
});
