// Refusals the user must act on: a wrong password stops for good (no retry loop), a forbidden
// topic is shown beside the account's status and logged.
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMosquitto, type Mosquitto } from '../../support/mosquitto.js';
import { ManualClock } from '../../support/manual-clock.js';
import { settle } from '../../support/settle.js';
import { makeDinoAccount, startDinoApp, type DinoApp } from './dino-app.js';
import { connectPublisher } from './publisher.js';

const USER = '4001';
const SHORT_BACKOFF = { initialMs: 20, minMs: 10, maxMs: 40 };
const HOUR_MS = 60 * 60 * 1000;

/** Password file and acl_file, as configured by default. */
let fileBroker: Mosquitto;
/** The dynamic-security plugin: refuses forbidden subscriptions in SUBACK, as VerneMQ does. */
let subscribeBroker: Mosquitto;
const apps: DinoApp[] = [];

beforeAll(async () => {
  [fileBroker, subscribeBroker] = await Promise.all([
    startMosquitto({ users: [USER] }),
    startMosquitto({ users: [USER], access: 'subscribe' }),
  ]);
});

afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop()));
  for (const broker of [fileBroker, subscribeBroker]) {
    const pid = broker?.pid;
    await broker?.dispose();
    if (pid !== undefined) expect(() => process.kill(pid, 0)).toThrow();
  }
});

function start(...args: Parameters<typeof startDinoApp>): DinoApp {
  const app = startDinoApp(...args);
  apps.push(app);
  return app;
}

/** Lets real time pass, for anything that might still try to connect. */
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a wrong password', () => {
  it.each([
    ['password file', () => fileBroker],
    ['dynamic security', () => subscribeBroker],
  ])('is auth-failed with the reason, and never retried (%s)', async (_label, broker) => {
    const clock = new ManualClock(Date.now());
    const account = makeDinoAccount(broker(), USER, {
      auth: { username: USER, password: 'not-the-password' },
    });
    const app = start(account, { clock, backoff: SHORT_BACKOFF });

    const status = await app.waitForState('auth-failed');
    // mosquitto 2.0 answers a bad password with 0x87 "not authorized", not 0x86.
    expect(status.reason).toBe('not authorized: check the user name, password and client id');
    expect(app.logs).toContainEqual(
      expect.objectContaining({ level: 'warn', message: 'sign-in failed' }),
    );

    // An hour of backoff time and some real time: nothing tries again.
    clock.advance(HOUR_MS);
    await pause(200);
    await settle();
    expect(app.connects()).toBe(1);
    expect(clock.pendingTimers).toBe(0);
    expect(app.status().state).toBe('auth-failed');
  });

  it('while an unreachable broker is retried with the same backoff (the control case)', async () => {
    const port = await closedPort();
    const clock = new ManualClock(Date.now());
    const account = makeDinoAccount(fileBroker, USER, { broker: `mqtt://127.0.0.1:${port}` });
    const app = start(account, { clock, backoff: SHORT_BACKOFF });

    const status = await app.waitForState('reconnecting');
    expect(status.reason).toBe(`Can't reach 127.0.0.1: nothing answers on port ${port}`);
    expect(status.error).toContain('ECONNREFUSED');
    clock.advance(SHORT_BACKOFF.maxMs);
    await app.waitForState('reconnecting');
    await expect.poll(() => app.connects()).toBeGreaterThanOrEqual(2);
  });
});

describe('topics the broker refuses', () => {
  it("the user's own topic: auth-failed, shown beside the status and logged", async () => {
    const clock = new ManualClock(Date.now());
    const account = makeDinoAccount(subscribeBroker, USER, { topic: 'dms/test/9999' });
    const app = start(account, { clock, backoff: SHORT_BACKOFF });

    const status = await app.waitForState('auth-failed');
    expect(status.reason).toBe('not authorized to read dms/test/9999');
    expect(status.details).toEqual({ 'dms/test/9999': 'refused: not authorized' });
    expect(app.logs).toContainEqual({
      level: 'warn',
      message: 'Dino topic refused',
      fields: { account: account.id, topic: 'dms/test/9999', reason: 'not authorized' },
    });
    clock.advance(HOUR_MS);
    await settle();
    expect(app.connects()).toBe(1);
  });

  it('an extra shared topic: online on the own topic, the refusal shown and logged', async () => {
    const account = makeDinoAccount(subscribeBroker, USER, { topics: ['dms/test/chatops'] });
    const app = start(account);
    const own = subscribeBroker.topicFor(USER);

    const status = await app.waitForState('online');
    expect(status.details).toEqual({
      [own]: 'subscribed',
      'dms/test/chatops': 'refused: not authorized',
    });
    expect(app.logs).toContainEqual(
      expect.objectContaining({ level: 'warn', message: 'Dino topic refused' }),
    );

    const publisher = await connectPublisher(subscribeBroker);
    try {
      await publisher.publish(own, {
        event_type: 'message',
        group_id: 'g',
        sender_id: '42',
        message_id: 'x',
        message_payload: 'still here',
        created_at: Date.now(),
      });
      await app.waitForEmitted(1);
      expect(app.sink.shown).toMatchObject([{ body: 'still here' }]);
    } finally {
      await publisher.close();
    }
  });
});

/** A loopback port nobody listens on. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
