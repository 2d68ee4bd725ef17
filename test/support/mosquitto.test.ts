// The mosquitto harness itself, and the broker behaviour the Dino tests rely on.
import { existsSync } from 'node:fs';
import { connectAsync, type IClientOptions, type MqttClient } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { startMosquitto, type Mosquitto } from './mosquitto.js';

const started: Mosquitto[] = [];
const clients: MqttClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.endAsync(true)));
  await Promise.all(started.splice(0).map((b) => b.dispose()));
});

async function broker(...args: Parameters<typeof startMosquitto>) {
  const b = await startMosquitto(...args);
  started.push(b);
  return b;
}

async function login(b: Mosquitto, user: string, extra: IClientOptions = {}) {
  const client = await connectAsync(b.url, {
    protocolVersion: 5,
    username: user,
    password: user === b.publisher.username ? b.publisher.password : b.passwordFor(user),
    reconnectPeriod: 0,
    ...extra,
  });
  clients.push(client);
  return client;
}

/** The reason code the broker granted or refused with. */
async function subscribeCode(client: MqttClient, topic: string): Promise<number | undefined> {
  return client.subscribeAsync(topic, { qos: 1 }).then(
    (granted) => granted[0]?.qos,
    (error: { packet?: { granted: number[] } }) => error.packet?.granted[0],
  );
}

describe('startMosquitto', () => {
  it('acl_file mode: a forbidden subscription is granted, and nothing is delivered on it', async () => {
    const b = await broker({ users: ['1', '2'] });
    const one = await login(b, '1');
    expect(await subscribeCode(one, 'dms/test/1')).toBe(1);
    expect(await subscribeCode(one, 'dms/test/2')).toBe(1);
    const received: string[] = [];
    one.on('message', (topic) => received.push(topic));
    const publisher = await login(b, b.publisher.username);
    await publisher.publishAsync('dms/test/2', 'not for 1', { qos: 1 });
    await publisher.publishAsync('dms/test/1', 'for 1', { qos: 1 });
    await expect.poll(() => received).toEqual(['dms/test/1']);
  });

  it('subscribe mode: a forbidden subscription is refused with 0x87, as on VerneMQ', async () => {
    const b = await broker({ users: ['1'], access: 'subscribe', sharedTopics: ['dms/test/irc'] });
    const one = await login(b, '1');
    expect(await subscribeCode(one, 'dms/test/1')).toBe(1);
    expect(await subscribeCode(one, 'dms/test/irc')).toBe(1);
    expect(await subscribeCode(one, 'dms/test/2')).toBe(0x87);
  });

  it('restarts on the same ports, keeping sessions; dispose leaves nothing behind', async () => {
    const b = await broker({ users: ['1'] });
    const { port, wsPort, dir } = b;
    const session = { clientId: 'kept', clean: false, properties: { sessionExpiryInterval: 300 } };
    const first = await login(b, '1', session);
    await first.subscribeAsync('dms/test/1', { qos: 1 });
    await first.endAsync();
    const pid = b.pid;
    await b.restart();
    expect([b.port, b.wsPort]).toEqual([port, wsPort]);
    expect(b.pid).not.toBe(pid);
    const again = await login(b, '1', session);
    const received: string[] = [];
    again.on('message', (_topic, payload) => received.push(payload.toString()));
    const publisher = await login(b, b.publisher.username);
    // No new SUBSCRIBE: the subscription came back with the session.
    await publisher.publishAsync('dms/test/1', 'still subscribed', { qos: 1 });
    await expect.poll(() => received).toEqual(['still subscribed']);

    const last = b.pid!;
    await b.dispose();
    started.splice(started.indexOf(b), 1);
    expect(() => process.kill(last, 0)).toThrow();
    expect(existsSync(dir)).toBe(false);
  });
});
