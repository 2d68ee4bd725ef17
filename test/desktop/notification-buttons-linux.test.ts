// The desktop app on Linux: its D-Bus notifications (our test notification server on a private
// bus) carry ntfy's `view` and `http` buttons; clicking one goes through the controller, so a
// link opens with shell.openExternal under the link policy and a request reaches a small local
// HTTP receiver only when clicked, its outcome noted on the message's History entry.
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RoomNotification } from '../../app/core/notification.js';
import { desktopNotifications } from '../../app/desktop/desktop-notification-sink.js';
import { connectSessionBus } from '../../app/linux-notifications/session-bus.js';
import { electronDouble } from '../support/electron-double.js';
import { startDesktop, type DesktopHarness } from '../support/electron-controller.js';
import {
  startNotificationDaemon,
  type NotificationDaemon,
} from '../support/notification-daemon.js';
import {
  startHttpReceiver,
  type HttpReceiver,
  type ReceivedRequest,
} from '../support/http-receiver.js';
import { onlineConnectors } from '../support/settings-page.js';
import {
  startTestNotificationServer,
  type TestNotificationServer,
} from '../support/test-notification-server.js';
import { eventually, roomNotification } from '../linux-notifications/sink-support.js';
import { makeEvent } from '../support/events.js';

let bus: NotificationDaemon;
let server: TestNotificationServer;
let receiver: HttpReceiver;
let receiverUrl: string;
let received: ReceivedRequest[];

beforeAll(async () => {
  bus = await startNotificationDaemon({ dunst: false });
  server = await startTestNotificationServer(bus.env.DBUS_SESSION_BUS_ADDRESS!, [
    'actions',
    'body',
  ]);
  receiver = await startHttpReceiver();
  receiverUrl = receiver.url;
  received = receiver.received;
});

afterAll(async () => {
  await server?.stop();
  await bus?.stop();
  await receiver?.close();
});

describe('ntfy buttons on the desktop app’s Linux notifications', () => {
  let app: DesktopHarness;
  let notifications: ReturnType<typeof desktopNotifications>;
  beforeEach(() => {
    app = startDesktop({ createConnector: onlineConnectors });
    const { controller } = app;
    notifications = desktopNotifications(
      {
        click: (n) => void controller.openNotification(n),
        openLink: (n, url) => void controller.openNotificationLink(n, url),
        sendRequest: (n, link) => controller.sendNotificationRequest(n, link),
        markRead: (n) => controller.markRoomRead(n.account, n.room.id),
        mute: () => {},
        reply: () => {},
        canReply: () => false,
        iconFor: () => undefined,
        sound: () => true,
      },
      app.log,
      'linux',
      () => connectSessionBus(bus.env),
    );
  });
  afterEach(() => {
    notifications.close();
    app.stop();
  });

  it('a view button opens with openExternal; an http button sends only when clicked', async () => {
    electronDouble.openedExternally.length = 0;
    // The message as the pipeline recorded it when it showed the notification (same account, id).
    app.state.history.record(
      makeEvent({ account: 'work', id: 'm1', body: 'build 42 failed' }),
      'shown',
    );
    const n: RoomNotification = roomNotification({
      body: 'build 42 failed',
      links: [
        { label: 'Open log', url: 'https://ci.example.com/42/log' },
        {
          label: 'Retry',
          url: `${receiverUrl}/retry`,
          request: { method: 'POST', headers: {}, body: 'again' },
          clear: true,
        },
      ],
    });
    await notifications.sink.show(n);
    const shown = await server.waitFor((s) => s.body === 'build 42 failed');
    expect(shown.actions.slice(6)).toEqual(['link-0', 'Open log', 'link-1', 'Retry']);
    expect(received).toEqual([]);

    server.invokeAction(shown.id, 'link-1');
    await eventually(() => expect(server.closedByCall()).toContain(shown.id));
    expect(received).toEqual([
      expect.objectContaining({ method: 'POST', path: '/retry', body: 'again' }),
    ]);
    expect(readFileSync(app.logFile, 'utf8')).toContain('button request sent: 200 OK');
    // What the History page is given for the entry: the button's outcome under its reason.
    const [entry] = app.controller.listHistory({}).entries;
    expect(entry).toMatchObject({ body: 'build 42 failed', note: "Sent 'Retry': 200 OK" });

    await notifications.sink.show({ ...n, body: 'build 43 failed' });
    const again = await server.waitFor((s) => s.body === 'build 43 failed');
    server.invokeAction(again.id, 'link-0');
    await eventually(() =>
      expect(electronDouble.openedExternally).toEqual(['https://ci.example.com/42/log']),
    );
    expect(received).toHaveLength(1);
  });

  it('an http button to a non-web address sends nothing and says why', async () => {
    const before = received.length;
    await notifications.sink.show(
      roomNotification({
        body: 'odd',
        links: [
          {
            label: 'Local',
            url: 'file:///etc/passwd',
            request: { method: 'POST', headers: {}, body: '' },
          },
        ],
      }),
    );
    const shown = await server.waitFor((s) => s.body === 'odd');
    server.invokeAction(shown.id, 'link-0');
    await eventually(() =>
      expect(readFileSync(app.logFile, 'utf8')).toContain(
        'button request refused: links with file: are not opened',
      ),
    );
    expect(received).toHaveLength(before);
    expect(server.closedByCall()).not.toContain(shown.id);
  });
});
