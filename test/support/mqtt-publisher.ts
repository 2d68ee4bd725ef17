// Any program publishing to the test broker: a real mqtt.js client logged in as the publisher,
// QoS 1 unless told, so the broker has the message when `publish` resolves.
import { connectAsync, type IClientPublishOptions, type MqttClient } from 'mqtt';
import type { Mosquitto } from './mosquitto.js';

export interface MqttPublisher {
  publish(topic: string, payload: object | string, options?: IClientPublishOptions): Promise<void>;
  close(): Promise<void>;
}

let publisherCounter = 0;

export async function connectMqttPublisher(
  broker: Mosquitto,
  name = 'publisher',
): Promise<MqttPublisher> {
  const client: MqttClient = await connectAsync(broker.url, {
    protocolVersion: 5,
    clientId: `${name}-${process.pid}-${++publisherCounter}`,
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
