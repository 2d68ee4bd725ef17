// The chat service replays nothing: what happens while the link is silent or the server is
// down is lost unless catch-up asks the REST API. Ten events happen meanwhile (revisions,
// tickets, an assignment, comments, notifications); afterwards every one is in history, each
// room shows one summary, and nothing shows twice, also when the live frames come late.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { threeDRepoConnector } from '../../../app/connectors/3drepo/connector.js';
import type { ConnectorFactory } from '../../../app/core/connector.js';
import type { ThreeDRepoAccount } from '../../../app/core/settings/accounts.js';
import { startThreeDRepoServer, type ThreeDRepoServer } from '../../servers/3drepo/server.js';
import { startConnectorApp } from '../../support/connector-app.js';
import { startSilentProxy, type SilentProxy } from '../../support/silent-proxy.js';
import {
  makeThreeDRepoAccount,
  startThreeDRepoApp,
  type ThreeDRepoApp,
} from '../../support/threedrepo-app.js';
import { ALICE, PROJECT, TOWER, TOWER_ROOM, WORLD } from './world.js';

/** A model alice reads, whose REST routes a test refuses. */
const SHED = { teamspace: 'acme', project: PROJECT, model: '5a6b7c8d-shed' };
const SHED_ROOM = { ...SHED, name: 'Shed' };

let server: ThreeDRepoServer;
let proxy: SilentProxy | undefined;
let app: ThreeDRepoApp | undefined;
const requests: string[] = [];

beforeEach(async () => {
  server = await startThreeDRepoServer({
    ...WORLD,
    models: [...(WORLD.models ?? []), { ...SHED, name: 'Shed', readers: [ALICE] }],
    onModelRequest: (route) => requests.push(route),
  });
});

afterEach(async () => {
  await app?.stop();
  await proxy?.stop();
  await server?.stop();
  app = proxy = undefined;
  requests.length = 0;
});

function account(chatUrl: string, rooms: ThreeDRepoAccount['rooms'] = [TOWER_ROOM]) {
  return makeThreeDRepoAccount({
    server: server.url,
    chat: { url: chatUrl, path: server.chatPath },
    auth: { cookie: server.signIn(ALICE).cookie },
    rooms: [...(rooms ?? []), { notifications: true }],
  });
}

let notificationCounter = 0;
function notify(type: string) {
  const _id = `notification-${++notificationCounter}`;
  server.upsertNotification(ALICE, {
    _id,
    type,
    read: false,
    timestamp: Date.now(),
    teamSpace: 'acme',
    modelId: TOWER.model,
    modelName: 'Tower',
    project: PROJECT,
    federation: false,
    issuesId: ['issue-1'],
  });
  return _id;
}

/** Ten events, as people cause them in the web app, on an existing ticket. */
function tenEvents(ticket: string): void {
  server.script.newRevision(TOWER, { tag: 'r1', author: 'bob' });
  server.script.newRevision(TOWER, { tag: 'r2', author: 'bob' });
  server.script.newRevision(TOWER, { tag: 'r3', author: 'carol' });
  const clash = server.script.newTicket(TOWER, { number: 2, title: 'Clash', owner: 'bob' });
  server.script.newTicket(TOWER, { number: 3, title: 'Leak', owner: 'carol' });
  server.script.assignTicket(TOWER, ticket, [ALICE, 'bob']);
  server.script.commentOnTicket(TOWER, clash, 'bob', 'Looks wrong');
  server.script.commentOnTicket(TOWER, ticket, 'carol', 'Fixed in r3');
  notify('ISSUE_ASSIGNED');
  notify('MODEL_UPDATED');
}

/** The history entries of the events the ten caused, one per item. */
const TEN_BODIES = [
  'New revision r1 by bob',
  'New revision r2 by bob',
  'New revision r3 by carol',
  "New ticket #2 'Clash' by bob",
  "New ticket #3 'Leak' by carol",
  "Ticket #1 'Door' was updated (now Open, assigned to you)",
  "bob commented on ticket #2 'Clash': Looks wrong",
  "carol commented on ticket #1 'Door': Fixed in r3",
  'An issue assigned to you',
  'Model updated',
];

/** What the user saw of the ten: one summary per room, naming how many. */
function expectSummaries(target: ThreeDRepoApp): void {
  const after = target.seen().slice(2);
  expect(after).toHaveLength(2);
  expect(after[0]).toMatch(/^8 updates in Tower — /);
  expect(after[1]).toMatch(/^2 updates in Notifications — /);
}

/** The bodies of the items kept in history, oldest first (the summaries left out). */
function historyBodies(target: ThreeDRepoApp): string[] {
  return target.pipeline.history
    .list()
    .filter((entry) => !entry.event.id.startsWith('catch-up:'))
    .map((entry) => entry.event.body)
    .reverse();
}

/** Online, with one ticket and one revision that arrived live before the trouble. */
async function onlineWithTicket(target: ThreeDRepoApp): Promise<string> {
  await target.waitForState('online');
  const ticket = server.script.newTicket(TOWER, { number: 1, title: 'Door', owner: 'bob' });
  server.script.newRevision(TOWER, { tag: 'r0', author: 'bob' });
  await target.waitForSeen(2);
  return ticket;
}

describe('3D Repo catch-up after the link went silent', () => {
  it('brings all ten events; each room shows one summary; late live frames change nothing', async () => {
    proxy = await startSilentProxy({ port: server.port });
    app = startThreeDRepoApp(account(proxy.via(server.url)), {
      connector: { probeIntervalMs: 300 },
    });
    const ticket = await onlineWithTicket(app);
    const framesBefore = server.sentFrames().length;

    proxy.silence();
    tenEvents(ticket);
    await app.waitFor(() => expect(app!.connects()).toBe(2), 10_000);
    await app.waitForState('online');
    await app.waitForSeen(4);

    expectSummaries(app);
    const bodies = historyBodies(app);
    for (const body of TEN_BODIES) expect(bodies.filter((b) => b === body)).toHaveLength(1);
    expect(bodies.filter((b) => b === 'New revision r0 by bob')).toHaveLength(1);

    // The live frames the silence swallowed, delivered late: nothing new shows or is kept.
    const historySize = app.pipeline.history.size;
    for (const frame of server.sentFrames().slice(framesBefore)) server.resend(frame);
    server.script.newRevision(TOWER, { tag: 'r4', author: 'bob' });
    await app.waitForEvent((e) => e.body === 'New revision r4 by bob');
    expect(app.seen()).toHaveLength(5);
    expect(app.seen()[4]).toBe('Tower — New revision r4 by bob');
    expect(app.pipeline.history.size).toBe(historySize + 1);

    // A real change to the ticket catch-up reported is news again.
    server.script.assignTicket(TOWER, ticket, ['carol']);
    await app.waitForSeen(6);
    expect(app.seen()[5]).toBe("Tower — Ticket #1 'Door' updated: Assignees");
  });

  it('without catch-up (as before this change), all ten are lost', async () => {
    proxy = await startSilentProxy({ port: server.port });
    const factory = threeDRepoConnector({ probeIntervalMs: 300 });
    const withoutCatchUp: ConnectorFactory<ThreeDRepoAccount> = (acct, context) => {
      const connector = factory(acct, context);
      delete connector.catchUp;
      return connector;
    };
    app = startConnectorApp(account(proxy.via(server.url)), withoutCatchUp, {
      backoff: { initialMs: 50, minMs: 20, maxMs: 200 },
      settings: { coalesceMs: 0 },
    });
    const ticket = await onlineWithTicket(app);
    proxy.silence();
    tenEvents(ticket);
    await app.waitFor(() => expect(app!.connects()).toBe(2), 10_000);
    await app.waitForState('online');
    server.script.newRevision(TOWER, { tag: 'r4', author: 'bob' });
    await app.waitForEvent((e) => e.body === 'New revision r4 by bob');
    const bodies = historyBodies(app);
    expect(TEN_BODIES.filter((body) => bodies.includes(body))).toEqual([]);
  });
});

describe('3D Repo catch-up after the server restarted', () => {
  it('brings the ten events that happened while it was down, once each', async () => {
    app = startThreeDRepoApp(account(server.url));
    const ticket = await onlineWithTicket(app);
    await server.stop();
    tenEvents(ticket);
    await server.start();
    await app.waitFor(() => expect(app!.connects()).toBeGreaterThanOrEqual(2), 10_000);
    await app.waitForState('online');
    await app.waitForSeen(4);
    expectSummaries(app);
    const bodies = historyBodies(app);
    for (const body of TEN_BODIES) expect(bodies.filter((b) => b === body)).toHaveLength(1);
  });
});

describe('a catch-up query the server refuses', () => {
  it('is logged once; the room stays live and the other rooms are caught up', async () => {
    proxy = await startSilentProxy({ port: server.port });
    server.refuseModelRoutes(SHED.model, [403, 'LICENCE_EXPIRED', 'Licence expired.']);
    app = startThreeDRepoApp(account(proxy.via(server.url), [TOWER_ROOM, SHED_ROOM]), {
      connector: { probeIntervalMs: 300 },
    });
    const ticket = await onlineWithTicket(app);
    for (let outage = 1; outage <= 2; outage++) {
      proxy.silence();
      server.script.newRevision(SHED, { tag: `shed-${outage}`, author: 'bob' });
      if (outage === 1) tenEvents(ticket);
      await app.waitFor(() => expect(app!.connects()).toBe(outage + 1), 10_000);
      await app.waitForState('online');
      await app.waitFor(() =>
        expect(requests.filter((r) => r.includes(SHED.model)).length).toBeGreaterThan(0),
      );
      if (outage === 1) await app.waitForSeen(4);
      requests.length = 0;
    }
    expectSummaries(app);
    const refusals = app.logs.filter((l) => l.message.startsWith('3D Repo catch-up refused'));
    expect(refusals).toEqual([
      expect.objectContaining({
        level: 'warn',
        message: '3D Repo catch-up refused for a room; it stays live',
        fields: expect.objectContaining({ room: 'Shed', status: 403, code: 'LICENCE_EXPIRED' }),
      }),
    ]);
    expect(app.status().details?.Shed).toBe('joined');
    // Live all along: what happens now arrives.
    server.script.newRevision(SHED, { tag: 'shed-live', author: 'bob' });
    await app.waitForEvent((e) => e.body === 'New revision shed-live by bob');
  });
});
