// MQTT 3.1.1 where the broker is older, and sign-in refusals in both versions. mosquitto speaks
// every version on each listener, so "an older broker" is mosquitto behind a front door that
// refuses MQTT 5 as 3.1.1-only brokers do (test/support/mqtt311-front.ts); `mqttVersion: "3.1.1"`
// talks 3.1.1 to mosquitto directly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RETAINED } from '../../../app/connectors/mqtt/mapper.js';
import type { MqttAccount } from '../../../app/core/settings/accounts.js';
import type { ConnectorApp } from '../../support/connector-app.js';
import { ManualClock } from '../../support/manual-clock.js';
import type { Mosquitto } from '../../support/mosquitto.js';
import { startMqtt311Front, type Mqtt311Front } from '../../support/mqtt311-front.js';
import { settle } from '../../support/settle.js';
import {
  connectPublisher,
  makeMqttAccount,
  startHomeBroker,
  startMqttApp,
  USER,
  type Publisher,
} from './mqtt-app.js';

const SHORT_BACKOFF = { initialMs: 20, minMs: 10, maxMs: 40 };
const HOUR_MS = 60 * 60 * 1000;

let broker: Mosquitto;
let front: Mqtt311Front;
let publisher: Publisher;
const apps: ConnectorApp<MqttAccount>[] = [];

beforeAll(async () => {
  broker = await startHomeBroker();
  front = await startMqtt311Front({ port: broker.port });
  publisher = await connectPublisher(broker);
});

afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop()));
  await publisher?.close();
  await front?.stop();
  await broker?.dispose();
});

function start(...args: Parameters<typeof startMqttApp>) {
  const app = startMqttApp(...args);
  apps.push(app);
  return app;
}

const history = (app: ConnectorApp<MqttAccount>) =>
  app.pipeline.history.list({ account: app.account.id });

describe('a broker that speaks MQTT 3.1.1 only', () => {
  it('is reached with 3.1.1 after it refuses 5, and says so beside the status', async () => {
    const before = front.refusedV5();
    const app = start(makeMqttAccount(front, { topics: ['home/old/#'] }));
    const status = await app.waitForState('online');
    expect(front.refusedV5()).toBe(before + 1);
    expect(status.details).toMatchObject({
      protocol: 'MQTT 3.1.1 (the broker does not speak MQTT 5)',
      'home/old/#': 'subscribed',
    });
    expect(app.logs).toContainEqual(
      expect.objectContaining({ message: 'the MQTT broker refused MQTT 5; using MQTT 3.1.1' }),
    );

    await publisher.publish('home/old/alarm', { message: 'water leak' });
    expect(await app.waitForSeen(1)).toEqual(['home/old/alarm — {"message":"water leak"}']);
  });

  it('keeps 3.1.1 for the reconnects that follow', async () => {
    const clock = new ManualClock(Date.now());
    const app = start(makeMqttAccount(front, { topics: ['home/again/#'] }), {
      clock,
      backoff: SHORT_BACKOFF,
    });
    await app.waitForState('online');
    const refused = front.refusedV5();
    await broker.restart();
    await app.waitForState('reconnecting');
    clock.advance(SHORT_BACKOFF.maxMs);
    await app.waitForState('online');
    expect(front.refusedV5()).toBe(refused);
    publisher = await connectPublisher(broker);
  });

  it('sends a retained message, which goes to history only', async () => {
    await publisher.publish('home/v3retained/alarm', 'armed', { retain: true });
    const app = start(makeMqttAccount(front, { topics: ['home/v3retained/+'] }));
    await app.waitForState('online');
    await app.waitFor(() => expect(history(app)).toHaveLength(1));
    expect(history(app)[0]?.reason).toBe(`history only: ${RETAINED}`);
    await publisher.publish('home/v3retained/alarm', 'tripped');
    expect(await app.waitForSeen(1)).toEqual(['home/v3retained/alarm — tripped']);
    await publisher.publish('home/v3retained/alarm', '', { retain: true });
  });

  it('holds what arrives while the app is away (a persistent 3.1.1 session)', async () => {
    const account = makeMqttAccount(broker, { topics: ['home/v3away/+'], mqttVersion: '3.1.1' });
    const first = start(account);
    expect((await first.waitForState('online')).details).toMatchObject({ protocol: 'MQTT 3.1.1' });
    await first.stop();
    for (let i = 0; i < 3; i++) await publisher.publish('home/v3away/alarm', `away ${i}`);
    const second = start(account);
    await second.waitForEmitted(3);
    expect(second.emitted.map((event) => event.body)).toEqual(['away 0', 'away 1', 'away 2']);
  });
});

describe('a wrong password', () => {
  it.each([
    ['MQTT 5', (a: Partial<MqttAccount>) => makeMqttAccount(broker, a)],
    [
      'MQTT 3.1.1',
      (a: Partial<MqttAccount>) => makeMqttAccount(broker, { ...a, mqttVersion: '3.1.1' }),
    ],
    ['MQTT 3.1.1 after the fallback', (a: Partial<MqttAccount>) => makeMqttAccount(front, a)],
  ])('is a sign-in failure, never retried (%s)', async (_label, make) => {
    const clock = new ManualClock(Date.now());
    const app = start(make({ auth: { username: USER, password: 'wrong' } }), {
      clock,
      backoff: SHORT_BACKOFF,
    });
    const status = await app.waitForState('auth-failed');
    expect(status.reason).toBe('not authorized: check the user name, password and client id');
    clock.advance(HOUR_MS);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await settle();
    expect(app.connects()).toBe(1);
    expect(app.status().state).toBe('auth-failed');
  });
});

it('MQTT 3.1.1: a message over 4 MB is dropped with a log line, and the next one arrives', async () => {
  const topic = 'home/huge/alarm';
  const app = start(makeMqttAccount(broker, { topics: [topic], mqttVersion: '3.1.1' }));
  await app.waitForState('online');
  await publisher.publish(topic, 'x'.repeat(5 * 1024 * 1024));
  await publisher.publish(topic, 'small');
  expect(await app.waitForSeen(1)).toEqual([`${topic} — small`]);
  expect(app.emitted).toHaveLength(1);
  expect(app.status().details?.['refused frames']).toBe('1 too large');
  expect(app.logs).toContainEqual(
    expect.objectContaining({ level: 'warn', message: 'MQTT broker frames refused' }),
  );
});
