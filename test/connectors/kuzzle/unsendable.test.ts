// A request that cannot even be sent (filters too deep to serialise) is refused like any other
// refusal: the subscription says why, the others go on, and nothing is left pending to reject
// later as an unhandled promise, which would end the process.
import { afterEach, describe, expect, it } from 'vitest';
import { makeKuzzleAccount, startKuzzleApp, type KuzzleApp } from './kuzzle-app.js';
import { startStage, USERS, type Stage, type TransportName } from './transports.js';

let stage: Stage | undefined;
let app: KuzzleApp | undefined;

afterEach(async () => {
  await app?.stop();
  await stage?.stop();
  app = stage = undefined;
});

function nested(depth: number): Record<string, unknown> {
  let filters: Record<string, unknown> = { exists: 'customer' };
  for (let i = 0; i < depth; i++) filters = { and: [filters] };
  return filters;
}

describe.each<TransportName>(['websocket', 'socketio', 'mqtt'])('Kuzzle over %s', (transport) => {
  it('refuses a subscription it cannot send, keeps the others and leaves nothing unhandled', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      stage = await startStage(transport);
      const orders = { index: 'shop', collection: 'orders', title: '{{_source.customer}}' };
      app = startKuzzleApp(
        makeKuzzleAccount({
          ...stage.account,
          auth: { username: 'alice', password: USERS.alice },
          subscriptions: [{ ...orders, filters: nested(100_000) }, orders],
        }),
      );
      await app.waitForState('online');
      expect(app.status().details).toEqual({
        'shop/orders': expect.stringMatching(/^refused: realtime\/subscribe could not be sent/),
        'shop/orders#2': 'subscribed',
      });
      stage.server.publish('shop', 'orders', { customer: 'still served', total: 1 });
      expect(await app.waitForSeen(1)).toEqual(['still served — customer: still served, total: 1']);
      await app.stop();
      app = undefined;
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
