// The app around one Dino account (see test/support/connector-app.ts): the real Supervisor
// driving the real Dino connector, events into the real Pipeline, a recording sink.
import { dinoAccount, type DinoAccount } from '../../../app/core/settings/accounts.js';
import { dinoConnector, type DinoTuning } from '../../../app/connectors/dino/connector.js';
import {
  startConnectorApp,
  type ConnectorApp,
  type ConnectorAppOptions,
} from '../../support/connector-app.js';
import type { Mosquitto } from '../../support/mosquitto.js';

export type { LogLine } from '../../support/connector-app.js';

/** The supervisor's clock and backoff and the pipeline's settings, all left at their defaults. */
export type DinoAppOptions = Pick<
  ConnectorAppOptions,
  'clock' | 'backoff' | 'settings' | 'persisted'
> & {
  connector?: DinoTuning;
};

export type DinoApp = ConnectorApp<DinoAccount>;

let accountCounter = 0;

/** A Dino account for `user` on the test broker, checked by the real settings schema. */
export function makeDinoAccount(
  broker: Mosquitto,
  user: string,
  overrides: Partial<DinoAccount> = {},
): DinoAccount {
  return dinoAccount.parse({
    id: `dino-${user}-${++accountCounter}`,
    type: 'dino',
    broker: broker.url,
    userId: user,
    environment: 'test',
    auth: { username: user, password: broker.passwordFor(user) },
    link: 'https://community.example.com/messages/{group_id}?m={message_id}',
    ...overrides,
  });
}

export function startDinoApp(account: DinoAccount, options: DinoAppOptions = {}): DinoApp {
  return startConnectorApp(account, dinoConnector(options.connector), options);
}
