import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALICE,
  ALICE_PASSWORD,
  TOWER,
  TOWER_ROOM,
  VAULT_ROOM,
  WORLD,
} from '../connectors/3drepo/world.js';
import { writeCliConfig, type CliConfig } from '../support/cli-config.js';
import { CliProcess } from '../support/cli-process.js';
import { startThreeDRepoServer, type ThreeDRepoServer } from '../servers/3drepo/server.js';

let server: ThreeDRepoServer;
let config: CliConfig;
let byPassword: CliConfig;

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
  byPassword = await writeCliConfig('3drepo-password', {
    accounts: [
      {
        id: 'models',
        type: '3drepo',
        server: server.url,
        auth: { username: ALICE, password: { env: 'THREEDREPO_PASSWORD' } },
        rooms: [TOWER_ROOM],
      },
    ],
  });
});

afterAll(async () => {
  await server?.stop();
  await config?.remove();
  await byPassword?.remove();
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
        body: 'New revision v3 by bob',
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

  it('a wrong password (older servers): auth-failed in words, not retried', async () => {
    const env = { ...process.env, THREEDREPO_PASSWORD: 'wrong' };
    const cli = new CliProcess(['--config', byPassword.path], env);
    try {
      expect(await cli.waitForStatus('models', 'auth-failed')).toMatchObject({
        reason: 'wrong user name or password',
      });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(cli.lines().filter((l) => l.state === 'connecting')).toHaveLength(1);
    } finally {
      cli.kill('SIGTERM');
    }
    expect((await cli.exit()).code).toBe(0);
  });

  it('a server restart: the rooms are joined again and the next event notifies', async () => {
    const env = { ...process.env, THREEDREPO_PASSWORD: ALICE_PASSWORD };
    const cli = new CliProcess(['--config', byPassword.path], env);
    try {
      await cli.waitForStatus('models', 'online');
      await server.restart();
      await cli.waitForStatus('models', 'reconnecting');
      await cli.waitFor(
        (c) => c.lines().filter((l) => l.type === 'status' && l.state === 'online').length >= 2,
      );
      // The chat service replays nothing: what counts is that the rooms are live again.
      server.script.newRevision(TOWER, { tag: 'v5', author: 'bob' });
      const shown = await cli.waitForLine((l) => l.type === 'notification');
      expect(shown).toMatchObject({ body: 'New revision v5 by bob' });
      expect(cli.lines().filter((l) => l.type === 'notification')).toHaveLength(1);
    } finally {
      cli.kill('SIGTERM');
    }
    expect((await cli.exit()).code).toBe(0);
  });
});
