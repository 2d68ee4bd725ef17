import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliProcess } from '../support/cli-process.js';
import { startRocketChatServer, type RocketChatServer } from '../servers/rocketchat/server.js';

let server: RocketChatServer;
let dir: string;
let config: string;

beforeAll(async () => {
  server = await startRocketChatServer({ greeting: 'server_id' });
  server.addUser({ username: 'alice', password: 'alice-secret', id: 'alice-id' });
  server.addUser({ username: 'bob', password: 'bob-secret', id: 'bob-id' });
  server.addRoom({ type: 'c', name: 'general', members: ['alice', 'bob'], id: 'GENERAL' });
  dir = await mkdtemp(join(tmpdir(), 'tidings-cli-rocketchat-'));
  config = join(dir, 'tidings.json');
  await writeFile(
    config,
    JSON.stringify({
      version: 1,
      accounts: [
        {
          id: 'work',
          type: 'rocketchat',
          server: server.url,
          auth: { username: 'alice', password: { env: 'RC_PASSWORD' } },
        },
      ],
      notifications: { coalesceMs: 300 },
    }),
  );
});

afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

const online = (cli: CliProcess) =>
  cli.lines().some((l) => l.type === 'status' && l.account === 'work' && l.state === 'online');

describe('headless CLI with a Rocket.Chat account against the test server', () => {
  it("prints the notification line for another user's message", async () => {
    const cli = new CliProcess(['--config', config], {
      ...process.env,
      RC_PASSWORD: 'alice-secret',
    });
    try {
      await cli.waitFor(online);
      const message = server.post('bob', 'GENERAL', 'standup in 5');
      await cli.waitFor((c) => c.lines().some((l) => l.type === 'notification'));
      expect(cli.lines().find((l) => l.type === 'notification')).toEqual({
        type: 'notification',
        account: 'work',
        kind: 'message-sent',
        room: 'GENERAL',
        title: 'bob in #general',
        body: 'standup in 5',
        url: `${server.url}/channel/general?msg=${message._id}`,
        id: message._id,
      });
    } finally {
      cli.kill('SIGTERM');
    }
    expect((await cli.exit()).code).toBe(0);
    expect(() => cli.lines()).not.toThrow();
  });

  it('says auth-failed with the server reason for a wrong password', async () => {
    const cli = new CliProcess(['--config', config], { ...process.env, RC_PASSWORD: 'wrong' });
    try {
      await cli.waitFor((c) => c.lines().some((l) => l.state === 'auth-failed'));
      expect(cli.lines().find((l) => l.state === 'auth-failed')).toMatchObject({
        type: 'status',
        account: 'work',
        reason: 'User not found',
      });
    } finally {
      cli.kill('SIGTERM');
    }
    expect((await cli.exit()).code).toBe(0);
  });
});
