// Proves the test server faithful: the official kuzzle-sdk 7, written by Kuzzle's authors and
// not by us, logs in, subscribes with a filter, gets notifications and survives token expiry.
import kuzzleSdk from 'kuzzle-sdk';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startKuzzleServer, type KuzzleTestServer } from './server.js';

const { Kuzzle, WebSocket, UserOption } = kuzzleSdk;

// On Node 22+ a global WebSocket exists, and kuzzle-sdk 7 then takes its browser code path, whose
// onerror reads `this.client.CLOSING` after its own clientNetworkError has set the client to null
// (an uncaught TypeError on every reconnect). Hide the global so the SDK takes its Node path over
// `ws`, the one it documents for Node.
vi.stubGlobal('WebSocket', undefined);
type Sdk = InstanceType<typeof Kuzzle>;

let server: KuzzleTestServer | undefined;
let sdk: Sdk | undefined;

afterEach(async () => {
  sdk?.disconnect();
  sdk = undefined;
  await server?.stop();
  server = undefined;
});

async function connect(options: Parameters<typeof startKuzzleServer>[0] = {}) {
  server = await startKuzzleServer({ users: { alice: 'wonderland' }, ...options });
  const url = new URL(server.url);
  sdk = new Kuzzle(new WebSocket(url.hostname, { port: Number(url.port), reconnectionDelay: 100 }));
  await sdk.connect();
  return { server, sdk };
}

/**
 * The SDK's documented way to stay signed in: an authenticator it calls again after a reconnect
 * or a TokenExpired. (A bare `auth.login` right after `connect` races with the SDK's own
 * checkToken on connection, which can leave it thinking it is anonymous.)
 */
async function signIn(sdk: Sdk) {
  sdk.authenticator = async () => {
    await sdk.auth.login('local', { username: 'alice', password: 'wonderland' });
  };
  await sdk.authenticate();
}

interface Received {
  type: string;
  action?: string;
  scope?: string;
  result: { _id?: string; _source?: Record<string, unknown> };
}

describe('kuzzle-sdk 7 against the test server', () => {
  it('logs in with a decodable JWT and checks it', async () => {
    const { sdk } = await connect();
    const jwt = await sdk.auth.login('local', { username: 'alice', password: 'wonderland' }, '1h');
    expect(jwt).toMatch(/^kauth-[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sdk.authenticated).toBe(true);
    expect(await sdk.auth.checkToken()).toMatchObject({ valid: true, kuid: 'alice' });
    const current = await sdk.auth.getCurrentUser();
    expect(current._id).toBe('alice');
  });

  it('maps a wrong password to the error id, status and code Kuzzle sends', async () => {
    const { sdk } = await connect();
    const failure = await sdk.auth.login('local', { username: 'alice', password: 'nope' }).then(
      () => undefined,
      (error: { id: string; status: number; code: number; message: string }) => error,
    );
    expect(failure).toMatchObject({
      id: 'plugin.strategy.missing_user',
      status: 401,
      code: 67305492,
      message: 'wrong username or password',
    });
  });

  it('receives only the documents its filter matches, with in and out scopes', async () => {
    const { server, sdk } = await connect();
    await sdk.auth.login('local', { username: 'alice', password: 'wonderland' });
    const received: Received[] = [];
    await sdk.realtime.subscribe(
      'shop',
      'orders',
      { range: { total: { gte: 100 } } },
      (notification) => void received.push(notification as unknown as Received),
    );
    const small = server.createDocument(
      'shop',
      'orders',
      { customer: 'bob', total: 5 },
      { as: 'bob' },
    );
    const big = server.createDocument(
      'shop',
      'orders',
      { customer: 'carol', total: 150 },
      { as: 'carol' },
    );
    server.updateDocument('shop', 'orders', big, { total: 20 }, { as: 'carol' });
    server.updateDocument('shop', 'orders', small, { total: 500 }, { as: 'bob' });
    server.publish('shop', 'orders', { customer: 'dave', total: 120 });
    await vi.waitFor(() => expect(received).toHaveLength(4));
    expect(received.map((n) => [n.action, n.scope, n.result._id])).toEqual([
      ['create', 'in', big],
      ['update', 'out', big],
      ['update', 'in', small],
      ['publish', 'in', undefined],
    ]);
    expect(received[0]!.result._source).toMatchObject({
      customer: 'carol',
      _kuzzle_info: { author: 'carol' },
    });
  });

  it('hears other subscribers come and go when it asks for user notifications', async () => {
    const { server, sdk } = await connect({ anonymous: true });
    const counts: [string, number][] = [];
    await sdk.realtime.subscribe(
      'shop',
      'orders',
      {},
      (n) => {
        const user = n as unknown as { user: string; result: { count: number } };
        counts.push([user.user, user.result.count]);
      },
      { users: UserOption.all },
    );
    const other = new Kuzzle(new WebSocket('127.0.0.1', { port: server.port }));
    await other.connect();
    await other.realtime.subscribe('shop', 'orders', {}, () => {});
    await vi.waitFor(() => expect(counts).toEqual([['in', 2]]));
    other.disconnect();
    await vi.waitFor(() =>
      expect(counts).toEqual([
        ['in', 2],
        ['out', 1],
      ]),
    );
  });

  it('re-authenticates and re-subscribes after TokenExpired, then keeps receiving', async () => {
    const { server, sdk } = await connect();
    await signIn(sdk);
    const received: string[] = [];
    await sdk.realtime.subscribe('shop', 'orders', { equals: { status: 'open' } }, (n) => {
      received.push(String((n as unknown as Received).result._source?.customer));
    });
    let reAuthenticated = 0;
    sdk.on('reAuthenticated', () => reAuthenticated++);
    server.publish('shop', 'orders', { status: 'open', customer: 'before' });
    await vi.waitFor(() => expect(received).toEqual(['before']));
    // Wait a second: Kuzzle allows one login per second per connection.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    server.expireTokens('alice');
    await vi.waitFor(() => expect(reAuthenticated).toBe(1));
    await vi.waitFor(() => expect(server.subscriptions()).toHaveProperty('shop.orders'));
    server.publish('shop', 'orders', { status: 'open', customer: 'after' });
    server.publish('shop', 'orders', { status: 'closed', customer: 'never' });
    await vi.waitFor(() => expect(received).toEqual(['before', 'after']));
  });

  it('reconnects after a restart, logs in again and re-subscribes', async () => {
    const { server, sdk } = await connect();
    await signIn(sdk);
    const received: string[] = [];
    await sdk.realtime.subscribe('shop', 'orders', {}, (n) => {
      received.push(String((n as unknown as Received).result._source?.customer));
    });
    let reconnected = 0;
    sdk.on('reconnected', () => reconnected++);
    await server.restart();
    await vi.waitFor(() => expect(reconnected).toBe(1), { timeout: 10_000 });
    await vi.waitFor(() => expect(server.subscriptions()).toHaveProperty('shop.orders'));
    server.publish('shop', 'orders', { customer: 'after restart' });
    await vi.waitFor(() => expect(received).toEqual(['after restart']));
  });
});
