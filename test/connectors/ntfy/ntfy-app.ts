// The app around one ntfy account (see test/support/connector-app.ts): the real Supervisor
// driving the real ntfy connector, events into the real Pipeline, a recording sink.
import { createNtfyConnector, type NtfyTuning } from '../../../app/connectors/ntfy/connector.js';
import { ntfyAccount, type NtfyAccount } from '../../../app/core/settings/accounts.js';
import { startConnectorApp, type ConnectorApp } from '../../support/connector-app.js';
import type { NotificationSettingsInput } from '../../support/events.js';

export type NtfyApp = ConnectorApp<NtfyAccount>;

let accountCounter = 0;

/** An ntfy account checked by the real settings schema. */
export function makeNtfyAccount(server: string, input: Record<string, unknown> = {}): NtfyAccount {
  return ntfyAccount.parse({
    id: `ntfy-${++accountCounter}`,
    type: 'ntfy',
    server,
    topics: ['backups', 'ci'],
    ...input,
  });
}

export interface NtfyAppOptions {
  tuning?: Partial<NtfyTuning>;
  /** Without it, no folding: each notification is shown on its own. */
  settings?: NotificationSettingsInput;
}

/** Retries fast enough that a reconnect happens within a test. */
export const TEST_BACKOFF = { initialMs: 100, minMs: 50, maxMs: 200 };

export function startNtfyApp(account: NtfyAccount, options: NtfyAppOptions = {}): NtfyApp {
  return startConnectorApp(
    account,
    (acct, context) => createNtfyConnector(acct, context, options.tuning),
    { backoff: TEST_BACKOFF, settings: options.settings ?? { coalesceMs: 0 } },
  );
}
