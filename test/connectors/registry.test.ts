import { describe, expect, it } from 'vitest';
import { createConnector, supportedTypes } from '../../app/connectors/registry.js';
import type { ConnectorContext } from '../../app/core/connector.js';
import { silentLogger } from '../../app/core/log.js';
import { ACCOUNT_TYPES, account, type Account } from '../../app/core/settings/accounts.js';

const context: ConnectorContext = {
  emit: () => {},
  lost: () => {},
  detail: () => {},
  resolveSecret: (secret) => Promise.resolve(typeof secret === 'string' ? secret : ''),
  log: silentLogger,
};

/** One valid account of each type, as a settings file would hold it. */
const examples: Account[] = [
  { id: 'd', type: 'dino', broker: 'mqtt://127.0.0.1:1', userId: '1' },
  {
    id: 'r',
    type: 'rocketchat',
    server: 'http://127.0.0.1:1',
    auth: { userId: 'u', token: 't' },
  },
  { id: 'm', type: '3drepo', server: 'http://127.0.0.1:1', auth: { cookie: 'connect.sid=x' } },
  {
    id: 'k',
    type: 'kuzzle',
    server: 'ws://127.0.0.1:1',
    transport: 'websocket',
    subscriptions: [{ index: 'shop', collection: 'orders' }],
  },
  { id: 'n', type: 'ntfy', server: 'http://127.0.0.1:1', topics: ['ci'] },
  { id: 'g', type: 'gotify', server: 'http://127.0.0.1:1', auth: { token: 'C' } },
].map((input) => account.parse(input));

describe('connector registry', () => {
  it('ships a connector for every account type the settings accept', () => {
    expect([...supportedTypes()].sort()).toEqual([...ACCOUNT_TYPES].sort());
  });

  it.each(examples)('creates the $type connector without connecting', (example) => {
    const connector = createConnector(example, context);
    expect(typeof connector.connect).toBe('function');
    expect(typeof connector.close).toBe('function');
  });
});
