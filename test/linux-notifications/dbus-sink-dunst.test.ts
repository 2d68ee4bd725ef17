// The D-Bus sink against a real notification daemon: dunst on a private session bus under Xvfb.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTIFY_LIMITS } from '../../app/linux-notifications/notify-request.js';
import {
  startNotificationDaemon,
  type NotificationDaemon,
} from '../support/notification-daemon.js';
import { eventually, recordingSink, roomNotification } from './sink-support.js';

let daemon: NotificationDaemon;
const dunstctl = async (...args: string[]) =>
  (await promisify(execFile)('dunstctl', args, { env: daemon.env })).stdout.trim();

beforeAll(async () => {
  daemon = await startNotificationDaemon();
});

afterAll(async () => {
  await daemon.stop();
});

describe('the D-Bus sink with dunst', () => {
  it('shows a notification with its actions, hints and escaped body; updates it in place, silently', async () => {
    const { sink } = recordingSink(daemon.env);
    await sink.show(roomNotification());
    const first = await daemon.waitFor((n) => n.summary === 'bob in #general');
    expect(first).toMatchObject({
      appName: 'Tidings',
      replacesId: 0,
      // dunst has body-markup: the server's text stays text.
      body: 'hello &lt;b&gt;there&lt;/b&gt; &amp; welcome',
      actions: ['default', 'Open', 'mark-read', 'Mark as read', 'mute-1h', 'Mute 1 hour'],
      urgency: 'normal',
      category: 'im.received',
      desktopEntry: 'tidings',
      expireTimeout: -1,
    });
    expect(await dunstctl('count', 'displayed')).toBe('1');

    await sink.update(roomNotification({ title: '2 new messages in #general', count: 2 }));
    const second = await daemon.waitFor((n) => n.summary === '2 new messages in #general');
    expect(second.replacesId).toBeGreaterThan(0);
    expect(second.hintNames).toContain('suppress-sound');
    expect(await dunstctl('count', 'displayed')).toBe('1');

    // A retraction (a deletion, read elsewhere) takes it off the screen.
    await sink.retract(roomNotification());
    await eventually(async () => expect(await dunstctl('count', 'displayed')).toBe('0'));
    sink.close();
  });

  it('raises a mention as critical and keeps one the user asked to keep', async () => {
    const { sink } = recordingSink(daemon.env);
    await sink.show(roomNotification({ key: 'work\u0000DM', title: 'alice', mention: true }));
    expect((await daemon.waitFor((n) => n.summary === 'alice')).urgency).toBe('critical');
    await sink.show(
      roomNotification({ key: 'work\u0000REL', title: 'release', stayUntilDismissed: true }),
    );
    expect((await daemon.waitFor((n) => n.summary === 'release')).expireTimeout).toBe(0);
    await dunstctl('close-all');
    sink.close();
  });

  it('a click (the default action, through dunstctl) opens; a close by the user is recorded', async () => {
    const { sink, recorded } = recordingSink(daemon.env);
    await sink.show(roomNotification({ key: 'work\u0000CLICK', title: 'click me' }));
    await daemon.waitFor((n) => n.summary === 'click me');
    await eventually(async () => expect(await dunstctl('count', 'displayed')).toBe('1'));
    await dunstctl('action', '0');
    await eventually(() =>
      expect(recorded.calls).toEqual(['open https://chat.example.com/channel/general?msg=m1']),
    );
    // `dunstctl action` invokes without closing (a mouse click does both).
    await dunstctl('close-all');
    await eventually(async () => expect(await dunstctl('count', 'displayed')).toBe('0'));

    const closing = {
      key: 'work\u0000CLOSE',
      room: { id: 'CLOSE', name: 'closing', type: 'channel' as const },
    };
    await sink.show(roomNotification({ ...closing, title: 'close me' }));
    await daemon.waitFor((n) => n.summary === 'close me');
    // dunstctl closes what is on screen: wait until dunst put it there.
    await eventually(async () => expect(await dunstctl('count', 'displayed')).toBe('1'));
    await dunstctl('close');
    await eventually(() =>
      expect(recorded.log).toContainEqual(
        expect.stringMatching(/^info notification dismissed by the user .*"room":"closing"/),
      ),
    );
    // Dismissed: the room's next notification is a new one, not a replacement of a closed id.
    await sink.update(roomNotification({ ...closing, title: 'after close' }));
    expect((await daemon.waitFor((n) => n.summary === 'after close')).replacesId).toBe(0);
    await dunstctl('close-all');
    sink.close();
  });

  it('cuts a body far over the limits and removes NUL and other controls', async () => {
    const { sink } = recordingSink(daemon.env);
    const huge = 'x'.repeat(300_000);
    await sink.show(roomNotification({ key: 'work\u0000BIG', title: `big ${huge}`, body: huge }));
    const big = await daemon.waitFor((n) => n.summary.startsWith('big '));
    expect(big.summary.length).toBeLessThanOrEqual(NOTIFY_LIMITS.title);
    expect(big.summary.endsWith('…')).toBe(true);
    expect(big.body.length).toBeLessThanOrEqual(NOTIFY_LIMITS.body);
    await sink.show(
      roomNotification({
        key: 'work\u0000NUL',
        title: 'nul\u0000title\u0007',
        body: 'a\u0000b\nc\uD800',
      }),
    );
    expect((await daemon.waitFor((n) => n.summary === 'nultitle')).body).toBe('ab\nc\uFFFD');
    await dunstctl('close-all');
    sink.close();
  });
});

describe('the D-Bus sink without a bus', () => {
  it('rejects each notification, says once that it cannot show them, and comes back with the bus', async () => {
    // The session's bus is not there yet; it appears later at the address the session names.
    const env: NodeJS.ProcessEnv = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' };
    const { sink, recorded } = recordingSink(env, { retryMs: 50 });
    for (let i = 0; i < 3; i++)
      await expect(sink.show(roomNotification({ title: `lost ${i}` }))).rejects.toThrow(
        /nonexistent|ENOENT|closed/,
      );
    expect(recorded.availability).toEqual([
      { available: false, reason: expect.stringMatching(/D-Bus session bus/) },
    ]);
    expect(
      recorded.log.filter((l) => l.startsWith('warn notifications cannot be shown')),
    ).toHaveLength(1);

    env.DBUS_SESSION_BUS_ADDRESS = daemon.env.DBUS_SESSION_BUS_ADDRESS;
    await eventually(() => expect(recorded.availability.at(-1)).toEqual({ available: true }));
    await sink.show(roomNotification({ key: 'work\u0000BACK', title: 'back again' }));
    await daemon.waitFor((n) => n.summary === 'back again');
    await dunstctl('close-all');
    sink.close();
  });

  it('with no session at all, says so in words', async () => {
    const { sink, recorded } = recordingSink({});
    await expect(sink.show(roomNotification())).rejects.toThrow(/no D-Bus session bus/);
    expect(recorded.availability).toHaveLength(1);
    sink.close();
  });
});
