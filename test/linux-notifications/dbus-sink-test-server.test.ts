// The D-Bus sink against our test notification server: named actions, KDE's inline reply, a
// server without markup or actions, and a server that leaves the bus.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  startNotificationDaemon,
  type NotificationDaemon,
} from '../support/notification-daemon.js';
import {
  startTestNotificationServer,
  type TestNotificationServer,
} from '../support/test-notification-server.js';
import { eventually, recordingSink, roomNotification } from './sink-support.js';

const KDE = ['actions', 'body', 'body-hyperlinks', 'body-markup', 'icon-static', 'inline-reply'];

let bus: NotificationDaemon;
let server: TestNotificationServer | undefined;
const sinks: { close(): void }[] = [];

beforeAll(async () => {
  bus = await startNotificationDaemon({ dunst: false });
});

afterEach(async () => {
  for (const sink of sinks.splice(0)) sink.close();
  await server?.stop();
  server = undefined;
});

afterAll(async () => {
  await bus.stop();
});

async function serve(capabilities: string[], options: { canReply?: boolean } = {}) {
  server = await startTestNotificationServer(bus.env.DBUS_SESSION_BUS_ADDRESS!, capabilities);
  const made = recordingSink(bus.env, options);
  sinks.push(made.sink);
  return { server, ...made };
}

describe('the D-Bus sink with our test notification server', () => {
  it('"Mark as read" and "Mute 1 hour" do what they say', async () => {
    const { server, sink, recorded } = await serve(KDE);
    await sink.show(roomNotification());
    const shown = await server.waitFor((n) => n.summary === 'bob in #general');
    server.invokeAction(shown.id, 'mark-read');
    await eventually(() => expect(recorded.calls).toEqual(['mark-read work/GENERAL']));
    server.invokeAction(shown.id, 'mute-1h');
    await eventually(() => expect(recorded.calls).toContain('mute work/GENERAL'));
    server.invokeAction(shown.id, 'default');
    await eventually(() =>
      expect(recorded.calls).toContain('open https://chat.example.com/channel/general?msg=m1'),
    );
  });

  it('an action the server signals right after its Notify reply is not lost', async () => {
    const { server, sink, recorded } = await serve(KDE);
    // Not awaited: the server acts the moment it has the call, before the reply is read.
    const showing = sink.show(roomNotification());
    const shown = await server.waitFor(() => true);
    server.invokeAction(shown.id, 'mark-read');
    await showing;
    await eventually(() => expect(recorded.calls).toEqual(['mark-read work/GENERAL']));
  });

  it("offers KDE's inline reply where the account can reply, and sends what the user wrote", async () => {
    const { server, sink, recorded } = await serve(KDE, { canReply: true });
    await sink.show(roomNotification());
    const shown = await server.waitFor(() => true);
    expect(shown.actions).toEqual([
      'default',
      'Open',
      'mark-read',
      'Mark as read',
      'mute-1h',
      'Mute 1 hour',
      'inline-reply',
      'Reply',
    ]);
    expect(shown.hints['x-kde-reply-placeholder-text']).toBe('Reply…');
    server.reply(shown.id, 'on my way');
    await eventually(() => expect(recorded.calls).toEqual(['reply GENERAL: on my way']));
  });

  it('offers no reply where the account cannot reply, nor where the server has no inline reply', async () => {
    const { server, sink } = await serve(['actions', 'body'], { canReply: true });
    await sink.show(roomNotification());
    expect((await server.waitFor(() => true)).actions).not.toContain('inline-reply');
  });

  it('a server without body-markup gets plain text; one without actions gets no buttons', async () => {
    const { server, sink } = await serve(['body']);
    await sink.show(roomNotification());
    const shown = await server.waitFor(() => true);
    expect(shown.body).toBe('hello <b>there</b> & welcome');
    expect(shown.actions).toEqual([]);
  });

  it("a notification's own link buttons follow Mute, two at most", async () => {
    const links = ['log', 'retry', 'third'].map((label) => ({
      label,
      url: `https://ci.example.com/${label}`,
    }));
    const { server, sink } = await serve(['actions', 'body']);
    await sink.show(roomNotification({ links }));
    expect((await server.waitFor(() => true)).actions.slice(6)).toEqual([
      'link-0',
      'log',
      'link-1',
      'retry',
    ]);
  });

  it('a link button clicked while an update is on its way acts on the update', async () => {
    const { server, sink, recorded } = await serve(KDE);
    await sink.show(roomNotification({ links: [{ label: 'old', url: 'https://a.example/old' }] }));
    const first = await server.waitFor(() => true);
    // Not awaited: the server shows the update in place and is clicked before its reply is read.
    const updating = sink.update(
      roomNotification({ body: 'newer', links: [{ label: 'new', url: 'https://a.example/new' }] }),
    );
    await server.waitFor((n) => n.body === 'newer');
    server.invokeAction(first.id, 'link-0');
    await updating;
    await eventually(() => expect(recorded.calls).toEqual(['link https://a.example/new']));
  });

  it('offers no link buttons where the server has no actions', async () => {
    const { server, sink } = await serve(['body']);
    await sink.show(
      roomNotification({ links: [{ label: 'log', url: 'https://ci.example.com/' }] }),
    );
    expect((await server.waitFor(() => true)).actions).toEqual([]);
  });

  it('--no-actions: no buttons even where the server has them', async () => {
    server = await startTestNotificationServer(bus.env.DBUS_SESSION_BUS_ADDRESS!, KDE);
    const { sink } = recordingSink(bus.env, { actions: false });
    sinks.push(sink);
    await sink.show(roomNotification());
    expect((await server.waitFor(() => true)).actions).toEqual([]);
  });

  it('updates keep the id; a retraction closes it; the summary of held-back events is low', async () => {
    const { server, sink } = await serve(KDE);
    await sink.show(roomNotification());
    const first = await server.waitFor((n) => n.summary === 'bob in #general');
    await sink.update(roomNotification({ title: '2 new messages in #general', count: 2 }));
    const second = await server.waitFor((n) => n.summary === '2 new messages in #general');
    expect(second).toMatchObject({ id: first.id, replacesId: first.id });
    expect(second.hints['suppress-sound']).toBe(true);
    await sink.retract(roomNotification());
    await eventually(() => expect(server.closedByCall()).toEqual([first.id]));

    await sink.show(
      roomNotification({
        key: 'tidings\u0000do-not-disturb',
        account: 'tidings',
        room: { id: 'do-not-disturb', name: 'Do not disturb', type: 'server' },
        kind: 'unknown',
        title: 'While do-not-disturb was on',
      }),
    );
    const summary = await server.waitFor((n) => n.summary === 'While do-not-disturb was on');
    expect(summary.hints.urgency).toBe(0);
    expect(summary.hints.category).toBeUndefined();
    // Nothing to mark read or mute: only the click.
    expect(summary.actions).toEqual(['default', 'Open']);
  });

  it('a server that leaves the bus is said once; a new one is used when it comes', async () => {
    const first = await serve(KDE);
    await first.sink.show(roomNotification());
    await first.server.waitFor(() => true);
    await first.server.stop();
    await eventually(() =>
      expect(first.recorded.availability.at(-1)).toEqual({
        available: false,
        reason: 'the notification server left the session bus',
      }),
    );
    await expect(first.sink.update(roomNotification({ title: 'nobody' }))).rejects.toThrow(/./);

    server = await startTestNotificationServer(bus.env.DBUS_SESSION_BUS_ADDRESS!, ['body']);
    await eventually(() => expect(first.recorded.availability.at(-1)).toEqual({ available: true }));
    await first.sink.update(roomNotification({ title: 'the new one' }));
    // A new server: a new notification (its ids are its own), with what it can do.
    expect(await server.waitFor(() => true)).toMatchObject({ replacesId: 0, actions: [] });
    expect(first.recorded.availability.filter((a) => !a.available)).toHaveLength(1);
  });
});
