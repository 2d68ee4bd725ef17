// Events published while the app is away arrive when it returns: the broker keeps the session
// (same client id, Clean Start off, a session expiry) and queues QoS 1 messages for it, also
// across a broker restart (persistence on).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DinoAccount } from '../../../app/core/settings/accounts.js';
import { startMosquitto, type Mosquitto } from '../../support/mosquitto.js';
import { makeDinoAccount, startDinoApp, type DinoApp } from './dino-app.js';
import { relayedMessage } from './fixtures.js';
import { connectPublisher } from './publisher.js';

let broker: Mosquitto;
const apps: DinoApp[] = [];

beforeAll(async () => {
  broker = await startMosquitto({ users: ['2001', '2002', '2003'] });
});

afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop()));
  const pid = broker?.pid;
  await broker?.dispose();
  if (pid !== undefined) expect(() => process.kill(pid, 0)).toThrow();
});

async function online(
  account: DinoAccount,
  backoff?: { initialMs: number; minMs: number; maxMs: number },
) {
  const app = startDinoApp(account, backoff ? { backoff } : {});
  apps.push(app);
  await app.waitForState('online');
  return app;
}

const GROUPS = [
  'a1a1a1a1-0000-4000-8000-000000000001',
  'b2b2b2b2-0000-4000-8000-000000000002',
  'c3c3c3c3-0000-4000-8000-000000000003',
];

/** Ten QoS 1 messages over three groups (4, 3, 3), each acknowledged by the broker. */
async function publishTen(user: string, tag: string): Promise<string[]> {
  const publisher = await connectPublisher(broker);
  const ids: string[] = [];
  try {
    for (let i = 0; i < 10; i++) {
      const id = `${tag}-${i}`;
      ids.push(id);
      await publisher.publish(
        broker.topicFor(user),
        relayedMessage({
          groupId: GROUPS[i % 3]!,
          sender: '42',
          senderName: 'alice',
          messageId: id,
          text: `message ${i}`,
        }),
      );
    }
  } finally {
    await publisher.close();
  }
  return ids;
}

/** All ten arrived, none twice, one notification per group with everything folded into it. */
function expectAllTen(app: DinoApp, ids: string[]): void {
  expect(app.emitted.map((e) => e.id).sort()).toEqual([...ids].sort());
  const history = app.pipeline.history.list({ account: app.account.id });
  expect(history.map((h) => h.event.id).sort()).toEqual([...ids].sort());
  expect(history.every((h) => h.decision === 'shown')).toBe(true);
  expect(app.sink.shown).toHaveLength(3);
  const counts = Object.fromEntries(app.pipeline.shown().map((n) => [n.room.id, n.count]));
  expect(counts).toEqual({ [GROUPS[0]!]: 4, [GROUPS[1]!]: 3, [GROUPS[2]!]: 3 });
}

describe('while the app is away', () => {
  it('10 events published while it is stopped all arrive when it starts again', async () => {
    const account = makeDinoAccount(broker, '2001');
    const first = await online(account);
    await first.stop();

    const ids = await publishTen('2001', 'away');

    const again = await online(account);
    await again.waitForEmitted(10);
    expectAllTen(again, ids);
    expect(first.emitted).toHaveLength(0);
  });

  it('and after the broker restarted in between (persistence on)', async () => {
    const account = makeDinoAccount(broker, '2002');
    const first = await online(account);
    await first.stop();

    const ids = await publishTen('2002', 'restart');
    const port = broker.port;
    await broker.restart();
    expect(broker.port).toBe(port);

    const again = await online(account);
    await again.waitForEmitted(10);
    expectAllTen(again, ids);
  });
});

describe('a broker restart under a running app', () => {
  it('reports the loss, reconnects with our backoff, and the session goes on', async () => {
    const account = makeDinoAccount(broker, '2003');
    const app = await online(account, { initialMs: 50, minMs: 20, maxMs: 200 });
    const connectsBefore = app.connects();

    await broker.stop();
    await app.waitForState('reconnecting');
    expect(app.logs).toContainEqual(
      expect.objectContaining({ level: 'warn', message: 'connection lost' }),
    );
    const publishedWhileDown = broker.start().then(() => publishTen('2003', 'after-restart'));

    const ids = await publishedWhileDown;
    await app.waitForState('online');
    await app.waitForEmitted(10);
    expect(app.connects()).toBeGreaterThan(connectsBefore);
    expectAllTen(app, ids);
  });
});
