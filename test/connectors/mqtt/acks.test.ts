// The PUBACK waits for the commit, in MQTT 5 (customHandleAcks) and 3.1.1 (handleMessage): what
// the app has not kept, the broker still has and sends again.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MqttAccount } from '../../../app/core/settings/accounts.js';
import type { ConnectorApp } from '../../support/connector-app.js';
import type { Mosquitto } from '../../support/mosquitto.js';
import { connectPublisher, makeMqttAccount, startHomeBroker, startMqttApp } from './mqtt-app.js';

let broker: Mosquitto;

beforeAll(async () => {
  broker = await startHomeBroker();
});

afterAll(async () => {
  await broker?.dispose();
});

const bodies = (app: ConnectorApp<MqttAccount>) => app.emitted.map((event) => event.body);

it.each([['5'], ['3.1.1']] as const)(
  'MQTT %s: the PUBACK leaves only once the message is committed',
  async (mqttVersion) => {
    const topic = `home/acks${mqttVersion.replace(/\./g, '')}/alarm`;
    const account = makeMqttAccount(broker, { topics: [topic], mqttVersion });
    // A commit that never comes (the process dies first): no PUBACK leaves.
    const crashed = startMqttApp(account, { persisted: () => new Promise<void>(() => {}) });
    await crashed.waitForState('online');
    const publisher = await connectPublisher(broker);
    await publisher.publish(topic, 'keep me');
    await publisher.close();
    await crashed.waitFor(() => expect(bodies(crashed)).toEqual(['keep me']));
    await crashed.stop();

    // The broker had no PUBACK, so it sends the message again; this time the commit comes.
    const restarted = startMqttApp(account, { persisted: () => Promise.resolve() });
    await restarted.waitFor(() => expect(bodies(restarted)).toEqual(['keep me']));
    await restarted.stop();

    // Acknowledged after that commit: nothing left to send.
    const again = startMqttApp(account);
    await again.waitForState('online');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(bodies(again)).toEqual([]);
    await again.stop();
  },
);
