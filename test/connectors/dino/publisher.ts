// Publishes test events the way Dino does: a real mqtt.js client logged in as the publisher.
import type { Mosquitto } from '../../support/mosquitto.js';
import { connectMqttPublisher } from '../../support/mqtt-publisher.js';

export interface Publisher {
  /**
   * QoS 1 (the default) waits for the broker's PUBACK, so the event is stored before the test
   * goes on. Dino itself publishes QoS 0 with a message expiry of about 10 s: pass `dino: true`.
   */
  publish(topic: string, payload: object | string, options?: { dino?: boolean }): Promise<void>;
  close(): Promise<void>;
}

export async function connectPublisher(broker: Mosquitto): Promise<Publisher> {
  const client = await connectMqttPublisher(broker, 'dino-publisher');
  return {
    publish: (topic, payload, options = {}) =>
      client.publish(
        topic,
        payload,
        options.dino ? { qos: 0, properties: { messageExpiryInterval: 10 } } : { qos: 1 },
      ),
    close: () => client.close(),
  };
}
