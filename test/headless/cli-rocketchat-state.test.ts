import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliProcess } from '../support/cli-process.js';
import { useCliSettings } from '../support/cli-settings-fixture.js';
import { startRocketChatServer, type RocketChatServer } from '../servers/rocketchat/server.js';

let server: RocketChatServer;

beforeAll(async () => {
  server = await startRocketChatServer({ greeting: 'server_id' });
  server.addUser({ username: 'alice', password: 'alice-secret', id: 'alice-id' });
  server.addUser({ username: 'bob', password: 'bob-secret', id: 'bob-id' });
  server.addRoom({ type: 'c', name: 'general', members: ['alice', 'bob'], id: 'GENERAL' });
});

afterAll(async () => {
  await server?.close();
});

const files = useCliSettings('rocketchat-state', () => ({
  accounts: [
    {
      id: 'work',
      type: 'rocketchat',
      server: server.url,
      auth: { username: 'alice', password: 'alice-secret' },
    },
  ],
  notifications: { coalesceMs: 0 },
}));

const cli = () =>
  new CliProcess(
    ['--config', files.config.path, '--state-dir', files.stateDir],
    process.env,
    'node',
  );
const bodies = (process: CliProcess) =>
  process
    .lines()
    .filter((l) => l.type === 'notification')
    .map((l) => l.body);

describe('headless CLI with Rocket.Chat and --state-dir: the catch-up marker outlives the process', () => {
  it('after a kill -9, shows what was posted while it was down, and not what it had shown', async () => {
    const first = cli();
    await first.waitForStatus('work', 'online');
    server.post('bob', 'GENERAL', 'before the crash');
    await first.waitForLine((l) => l.type === 'notification' && l.body === 'before the crash');
    first.kill('SIGKILL');
    await first.exit();

    server.post('bob', 'GENERAL', 'while it was down');

    const second = cli();
    try {
      await second.waitForLine((l) => l.type === 'notification' && l.body === 'while it was down');
      // Anything shown twice would come with the catch-up, which is over by now.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(bodies(second)).not.toContain('before the crash');
      expect(bodies(second).filter((b) => b === 'while it was down')).toHaveLength(1);
    } finally {
      second.kill('SIGTERM');
    }
    expect((await second.exit()).code).toBe(0);
  });
});
