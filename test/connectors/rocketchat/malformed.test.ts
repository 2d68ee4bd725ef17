// Bad input from the server is logged and loses nothing: the connector stays online and the
// next real message still notifies.
import { describe, expect, it } from 'vitest';
import { makeRocketChatAccount, startRocketChatApp, type RocketChatApp } from './rocketchat-app.js';
import { aliceByPassword, useWorld } from './world.js';

const fixture = useWorld();
let app: RocketChatApp | undefined;

const changed = (collection: string, eventName: string, args: unknown) =>
  JSON.stringify({ msg: 'changed', collection, id: 'id', fields: { eventName, args } });

describe('Rocket.Chat malformed frames', () => {
  it('not JSON, unknown msg, wrong field types, binary and deep frames: counted, still online', async () => {
    const account = makeRocketChatAccount(fixture.world.server, {
      auth: aliceByPassword,
      rooms: ['GENERAL'],
    });
    app = fixture.started(startRocketChatApp(account));
    await app.waitForState('online');
    const raw = (text: string | Buffer) => fixture.world.server.sendRaw('alice', text);

    raw('{"msg": "changed", "collection": ');
    raw('[1, 2, 3]');
    raw('{"msg": "teleport", "where": "mars"}');
    raw(
      JSON.stringify({
        msg: 'changed',
        collection: 'stream-room-messages',
        fields: { eventName: 42, args: 'no' },
      }),
    );
    raw(
      changed('stream-room-messages', 'GENERAL', [
        { _id: 7, rid: ['GENERAL'], msg: { text: 'x' } },
      ]),
    );
    raw(
      changed('stream-room-messages', 'GENERAL', [
        { _id: 'm1', rid: 'GENERAL', u: { _id: 'bob-id' }, msg: 42 },
      ]),
    );
    raw(changed('stream-notify-user', 'alice-id/notification', [{ title: 1, payload: 'none' }]));
    raw(
      changed('stream-notify-user', 'alice-id/subscriptions-changed', ['updated', 'not an object']),
    );
    raw(changed('stream-notify-logged', 'user-status', ['bob-id', 'bob', 'away']));
    raw(changed('stream-notify-room', 'GENERAL/deleteMessage', [{ id: 'm1' }]));
    raw(JSON.stringify({ msg: 'result', id: 'never-asked', result: 1 }));
    raw(Buffer.from([0xde, 0xad, 0xbe, 0xef]));
    raw(`{"msg":"changed","deep":${'['.repeat(100_000)}${']'.repeat(100_000)}}`);

    fixture.world.server.post('bob', 'GENERAL', 'still here?');
    await app.waitFor(() =>
      expect(app!.sink.visibleFor(account.id, 'GENERAL')?.body).toBe('still here?'),
    );
    expect(app.status().state).toBe('online');
    expect(app.connects()).toBe(1);

    const warnings = app.logs.filter((l) => l.level === 'warn').map((l) => l.message);
    // Refused frames: one line a minute, and the count beside the status.
    expect(warnings).toEqual([
      'Rocket.Chat frames refused',
      'Rocket.Chat frame with an unknown msg; ignored',
      'Rocket.Chat event frame without collection, eventName or args; ignored',
      'Rocket.Chat event ignored',
      'Rocket.Chat event ignored',
      'Rocket.Chat event ignored',
      'Rocket.Chat event ignored',
      'Rocket.Chat event ignored',
      'Rocket.Chat event ignored',
      'Rocket.Chat result for no pending call; ignored',
    ]);
    await app.waitFor(() =>
      expect(app!.status().details).toMatchObject({
        'refused frames': '3 malformed, 1 nested too deep',
      }),
    );
    // Nothing malformed became a notification.
    expect(app.sink.shown).toHaveLength(1);
  });

  it('a 5 MB frame is refused before it is buffered: reconnects at once and catches up', async () => {
    const account = makeRocketChatAccount(fixture.world.server, {
      auth: aliceByPassword,
      rooms: ['GENERAL'],
    });
    // A backoff of minutes: only an immediate reconnect brings the account back within the test.
    const backoff = { initialMs: 600_000, minMs: 600_000, maxMs: 600_000 };
    app = fixture.started(startRocketChatApp(account, { backoff }));
    await app.waitForState('online');
    fixture.world.server.sendRaw(
      'alice',
      JSON.stringify({
        msg: 'changed',
        collection: 'stream-room-messages',
        id: 'id',
        fields: { eventName: 'GENERAL', args: ['x'.repeat(5 * 1024 * 1024)] },
      }),
    );
    fixture.world.server.post('bob', 'GENERAL', 'sent while the link was down');
    await app.waitFor(() => expect(app!.connects()).toBe(2));
    await app.waitForState('online');
    await app.waitFor(() =>
      expect(app!.sink.visibleFor(account.id, 'GENERAL')?.body).toBe(
        'sent while the link was down',
      ),
    );
    expect(app.status().details?.['refused frames']).toBe(
      '1 too large; the last one closed the connection (the library cannot refuse a frame otherwise); reconnected at once',
    );
  });

  it('a greeting without msg and protocol error frames are harmless', async () => {
    await fixture.replace({ greeting: 'ddp-streamer' });
    const account = makeRocketChatAccount(fixture.world.server, { auth: aliceByPassword });
    app = fixture.started(startRocketChatApp(account));
    await app.waitForState('online');
    fixture.world.server.sendRaw('alice', JSON.stringify({ server_id: '0' }));
    fixture.world.server.sendRaw('alice', JSON.stringify({ msg: 'error', reason: 'Bad request' }));
    fixture.world.server.post('bob', 'GENERAL', 'fine');
    await app.waitFor(() => expect(app!.sink.visibleFor(account.id, 'GENERAL')?.body).toBe('fine'));
    expect(app.status().state).toBe('online');
  });
});
