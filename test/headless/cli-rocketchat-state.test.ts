import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCliConfig, type CliConfig } from '../support/cli-config.js';
import { CliProcess } from '../support/cli-process.js';
import { startRocketChatServer, type RocketChatServer } from '../servers/rocketchat/server.js';

let server: RocketChatServer;
let config: CliConfig;
let stateDir: string;

beforeAll(async () => {
  server = await startRocketChatServer({ greeting: 'server_id' });
  server.addUser({ username: 'alice', password: 'alice-secret', id: 'alice-id' });
  server.addUser({ username: 'bob', password: 'bob-secret', id: 'bob-id' });
  server.addRoom({ type: 'c', name: 'general', members: ['alice', 'bob'], id: 'GENERAL' });
  stateDir = await mkdtemp(join(tmpdir(), 'tidings-rc-state-'));
  config = await writeCliConfig('rocketchat-state', {
    accounts: [
      {
        id: 'work',
        type: 'rocketchat',
        server: server.url,
        auth: { username: 'alice', password: 'alice-secret' },
      },
    ],
    notifications: { coalesceMs: 0 },
  });
});

afterAll(async () => {
  await server?.close();
  await config?.remove();
  await rm(stateDir, { recursive: true, force: true });
});

const cli = () =>
  new CliProcess(['--config', config.path, '--state-dir', stateDir], process.env, 'node');
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
