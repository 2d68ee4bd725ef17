import type { ConnectorFactory } from '../core/connector.js';
import type { Account, AccountType } from '../core/settings/accounts.js';
import { createDinoConnector } from './dino/connector.js';

/**
 * The connectors that ship, by account type. A type missing here is refused as a settings error
 * naming it: no fake connector stands in for one that is not written yet.
 */
const factories: Partial<Record<AccountType, ConnectorFactory<never>>> = {
  dino: createDinoConnector,
};

export function connectorFor(type: AccountType): ConnectorFactory | undefined {
  return factories[type] as ConnectorFactory | undefined;
}

export function supportedTypes(): AccountType[] {
  return Object.keys(factories) as AccountType[];
}

export type { Account };
