// Tidings stopped and started again: the marker kept across runs says since when to catch up;
// what is too old goes to history only; thousands of documents page through without holding
// the event loop; a user who may not search keeps the live subscription.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../support/manual-clock.js';
import { makeKuzzleAccount, startKuzzleApp, type KuzzleApp } from './kuzzle-app.js';
import { memoryMarkers, signedIn } from './catch-up-fixture.js';
import { startStage, type Stage } from './transports.js';

let stage: Stage | undefined;
const apps: KuzzleApp[] = [];

afterEach(async () => {
  for (const app of apps.splice(0)) await app.stop();
  await stage?.stop();
  stage = undefined;
});

const MINUTE = 60_000;

describe('Kuzzle catch-up after Tidings was stopped', () => {
  it('an hour later: what was written meanwhile is caught up, older than maxAgeMs only in history', async () => {
    const clock = new ManualClock();
    stage = await startStage('websocket', { now: () => clock.now() });
    const { server } = stage;
    const account = makeKuzzleAccount({ ...stage.account, ...signedIn });
    const markers = memoryMarkers();
    const options = {
      clock,
      pipelineClock: clock,
      markers,
      seenFromPipeline: true,
      settings: { maxAgeMs: 30 * MINUTE },
    };
    const first = startKuzzleApp(account, options);
    apps.push(first);
    await first.waitForState('online');
    const kept = server.createDocument('shop', 'orders', { customer: 'kept', total: 10 });
    await first.waitForSeen(1);
    await first.stop();

    clock.advance(10 * MINUTE);
    const old = server.createDocument('shop', 'orders', { customer: 'old', total: 20 });
    server.createDocument('shop', 'orders', { customer: 'too small', total: 1 });
    clock.advance(30 * MINUTE);
    const fresh = server.createDocument('shop', 'orders', { customer: 'fresh', total: 40 });
    clock.advance(5 * MINUTE);
    server.updateDocument('shop', 'orders', kept, { total: 45 }, { as: 'bob' });
    clock.advance(15 * MINUTE);

    const second = startKuzzleApp(account, options);
    apps.push(second);
    await second.waitFor(() => expect(second.sink.shown).toHaveLength(1));
    expect(second.sink.shown[0]).toMatchObject({
      title: '3 changes in shop/orders while away',
      body: 'kept: 45\nand 2 more',
    });
    const history = second.pipeline.history.list({ account: account.id });
    const reasons = Object.fromEntries(
      history.map((e) => [`${e.event.kind} ${e.event.title}`, e.reason]),
    );
    expect(reasons).toEqual({
      'document-created old': 'too old',
      'document-created fresh': 'history only: missed while away: in the collection summary',
      'document-updated kept': 'history only: missed while away: in the collection summary',
      'document-updated 3 changes in shop/orders while away': 'shown',
    });
    expect(history.find((e) => e.event.title === 'old')!.event.id).toContain(old);
    expect(history.find((e) => e.event.title === 'fresh')!.event.id).toContain(fresh);
  });

  it('pages through 5,000 missed documents without holding the event loop 50 ms at a time', async () => {
    stage = await startStage('websocket');
    const { server } = stage;
    const account = makeKuzzleAccount({ ...stage.account, ...signedIn });
    const markers = memoryMarkers();
    const first = startKuzzleApp(account, { markers, seenFromPipeline: true });
    apps.push(first);
    await first.waitForState('online');
    await first.stop();
    for (let i = 0; i < 5_000; i++)
      server.createDocument('shop', 'orders', { customer: `c${i}`, total: 10 + i }, { as: 'bob' });

    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const second = startKuzzleApp(account, { markers, seenFromPipeline: true });
    apps.push(second);
    await second.waitFor(() => expect(second.sink.shown).toHaveLength(1), 60_000);
    delay.disable();
    expect(second.sink.shown[0]!.title).toBe('5000 changes in shop/orders while away');
    expect(second.emitted).toHaveLength(5_001);
    // One search and nine scrolls of 500.
    expect(server.requestCount('document:search')).toBe(1);
    expect(server.requestCount('document:scroll')).toBe(9);
    expect(delay.max / 1e6).toBeLessThan(50);
  });
});

describe('a Kuzzle user who may not search', () => {
  it('keeps the live subscription; the refusal is said beside it and logged once', async () => {
    stage = await startStage('websocket');
    const { server } = stage;
    server.forbid('alice', 'document:search');
    const app = startKuzzleApp(makeKuzzleAccount({ ...stage.account, ...signedIn }));
    apps.push(app);
    await app.waitForState('online');
    for (let drop = 1; drop <= 2; drop++) {
      server.dropConnections();
      await vi.waitFor(() => expect(app.connects()).toBe(drop + 1));
      await vi.waitFor(() => expect(server.requestCount('document:search')).toBe(drop));
      await app.waitFor(() =>
        expect(app.status().details?.['shop/orders']).toContain(
          'changes missed while away are lost: the server refused the search',
        ),
      );
      expect(app.status().state).toBe('online');
    }
    expect(app.status().details?.['shop/orders']).toContain('security.rights.forbidden');
    const refusals = app.logs.filter(
      (l) => l.message === 'Kuzzle catch-up skipped for a subscription',
    );
    expect(refusals).toHaveLength(1);
    server.createDocument('shop', 'orders', { customer: 'live', total: 12 });
    expect(await app.waitForSeen(1)).toEqual(['live — 12']);
  });
});
