import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALICE, TOWER, TOWER_ROOM, VAULT_ROOM, WORLD } from '../connectors/3drepo/world.js';
import { writeCliConfig, type CliConfig } from '../support/cli-config.js';
import { CliProcess } from '../support/cli-process.js';
import { startThreeDRepoServer, type ThreeDRepoServer } from '../servers/3drepo/server.js';

let server: ThreeDRepoServer;
let config: CliConfig;

beforeAll(async () => {
  server = await startThreeDRepoServer(WORLD);
  config = await writeCliConfig('3drepo', {
    accounts: [
      {
        id: 'models',
        type: '3drepo',
        // No `chat`: the CLI finds the chat service in config.js.
        server: server.url,
        auth: { cookie: { env: 'THREEDREPO_COOKIE' } },
        rooms: [{ notifications: true }, TOWER_ROOM, VAULT_ROOM],
      },
    ],
    notifications: { coalesceMs: 300 },
  });
});

afterAll(async () => {
  await server?.stop();
  await config?.remove();
});

describe('headless CLI with a 3D Repo account against the socket.io test server', () => {
  it('prints the per-room status and the notification line', async () => {
    const env = { ...process.env, THREEDREPO_COOKIE: server.signIn(ALICE).cookie };
    const cli = new CliProcess(['--config', config.path], env);
    try {
      await cli.waitForStatus('models', 'online');
      const online = cli.lines().findLast((l) => l.state === 'online');
      expect(online).toMatchObject({
        account: 'models',
        details: {
          Notifications: 'joined',
          Tower: 'joined',
          Vault: 'ROOM_NOT_FOUND (no such model or no access)',
        },
      });

      const revision = server.script.newRevision(TOWER, { tag: 'v3', author: 'bob' });
      expect(await cli.waitForLine((l) => l.type === 'notification')).toEqual({
        type: 'notification',
        account: 'models',
        kind: 'model-revision-added',
        room: server.roomOf(TOWER),
        title: 'Tower',
        body: 'New revision v3 of Tower by bob',
        url: `${server.url}/v5/viewer/acme/${TOWER.project}/${TOWER.model}/${revision}`,
        id: `revision:${server.roomOf(TOWER)}:${revision}`,
      });
    } finally {
      cli.kill('SIGTERM');
    }
    expect((await cli.exit()).code).toBe(0);
    expect(() => cli.lines()).not.toThrow();
  });

  it('an expired session: auth-failed "session expired, sign in again"', async () => {
    const env = { ...process.env, THREEDREPO_COOKIE: 'connect.sid=s%3Agone.forged' };
    const cli = new CliProcess(['--config', config.path], env);
    try {
      expect(await cli.waitForStatus('models', 'auth-failed')).toMatchObject({
        reason: 'session expired, sign in again',
      });
    } finally {
      cli.kill('SIGTERM');
    }
    expect((await cli.exit()).code).toBe(0);
  });
});
