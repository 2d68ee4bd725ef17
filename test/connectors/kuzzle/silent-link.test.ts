// A link that stops forwarding (both sockets open, nothing gets through) is found by the
// keep-alive and replaced; the new session signs in and subscribes again.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_TUNING, silentLinkDeadlineMs } from '../../../app/connectors/kuzzle/transport.js';
import { startSilentProxy, type SilentProxy } from '../../support/silent-proxy.js';
import { makeKuzzleAccount, startKuzzleApp, type KuzzleApp } from './kuzzle-app.js';
import { startStage, USERS, type Stage } from './transports.js';

let stage: Stage | undefined;
let proxy: SilentProxy | undefined;
let app: KuzzleApp | undefined;

afterEach(async () => {
  await app?.stop();
  await proxy?.stop();
  await stage?.stop();
  app = proxy = stage = undefined;
});

const orders = {
  index: 'shop',
  collection: 'orders',
  title: '{{_source.customer}}',
  body: '{{_source.total}}',
};
const signedIn = { auth: { username: 'alice', password: USERS.alice }, subscriptions: [orders] };

describe.each(['websocket', 'mqtt'] as const)(
  'a Kuzzle link over %s that goes silent',
  (transport) => {
    it('is found by the keep-alive and replaced, and notifications flow again', async () => {
      stage = await startStage(transport);
      const target = new URL(stage.account.server);
      proxy = await startSilentProxy({ port: Number(target.port) });
      app = startKuzzleApp(
        makeKuzzleAccount({
          ...stage.account,
          server: proxy.via(stage.account.server),
          ...signedIn,
        }),
        // 300 ms (1 s for MQTT, its smallest keepalive) instead of the app's 10 s.
        { tuning: { keepAliveMs: 300, requestTimeoutMs: 1_000 } },
      );
      await app.waitForState('online');
      const { server } = stage;
      server.publish('shop', 'orders', { customer: 'before', total: 1 });
      expect(await app.waitForSeen(1)).toEqual(['before — 1']);

      proxy.silence();
      await vi.waitFor(() => expect(app!.connects()).toBeGreaterThanOrEqual(2), {
        timeout: 10_000,
      });
      expect(app.logs).toContainEqual(expect.objectContaining({ message: 'connection lost' }));
      await app.waitForState('online', 10_000);
      await vi.waitFor(() => expect(proxy!.connections()).toBeGreaterThanOrEqual(2));
      server.publish('shop', 'orders', { customer: 'after', total: 2 });
      await vi.waitFor(() => expect(app!.seen()).toContain('after — 2'), { timeout: 10_000 });
    });
  },
);

describe('the keep-alive the app uses', () => {
  it.each(['websocket', 'mqtt'] as const)('finds a silent %s link within 30 s', (transport) => {
    expect(DEFAULT_TUNING.keepAliveMs).toBe(10_000);
    expect(silentLinkDeadlineMs(transport, DEFAULT_TUNING)).toBeLessThanOrEqual(30_000);
  });
});
