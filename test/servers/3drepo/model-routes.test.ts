// The test server's catch-up routes answer as 3D Repo's source does (README.md beside this file):
// `updatedSince` is strictly after, the ticket list leaves `Updated at` out unless `filters`
// names it, and refusals come in the `{code, message, status, place}` body.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALICE, PROJECT, TOWER, VAULT, WORLD } from '../../connectors/3drepo/world.js';
import { startThreeDRepoServer, type ThreeDRepoServer } from './server.js';

let server: ThreeDRepoServer;
let cookie: string;
const T = 1_767_000_000_000;
let ticket: string;

beforeAll(async () => {
  server = await startThreeDRepoServer(WORLD);
  cookie = server.signIn(ALICE).cookie;
  ticket = server.script.newTicket(TOWER, { number: 1, title: 'Door', owner: 'bob', at: T });
  server.script.newTicket(TOWER, { number: 2, title: 'Leak', owner: 'bob', at: T + 10 });
  server.script.assignTicket(TOWER, ticket, [ALICE], T + 20);
  server.script.commentOnTicket(TOWER, ticket, 'bob', 'one', T + 5);
  server.script.commentOnTicket(TOWER, ticket, 'bob', 'two', T + 30);
  server.script.newRevision(TOWER, { tag: 'r1', author: 'bob', at: T });
});
afterAll(async () => {
  await server?.stop();
});

const base = `/v5/teamspaces/acme/projects/${PROJECT}`;

async function get(path: string, withCookie = true) {
  const response = await fetch(`${server.url}${path}`, {
    headers: withCookie ? { cookie } : {},
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('the ticket list', () => {
  it('gives tickets updated strictly after `updatedSince`, newest created first', async () => {
    const all = await get(`${base}/containers/${TOWER.model}/tickets`);
    expect((all.body.tickets as { title: string }[]).map((t) => t.title)).toEqual(['Leak', 'Door']);
    const since = await get(`${base}/containers/${TOWER.model}/tickets?updatedSince=${T + 10}`);
    expect((since.body.tickets as { title: string }[]).map((t) => t.title)).toEqual(['Door']);
  });

  it('leaves `Updated at` out unless `filters` names it', async () => {
    const plain = await get(`${base}/containers/${TOWER.model}/tickets?limit=1`);
    const [first] = plain.body.tickets as { properties: Record<string, unknown> }[];
    expect(first!.properties).not.toHaveProperty('Updated at');
    const filtered = await get(
      `${base}/containers/${TOWER.model}/tickets?filters=Updated%20at&skip=1&limit=1`,
    );
    expect(filtered.body.tickets).toEqual([
      expect.objectContaining({
        title: 'Door',
        properties: expect.objectContaining({ 'Updated at': T + 20, Assignees: [ALICE] }),
      }),
    ]);
  });

  it('refuses as the server does: not signed in, no access, wrong kind, bad arguments', async () => {
    expect(await get(`${base}/containers/${TOWER.model}/tickets`, false)).toEqual({
      status: 401,
      body: {
        code: 'NOT_LOGGED_IN',
        message: 'You are not logged in.',
        status: 401,
        place: `GET ${base}/containers/${TOWER.model}/tickets`,
      },
    });
    expect((await get(`${base}/containers/${VAULT.model}/tickets`)).body).toMatchObject({
      code: 'NOT_AUTHORIZED',
      status: 403,
    });
    expect((await get(`${base}/federations/${TOWER.model}/tickets`)).body).toMatchObject({
      code: 'FEDERATION_NOT_FOUND',
      status: 404,
    });
    expect(
      (await get(`${base}/containers/${TOWER.model}/tickets?updatedSince=soon`)).body,
    ).toMatchObject({ code: 'INVALID_ARGUMENTS', status: 400 });
  });
});

describe('comments, revisions and notifications', () => {
  it('gives a ticket’s comments updated after `updatedSince` as `{comments}`', async () => {
    const { body } = await get(
      `${base}/containers/${TOWER.model}/tickets/${ticket}/comments?updatedSince=${T + 5}`,
    );
    expect((body.comments as { message: string }[]).map((c) => c.message)).toEqual(['two']);
    expect(
      (await get(`${base}/containers/${TOWER.model}/tickets/nope/comments`)).body,
    ).toMatchObject({ code: 'TICKET_NOT_FOUND', status: 404 });
  });

  it('lists container revisions with epoch-ms timestamps; federations have no such route', async () => {
    const { body } = await get(`${base}/containers/${TOWER.model}/revisions`);
    expect(body.revisions).toEqual([
      expect.objectContaining({ tag: 'r1', author: 'bob', timestamp: T }),
    ]);
    expect((await get(`${base}/federations/${TOWER.model}/revisions`)).status).toBe(404);
  });

  it('lists the user’s v4 notifications as the body itself', async () => {
    server.upsertNotification(ALICE, { _id: 'n1', type: 'MODEL_UPDATED', timestamp: T });
    const response = await fetch(`${server.url}/api/notifications`, { headers: { cookie } });
    expect(await response.json()).toEqual([{ _id: 'n1', type: 'MODEL_UPDATED', timestamp: T }]);
  });
});
