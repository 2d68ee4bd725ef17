// The real state database between two runs of the CLI: Kuzzle's catch-up marker and the ids
// already seen outlive a kill -9, so the second run shows what was written while it was down,
// and nothing it had shown.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCliConfig, type CliConfig } from '../support/cli-config.js';
import { CliProcess } from '../support/cli-process.js';
import { startKuzzleServer, type KuzzleTestServer } from '../servers/kuzzle/server.js';

let server: KuzzleTestServer;
let config: CliConfig;
let stateDir: string;

beforeAll(async () => {
  server = await startKuzzleServer({ users: { alice: 'wonderland' } });
  stateDir = await mkdtemp(join(tmpdir(), 'tidings-kuzzle-state-'));
  config = await writeCliConfig('kuzzle-state', {
    accounts: [
      {
        id: 'orders',
        type: 'kuzzle',
        server: server.url,
        transport: 'websocket',
        auth: { username: 'alice', password: 'wonderland' },
        subscriptions: [
          {
            index: 'shop',
            collection: 'orders',
            filters: { equals: { status: 'paid' } },
            title: 'Order {{_source.customer}}',
            body: '{{_source.total}} EUR',
          },
        ],
      },
    ],
    notifications: { coalesceMs: 0 },
  });
});

afterAll(async () => {
  await server?.stop();
  await config?.remove();
  await rm(stateDir, { recursive: true, force: true });
});

const cli = () =>
  new CliProcess(['--config', config.path, '--state-dir', stateDir], process.env, 'node');
const titles = (process: CliProcess) =>
  process
    .lines()
    .filter((l) => l.type === 'notification')
    .map((l) => String(l.title));

describe('headless CLI with Kuzzle and --state-dir: catch-up after a kill -9', () => {
  it('shows the one paid order written while it was down, and not the one it had shown', async () => {
    const first = cli();
    await first.waitForStatus('orders', 'online');
    server.createDocument('shop', 'orders', { customer: 'before', status: 'paid', total: 1 });
    await first.waitForLine((l) => l.type === 'notification' && l.title === 'Order before');
    first.kill('SIGKILL');
    await first.exit();

    server.createDocument('shop', 'orders', { customer: 'open', status: 'open', total: 2 });
    server.createDocument('shop', 'orders', { customer: 'while down', status: 'paid', total: 3 });

    const second = cli();
    try {
      await second.waitForLine((l) => l.type === 'notification' && l.title === 'Order while down');
      // Anything shown twice would come with the catch-up, which is over by now.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(titles(second)).toEqual(['Order while down']);
    } finally {
      second.kill('SIGTERM');
    }
    expect((await second.exit()).code).toBe(0);
    expect(server.requestCount('document:search')).toBe(1);
  });
});
