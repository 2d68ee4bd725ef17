import { ConnectorError, type ConnectorFactory } from '../core/connector.js';
import type { Account, AccountType } from '../core/settings/accounts.js';
import { createThreeDRepoConnector } from './3drepo/connector.js';
import { createDinoConnector } from './dino/connector.js';
import { createKuzzleConnector } from './kuzzle/connector.js';
import { createRocketChatConnector } from './rocketchat/connector.js';

/**
 * The connectors that ship, by account type. A type missing here is refused as a settings error
 * naming it: no fake connector stands in for one that is not written yet.
 */
const factories: Partial<Record<AccountType, ConnectorFactory<never>>> = {
  '3drepo': createThreeDRepoConnector,
  dino: createDinoConnector,
  kuzzle: createKuzzleConnector,
  rocketchat: createRocketChatConnector,
};

export function connectorFor(type: AccountType): ConnectorFactory | undefined {
  return factories[type] as ConnectorFactory | undefined;
}

/** The factory the supervisor drives: each account gets the connector of its type. */
export const createConnector: ConnectorFactory = (account, context) => {
  const factory = connectorFor(account.type);
  if (!factory)
    throw new ConnectorError('config', `no connector for "${account.type}" in this version`);
  return factory(account, context);
};

export function supportedTypes(): AccountType[] {
  return Object.keys(factories) as AccountType[];
}

export type { Account };
