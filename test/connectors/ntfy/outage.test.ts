// The ntfy server dies mid-session and messages are published while it is down (they wait in
// its cache, as in the cache-file of a restarted ntfy): after the restart the account catches up
// with `since=<the last id seen>`, nothing lost, nothing twice, folded per topic.
import { afterEach, expect, it } from 'vitest';
import { NTFY_CACHE_MS, PARTIAL_CATCH_UP } from '../../../app/connectors/ntfy/connector.js';
import { startNtfyServer, type NtfyTestServer } from '../../servers/ntfy/server.js';
import { makeNtfyAccount, startNtfyApp, type NtfyApp } from './ntfy-app.js';

let server: NtfyTestServer | undefined;
let app: NtfyApp | undefined;

afterEach(async () => {
  await app?.stop();
  await server?.stop();
  app = server = undefined;
});

it.each([
  ['WebSocket', false],
  ['JSON stream', true],
])('over the %s: a server killed mid-session is caught up after restart', async (_, json) => {
  server = await startNtfyServer();
  server.refuseWebSockets(json);
  const account = makeNtfyAccount(server.url);
  app = startNtfyApp(account, { settings: { coalesceMs: 1_000 } });
  await app.waitForState('online');
  const before = server.publish('backups', { message: 'before the outage' });
  await app.waitForSeen(1);

  await server.stop();
  await app.waitForState('reconnecting');
  const missed = Array.from({ length: 9 }, (_, i) =>
    server!.publish(i % 3 ? 'backups' : 'ci', { message: `missed ${i + 1}` }),
  );
  await server.restart();
  await app.waitForState('online');
  await app.waitFor(() => expect(app!.emitted.length).toBeGreaterThanOrEqual(10));

  // Asked for what came after the last message seen.
  expect(server.subscriptions.at(-1)!.query).toMatchObject({ since: before.id });
  const history = app.pipeline.history.list({ account: account.id });
  const ids = history.map((h) => h.event.id);
  expect(ids.sort()).toEqual([before.id, ...missed.map((m) => m.id)].sort());
  expect(
    app.pipeline
      .shown()
      .map((n) => [n.room.id, n.count])
      .sort(),
  ).toEqual([
    ['backups', 7],
    ['ci', 3],
  ]);

  // Live again, and nothing arrives twice later.
  const after = server.publish('ci', { message: 'live again' });
  await app.waitFor(() => expect(app!.emitted.map((e) => e.id)).toContain(after.id));
  const finalIds = app.pipeline.history.list({ account: account.id }).map((h) => h.event.id);
  expect(new Set(finalIds).size).toBe(finalIds.length);
  expect(finalIds).toHaveLength(11);
});

it('a catch-up after longer than ntfy keeps messages says it may be partial', async () => {
  server = await startNtfyServer();
  const account = makeNtfyAccount(server.url);
  app = startNtfyApp(account);
  await app.waitForState('online');
  const connector = app.supervisor.connector(account.id)!;
  await connector.catchUp!(Date.now() - NTFY_CACHE_MS - 60_000);
  expect(app.status().details).toMatchObject({ 'catch-up': PARTIAL_CATCH_UP });
  await connector.catchUp!(Date.now() - 60_000);
  expect(app.status().details).toMatchObject({ 'catch-up': 'complete' });
});

it('a first start with only a time from an earlier run polls the cache from that time', async () => {
  server = await startNtfyServer();
  const missed = server.publish('ci', { message: 'missed while closed' });
  const account = makeNtfyAccount(server.url);
  app = startNtfyApp(account);
  await app.waitForState('online');
  expect(app.emitted).toHaveLength(0);
  await app.supervisor.connector(account.id)!.catchUp!(Date.now());
  expect(server.subscriptions.at(-1)).toMatchObject({
    path: '/backups,ci/json',
    query: { poll: '1', since: expect.stringMatching(/^\d+$/) },
  });
  expect(app.emitted.map((e) => [e.id, e.catchUp])).toEqual([[missed.id, true]]);
});
