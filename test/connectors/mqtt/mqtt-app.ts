// The app around one "any MQTT topic" account (see test/support/connector-app.ts): the real
// Supervisor driving the real MQTT connector, events into the real Pipeline, a recording sink.
import { connectAsync, type IClientPublishOptions, type MqttClient } from 'mqtt';
import { mqttAccount, type MqttAccount } from '../../../app/core/settings/accounts.js';
import { mqttConnector, type MqttTuning } from '../../../app/connectors/mqtt/connector.js';
import {
  startConnectorApp,
  type ConnectorApp,
  type ConnectorAppOptions,
} from '../../support/connector-app.js';
import { startMosquitto, type Mosquitto } from '../../support/mosquitto.js';

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

export interface Publisher {
  publish(topic: string, payload: string | object, options?: IClientPublishOptions): Promise<void>;
  close(): Promise<void>;
}

let publisherCounter = 0;

/** Any program publishing to the broker: mqtt.js at QoS 1, so the broker has it when this resolves. */
export async function connectPublisher(broker: Mosquitto): Promise<Publisher> {
  const client: MqttClient = await connectAsync(broker.url, {
    protocolVersion: 5,
    clientId: `home-publisher-${process.pid}-${++publisherCounter}`,
    username: broker.publisher.username,
    password: broker.publisher.password,
    reconnectPeriod: 0,
  });
  return {
    publish: async (topic, payload, options = {}) => {
      const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
      await client.publishAsync(topic, body, { qos: 1, ...options });
    },
    close: () => client.endAsync(),
  };
}
