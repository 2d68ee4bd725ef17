// Tidings stopped for an hour (simulated: the supervisor's and the pipeline's clocks are
// injected) and started again: the catch-up marker kept in the state database says since when
// to ask; what happened meanwhile is caught up, and what is older than maxAgeMs goes to history
// only.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startThreeDRepoServer, type ThreeDRepoServer } from '../../servers/3drepo/server.js';
import { ManualClock } from '../../support/manual-clock.js';
import {
  makeThreeDRepoAccount,
  startThreeDRepoApp,
  type ThreeDRepoApp,
} from '../../support/threedrepo-app.js';
import { open, stateFolder } from '../../state/state-support.js';
import { ALICE, TOWER, TOWER_ROOM, WORLD } from './world.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let server: ThreeDRepoServer;
let folder: ReturnType<typeof stateFolder>;
const apps: ThreeDRepoApp[] = [];

beforeEach(async () => {
  server = await startThreeDRepoServer(WORLD);
  folder = stateFolder();
});

afterEach(async () => {
  for (const app of apps.splice(0)) await app.stop();
  await server.stop();
  folder.cleanup();
});

describe('3D Repo catch-up after Tidings was stopped for an hour', () => {
  it('catches up from the kept marker; what is older than maxAgeMs goes to history only', async () => {
    const now = Date.now();
    const account = makeThreeDRepoAccount({
      server: server.url,
      auth: { cookie: server.signIn(ALICE).cookie },
      rooms: [TOWER_ROOM],
    });

    // The first run, an hour ago: online, so the marker says so.
    const first = open(folder.dir);
    const before = startThreeDRepoApp(account, {
      clock: new ManualClock(now - HOUR),
      markers: first.markers,
    });
    apps.push(before);
    await before.waitForState('online');
    await before.waitFor(() => expect(first.markers.get(account.id)).toBe(now - HOUR));
    await before.stop();
    await first.persisted();
    first.close();

    // Meanwhile, with nobody connected: three things 50 minutes ago, three 10 minutes ago.
    const old = server.script.newTicket(TOWER, {
      number: 1,
      title: 'Old',
      owner: 'bob',
      at: now - 52 * MINUTE,
    });
    server.script.newRevision(TOWER, { tag: 'old', author: 'bob', at: now - 51 * MINUTE });
    server.script.commentOnTicket(TOWER, old, 'bob', 'Still old', now - 50 * MINUTE);
    const recent = server.script.newTicket(TOWER, {
      number: 2,
      title: 'New',
      owner: 'carol',
      at: now - 12 * MINUTE,
    });
    server.script.newRevision(TOWER, { tag: 'new', author: 'carol', at: now - 11 * MINUTE });
    server.script.commentOnTicket(TOWER, recent, 'carol', 'Fresh', now - 10 * MINUTE);

    // Started again, now, with a fresh process's memory: only the state database remains.
    const second = open(folder.dir);
    const after = startThreeDRepoApp(account, {
      clock: new ManualClock(now),
      pipelineClock: new ManualClock(now),
      markers: second.markers,
      settings: { maxAgeMs: 30 * MINUTE },
    });
    apps.push(after);
    await after.waitForState('online');
    await after.waitForSeen(1);
    await after.waitFor(() => expect(second.markers.get(account.id)).toBe(now));

    expect(after.seen()).toEqual([
      "6 updates in Tower — carol commented on ticket #2 'New': Fresh\nand 5 more from carol, bob",
    ]);
    const kept = after.pipeline.history
      .list()
      .filter((entry) => !entry.event.id.startsWith('catch-up:'))
      .map((entry) => [entry.event.body, entry.reason])
      .reverse();
    expect(kept).toEqual([
      ["New ticket #1 'Old' by bob", 'too old'],
      ['New revision old by bob', 'too old'],
      ["bob commented on ticket #1 'Old': Still old", 'too old'],
      ["New ticket #2 'New' by carol", 'history only: missed while offline: in the room summary'],
      ['New revision new by carol', 'history only: missed while offline: in the room summary'],
      [
        "carol commented on ticket #2 'New': Fresh",
        'history only: missed while offline: in the room summary',
      ],
    ]);
    await after.stop();
    second.close();
  });
});
