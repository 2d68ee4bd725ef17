// The window's "Test connection" on a saved, running Dino account, through the controller with
// the real connectors and a real broker: the running account stays connected, and what is
// published before, during and after the test lands in history once. The form carries the
// stored password as the window sends it (empty: "keep the stored one") and a new name: an
// unchanged form would be answered by the running connection (test-connection-live.test.ts),
// and this is about a real probe beside it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDesktop, type DesktopHarness } from '../../support/electron-controller.js';
import { startMosquitto, type Mosquitto } from '../../support/mosquitto.js';
import { connectPublisher, type Publisher } from '../../connectors/dino/publisher.js';
import { relayedMessage } from '../../connectors/dino/fixtures.js';

const USER = '5201';
const GROUP = 'f6f6f6f6-0000-4000-8000-000000000006';
let broker: Mosquitto;
let publisher: Publisher;
let app: DesktopHarness | undefined;

beforeAll(async () => {
  broker = await startMosquitto({ users: [USER] });
  publisher = await connectPublisher(broker);
});

afterAll(async () => {
  await app?.stop();
  await publisher?.close();
  await broker?.dispose();
});

async function until(check: () => boolean, what: string): Promise<void> {
  for (let tries = 0; tries < 200; tries++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

it('Test connection leaves the running account connected, and loses no message', async () => {
  app = startDesktop();
  const controller = app.controller;
  const form = {
    id: 'chat',
    type: 'dino' as const,
    broker: broker.url,
    userId: USER,
    topic: broker.topicFor(USER),
    auth: { username: USER, password: broker.passwordFor(USER) },
  };
  expect(await controller.saveAccount(form)).toEqual({ ok: true });
  const state = () => controller.snapshot().accounts[0]?.state;
  await until(() => state() === 'online', 'the account to be online');
  const since = controller.snapshot().accounts[0]?.statusText;
  const texts = () => controller.listHistory({ account: 'chat' }).entries.map((e) => e.body);
  const publish = (text: string) =>
    publisher.publish(
      broker.topicFor(USER),
      relayedMessage({ groupId: GROUP, sender: '42', messageId: text, text }),
    );

  await publish('before');
  await until(() => texts().length === 1, 'the first message');
  const testing = controller.testConnection(
    { ...form, name: 'Chat, renamed', auth: { username: USER, password: '' } },
    'chat',
  );
  await publish('during');
  const outcome = await testing;
  expect(outcome).toMatchObject({ ok: true });
  expect(outcome.message).not.toContain('running connection');
  // What was checked, in a Dino user's words, the topic kept beside them.
  expect(outcome.message).toBe(
    `Connected and signed in (Direct messages (${broker.topicFor(USER)}): ready).`,
  );
  await publish('after');
  await until(() => texts().length >= 3, 'three messages');

  expect(texts().sort()).toEqual(['after', 'before', 'during']);
  expect(state()).toBe('online');
  // Still the same connection: the status did not start over with a reconnect.
  expect(controller.snapshot().accounts[0]?.statusText).toBe(since);
  expect(app.readFile('tidings.log')).not.toMatch(/session taken over|reconnecting/);
});
