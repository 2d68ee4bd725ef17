// The app around one 3D Repo account (see connector-app.ts): the real Supervisor driving the
// real 3D Repo connector, events into the real Pipeline, a recording sink.
import {
  threeDRepoConnector,
  type ThreeDRepoTuning,
} from '../../app/connectors/3drepo/connector.js';
import { threeDRepoAccount, type ThreeDRepoAccount } from '../../app/core/settings/accounts.js';
import { startConnectorApp, type ConnectorApp, type ConnectorAppOptions } from './connector-app.js';

export type ThreeDRepoApp = ConnectorApp<ThreeDRepoAccount>;

let accountCounter = 0;

/** A 3D Repo account checked by the real settings schema. */
export function makeThreeDRepoAccount(
  input: Omit<Partial<ThreeDRepoAccount>, 'type'> & { server: string },
) {
  return threeDRepoAccount.parse({ id: `models-${++accountCounter}`, type: '3drepo', ...input });
}

/** Retries fast enough that a reconnect happens within a test. */
const TEST_BACKOFF = { initialMs: 50, minMs: 20, maxMs: 200 };

export function startThreeDRepoApp(
  account: ThreeDRepoAccount,
  options: Pick<
    ConnectorAppOptions,
    'clock' | 'backoff' | 'markers' | 'pipelineClock' | 'settings'
  > & {
    connector?: ThreeDRepoTuning;
  } = {},
): ThreeDRepoApp {
  const { connector, backoff, settings, ...rest } = options;
  return startConnectorApp(account, threeDRepoConnector(connector), {
    ...rest,
    backoff: backoff ?? TEST_BACKOFF,
    // No folding by the pipeline: each notification is shown on its own, so the test sees every
    // one (catch-up folds its own items into one summary per room).
    settings: { coalesceMs: 0, ...settings },
  });
}
