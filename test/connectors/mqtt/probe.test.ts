// "Test connection" (and "Find topics") on a running "any MQTT topic" account, MQTT 5 and 3.1.1:
// the throwaway connection must not take the live one's persistent session over, nor receive
// and acknowledge what the live one is owed.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mqttConnector } from '../../../app/connectors/mqtt/connector.js';
import type { MqttAccount } from '../../../app/core/settings/accounts.js';
import { connectOnce, testConnection } from '../../../app/desktop/connection-test.js';
import { probeOptions } from '../../support/connection-probe.js';
import type { ConnectorApp } from '../../support/connector-app.js';
import type { Mosquitto } from '../../support/mosquitto.js';
import {
  connectPublisher,
  makeMqttAccount,
  startHomeBroker,
  startMqttApp,
  USER,
  type Publisher,
} from './mqtt-app.js';

const probing = probeOptions(mqttConnector());

let broker: Mosquitto;
let publisher: Publisher;

beforeAll(async () => {
  broker = await startHomeBroker();
  publisher = await connectPublisher(broker);
});

afterAll(async () => {
  await publisher?.close();
  await broker?.dispose();
});

const bodies = (app: ConnectorApp<MqttAccount>) => app.emitted.map((event) => event.body);

it.each([['5'], ['3.1.1']] as const)(
  'MQTT %s: the live account stays connected and gets every message once',
  async (mqttVersion) => {
    const topic = `home/probe${mqttVersion.replace(/\./g, '')}/alarm`;
    const account = makeMqttAccount(broker, { topics: [topic], mqttVersion });
    const app = startMqttApp(account);
    try {
      await app.waitForState('online');
      await publisher.publish(topic, 'before');
      await app.waitFor(() => expect(bodies(app)).toEqual(['before']));

      const probed = await connectOnce(account, probing, async () => {
        await publisher.publish(topic, 'during');
        await app.waitFor(() => expect(bodies(app)).toEqual(['before', 'during']), 5_000);
        return 'done';
      });
      expect(probed).toEqual({ ok: true, value: 'done' });
      expect(await testConnection(account, probing)).toMatchObject({ ok: true });

      await publisher.publish(topic, 'after');
      await app.waitFor(() => expect(bodies(app)).toEqual(['before', 'during', 'after']));
      expect(app.connects()).toBe(1);
      expect(app.statuses.map((status) => status.state)).not.toContain('reconnecting');
      expect(app.status().state).toBe('online');
    } finally {
      await app.stop();
    }
  },
);

it.each([['5'], ['3.1.1']] as const)(
  'MQTT %s: an account that is not running keeps its queued messages for later',
  async (mqttVersion) => {
    const topic = `home/queued${mqttVersion.replace(/\./g, '')}/alarm`;
    const account = makeMqttAccount(broker, { topics: [topic], mqttVersion });
    const first = startMqttApp(account);
    await first.waitForState('online');
    await first.stop();
    await publisher.publish(topic, 'queued');

    expect(await testConnection(account, probing)).toMatchObject({ ok: true });

    const later = startMqttApp(account);
    try {
      await later.waitFor(() => expect(bodies(later)).toEqual(['queued']));
    } finally {
      await later.stop();
    }
  },
);

it('still reports a wrong password as a sign-in failure', async () => {
  const account = makeMqttAccount(broker, {
    auth: { username: USER, password: 'not-the-password' },
  });
  const outcome = await testConnection(account, probing);
  expect(outcome.ok).toBe(false);
  expect(outcome.message).toMatch(/^Sign-in failed: not authorized/);
});
