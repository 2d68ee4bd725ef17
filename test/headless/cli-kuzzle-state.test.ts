// The real state database between two runs of the CLI: Kuzzle's catch-up marker and the ids
// already seen outlive a kill -9, so the second run shows what was written while it was down,
// and nothing it had shown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliProcess } from '../support/cli-process.js';
import { useCliSettings } from '../support/cli-settings-fixture.js';
import { startKuzzleServer, type KuzzleTestServer } from '../servers/kuzzle/server.js';

let server: KuzzleTestServer;

beforeAll(async () => {
  server = await startKuzzleServer({ users: { alice: 'wonderland' } });
});

afterAll(async () => {
  await server?.stop();
});

const files = useCliSettings('kuzzle-state', () => ({
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
}));

const cli = () =>
  new CliProcess(
    ['--config', files.config.path, '--state-dir', files.stateDir],
    process.env,
    'node',
  );
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
