// "Test connection" (and "Find rooms") on a running Dino account: the throwaway connection must
// not take the live one's persistent session over, nor receive and acknowledge what the live one
// is owed. Before the probe had its own client id and a clean start, it kicked the live account
// off and acknowledged the messages published meanwhile while dropping them: lost for good.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dinoConnector } from '../../../app/connectors/dino/connector.js';
import { connectOnce, testConnection } from '../../../app/desktop/connection-test.js';
import { probeOptions } from '../../support/connection-probe.js';
import { startMosquitto, type Mosquitto } from '../../support/mosquitto.js';
import { makeDinoAccount, startDinoApp, type DinoApp } from './dino-app.js';
import { relayedMessage } from './fixtures.js';
import { connectPublisher, type Publisher } from './publisher.js';

const USER = '5101';
const GROUP = 'e5e5e5e5-0000-4000-8000-000000000005';
const probing = probeOptions(dinoConnector());

let broker: Mosquitto;
/** Refuses a forbidden SUBSCRIBE in the SUBACK, as VerneMQ does. */
let subscribeBroker: Mosquitto;
let publisher: Publisher;

beforeAll(async () => {
  [broker, subscribeBroker] = await Promise.all([
    startMosquitto({ users: [USER] }),
    startMosquitto({ users: [USER], access: 'subscribe' }),
  ]);
  publisher = await connectPublisher(broker);
});

afterAll(async () => {
  await publisher?.close();
  await Promise.all([broker?.dispose(), subscribeBroker?.dispose()]);
});

const publish = (messageId: string) =>
  publisher.publish(
    broker.topicFor(USER),
    relayedMessage({ groupId: GROUP, sender: '42', messageId, text: messageId }),
  );

const ids = (app: DinoApp) => app.emitted.map((event) => event.id);

it('leaves the live account connected and every message reaches it once', async () => {
  const account = makeDinoAccount(broker, USER, { topic: broker.topicFor(USER) });
  const app = startDinoApp(account);
  try {
    await app.waitForState('online');
    await publish('before');
    await app.waitFor(() => expect(ids(app)).toEqual(['before']));

    const probed = await connectOnce(account, probing, async () => {
      // While the probe is connected, the live account still gets what is published.
      await publish('during');
      await app.waitFor(() => expect(ids(app)).toEqual(['before', 'during']), 5_000);
      return 'listed';
    });
    expect(probed).toEqual({ ok: true, value: 'listed' });
    expect(await testConnection(account, probing)).toMatchObject({ ok: true });

    await publish('after');
    await app.waitFor(() => expect(ids(app)).toEqual(['before', 'during', 'after']));
    expect(app.connects()).toBe(1);
    expect(app.statuses.map((status) => status.state)).not.toContain('reconnecting');
    expect(app.status().state).toBe('online');
  } finally {
    await app.stop();
  }
});

it('leaves an account that is not running its queued messages for later', async () => {
  const account = makeDinoAccount(broker, USER, { topic: broker.topicFor(USER) });
  // The account's session exists on the broker (it ran once), then the app is away.
  const first = startDinoApp(account);
  await first.waitForState('online');
  await first.stop();
  await publish('queued');

  expect(await testConnection(account, probing)).toMatchObject({ ok: true });

  const later = startDinoApp(account);
  try {
    await later.waitFor(() => expect(ids(later)).toEqual(['queued']));
  } finally {
    await later.stop();
  }
});

it('still reports a wrong password as a sign-in failure', async () => {
  const account = makeDinoAccount(broker, USER, {
    auth: { username: USER, password: 'not-the-password' },
  });
  const outcome = await testConnection(account, probing);
  expect(outcome).toEqual({
    ok: false,
    message: 'Sign-in failed: not authorized: check the user name, password and client id',
  });
});

it('still checks that the broker lets the account read its topic', async () => {
  const allowed = makeDinoAccount(subscribeBroker, USER);
  expect(await testConnection(allowed, probing)).toMatchObject({ ok: true });
  const forbidden = makeDinoAccount(subscribeBroker, USER, { topic: 'dms/test/someone-else' });
  const outcome = await testConnection(forbidden, probing);
  expect(outcome.ok).toBe(false);
  expect(outcome.message).toContain('not authorized to read dms/test/someone-else');
});
