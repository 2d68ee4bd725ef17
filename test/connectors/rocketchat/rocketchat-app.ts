// The app around one Rocket.Chat account, wired as the headless CLI wires it (see
// test/support/connector-app.ts), plus a handle on the connector for two-factor codes.
import type { BackoffOptions } from '../../../app/core/supervisor/backoff.js';
import { rocketchatAccount, type RocketChatAccount } from '../../../app/core/settings/accounts.js';
import {
  rocketChatConnector,
  type RocketChatConnector,
  type RocketChatConnectorOptions,
} from '../../../app/connectors/rocketchat/connector.js';
import type { NotificationSettingsInput } from '../../support/events.js';
import { startConnectorApp, type ConnectorApp } from '../../support/connector-app.js';
import type { RocketChatServer } from '../../servers/rocketchat/server.js';

export type { LogLine } from '../../support/connector-app.js';

export interface RocketChatApp extends ConnectorApp<RocketChatAccount> {
  /** The connector the supervisor made last. */
  connector(): RocketChatConnector;
}

let accountCounter = 0;

/** A Rocket.Chat account on the test server, checked by the real settings schema. */
export function makeRocketChatAccount(
  server: RocketChatServer,
  fields: Partial<RocketChatAccount> & Pick<RocketChatAccount, 'auth'>,
): RocketChatAccount {
  return rocketchatAccount.parse({
    id: `rc-${++accountCounter}`,
    type: 'rocketchat',
    server: server.url,
    ...fields,
  });
}

export interface AppOptions {
  settings?: NotificationSettingsInput;
  connector?: RocketChatConnectorOptions;
  backoff?: BackoffOptions;
}

/** Backoff short enough that a reconnect happens within a test, long enough not to spin. */
const TEST_BACKOFF = { initialMs: 100, maxMs: 400, minMs: 50 };

export function startRocketChatApp(
  account: RocketChatAccount,
  options: AppOptions = {},
): RocketChatApp {
  let connector: RocketChatConnector | undefined;
  const factory = rocketChatConnector({
    pingIntervalMs: 1_000,
    callTimeoutMs: 5_000,
    ...options.connector,
  });
  const app = startConnectorApp(
    account,
    (acct, context) => {
      connector = factory(acct, context) as RocketChatConnector;
      return connector;
    },
    {
      backoff: options.backoff ?? TEST_BACKOFF,
      // No folding unless the test asks for it: each notification is shown on its own.
      settings: { coalesceMs: 0, ...options.settings },
    },
  );
  return {
    ...app,
    connector: () => {
      if (!connector) throw new Error('no connector yet');
      return connector;
    },
  };
}
