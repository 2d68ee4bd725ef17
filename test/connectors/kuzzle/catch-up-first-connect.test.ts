// Catch-up looks from a minute before the outage, for a slow-to-notice link and clock skew. Just
// after Tidings first connects, that minute reaches back past the connect: a reconnect then must
// not bring back documents written before the account ever came online (the user would see old
// orders as new), whichever way Kuzzle's clock is off, and must still find what the outage hid.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeKuzzleAccount, startKuzzleApp, type KuzzleApp } from './kuzzle-app.js';
import { memoryMarkers, signedIn } from './catch-up-fixture.js';
import { startStage, type Stage } from './transports.js';

let stage: Stage | undefined;
let app: KuzzleApp | undefined;
let earlier: KuzzleApp | undefined;

afterEach(async () => {
  await earlier?.stop();
  await app?.stop();
  await stage?.stop();
  app = earlier = stage = undefined;
});

const SKEWS: [string, number][] = [
  ['the same as ours', 0],
  ['30 s ahead of ours', 30_000],
  ['30 s behind ours', -30_000],
];

describe.each(SKEWS)('a reconnect soon after the first connect, Kuzzle clock %s', (_, skew) => {
  it('catches up what the outage hid and nothing written before Tidings connected', async () => {
    stage = await startStage('websocket', { now: () => Date.now() + skew });
    const { server } = stage;
    server.createDocument('shop', 'orders', { customer: 'old', total: 10 }, { as: 'bob' });
    app = startKuzzleApp(makeKuzzleAccount({ ...stage.account, ...signedIn }), {
      seenFromPipeline: true,
    });
    await app.waitForState('online');
    server.createDocument('shop', 'orders', { customer: 'live', total: 20 }, { as: 'bob' });
    expect(await app.waitForSeen(1)).toEqual(['live — 20']);

    // Held: it can reach Tidings only through the catch-up after the drop.
    server.holdNotifications();
    server.createDocument('shop', 'orders', { customer: 'in the gap', total: 30 }, { as: 'bob' });
    server.dropConnections();
    await vi.waitFor(() => expect(app!.connects()).toBe(2), { timeout: 10_000 });
    await vi.waitFor(() => expect(server.requestCount('document:search')).toBe(1));
    await app.waitFor(() => expect(app!.sink.shown).toHaveLength(2));
    expect(app.sink.shown.map((n) => n.title)).toEqual(['live', 'in the gap']);
    const titles = app.pipeline.history.list({ account: app.account.id }).map((e) => e.event.title);
    expect(titles).not.toContain('old');
  });
});

describe('a start after an earlier run', () => {
  it('still looks from a minute before that run last was online, Kuzzle clock 30 s behind', async () => {
    stage = await startStage('websocket', { now: () => Date.now() - 30_000 });
    const { server } = stage;
    const account = makeKuzzleAccount({ ...stage.account, ...signedIn });
    const markers = memoryMarkers();
    earlier = startKuzzleApp(account, { markers, seenFromPipeline: true });
    await earlier.waitForState('online');
    await earlier.stop();
    // Stamped by Kuzzle's clock, half a minute before the marker the earlier run left.
    server.createDocument(
      'shop',
      'orders',
      { customer: 'while stopped', total: 40 },
      { as: 'bob' },
    );

    app = startKuzzleApp(account, { markers, seenFromPipeline: true });
    await app.waitFor(() => expect(app!.sink.shown).toHaveLength(1));
    expect(app.sink.shown[0]!.title).toBe('while stopped');
  });
});
