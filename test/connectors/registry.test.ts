import { describe, expect, it } from 'vitest';
import { createConnector, supportedTypes } from '../../app/connectors/registry.js';
import { ConnectorError, type ConnectorContext } from '../../app/core/connector.js';
import { silentLogger } from '../../app/core/log.js';
import type { Account } from '../../app/core/settings/accounts.js';

const context: ConnectorContext = {
  emit: () => {},
  lost: () => {},
  detail: () => {},
  resolveSecret: (secret) => Promise.resolve(typeof secret === 'string' ? secret : ''),
  log: silentLogger,
};

describe('connector registry', () => {
  it('ships the Dino connector and creates it for a dino account', () => {
    expect(supportedTypes()).toContain('dino');
    const account: Account = { id: 'd', type: 'dino', broker: 'mqtt://127.0.0.1:1', userId: '1' };
    expect(typeof createConnector(account, context).connect).toBe('function');
  });

  it('refuses a type with no connector as a config error naming it', () => {
    const account: Account = {
      id: 'k',
      type: 'kuzzle',
      server: 'ws://127.0.0.1:1',
      transport: 'websocket',
      subscriptions: [{ index: 'shop', collection: 'orders' }],
    };
    expect(() => createConnector(account, context)).toThrow(ConnectorError);
    expect(() => createConnector(account, context)).toThrow('no connector for "kuzzle"');
  });
});
