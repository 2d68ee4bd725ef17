// The PUBACK waits for the commit: what the app has not kept, the broker still has and sends again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMosquitto, type Mosquitto } from '../../support/mosquitto.js';
import { makeDinoAccount, startDinoApp } from './dino-app.js';
import { relayedMessage } from './fixtures.js';
import { connectPublisher } from './publisher.js';

const USER = '3001';
const GROUP = 'd4d4d4d4-0000-4000-8000-000000000004';
let broker: Mosquitto;

beforeAll(async () => {
  broker = await startMosquitto({ users: [USER] });
});

afterAll(async () => {
  await broker?.dispose();
});

const ids = (app: ReturnType<typeof startDinoApp>) => app.emitted.map((event) => event.id);

describe('Dino acknowledgements', () => {
  it('sends the PUBACK only once the event is committed', async () => {
    const account = makeDinoAccount(broker, USER, { topic: broker.topicFor(USER) });
    // A commit that never comes (the process dies first): no PUBACK leaves.
    const crashed = startDinoApp(account, { persisted: () => new Promise<void>(() => {}) });
    await crashed.waitForState('online');
    const publisher = await connectPublisher(broker);
    await publisher.publish(
      broker.topicFor(USER),
      relayedMessage({ groupId: GROUP, sender: '42', messageId: 'kept-1', text: 'keep me' }),
    );
    await publisher.close();
    await crashed.waitFor(() => expect(ids(crashed)).toEqual(['kept-1']));
    await crashed.stop();

    // The broker had no PUBACK, so it sends the message again; this time the commit comes.
    const restarted = startDinoApp(account, { persisted: () => Promise.resolve() });
    await restarted.waitFor(() => expect(ids(restarted)).toEqual(['kept-1']));
    await restarted.stop();

    // Acknowledged after that commit: nothing left to send.
    const again = startDinoApp(account);
    await again.waitForState('online');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(ids(again)).toEqual([]);
    await again.stop();
  });
});
