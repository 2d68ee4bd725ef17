import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../app/core/log.js';
import type { RoomNotification } from '../../app/core/notification.js';
import { NOTIFY_SEND_LIMITS, notifySendSink } from '../../app/headless/notify-send-sink.js';
import {
  startNotificationDaemon,
  type NotificationDaemon,
} from '../support/notification-daemon.js';

let daemon: NotificationDaemon;

beforeAll(async () => {
  daemon = await startNotificationDaemon();
});

afterAll(async () => {
  await daemon.stop();
});

function roomNotification(overrides: Partial<RoomNotification> = {}): RoomNotification {
  return {
    key: 'work\u0000GENERAL',
    account: 'work',
    room: { id: 'GENERAL', name: 'general', type: 'channel' },
    kind: 'message-sent',
    eventId: 'm1',
    title: 'bob in #general',
    body: 'hello <b>there</b> & welcome',
    count: 1,
    mention: false,
    ...overrides,
  };
}

describe('notify-send sink against a real notification daemon (dunst)', () => {
  it('shows a notification with the body escaped, then updates it in place', async () => {
    const sink = notifySendSink(silentLogger, daemon.env);
    await sink.show(roomNotification());
    const first = await daemon.waitFor((n) => n.summary === 'bob in #general');
    expect(first.appName).toBe('Tidings');
    expect(first.body).toBe('hello &lt;b&gt;there&lt;/b&gt; &amp; welcome');
    expect(first.replacesId).toBe(0);

    await sink.update(roomNotification({ title: '2 new messages in #general', count: 2 }));
    const second = await daemon.waitFor((n) => n.summary === '2 new messages in #general');
    // The same notification is replaced, not a second one stacked.
    expect(second.replacesId).toBeGreaterThan(0);
  });

  it('raises a mention as critical', async () => {
    const sink = notifySendSink(silentLogger, daemon.env);
    await sink.show(roomNotification({ key: 'work\u0000DM', title: 'alice', mention: true }));
    const shown = await daemon.waitFor((n) => n.summary === 'alice');
    expect(shown.urgency).toBe('critical');
  });

  it('asks the daemon to keep a notification up until dismissed when the user chose so', async () => {
    const sink = notifySendSink(silentLogger, daemon.env);
    await sink.show(
      roomNotification({ key: 'work\u0000REL', title: 'release', stayUntilDismissed: true }),
    );
    const shown = await daemon.waitFor((n) => n.summary === 'release');
    expect(shown.expireTimeout).toBe(0);
    expect(shown.urgency).toBe('critical');
  });

  it('rejects with the reason when no notification daemon is reachable', async () => {
    const env = { ...daemon.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' };
    const sink = notifySendSink(silentLogger, env);
    await expect(sink.show(roomNotification())).rejects.toThrow(/./);
  });
});

describe('notify-send sink with what a hostile server sends', () => {
  it('a body far over the D-Bus and argument limits is cut and still shown', async () => {
    const sink = notifySendSink(silentLogger, daemon.env);
    const huge = 'x'.repeat(300_000);
    await sink.show(roomNotification({ key: 'work\u0000BIG', title: `big ${huge}`, body: huge }));
    const shown = await daemon.waitFor((n) => n.summary.startsWith('big '));
    expect(shown.summary.length).toBeLessThanOrEqual(NOTIFY_SEND_LIMITS.title);
    expect(shown.summary.endsWith('…')).toBe(true);
    expect(shown.body.length).toBeLessThanOrEqual(NOTIFY_SEND_LIMITS.body);
    expect(shown.body.endsWith('…')).toBe(true);
  });

  it('a NUL or another control character in the title or body is removed, not fatal', async () => {
    const sink = notifySendSink(silentLogger, daemon.env);
    await sink.show(
      roomNotification({
        key: 'work\u0000NUL',
        title: 'nul\u0000title\u0007',
        body: 'a\u0000b\nc\uD800',
      }),
    );
    const shown = await daemon.waitFor((n) => n.summary === 'nultitle');
    expect(shown.body).toBe('ab\nc\uFFFD');
  });

  it('a failure is logged to stderr as well as rejected (the pipeline keeps it in history)', async () => {
    const warnings: string[] = [];
    const log = {
      ...silentLogger,
      warn: (message: string, fields?: Record<string, unknown>) =>
        void warnings.push(`${message} ${JSON.stringify(fields)}`),
    };
    const env = { ...daemon.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' };
    await expect(notifySendSink(log, env).show(roomNotification())).rejects.toThrow(/./);
    expect(warnings).toEqual([expect.stringMatching(/^notify-send failed .*"room":"general"/)]);
  });
});
