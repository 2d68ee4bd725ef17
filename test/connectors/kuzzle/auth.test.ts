// Signing in and staying signed in: refused passwords stop the account; expiring tokens are
// refreshed or renewed without the user doing anything, over every transport.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeKuzzleAccount, startKuzzleApp, type KuzzleApp } from './kuzzle-app.js';
import { startStage, USERS, type Stage, type TransportName } from './transports.js';

let stage: Stage | undefined;
let app: KuzzleApp | undefined;

afterEach(async () => {
  await app?.stop();
  await stage?.stop();
  app = stage = undefined;
});

const orders = {
  index: 'shop',
  collection: 'orders',
  title: '{{_source.customer}}',
  body: '{{_source.total}}',
};

describe('signing in to Kuzzle', () => {
  it("a wrong password is auth-failed with Kuzzle's reason, and not retried", async () => {
    stage = await startStage('websocket');
    app = startKuzzleApp(
      makeKuzzleAccount({
        ...stage.account,
        auth: { username: 'alice', password: 'nope' },
        subscriptions: [orders],
      }),
    );
    const status = await app.waitForState('auth-failed');
    expect(status.reason).toBe(
      'auth/login: wrong username or password (plugin.strategy.missing_user)',
    );
    // Backoff here is at most 200 ms: a retry loop would have tried again by now.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(app.connects()).toBe(1);
    expect(app.status().state).toBe('auth-failed');
  });

  it('refreshes a short-lived token before it expires; the subscription never drops', async () => {
    stage = await startStage('websocket', { tokenTtlMs: 1_500 });
    app = startKuzzleApp(
      makeKuzzleAccount({
        ...stage.account,
        auth: { username: 'alice', password: USERS.alice },
        subscriptions: [orders],
      }),
    );
    await app.waitForState('online');
    const { server } = stage;
    // Three tokens: the login's and two refreshes, so the first has long expired.
    await vi.waitFor(
      () => expect(server.core.tokens.tokensOf('alice').length).toBeGreaterThanOrEqual(3),
      {
        timeout: 10_000,
      },
    );
    server.publish('shop', 'orders', { customer: 'erin', total: 7 });
    expect(await app.waitForSeen(1)).toEqual(['erin — 7']);
    expect(app.emitted.map((e) => e.kind)).toEqual(['document-published']);
    expect(app.connects()).toBe(1);
  });

  describe.each<TransportName>(['websocket', 'socketio', 'mqtt'])('over %s', (transport) => {
    it('after TokenExpired signs in again and subscribes again by itself', async () => {
      // Kuzzle allows one login per second per connection; this renewal comes sooner.
      stage = await startStage(transport, { loginsPerSecond: 0, refreshToken: false });
      app = startKuzzleApp(
        makeKuzzleAccount({
          ...stage.account,
          auth: { username: 'alice', password: USERS.alice },
          subscriptions: [orders],
        }),
      );
      await app.waitForState('online');
      const { server } = stage;
      server.publish('shop', 'orders', { customer: 'before', total: 1 });
      await app.waitForSeen(1);
      server.expireTokens('alice');
      await vi.waitFor(() => expect(app!.emitted.map((e) => e.kind)).toContain('session-expired'));
      // Renewed once subscribed again, and over MQTT once listening on the new channel's topic.
      await vi.waitFor(() =>
        expect(app!.logs.map((l) => l.message)).toContain(
          'Kuzzle session renewed after its token expired',
        ),
      );
      expect(server.subscriptions()).toHaveProperty('shop.orders');
      server.publish('shop', 'orders', { customer: 'after', total: 2 });
      expect(await app.waitForSeen(2)).toEqual(['before — 1', 'after — 2']);
      expect(app.status().state).toBe('online');
      expect(app.connects()).toBe(1);
      // Renewed without the user: in history, not on screen.
      const expired = app.pipeline.history
        .list({ account: app.account.id })
        .find((e) => e.event.kind === 'session-expired');
      expect(expired?.decision).not.toBe('shown');
    });
  });

  it('with a token and no password, an expired session is auth-failed "session expired"', async () => {
    stage = await startStage('websocket');
    const { server } = stage;
    const login = server.core.tokens.login({ username: 'alice', password: USERS.alice }, '1h');
    app = startKuzzleApp(
      makeKuzzleAccount({ ...stage.account, auth: { token: login.jwt }, subscriptions: [orders] }),
    );
    await app.waitForState('online');
    server.expireTokens(login.jwt);
    const status = await app.waitForState('auth-failed');
    expect(status.reason).toBe('session expired');
    expect(app.seen()).toEqual([
      'Kuzzle session expired — sign in again to keep receiving notifications',
    ]);
  });

  it('an API key signs in without a password and is never refreshed', async () => {
    stage = await startStage('websocket');
    const { server } = stage;
    app = startKuzzleApp(
      makeKuzzleAccount({
        ...stage.account,
        auth: { apiKey: server.apiKey('alice') },
        subscriptions: [orders],
      }),
    );
    await app.waitForState('online');
    server.publish('shop', 'orders', { customer: 'frank', total: 3 }, { as: 'bob' });
    expect(await app.waitForSeen(1)).toEqual(['frank — 3']);
  });
});
