import type { ConnectorFactory } from '../core/connector.js';
import type { Account, AccountType } from '../core/settings/accounts.js';
import { createThreeDRepoConnector } from './3drepo/connector.js';
import { createDinoConnector } from './dino/connector.js';
import { createKuzzleConnector } from './kuzzle/connector.js';
import { createMqttConnector } from './mqtt/connector.js';
import { createWebhookConnector } from './webhook/connector.js';
import { createGotifyConnector } from './gotify/connector.js';
import { createNtfyConnector } from './ntfy/connector.js';
import { createRocketChatConnector } from './rocketchat/connector.js';

/**
 * The connector of each account type. A full record, so a type added to the settings schema
 * without a connector fails to compile rather than fail at run time.
 */
const factories: Record<AccountType, ConnectorFactory<never>> = {
  '3drepo': createThreeDRepoConnector,
  dino: createDinoConnector,
  kuzzle: createKuzzleConnector,
  rocketchat: createRocketChatConnector,
  // issue 16
  mqtt: createMqttConnector,
  webhook: createWebhookConnector,
  // issue 16: push services
  ntfy: createNtfyConnector,
  gotify: createGotifyConnector,
};

export function connectorFor(type: AccountType): ConnectorFactory {
  return factories[type] as ConnectorFactory;
}

/** The factory the supervisor drives: each account gets the connector of its type. */
export const createConnector: ConnectorFactory = (account, context) =>
  connectorFor(account.type)(account, context);

export function supportedTypes(): AccountType[] {
  return Object.keys(factories) as AccountType[];
}

export type { Account };
