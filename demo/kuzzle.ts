// Kuzzle's part of the demo: the test server over WebSocket, and a shop's orders arriving. The
// subscription only wants paid orders, so the one still pending stays quiet.
import { kuzzleAccount } from '../app/core/settings/accounts.js';
import { startKuzzleServer } from '../test/servers/kuzzle/server.js';
import { pause, type DemoSource } from './source.js';

const CUSTOMERS = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Katherine Johnson'];

export async function startKuzzleDemo(): Promise<DemoSource> {
  const server = await startKuzzleServer({ users: { shopkeeper: 'demo-password' } });
  let order = 1000;
  const placeOrder = (status: string) => {
    order++;
    const customer = CUSTOMERS[order % CUSTOMERS.length]!;
    const items = 1 + (order % 3);
    // As a shop keeps them for display: a notification reads "2 items, 39.00 EUR", not "2 item(s)".
    const basket = `${items} item${items === 1 ? '' : 's'}`;
    const total = (20 + (order % 7) * 9.5).toFixed(2);
    return server.createDocument(
      'shop',
      'orders',
      { customer, status, items, basket, total },
      { _id: String(order) },
    );
  };
  return {
    name: 'Kuzzle',
    account: kuzzleAccount.parse({
      id: 'demo-kuzzle',
      name: 'Kuzzle shop',
      type: 'kuzzle',
      server: server.url,
      transport: 'websocket',
      auth: { username: 'shopkeeper', password: 'demo-password' },
      subscriptions: [
        {
          index: 'shop',
          collection: 'orders',
          filters: { equals: { status: 'paid' } },
          scope: 'in',
          title: 'New order from {{_source.customer}}',
          body: '{{_source.basket}}, {{_source.total}} EUR (order {{_id}})',
          link: 'https://shop.example.com/admin/orders/{{_id}}',
        },
      ],
    }),
    async play() {
      await placeOrder('paid');
      await pause(1500);
      await placeOrder('pending');
      await pause(1500);
      await placeOrder('paid');
    },
    stop: () => server.stop(),
  };
}
