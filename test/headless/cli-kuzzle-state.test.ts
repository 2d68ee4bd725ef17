// The real state database between two runs of the CLI: Kuzzle's catch-up marker and the ids
// already seen outlive a kill -9, so the second run shows what was written while it was down,
// and nothing it had shown.
import { describe, expect, it } from 'vitest';
import { CliProcess } from '../support/cli-process.js';
import { useKuzzleServer } from '../support/chat-servers.js';
import { useCliSettings } from '../support/cli-settings-fixture.js';

const kuzzle = useKuzzleServer();
const files = useCliSettings('kuzzle-state', () => ({
  accounts: [
    {
      id: 'orders',
      type: 'kuzzle',
      server: kuzzle.server.url,
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

const cli = () => files.startWithState();
const titles = (process: CliProcess) => process.notifications().map((l) => String(l.title));

describe('headless CLI with Kuzzle and --state-dir: catch-up after a kill -9', () => {
  it('shows the one paid order written while it was down, and not the one it had shown', async () => {
    const first = cli();
    await first.waitForStatus('orders', 'online');
    kuzzle.server.createDocument('shop', 'orders', {
      customer: 'before',
      status: 'paid',
      total: 1,
    });
    await first.waitForLine((l) => l.type === 'notification' && l.title === 'Order before');
    first.kill('SIGKILL');
    await first.exit();

    kuzzle.server.createDocument('shop', 'orders', { customer: 'open', status: 'open', total: 2 });
    kuzzle.server.createDocument('shop', 'orders', {
      customer: 'while down',
      status: 'paid',
      total: 3,
    });

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
    expect(kuzzle.server.requestCount('document:search')).toBe(1);
  });
});
