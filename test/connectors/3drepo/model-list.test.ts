// The room picker's list for 3D Repo, against the test server's v5 REST lists: every container
// and federation the user may read, by name, within teamspace › project, and the project itself
// where the user is its admin; an expired session says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createThreeDRepoConnector } from '../../../app/connectors/3drepo/connector.js';
import type { Connector } from '../../../app/core/connector.js';
import { startThreeDRepoServer, type ThreeDRepoServer } from '../../servers/3drepo/server.js';
import { makeThreeDRepoAccount } from '../../support/threedrepo-app.js';
import { ALICE, PROJECT, TOWER, VAULT, WORLD } from './world.js';

const DOCKS = 'b2c3d4e5-0000-4000-8000-00000000d0c5';
let server: ThreeDRepoServer;

beforeAll(async () => {
  server = await startThreeDRepoServer({
    ...WORLD,
    projects: [
      ...WORLD.projects!,
      { teamspace: 'harbourco', project: DOCKS, name: 'Docks', admins: [] },
    ],
    models: [
      ...WORLD.models!,
      {
        teamspace: 'acme',
        project: PROJECT,
        model: 'fed-site',
        name: 'Whole site',
        type: 'federation',
        readers: [ALICE],
      },
      { teamspace: 'harbourco', project: DOCKS, model: 'crane', name: 'Crane', readers: [ALICE] },
    ],
  });
});
afterAll(async () => {
  await server?.stop();
});

function connectorFor(cookie: string): Connector {
  const account = makeThreeDRepoAccount({ server: server.url, auth: { cookie } });
  return createThreeDRepoConnector(account, {
    emit: () => {},
    lost: () => {},
    detail: () => {},
    resolveSecret: (secret) => Promise.resolve(String(secret)),
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });
}

describe('listing 3D Repo models for the picker', () => {
  it('names every model the user reads, with where it is and what following it saves', async () => {
    const rooms = await connectorFor(server.signIn(ALICE).cookie).listRooms!();
    expect(rooms).toEqual([
      {
        id: `acme::${PROJECT}`,
        name: 'Harbour (the whole project)',
        type: 'project',
        within: 'acme',
        follow: { teamspace: 'acme', project: PROJECT, name: 'Harbour' },
      },
      {
        id: `acme::${PROJECT}::${TOWER.model}`,
        name: 'Tower',
        type: 'model',
        within: 'acme › Harbour',
        follow: { teamspace: 'acme', project: PROJECT, model: TOWER.model, name: 'Tower' },
      },
      {
        id: `acme::${PROJECT}::fed-site`,
        name: 'Whole site',
        type: 'model',
        within: 'acme › Harbour',
        follow: { teamspace: 'acme', project: PROJECT, model: 'fed-site', name: 'Whole site' },
      },
      {
        id: `harbourco::${DOCKS}::crane`,
        name: 'Crane',
        type: 'model',
        within: 'harbourco › Docks',
        follow: { teamspace: 'harbourco', project: DOCKS, model: 'crane', name: 'Crane' },
      },
    ]);
  });

  it('leaves out what the user may not read, and project rooms where not admin', async () => {
    const rooms = await connectorFor(server.signIn('bob').cookie).listRooms!();
    expect(rooms.map((r) => r.name)).toEqual(['Tower', 'Vault']);
    expect(rooms.map((r) => r.id)).toContain(`acme::${PROJECT}::${VAULT.model}`);
  });

  it('says the session expired, in words, when it has', async () => {
    await expect(connectorFor('connect.sid=s%3Agone.nothing').listRooms!()).rejects.toThrow(
      'session expired, sign in again',
    );
  });
});
