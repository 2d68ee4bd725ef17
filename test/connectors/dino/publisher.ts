// Publishes test events the way Dino does: a real mqtt.js client logged in as the publisher.
import { connectAsync, type MqttClient } from 'mqtt';
import type { Mosquitto } from '../../support/mosquitto.js';

export interface Publisher {
  /**
   * QoS 1 (the default) waits for the broker's PUBACK, so the event is stored before the test
   * goes on. Dino itself publishes QoS 0 with a message expiry of about 10 s: pass `dino: true`.
   */
  publish(topic: string, payload: object | string, options?: { dino?: boolean }): Promise<void>;
  close(): Promise<void>;
}

let publisherCounter = 0;

export async function connectPublisher(broker: Mosquitto): Promise<Publisher> {
  const client: MqttClient = await connectAsync(broker.url, {
    protocolVersion: 5,
    clientId: `dino-publisher-${process.pid}-${++publisherCounter}`,
    username: broker.publisher.username,
    password: broker.publisher.password,
    reconnectPeriod: 0,
  });
  return {
    publish: async (topic, payload, options = {}) => {
      const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
      await client.publishAsync(
        topic,
        body,
        options.dino ? { qos: 0, properties: { messageExpiryInterval: 10 } } : { qos: 1 },
      );
    },
    close: () => client.endAsync(),
  };
}
