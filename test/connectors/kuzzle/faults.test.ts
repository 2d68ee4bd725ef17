// Restarts, dead links and bad frames: the account comes back by itself and nothing crashes.
import { connectAsync } from 'mqtt';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startKuzzleServer, type KuzzleTestServer } from '../../servers/kuzzle/server.js';
import { makeKuzzleAccount, startKuzzleApp, type KuzzleApp } from './kuzzle-app.js';
import { startStage, USERS, type Stage, type TransportName } from './transports.js';

let stage: Stage | undefined;
let app: KuzzleApp | undefined;
const cleanup: (() => Promise<void>)[] = [];

afterEach(async () => {
  await app?.stop();
  await stage?.stop();
  for (const step of cleanup.splice(0)) await step();
  app = stage = undefined;
});

const orders = {
  index: 'shop',
  collection: 'orders',
  title: '{{_source.customer}}',
  body: '{{_source.total}}',
};
const signedIn = { auth: { username: 'alice', password: USERS.alice }, subscriptions: [orders] };

function warnings(app: KuzzleApp): string[] {
  return app.logs.filter((l) => l.level === 'warn').map((l) => l.message);
}

describe.each<TransportName>(['websocket', 'socketio'])('a Kuzzle restart over %s', (transport) => {
  it('reconnects, signs in and subscribes again on the new channel', async () => {
    stage = await startStage(transport);
    app = startKuzzleApp(makeKuzzleAccount({ ...stage.account, ...signedIn }));
    await app.waitForState('online');
    const { server } = stage;
    await server.restart();
    expect(server.subscriptions()).toEqual({});
    await vi.waitFor(() => expect(app!.connects()).toBeGreaterThanOrEqual(2));
    await app.waitForState('online');
    await vi.waitFor(() => expect(server.subscriptions()).toHaveProperty('shop.orders'));
    server.publish('shop', 'orders', { customer: 'after restart', total: 9 });
    expect(await app.waitForSeen(1)).toEqual(['after restart — 9']);
  });
});

describe('a Socket.io account on a server that refuses the socket', () => {
  it('says why in the status and keeps retrying', async () => {
    // Kuzzle 2 has no Socket.io: its refusal reaches the client as a socket.io 2 ERROR packet.
    stage = await startStage('websocket');
    const server = stage.server.url.replace('ws:', 'http:');
    app = startKuzzleApp(makeKuzzleAccount({ server, transport: 'socketio', ...signedIn }));
    const status = await app.waitForState('reconnecting');
    expect(status.reason).toContain('Kuzzle 2 does not serve Socket.io');
    await vi.waitFor(() => expect(app!.connects()).toBeGreaterThanOrEqual(2));
  });
});

describe('a broker and Kuzzle restart over MQTT', () => {
  it('reconnects, signs in and subscribes again', async () => {
    stage = await startStage('mqtt');
    // The first login may reach the broker before the test server is back on it, and is lost:
    // a short request timeout makes that attempt fail and the next one come soon.
    app = startKuzzleApp(makeKuzzleAccount({ ...stage.account, ...signedIn }), {
      tuning: { requestTimeoutMs: 1_000 },
    });
    await app.waitForState('online');
    const { server } = stage;
    await server.restart();
    // Kuzzle is the broker: a restarted Kuzzle drops every MQTT client. Here the broker does.
    await stage.broker!.restart();
    await vi.waitFor(() => expect(app!.connects()).toBeGreaterThanOrEqual(2), { timeout: 15_000 });
    await app.waitForState('online', 15_000);
    await vi.waitFor(() => expect(server.subscriptions()).toHaveProperty('shop.orders'), {
      timeout: 15_000,
    });
    server.publish('shop', 'orders', { customer: 'after restart', total: 9 });
    expect(await app.waitForSeen(1)).toEqual(['after restart — 9']);
  });
});

describe('a dead link', () => {
  it('is found by the keep-alive and replaced once the server answers again', async () => {
    stage = await startStage('websocket');
    app = startKuzzleApp(makeKuzzleAccount({ ...stage.account, ...signedIn }), {
      tuning: { keepAliveMs: 150, requestTimeoutMs: 500 },
    });
    await app.waitForState('online');
    const { server } = stage;
    server.freeze();
    await vi.waitFor(() =>
      expect(app!.logs).toContainEqual(
        expect.objectContaining({
          message: 'connection lost',
          fields: expect.objectContaining({ error: 'Kuzzle stopped answering pings' }),
        }),
      ),
    );
    server.thaw();
    await vi.waitFor(() => expect(app!.connects()).toBeGreaterThanOrEqual(2));
    await app.waitForState('online');
    server.publish('shop', 'orders', { customer: 'alive again', total: 1 });
    expect(await app.waitForSeen(1)).toEqual(['alive again — 1']);
  });

  it('a Kuzzle 2 server drops a client that says nothing for its idle timeout', async () => {
    // Not our client: a bare socket that never pings, to show the server side of keep-alive.
    const server: KuzzleTestServer = await startKuzzleServer({ idleTimeoutMs: 200 });
    cleanup.push(() => server.stop());
    const { WebSocket } = await import('ws');
    const socket = new WebSocket(server.url);
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    expect(await closed).toBe(1006);
  });
});

/** A frame nested deeper than anything walks, written as text (building it would recurse). */
const DEEP = `{"room":"x","deep":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;

describe('bad frames', () => {
  it('over WebSocket: malformed and deep frames are refused and counted; the link stays', async () => {
    stage = await startStage('websocket');
    app = startKuzzleApp(makeKuzzleAccount({ ...stage.account, ...signedIn }));
    await app.waitForState('online');
    const { server } = stage;
    server.sendRaw('{"room": "unterminated');
    server.sendRaw('[1,2,3]');
    server.sendRaw(DEEP);
    server.publish('shop', 'orders', { customer: 'still here', total: 2 });
    expect(await app.waitForSeen(1)).toEqual(['still here — 2']);
    // One line for the lot: the rest of the minute is counted, not logged.
    expect(warnings(app)).toEqual(['Kuzzle frames refused']);
    await app.waitFor(() =>
      expect(app!.status().details).toMatchObject({
        'refused frames': '2 malformed, 1 nested too deep',
      }),
    );
    expect(app.connects()).toBe(1);
  });

  it('over WebSocket: a frame over 4 MB is refused before it is buffered; reconnects at once', async () => {
    stage = await startStage('websocket', { maxRequestSize: 8 * 1024 * 1024 });
    // A backoff of minutes: only an immediate reconnect brings the account back within the test.
    app = startKuzzleApp(makeKuzzleAccount({ ...stage.account, ...signedIn }), {
      backoff: { initialMs: 600_000, minMs: 600_000, maxMs: 600_000 },
    });
    await app.waitForState('online');
    const { server } = stage;
    server.sendRaw(JSON.stringify({ room: 'x', pad: 'x'.repeat(5 * 1024 * 1024) }));
    await app.waitFor(() => expect(app!.connects()).toBe(2));
    await app.waitForState('online');
    await app.waitFor(() => expect(server.subscriptions()).toHaveProperty('shop.orders'));
    server.publish('shop', 'orders', { customer: 'after the big one', total: 3 });
    expect(await app.waitForSeen(1)).toEqual(['after the big one — 3']);
    expect(app.status().details?.['refused frames']).toBe(
      '1 too large; the last one closed the connection (the library cannot refuse a frame otherwise); reconnected at once',
    );
  });

  it('over MQTT: malformed, deep and oversized payloads on the channel are refused and counted', async () => {
    stage = await startStage('mqtt');
    app = startKuzzleApp(makeKuzzleAccount({ ...stage.account, ...signedIn }));
    await app.waitForState('online');
    const { server, broker } = stage;
    const roomId = Object.keys(server.subscriptions().shop?.orders ?? {})[0];
    // The channel of Kuzzle 2's default options (users none, scope all).
    const channel = `${roomId}-311`;
    const kuzzleSide = await connectAsync(broker!.url, {
      ...broker!.publisher,
      reconnectPeriod: 0,
    });
    cleanup.push(() => kuzzleSide.endAsync(true));
    await kuzzleSide.publishAsync(channel, 'not json at all');
    await kuzzleSide.publishAsync(channel, DEEP);
    await kuzzleSide.publishAsync(channel, JSON.stringify({ pad: 'x'.repeat(5 * 1024 * 1024) }));
    server.publish('shop', 'orders', { customer: 'fine', total: 3 });
    expect(await app.waitForSeen(1)).toEqual(['fine — 3']);
    expect(warnings(app)).toEqual(['Kuzzle frames refused']);
    await app.waitFor(() =>
      expect(app!.status().details).toMatchObject({
        'refused frames': '1 malformed, 1 nested too deep, 1 too large',
      }),
    );
    expect(app.connects()).toBe(1);
  });
});
