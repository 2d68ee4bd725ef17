import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCliConfig, type CliConfig } from '../support/cli-config.js';
import { CliProcess } from '../support/cli-process.js';
import { startRocketChatServer, type RocketChatServer } from '../servers/rocketchat/server.js';

let server: RocketChatServer;
let config: CliConfig;

beforeAll(async () => {
  server = await startRocketChatServer({ greeting: 'server_id' });
  server.addUser({ username: 'alice', password: 'alice-secret', id: 'alice-id' });
  server.addUser({ username: 'bob', password: 'bob-secret', id: 'bob-id' });
  server.addRoom({ type: 'c', name: 'general', members: ['alice', 'bob'], id: 'GENERAL' });
  config = await writeCliConfig('rocketchat', {
    accounts: [
      {
        id: 'work',
        type: 'rocketchat',
        server: server.url,
        auth: { username: 'alice', password: { env: 'RC_PASSWORD' } },
      },
    ],
    notifications: { coalesceMs: 300 },
  });
});

afterAll(async () => {
  await server?.close();
  await config?.remove();
});

describe('headless CLI with a Rocket.Chat account against the test server', () => {
  it("prints the notification line for another user's message", async () => {
    const cli = new CliProcess(['--config', config.path], {
      ...process.env,
      RC_PASSWORD: 'alice-secret',
    });
    try {
      await cli.waitForStatus('work', 'online');
      const message = server.post('bob', 'GENERAL', 'standup in 5');
      expect(await cli.waitForLine((l) => l.type === 'notification')).toEqual({
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
    const cli = new CliProcess(['--config', config.path], { ...process.env, RC_PASSWORD: 'wrong' });
    try {
      expect(await cli.waitForStatus('work', 'auth-failed')).toMatchObject({
        reason: 'User not found',
      });
    } finally {
      cli.kill('SIGTERM');
    }
    expect((await cli.exit()).code).toBe(0);
  });
});
