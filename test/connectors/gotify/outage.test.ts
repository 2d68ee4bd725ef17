// The Gotify server dies mid-session and messages are posted while it is down (they wait in its
// database): after the restart the account pages back through GET /message until the last id it
// had, nothing lost, nothing twice, folded per application.
import { afterEach, expect, it } from 'vitest';
import type { GotifyTestServer } from '../../servers/gotify/server.js';
import {
  makeGotifyAccount,
  startAliceServer,
  startGotifyApp,
  type GotifyApp,
} from './gotify-app.js';

let server: GotifyTestServer | undefined;
let app: GotifyApp | undefined;

afterEach(async () => {
  await app?.stop();
  await server?.stop();
  app = server = undefined;
});

it('a server killed mid-session is caught up after restart, page by page', async () => {
  server = await startAliceServer();
  server.publish('Backups', { message: 'old, from before the app started' });
  const account = makeGotifyAccount(server.url);
  // Pages of 3, so 10 missed messages take four pages.
  app = startGotifyApp(account, { tuning: { pageSize: 3 }, settings: { coalesceMs: 1_000 } });
  await app.waitForState('online');
  const before = server.publish('Backups', { message: 'before the outage' });
  await app.waitForSeen(1);

  await server.stop();
  await app.waitForState('reconnecting');
  const missed = Array.from({ length: 10 }, (_, i) =>
    server!.publish(i % 2 ? 'Backups' : 'Alarms', { message: `missed ${i + 1}` }),
  );
  server.pageRequests.length = 0;
  await server.restart();
  await app.waitForState('online');
  await app.waitFor(() => expect(app!.emitted.length).toBeGreaterThanOrEqual(11));

  const ids = app.pipeline.history.list({ account: account.id }).map((h) => h.event.id);
  expect(ids.sort()).toEqual([before, ...missed].map((m) => String(m.id)).sort());
  expect(
    app.pipeline
      .shown()
      .map((n) => [n.room.name, n.count])
      .sort(),
  ).toEqual([
    ['Alarms', 5],
    ['Backups', 6],
  ]);
  // Paged back from the newest, each page bounded by the last id of the one before, and no
  // further than the last id seen.
  expect(server.pageRequests).toEqual([
    { limit: '3', since: '0' },
    { limit: '3', since: String(missed[7]!.id) },
    { limit: '3', since: String(missed[4]!.id) },
    { limit: '3', since: String(missed[1]!.id) },
  ]);

  const after = server.publish('Alarms', { message: 'live again' });
  await app.waitFor(() => expect(app!.emitted.map((e) => e.id)).toContain(String(after.id)));
  const finalIds = app.pipeline.history.list({ account: account.id }).map((h) => h.event.id);
  expect(new Set(finalIds).size).toBe(finalIds.length);
  expect(finalIds).toHaveLength(12);
});

it('a first start with only a time from an earlier run pages back by date', async () => {
  server = await startAliceServer();
  const old = server.publish('Backups', { message: 'kept from before' });
  const missed = server.publish('Backups', { message: 'missed while closed' });
  const account = makeGotifyAccount(server.url);
  app = startGotifyApp(account);
  await app.waitForState('online');
  // What the supervisor does when the state database has a marker but no cursor yet (a state
  // folder from before cursors): everything from a minute before that time comes, and the
  // dedupe memory (none in this harness) leaves out what was shown before.
  const connector = app.supervisor.connector(account.id)!;
  expect(app.emitted).toHaveLength(0);
  const pages = server.pageRequests.length;
  await connector.catchUp!(Date.now());
  expect(server.pageRequests.length).toBeGreaterThan(pages);
  expect(app.emitted.map((e) => e.id)).toEqual([String(old.id), String(missed.id)]);
  expect(app.emitted.every((e) => e.catchUp)).toBe(true);
});
