// The app around one Kuzzle account (see test/support/connector-app.ts): the real Supervisor
// driving the real Kuzzle connector, events into the real Pipeline, a recording sink.
import {
  createKuzzleConnector,
  type KuzzleTuning,
} from '../../../app/connectors/kuzzle/connector.js';
import { kuzzleAccount, type KuzzleAccount } from '../../../app/core/settings/accounts.js';
import type { BackoffOptions } from '../../../app/core/supervisor/backoff.js';
import {
  startConnectorApp,
  type ConnectorApp,
  type ConnectorAppOptions,
} from '../../support/connector-app.js';

export type { LogLine } from '../../support/connector-app.js';

export type KuzzleApp = ConnectorApp<KuzzleAccount>;

let accountCounter = 0;

/** A Kuzzle account checked by the real settings schema. */
export function makeKuzzleAccount(input: Record<string, unknown>): KuzzleAccount {
  return kuzzleAccount.parse({ id: `kuzzle-${++accountCounter}`, type: 'kuzzle', ...input });
}

export interface KuzzleAppOptions extends Omit<ConnectorAppOptions, 'backoff'> {
  tuning?: Partial<KuzzleTuning>;
  backoff?: BackoffOptions;
}

/** Retries fast enough that a reconnect happens within a test. */
const TEST_BACKOFF = { initialMs: 100, minMs: 50, maxMs: 200 };

export function startKuzzleApp(account: KuzzleAccount, options: KuzzleAppOptions = {}): KuzzleApp {
  return startConnectorApp(
    account,
    (acct, context) => createKuzzleConnector(acct, context, options.tuning),
    {
      ...options,
      backoff: options.backoff ?? TEST_BACKOFF,
      // No folding: each notification is shown on its own, so the test sees every one.
      settings: { coalesceMs: 0, ...options.settings },
    },
  );
}
