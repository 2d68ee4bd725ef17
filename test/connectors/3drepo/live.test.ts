// The connector against the socket.io 4 test server, through the real Supervisor and Pipeline:
// what the user sees in the status line and the notifications.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startThreeDRepoServer, type ThreeDRepoServer } from '../../servers/3drepo/server.js';
import { ManualClock } from '../../support/manual-clock.js';
import {
  makeThreeDRepoAccount,
  startThreeDRepoApp,
  type ThreeDRepoApp,
} from '../../support/threedrepo-app.js';
import { settle } from '../../support/settle.js';
import { ALICE, HARBOUR_ROOM, TOWER, TOWER_ROOM, VAULT_ROOM, WORLD } from './world.js';

let server: ThreeDRepoServer;
const apps: ThreeDRepoApp[] = [];

beforeAll(async () => {
  server = await startThreeDRepoServer(WORLD);
});

afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.stop()));
});

afterAll(async () => {
  await server?.stop();
});

function start(...args: Parameters<typeof startThreeDRepoApp>): ThreeDRepoApp {
  const app = startThreeDRepoApp(...args);
  apps.push(app);
  return app;
}

function aliceAccount(rooms: object[] = [{ notifications: true }, TOWER_ROOM, HARBOUR_ROOM]) {
  return makeThreeDRepoAccount({
    server: server.url,
    chat: { url: server.url, path: server.chatPath },
    auth: { cookie: server.signIn(ALICE).cookie },
    rooms: rooms as never,
  });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('joining rooms', () => {
  it('a session cookie joins every room, each shown as joined beside the status', async () => {
    const app = start(aliceAccount());
    const status = await app.waitForState('online');
    expect(status.details).toEqual({ Notifications: 'joined', Tower: 'joined', Harbour: 'joined' });
    expect(server.socketRooms()).toContainEqual(
      [
        `notifications::${ALICE}`,
        server.projectRoomOf('acme', TOWER.project),
        server.roomOf(TOWER),
      ].sort(),
    );

    server.script.newRevision(TOWER, { tag: 'v3', author: 'bob' });
    await app.waitForEvent((e) => e.kind === 'model-revision-added');
    expect(app.sink.shown).toMatchObject([{ title: 'Tower', body: 'New revision v3 by bob' }]);
  });

  it('a bad cookie: UNAUTHORISED for each room, then auth-failed, never retried', async () => {
    const clock = new ManualClock(Date.now());
    const account = makeThreeDRepoAccount({
      server: server.url,
      chat: { url: server.url, path: server.chatPath },
      auth: { cookie: 'connect.sid=s%3Anot-a-session.bad-signature' },
      rooms: [{ notifications: true }, TOWER_ROOM],
    });
    const app = start(account, { clock });
    const status = await app.waitForState('auth-failed');
    expect(status.reason).toBe('session expired, sign in again');
    expect(status.details).toEqual({
      Notifications: 'UNAUTHORISED (not signed in to the chat service)',
      Tower: 'UNAUTHORISED (not signed in to the chat service)',
    });
    clock.advance(60 * 60 * 1000);
    await pause(100);
    await settle();
    expect(app.connects()).toBe(1);
  });

  it('a model the user may not read: ROOM_NOT_FOUND for that room, the others work', async () => {
    const app = start(aliceAccount([TOWER_ROOM, VAULT_ROOM]));
    const status = await app.waitForState('online');
    expect(status.details).toEqual({
      Tower: 'joined',
      Vault: 'ROOM_NOT_FOUND (no such model or no access)',
    });
    expect(app.logs).toContainEqual(
      expect.objectContaining({ level: 'warn', message: '3D Repo room not joined' }),
    );
    server.script.importFailed(TOWER, 'Unsupported file format');
    await app.waitForEvent((e) => e.kind === 'model-import-failed');
    expect(app.sink.shown.at(-1)).toMatchObject({
      body: 'Import failed: Unsupported file format',
    });
  });
});

describe('the chat service restarts', () => {
  it('the app reconnects by itself, joins every room again, and gets what comes next', async () => {
    const app = start(aliceAccount());
    await app.waitForState('online');
    const roomsBefore = server.socketRooms();

    await server.restart();
    expect(server.socketRooms()).toEqual([]);
    await expect.poll(() => app.connects(), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    await app.waitForState('online');
    await expect.poll(() => server.socketRooms()).toEqual(roomsBefore);

    server.script.newRevision(TOWER, { tag: 'after-restart', author: 'bob' });
    const event = await app.waitForEvent((e) => e.body.includes('after-restart'));
    expect(event.url).toMatch(new RegExp(`/v5/viewer/acme/${TOWER.project}/${TOWER.model}/rev-`));
  });

  it('while it is down, the status says reconnecting with the reason', async () => {
    const app = start(aliceAccount([TOWER_ROOM]));
    await app.waitForState('online');
    await server.stop();
    try {
      const status = await app.waitForState('reconnecting');
      expect(status.reason).toMatch(
        /^(the chat service closed the connection|connection lost: the chat service went away|Can't reach 127\.0\.0\.1: nothing answers on port \d+)$/,
      );
    } finally {
      await server.start();
    }
    await app.waitForState('online');
  });
});

describe('signed out by the server', () => {
  it.each(['v5', 'v4'] as const)(
    'loggedOut (%s form) is auth-failed with the reason, and not retried',
    async (form) => {
      const signedIn = server.signIn(ALICE);
      const app = start(
        makeThreeDRepoAccount({
          server: server.url,
          chat: { url: server.url, path: server.chatPath },
          auth: { cookie: signedIn.cookie },
          rooms: [TOWER_ROOM],
        }),
      );
      await app.waitForState('online');
      server.endSession(signedIn.session.sid, { form, reason: 'You have logged in else where' });
      const status = await app.waitForState('auth-failed');
      expect(status.reason).toBe('signed out: You have logged in else where');
      await pause(300);
      expect(app.connects()).toBe(1);
      expect(app.status().state).toBe('auth-failed');
    },
  );
});

describe('finding the chat service and signing in', () => {
  it('reads chatHost and chatPath from config.js when the account names no chat service', async () => {
    const other = await startThreeDRepoServer({ ...WORLD, chatPath: '/realtime' });
    try {
      const app = start(
        makeThreeDRepoAccount({
          server: other.url,
          auth: { cookie: other.signIn(ALICE).cookie },
          rooms: [TOWER_ROOM],
        }),
      );
      await app.waitForState('online');
      other.script.newRevision(TOWER, { tag: 'v9', author: 'bob' });
      await app.waitForEvent((e) => e.body === 'New revision v9 by bob');
    } finally {
      await Promise.all(apps.splice(0).map((app) => app.stop()));
      await other.stop();
    }
  });

  it('older servers: a user name and password sign in with POST /v5/login', async () => {
    const app = start(
      makeThreeDRepoAccount({
        server: server.url,
        auth: { username: 'alice@example.com', password: 'correct horse' },
        rooms: [{ notifications: true }],
      }),
    );
    const status = await app.waitForState('online');
    expect(status.details).toEqual({ Notifications: 'joined' });
  });

  it('a wrong password is auth-failed in words', async () => {
    const app = start(
      makeThreeDRepoAccount({
        server: server.url,
        auth: { username: ALICE, password: 'wrong' },
      }),
    );
    expect((await app.waitForState('auth-failed')).reason).toBe('wrong user name or password');
  });

  it('a server that answers 410 signs in through the browser, and says so', async () => {
    const sso = await startThreeDRepoServer({ ...WORLD, loginMode: 'sso' });
    try {
      const app = start(
        makeThreeDRepoAccount({
          server: sso.url,
          auth: { username: ALICE, password: 'correct horse' },
        }),
      );
      const status = await app.waitForState('auth-failed');
      expect(status.reason).toBe(
        'this server signs in through the browser: sign in from the desktop app or give the session cookie',
      );
    } finally {
      await Promise.all(apps.splice(0).map((app) => app.stop()));
      await sso.stop();
    }
  });

  it('the desktop sign-in cookies (connect.sid and csrf_token) are taken as they come', async () => {
    const { cookie } = server.signIn(ALICE);
    const app = start(
      makeThreeDRepoAccount({
        server: server.url,
        auth: { cookie: `${cookie}; csrf_token=0d1f0a77-1a2b-4c3d-8e9f-001122334455` },
        rooms: [TOWER_ROOM],
      }),
    );
    expect((await app.waitForState('online')).details).toEqual({ Tower: 'joined' });
  });
});

describe('what reaches the screen', () => {
  it('status ticks stay silent, an assignment is a mention, a dismissed notification goes', async () => {
    const app = start(aliceAccount());
    await app.waitForState('online');

    server.script.importFinished(TOWER, { status: 'queued' });
    server.script.importFinished(TOWER, { status: 'processing' });
    server.script.importFinished(TOWER);
    await app.waitForEvent((e) => e.body === 'Import finished');
    expect(app.sink.shown.map((n) => n.body)).toEqual(['Import finished']);
    expect(app.pipeline.history.list().map((entry) => entry.reason)).toEqual(
      expect.arrayContaining(['history only: import queued', 'history only: import processing']),
    );

    const ticket = server.script.newTicket(TOWER, {
      number: 12,
      title: 'Clash at level 3',
      owner: 'bob',
    });
    server.script.assignTicket(TOWER, ticket, [ALICE]);
    await app.waitForEvent((e) => e.kind === 'ticket-assigned');
    expect(app.sink.shown.at(-1)).toMatchObject({
      body: "Ticket #12 'Clash at level 3' assigned to you",
      mention: true,
      url: expect.stringMatching(
        `/v5/dashboard/acme/${TOWER.project}/t/tickets/template-clash/${ticket}$`,
      ),
    });

    server.upsertNotification(ALICE, {
      _id: 'n-1',
      type: 'ISSUE_ASSIGNED',
      read: false,
      timestamp: Date.now(),
      teamSpace: 'acme',
      modelId: TOWER.model,
      modelName: 'Tower',
      project: TOWER.project,
      issuesId: ['i-1'],
    });
    await app.waitForEvent((e) => e.kind === 'ticket-assigned' && e.room.id === 'notifications');
    expect(app.sink.visibleFor(app.status().account, 'notifications')).toMatchObject({
      body: 'An issue assigned to you',
      mention: true,
    });
    server.deleteNotification(ALICE, 'n-1');
    await app.waitForEvent((e) => e.kind === 'message-deleted');
    expect(app.sink.visibleFor(app.status().account, 'notifications')).toBeUndefined();
    expect(app.sink.retracted).toHaveLength(1);
  });
});
