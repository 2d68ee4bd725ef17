// Any MQTT topic against a real mosquitto: templates over the topic and a JSON or text payload,
// bursts folded per topic filter, retained messages kept in history only, and the persistent
// session holding what is published while the app is away or the broker restarts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RETAINED } from '../../../app/connectors/mqtt/mapper.js';
import type { MqttAccount } from '../../../app/core/settings/accounts.js';
import type { ConnectorApp } from '../../support/connector-app.js';
import { ManualClock } from '../../support/manual-clock.js';
import type { Mosquitto } from '../../support/mosquitto.js';
import {
  connectPublisher,
  makeMqttAccount,
  startHomeBroker,
  startMqttApp,
  type Publisher,
} from './mqtt-app.js';

let broker: Mosquitto;
let publisher: Publisher;
const apps: ConnectorApp<MqttAccount>[] = [];

beforeAll(async () => {
  broker = await startHomeBroker();
  publisher = await connectPublisher(broker);
});

afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop()));
  await publisher?.close();
  await broker?.dispose();
});

async function online(account: MqttAccount, options: Parameters<typeof startMqttApp>[1] = {}) {
  const app = startMqttApp(account, options);
  apps.push(app);
  await app.waitForState('online');
  return app;
}

const history = (app: ConnectorApp<MqttAccount>) =>
  app.pipeline.history.list({ account: app.account.id });

it('a JSON payload shows through the title, body and link templates', async () => {
  const app = await online(
    makeMqttAccount(broker, {
      title: '{{payload.room}} alarm',
      body: '{{payload.message}} ({{topic}})',
      link: 'https://home.example.com/rooms/{{payload.room}}',
    }),
  );
  expect(app.status().details).toMatchObject({ protocol: 'MQTT 5', 'home/+/alarm': 'subscribed' });

  await publisher.publish('home/kitchen/alarm', { room: 'kitchen', message: 'smoke detected' });

  expect(await app.waitForSeen(1)).toEqual(['kitchen alarm — smoke detected (home/kitchen/alarm)']);
  expect(app.sink.shown[0]?.url).toBe('https://home.example.com/rooms/kitchen');
});

it('a text payload shows as it is, titled by its topic, when no template is set', async () => {
  const app = await online(makeMqttAccount(broker, { topics: ['sensors/#'] }));
  await publisher.publish('sensors/hall/door', 'door open');
  expect(await app.waitForSeen(1)).toEqual(['sensors/hall/door — door open']);
  // Topics outside the filters never arrive: the broker sends only what was subscribed.
  await publisher.publish('home/hall/alarm', 'not for this account');
  await publisher.publish('sensors/hall/door', 'door closed');
  await app.waitForEmitted(2);
  expect(app.emitted.map((event) => event.body)).toEqual(['door open', 'door closed']);
});

it('offers its topic filters to the room pickers before anything arrived', async () => {
  const app = await online(makeMqttAccount(broker, { topics: ['home/+/alarm', 'sensors/#'] }));
  const rooms = await app.supervisor.connector(app.account.id)?.listRooms?.();
  expect(rooms?.map((room) => room.name)).toEqual(['home/+/alarm', 'sensors/#']);
});

describe('a burst', () => {
  it('folds into one notification per topic filter, every message in history', async () => {
    const app = await online(makeMqttAccount(broker, { topics: ['home/+/alarm'] }));
    for (let i = 0; i < 20; i++) await publisher.publish(`home/room${i % 4}/alarm`, `alarm ${i}`);
    await app.waitForEmitted(20);
    await app.waitFor(() => expect(history(app)).toHaveLength(20));
    expect(app.sink.shown).toHaveLength(1);
    expect(app.pipeline.shown()).toMatchObject([{ room: { id: 'home/+/alarm' }, count: 20 }]);
  });

  it('with room "topic", folds per topic instead', async () => {
    const app = await online(makeMqttAccount(broker, { topics: ['home/+/alarm'], room: 'topic' }));
    for (let i = 0; i < 8; i++) await publisher.publish(`home/floor${i % 2}/alarm`, `alarm ${i}`);
    await app.waitForEmitted(8);
    await app.waitFor(() => expect(app.sink.shown).toHaveLength(2));
    expect(app.sink.shown.map((n) => n.title).sort()).toEqual([
      'home/floor0/alarm',
      'home/floor1/alarm',
    ]);
  });

  it('of the same reading twice is two events, not one dropped as a duplicate', async () => {
    const app = await online(makeMqttAccount(broker, { topics: ['home/twice/alarm'] }));
    await publisher.publish('home/twice/alarm', 'ON');
    await publisher.publish('home/twice/alarm', 'ON');
    await app.waitFor(() => expect(history(app)).toHaveLength(2));
  });
});

it('a retained message goes to history only; live ones after it show', async () => {
  await publisher.publish('home/garage/alarm', 'last known: armed', { retain: true });
  const app = await online(makeMqttAccount(broker, { topics: ['home/garage/alarm'] }));
  await app.waitFor(() => expect(history(app)).toHaveLength(1));
  expect(history(app)[0]).toMatchObject({
    decision: 'history only',
    reason: `history only: ${RETAINED}`,
  });
  expect(app.sink.shown).toHaveLength(0);

  await publisher.publish('home/garage/alarm', 'door forced');
  expect(await app.waitForSeen(1)).toEqual(['home/garage/alarm — door forced']);
  await publisher.publish('home/garage/alarm', '', { retain: true });
});

describe('the persistent session', () => {
  it('delivers what was published while the app was away, each message once', async () => {
    const account = makeMqttAccount(broker, { topics: ['home/away/+'] });
    const first = await online(account);
    await publisher.publish('home/away/alarm', 'before');
    await first.waitForSeen(1);
    await first.stop();

    for (let i = 0; i < 5; i++) await publisher.publish('home/away/alarm', `while away ${i}`);
    const second = await online(account);
    await second.waitForEmitted(5);
    expect(second.emitted.map((event) => event.body)).toEqual(
      [0, 1, 2, 3, 4].map((i) => `while away ${i}`),
    );
    expect(new Set(second.emitted.map((event) => event.id)).size).toBe(5);
  });

  it('keeps messages published after a broker restart, before the app is back', async () => {
    const clock = new ManualClock(Date.now());
    const account = makeMqttAccount(broker, { topics: ['home/restart/+'] });
    const app = await online(account, { clock, backoff: { initialMs: 50, minMs: 50, maxMs: 50 } });
    await publisher.publish('home/restart/alarm', 'before the restart');
    await app.waitForSeen(1);

    await broker.stop();
    await app.waitForState('reconnecting');
    await broker.start();
    const after = await connectPublisher(broker);
    try {
      for (let i = 0; i < 3; i++) await after.publish('home/restart/alarm', `while down ${i}`);
    } finally {
      await after.close();
    }
    // The app comes back only now: what arrived meanwhile waited in its session on the broker.
    clock.advance(1_000);
    await app.waitForState('online');
    await app.waitForEmitted(4);
    expect(app.emitted.map((event) => event.body)).toEqual([
      'before the restart',
      'while down 0',
      'while down 1',
      'while down 2',
    ]);
    publisher = await reconnectPublisher();
  });
});

/** The shared publisher's connection died with the broker restart. */
async function reconnectPublisher(): Promise<Publisher> {
  await publisher.close().catch(() => {});
  return connectPublisher(broker);
}

it('MQTT 5: the broker holds back a message over 4 MB (our maximum packet size); the next arrives', async () => {
  const app = await online(makeMqttAccount(broker, { topics: ['home/big/alarm'] }));
  await publisher.publish('home/big/alarm', 'x'.repeat(5 * 1024 * 1024));
  await publisher.publish('home/big/alarm', 'small');
  expect(await app.waitForSeen(1)).toEqual(['home/big/alarm — small']);
  expect(app.emitted).toHaveLength(1);
  expect(app.status().state).toBe('online');
});
