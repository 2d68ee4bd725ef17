// The room picker's list for Kuzzle, against the test server: a connector that signed in with no
// subscription yet (how the first is picked) lists every collection of every index by name, with
// the subscription following it saves; before it is connected it says so.
import { afterEach, describe, expect, it } from 'vitest';
import { createKuzzleConnector } from '../../../app/connectors/kuzzle/connector.js';
import type { Connector } from '../../../app/core/connector.js';
import type { KuzzleAccount } from '../../../app/core/settings/accounts.js';
import { startStage, USERS, type Stage } from './transports.js';

let stage: Stage | undefined;
let connector: Connector | undefined;
afterEach(async () => {
  await connector?.close();
  await stage?.stop();
  stage = connector = undefined;
});

const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

function connectorOn(current: Stage): Connector {
  // The schema wants a subscription to save an account; listing is how the first is chosen.
  const account = {
    id: 'shop',
    type: 'kuzzle',
    ...current.account,
    auth: { username: 'alice', password: USERS.alice },
    subscriptions: [],
  } as unknown as KuzzleAccount;
  return createKuzzleConnector(account, {
    emit: () => {},
    lost: () => {},
    detail: () => {},
    resolveSecret: (secret) => Promise.resolve(String(secret)),
    log: quiet,
  });
}

describe('listing Kuzzle collections for the picker', () => {
  it('names each collection of each index, sorted as Kuzzle sorts them', async () => {
    stage = await startStage('websocket');
    stage.server.createDocument('shop', 'orders', { total: 12 });
    stage.server.createCollection('shop', 'customers');
    stage.server.createCollection('iot', 'sensors');
    connector = connectorOn(stage);
    await connector.connect();
    expect(await connector.listRooms!()).toEqual([
      {
        id: 'iot/sensors',
        name: 'sensors',
        type: 'collection',
        within: 'iot',
        follow: { index: 'iot', collection: 'sensors' },
      },
      {
        id: 'shop/customers',
        name: 'customers',
        type: 'collection',
        within: 'shop',
        follow: { index: 'shop', collection: 'customers' },
      },
      {
        id: 'shop/orders',
        name: 'orders',
        type: 'collection',
        within: 'shop',
        follow: { index: 'shop', collection: 'orders' },
      },
    ]);
  });

  it('lets an anonymous listing fail with Kuzzle’s reason', async () => {
    stage = await startStage('websocket');
    connector = createKuzzleConnector(
      {
        id: 'anon',
        type: 'kuzzle',
        ...stage.account,
        subscriptions: [],
      } as unknown as KuzzleAccount,
      {
        emit: () => {},
        lost: () => {},
        detail: () => {},
        resolveSecret: () => Promise.resolve(''),
        log: quiet,
      },
    );
    await connector.connect();
    await expect(connector.listRooms!()).rejects.toMatchObject({
      kind: 'auth',
      message: expect.stringContaining('(security.rights.unauthorized)'),
    });
  });

  it('says it is not connected before connect()', async () => {
    stage = await startStage('websocket');
    connector = connectorOn(stage);
    await expect(connector.listRooms!()).rejects.toThrow('not connected');
  });
});
