// Over each transport, through the real Supervisor and Pipeline: sign in, subscribe with a
// filter, and see only the matching documents, with the subscription's templates.
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

const TRANSPORTS: TransportName[] = ['websocket', 'socketio', 'mqtt'];

describe.each(TRANSPORTS)('Kuzzle over %s', (transport) => {
  it('shows only the documents the filter matches, with the templated text and link', async () => {
    stage = await startStage(transport);
    app = startKuzzleApp(
      makeKuzzleAccount({
        ...stage.account,
        auth: { username: 'alice', password: USERS.alice },
        subscriptions: [
          {
            index: 'shop',
            collection: 'orders',
            filters: { and: [{ equals: { status: 'paid' } }, { range: { total: { gte: 100 } } }] },
            title: 'Order from {{_source.customer}}',
            body: '{{_source.total}} EUR {{_source.note}}({{action}} in {{collection}})',
            link: 'https://shop.example.com/orders/{{_id}}',
          },
        ],
      }),
    );
    await app.waitForState('online');
    expect(app.status().details).toEqual({ 'shop/orders': 'subscribed' });
    const { server } = stage;
    server.createDocument(
      'shop',
      'orders',
      { customer: 'bob', status: 'paid', total: 20 },
      { as: 'bob' },
    );
    server.createDocument(
      'shop',
      'orders',
      { customer: 'carol', status: 'open', total: 300 },
      { as: 'carol' },
    );
    const id = server.createDocument(
      'shop',
      'orders',
      { customer: 'dave', status: 'paid', total: 150 },
      { as: 'dave' },
    );
    const seen = await app.waitForSeen(1);
    expect(seen).toEqual(['Order from dave — 150 EUR (create in orders)']);
    expect(app.sink.shown[0]).toMatchObject({
      kind: 'document-created',
      url: `https://shop.example.com/orders/${id}`,
      room: { id: 'shop/orders', type: 'collection' },
    });
  });

  it('tells documents entering and leaving the filter, and deletions, with scope "all"', async () => {
    stage = await startStage(transport);
    app = startKuzzleApp(
      makeKuzzleAccount({
        ...stage.account,
        auth: { username: 'alice', password: USERS.alice },
        subscriptions: [
          {
            index: 'ops',
            collection: 'alerts',
            filters: { in: { level: ['high', 'critical'] } },
            scope: 'all',
          },
        ],
      }),
    );
    await app.waitForState('online');
    const { server } = stage;
    const id = server.createDocument('ops', 'alerts', { level: 'low', host: 'db1' }, { as: 'bob' });
    server.updateDocument('ops', 'alerts', id, { level: 'high' }, { as: 'bob' });
    server.updateDocument('ops', 'alerts', id, { level: 'low' }, { as: 'bob' });
    server.replaceDocument('ops', 'alerts', id, { level: 'critical', host: 'db2' }, { as: 'bob' });
    server.deleteDocument('ops', 'alerts', id, { as: 'bob' });
    // Default texts, since the subscription has no templates.
    expect(await app.waitForSeen(4)).toEqual([
      `alerts: document updated ${id} — level: high, host: db1`,
      `alerts: document left the subscription ${id} — level: low, host: db1`,
      `alerts: document replaced ${id} — level: critical, host: db2`,
      `alerts: document deleted ${id} — level: critical, host: db2`,
    ]);
  });

  it('with scope "out" shows only what leaves the filter', async () => {
    stage = await startStage(transport);
    app = startKuzzleApp(
      makeKuzzleAccount({
        ...stage.account,
        auth: { username: 'alice', password: USERS.alice },
        subscriptions: [
          {
            index: 'ops',
            collection: 'alerts',
            filters: { equals: { open: true } },
            scope: 'out',
            title: 'closed: {{_source.host}}',
            body: '{{_source.missing.field}}',
          },
        ],
      }),
    );
    await app.waitForState('online');
    const { server } = stage;
    const id = server.createDocument('ops', 'alerts', { open: true, host: 'web1' }, { as: 'bob' });
    server.publish('ops', 'alerts', { open: true, host: 'web2' });
    server.updateDocument('ops', 'alerts', id, { open: false }, { as: 'bob' });
    expect(await app.waitForSeen(1)).toEqual(['closed: web1 — ']);
    expect(app.emitted.map((e) => e.kind)).toEqual(['document-left-scope']);
  });
});
