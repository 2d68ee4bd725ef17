// Kuzzle keeps no backlog: what was written while the link was down is found again with
// document:search on `_kuzzle_info` and comes to the user as the notifications they missed,
// every one in history, one summary per collection, none twice.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HistoryEntry } from '../../../app/core/pipeline/history-store.js';
import { startSilentProxy, type SilentProxy } from '../../support/silent-proxy.js';
import { makeKuzzleAccount, startKuzzleApp, type KuzzleApp } from './kuzzle-app.js';
import { signedIn } from './catch-up-fixture.js';
import { startStage, type Stage, type TransportName } from './transports.js';

let stage: Stage | undefined;
let proxy: SilentProxy | undefined;
let app: KuzzleApp | undefined;

afterEach(async () => {
  await app?.stop();
  await proxy?.stop();
  await stage?.stop();
  app = proxy = stage = undefined;
});

/** History entries of these documents (their event ids hold the document id), not summaries. */
function entriesOf(app: KuzzleApp, ids: string[]): HistoryEntry[] {
  const wanted = new Set(ids);
  return app.pipeline.history
    .list({ account: app.account.id })
    .filter((entry) => !entry.event.id.startsWith('catch-up:'))
    .filter((entry) => wanted.has(entry.event.id.split('|')[2] ?? ''));
}

function writeTen(stage: Stage, from = 1): string[] {
  return Array.from({ length: 10 }, (_, i) =>
    stage.server.createDocument(
      'shop',
      'orders',
      { customer: `missed ${from + i}`, total: 10 + i },
      { as: 'bob' },
    ),
  );
}

/** Every missed document once in history, and the collection's one summary shown. */
async function expectCaughtUp(app: KuzzleApp, ids: string[], shownBefore: number) {
  await app.waitFor(() => expect(app.sink.shown.length - shownBefore).toBe(1), 20_000);
  const [summary] = app.sink.shown.slice(shownBefore);
  expect(summary).toMatchObject({
    title: `${ids.length} changes in shop/orders while away`,
    body: `missed ${ids.length}: ${9 + ids.length}\nand ${ids.length - 1} more`,
    room: { id: 'shop/orders' },
  });
  const entries = entriesOf(app, ids);
  expect(entries).toHaveLength(ids.length);
  expect(new Set(entries.map((e) => e.event.id)).size).toBe(ids.length);
  expect(entries.every((e) => e.reason.includes('in the collection summary'))).toBe(true);
}

describe.each<TransportName>(['websocket', 'mqtt'])(
  'a Kuzzle link over %s that goes silent',
  (transport) => {
    it('catches up the 10 documents written meanwhile: all in history, one summary', async () => {
      stage = await startStage(transport);
      proxy = await startSilentProxy({ port: Number(new URL(stage.account.server).port) });
      app = startKuzzleApp(
        makeKuzzleAccount({
          ...stage.account,
          server: proxy.via(stage.account.server),
          ...signedIn,
        }),
        { tuning: { keepAliveMs: 300, requestTimeoutMs: 1_000 }, seenFromPipeline: true },
      );
      await app.waitForState('online');
      const before = stage.server.createDocument('shop', 'orders', {
        customer: 'before',
        total: 99,
      });
      expect(await app.waitForSeen(1)).toEqual(['before — 99']);

      proxy.silence();
      const missed = writeTen(stage);
      await vi.waitFor(() => expect(app!.connects()).toBeGreaterThanOrEqual(2), {
        timeout: 10_000,
      });
      await expectCaughtUp(app, missed, 1);
      // Seen live before the silence: not caught up again.
      expect(entriesOf(app, [before])).toHaveLength(1);
      expect(stage.server.requestCount('document:search')).toBeGreaterThanOrEqual(1);
    });
  },
);

describe.each<TransportName>(['websocket', 'socketio', 'mqtt'])(
  'a Kuzzle restart over %s',
  (transport) => {
    it('catches up the 10 documents written while it was down, none twice when the live socket delivers them late', async () => {
      stage = await startStage(transport);
      app = startKuzzleApp(makeKuzzleAccount({ ...stage.account, ...signedIn }), {
        tuning: { requestTimeoutMs: 1_000 },
        seenFromPipeline: true,
      });
      await app.waitForState('online');
      const { server } = stage;
      server.createDocument('shop', 'orders', { customer: 'before', total: 99 });
      await app.waitForSeen(1);

      // Its notifications are held: the restarted server hands them to the new subscription
      // only after catch-up has found the same documents.
      server.holdNotifications();
      await server.restart();
      if (stage.broker) await stage.broker.restart();
      const missed = writeTen(stage);
      await vi.waitFor(() => expect(app!.connects()).toBeGreaterThanOrEqual(2), {
        timeout: 15_000,
      });
      await expectCaughtUp(app, missed, 1);
      const emitted = app.emitted.length;
      server.releaseNotifications();
      await app.waitFor(() => expect(app!.emitted.length).toBe(emitted + 10));
      // The late live notifications are the caught-up events: nothing new shown or recorded.
      const shown = app.sink.shown.length;
      server.createDocument('shop', 'orders', { customer: 'live again', total: 50 });
      await app.waitFor(() => expect(app!.sink.shown.length).toBe(shown + 1));
      expect(app.sink.shown.at(-1)!.title).toBe('live again');
      expect(entriesOf(app, missed)).toHaveLength(10);
    });
  },
);

describe('a Kuzzle token that expires', () => {
  it('takes the subscription with it; what was written before it was made again is caught up', async () => {
    // Kuzzle allows one login per second per connection; this renewal comes sooner.
    stage = await startStage('websocket', { loginsPerSecond: 0, refreshToken: false });
    app = startKuzzleApp(makeKuzzleAccount({ ...stage.account, ...signedIn }), {
      seenFromPipeline: true,
    });
    await app.waitForState('online');
    const { server } = stage;
    server.expireTokens('alice');
    // Written at once: Kuzzle dropped the subscription, Tidings has not even heard yet.
    server.createDocument('shop', 'orders', { customer: 'in the gap', total: 30 }, { as: 'bob' });
    expect(await app.waitForSeen(1)).toEqual(['in the gap — 30']);
    expect(app.emitted.find((e) => e.title === 'in the gap')?.catchUp).toBe(true);
    expect(app.connects()).toBe(1);
  });
});
