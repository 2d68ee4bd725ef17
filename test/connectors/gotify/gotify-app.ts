// The app around one Gotify account (see test/support/connector-app.ts): the real Supervisor
// driving the real Gotify connector, events into the real Pipeline, a recording sink.
import {
  createGotifyConnector,
  type GotifyTuning,
} from '../../../app/connectors/gotify/connector.js';
import { gotifyAccount, type GotifyAccount } from '../../../app/core/settings/accounts.js';
import { startConnectorApp, type ConnectorApp } from '../../support/connector-app.js';
import type { NotificationSettingsInput } from '../../support/events.js';
import { startGotifyServer, type GotifyTestServer } from '../../servers/gotify/server.js';

export type GotifyApp = ConnectorApp<GotifyAccount>;

export const CLIENT_TOKEN = 'CaliceDesktop01';

/** alice with two applications: Backups (default priority 5) and Alarms (default 8). */
export function startAliceServer(options: { pingMs?: number } = {}): Promise<GotifyTestServer> {
  return startGotifyServer({
    users: {
      alice: {
        password: 'alice-password',
        clients: [CLIENT_TOKEN],
        apps: [
          { name: 'Backups', defaultPriority: 5 },
          { name: 'Alarms', defaultPriority: 8 },
        ],
      },
    },
    ...options,
  });
}

let accountCounter = 0;

export function makeGotifyAccount(
  server: string,
  input: Record<string, unknown> = {},
): GotifyAccount {
  return gotifyAccount.parse({
    id: `gotify-${++accountCounter}`,
    type: 'gotify',
    server,
    auth: { token: CLIENT_TOKEN },
    ...input,
  });
}

export interface GotifyAppOptions {
  tuning?: Partial<GotifyTuning>;
  settings?: NotificationSettingsInput;
}

const TEST_BACKOFF = { initialMs: 100, minMs: 50, maxMs: 200 };

export function startGotifyApp(account: GotifyAccount, options: GotifyAppOptions = {}): GotifyApp {
  return startConnectorApp(
    account,
    (acct, context) => createGotifyConnector(acct, context, options.tuning),
    { backoff: TEST_BACKOFF, settings: options.settings ?? { coalesceMs: 0 } },
  );
}
