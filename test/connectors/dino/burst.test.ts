// A burst: 5,000 messages over 20 groups, published as fast as one client can, as Dino does
// (QoS 0 upgraded by the broker). Everything reaches history; each group shows one notification
// that is updated, never a stack. No timing assertions: the machine's speed is not under test.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMosquitto, type Mosquitto } from '../../support/mosquitto.js';
import { makeDinoAccount, startDinoApp, type DinoApp } from './dino-app.js';
import { relayedMessage } from './fixtures.js';
import { connectPublisher } from './publisher.js';

const USER = '3001';
const MESSAGES = 5_000;
const GROUPS = 20;
const SLICE = 250;

let broker: Mosquitto;
let app: DinoApp | undefined;

beforeAll(async () => {
  broker = await startMosquitto({ users: [USER] });
});

afterAll(async () => {
  await app?.stop();
  const pid = broker?.pid;
  await broker?.dispose();
  if (pid !== undefined) expect(() => process.kill(pid, 0)).toThrow();
});

it('5,000 messages over 20 groups: all in history, one notification per group', async () => {
  const account = makeDinoAccount(broker, USER);
  app = startDinoApp(account);
  await app.waitForState('online');

  const groupId = (g: number) => `00000000-0000-4000-8000-${String(g).padStart(12, '0')}`;
  const publisher = await connectPublisher(broker);
  try {
    // In slices, so one socket does not collect thousands of 'drain' listeners at once.
    for (let start = 0; start < MESSAGES; start += SLICE) {
      const slice: Promise<void>[] = [];
      for (let i = start; i < Math.min(start + SLICE, MESSAGES); i++) {
        const payload = relayedMessage({
          groupId: groupId(i % GROUPS),
          groupName: `group ${i % GROUPS}`,
          sender: String(100 + (i % 7)),
          messageId: `burst-${i}`,
          text: `message ${i}`,
        });
        slice.push(publisher.publish(broker.topicFor(USER), payload, { dino: true }));
      }
      await Promise.all(slice);
    }
  } finally {
    await publisher.close();
  }

  await app.waitForEmitted(MESSAGES, 60_000);
  expect(new Set(app.emitted.map((e) => e.id)).size).toBe(MESSAGES);
  const history = app.pipeline.history.list({ account: account.id });
  expect(history).toHaveLength(MESSAGES);
  expect(history.every((h) => h.decision === 'shown')).toBe(true);

  const shownPerRoom = new Map<string, number>();
  for (const n of app.sink.shown)
    shownPerRoom.set(n.room.id, (shownPerRoom.get(n.room.id) ?? 0) + 1);
  expect(shownPerRoom.size).toBe(GROUPS);
  expect([...shownPerRoom.values()].every((count) => count === 1)).toBe(true);

  const folded = app.pipeline.shown();
  expect(folded).toHaveLength(GROUPS);
  expect(folded.every((n) => n.count === MESSAGES / GROUPS)).toBe(true);
  expect(folded[0]?.title).toBe(`${MESSAGES / GROUPS} new messages in #group 0`);
  expect(app.pipeline.unread.total(account.id).count).toBe(MESSAGES);
});
