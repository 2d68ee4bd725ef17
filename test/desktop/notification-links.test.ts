// A notification's own link buttons (ntfy's `view` actions): buttons after "Mark as read" where
// the OS has them (macOS, Windows), each opening its link under the same policy as a click.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RoomNotification } from '../../app/core/notification.js';
import { electronNotificationSink } from '../../app/desktop/electron-notification-sink.js';
import { Notification, electronDouble } from '../support/electron-double.js';
import { startDesktop, type DesktopHarness } from '../support/electron-controller.js';
import { onlineConnectors } from '../support/settings-page.js';

const withLinks: RoomNotification = {
  key: 'alerts\u0000ci',
  account: 'alerts',
  room: { id: 'ci', name: 'ci', type: 'channel' },
  kind: 'message-sent',
  eventId: 'AbCdEf123456',
  title: 'Build 42',
  body: 'failed',
  url: 'https://ci.example.com/42',
  links: [
    { label: 'Open log', url: 'https://ci.example.com/42/log' },
    { label: 'Retry page', url: 'https://ci.example.com/42/retry' },
    { label: 'Third', url: 'https://ci.example.com/3' },
  ],
  count: 1,
  mention: false,
};

describe('link buttons on a notification', () => {
  it('on macOS and Windows follow "Mark as read", two at most', async () => {
    const opened: string[] = [];
    const sink = electronNotificationSink({
      click: () => {},
      markRead: () => opened.push('read'),
      reply: () => {},
      canReply: () => false,
      iconFor: () => undefined,
      sound: () => true,
      openLink: (_n, url) => opened.push(url),
    });
    const before = Notification.instances.length;
    await sink.show(withLinks);
    const shown = Notification.instances[before]!;
    expect(shown.options.actions?.map((a) => a.text)).toEqual([
      'Mark as read',
      'Open log',
      'Retry page',
    ]);
    shown.emit('action', { actionIndex: 2 });
    shown.emit('action', { actionIndex: 0 });
    expect(opened).toEqual(['https://ci.example.com/42/retry', 'read']);
  });

  it('an http button sends its request only when clicked, and clear closes it then', async () => {
    const sent: string[] = [];
    const sink = electronNotificationSink({
      click: () => {},
      markRead: () => {},
      reply: () => {},
      canReply: () => false,
      iconFor: () => undefined,
      sound: () => true,
      openLink: (_n, url) => sent.push(`open ${url}`),
      sendRequest: (_n, link) => {
        sent.push(`${link.request?.method} ${link.url}`);
        return Promise.resolve({ ok: true });
      },
    });
    const before = Notification.instances.length;
    await sink.show({
      ...withLinks,
      links: [
        {
          label: 'Retry',
          url: 'https://ci.example.com/api/retry',
          request: { method: 'POST', headers: {}, body: '' },
          clear: true,
        },
      ],
    });
    const shown = Notification.instances[before]!;
    expect(sent).toEqual([]);
    shown.emit('action', { actionIndex: 1 });
    expect(sent).toEqual(['POST https://ci.example.com/api/retry']);
    await vi.waitFor(() => expect(sink.liveNotifications()).toBe(0));
  });
});

describe("the controller's link buttons", () => {
  let app: DesktopHarness;
  beforeEach(() => {
    app = startDesktop({ createConnector: onlineConnectors });
  });
  afterEach(() => app.stop());

  it('open web links only, as a click does', async () => {
    expect(
      await app.controller.openNotificationLink(withLinks, 'https://ci.example.com/42/log'),
    ).toMatchObject({ ok: true });
    expect(
      await app.controller.openNotificationLink(withLinks, 'javascript:alert(1)'),
    ).toMatchObject({ ok: false });
    await vi.waitFor(() =>
      expect(electronDouble.openedExternally).toEqual(['https://ci.example.com/42/log']),
    );
  });
});
