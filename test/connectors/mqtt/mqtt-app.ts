// The app around one "any MQTT topic" account (see test/support/connector-app.ts): the real
// Supervisor driving the real MQTT connector, events into the real Pipeline, a recording sink.
import { mqttAccount, type MqttAccount } from '../../../app/core/settings/accounts.js';
import { mqttConnector, type MqttTuning } from '../../../app/connectors/mqtt/connector.js';
import {
  startConnectorApp,
  type ConnectorApp,
  type ConnectorAppOptions,
} from '../../support/connector-app.js';
import { startMosquitto, type Mosquitto } from '../../support/mosquitto.js';
import { connectMqttPublisher, type MqttPublisher } from '../../support/mqtt-publisher.js';

export const USER = 'sensor-reader';

/** A broker where USER may read `home/#` and `sensors/#`, and nothing else. */
export function startHomeBroker(): Promise<Mosquitto> {
  return startMosquitto({
    users: [USER],
    aclRules: ['pattern read home/#', 'pattern read sensors/#'],
  });
}

let accountCounter = 0;

export function makeMqttAccount(
  broker: { url: string },
  overrides: Partial<MqttAccount> = {},
): MqttAccount {
  return mqttAccount.parse({
    id: `mqtt-${++accountCounter}-${process.pid}`,
    type: 'mqtt',
    broker: broker.url,
    topics: ['home/+/alarm'],
    auth: { username: USER, password: `secret-${USER}` },
    ...overrides,
  });
}

export function startMqttApp(
  account: MqttAccount,
  options: Pick<ConnectorAppOptions, 'clock' | 'backoff' | 'settings' | 'persisted'> & {
    connector?: MqttTuning;
  } = {},
): ConnectorApp<MqttAccount> {
  return startConnectorApp(account, mqttConnector(options.connector), options);
}

export type Publisher = MqttPublisher;

/** Any program publishing to the broker: mqtt.js at QoS 1, so the broker has it when this resolves. */
export const connectPublisher = (broker: Mosquitto): Promise<Publisher> =>
  connectMqttPublisher(broker, 'home-publisher');
