// The seed document's examples and the notes' current shapes, published to a real mosquitto by
// a real mqtt.js client, through the real connector, Supervisor and Pipeline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oneToOneGroupId } from '../../../app/connectors/dino/group-id.js';
import type { HistoryEntry } from '../../../app/core/pipeline/history.js';
import { startMosquitto, type Mosquitto } from '../../support/mosquitto.js';
import { makeDinoAccount, startDinoApp, type DinoApp } from './dino-app.js';
import {
  SEED,
  SEED_USER,
  directMessage,
  messageAction,
  readReceipt,
  relayedMessage,
} from './fixtures.js';
import { connectPublisher, type Publisher } from './publisher.js';

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;
const USER = '1001';
const WS_USER = '1002';

let broker: Mosquitto;
let publisher: Publisher;
const apps: DinoApp[] = [];

beforeAll(async () => {
  broker = await startMosquitto({
    users: [SEED_USER, USER, WS_USER],
    sharedTopics: ['dms/test/irc'],
  });
  publisher = await connectPublisher(broker);
});

afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop()));
  await publisher?.close();
  const pid = broker?.pid;
  await broker?.dispose();
  if (pid !== undefined) expect(() => process.kill(pid, 0)).toThrow();
});

async function online(...args: Parameters<typeof startDinoApp>): Promise<DinoApp> {
  const app = startDinoApp(...args);
  apps.push(app);
  await app.waitForState('online');
  return app;
}

/** History, oldest first, as [kind, decision] pairs. */
function decisions(app: DinoApp): [string, string][] {
  return app.pipeline.history
    .list({ account: app.account.id })
    .reverse()
    .map((entry: HistoryEntry) => [entry.event.kind, entry.decision]);
}

describe('the seed examples over MQTT', () => {
  it('notify, fold, update and retract as the user expects', async () => {
    // The seed's times are from 2020 and 2021; nothing would be new enough otherwise.
    const app = await online(makeDinoAccount(broker, SEED_USER), {
      settings: { maxAgeMs: 10 * YEAR_MS },
    });
    const topic = broker.topicFor(SEED_USER);
    expect(app.status().details).toEqual({ [topic]: 'subscribed' });

    for (const payload of [
      SEED.group,
      SEED.message,
      SEED.edit,
      SEED.actionLog,
      SEED.read,
      SEED.deleteAttachment,
    ])
      await publisher.publish(topic, payload);
    await app.waitForEmitted(7);

    expect(decisions(app)).toEqual([
      ['room-created', 'shown'],
      ['message-sent', 'shown'],
      ['message-updated', 'unchanged'],
      ['room-action', 'history only'],
      ['read-receipt', 'history only'],
      ['message-deleted', 'unchanged'],
      ['message-deleted', 'unchanged'],
    ]);
    const dm = app.sink.visibleFor(app.account.id, SEED.message.group_id);
    expect(dm).toMatchObject({
      title: 'user1',
      body: '<some content>',
      mention: true,
      room: { name: 'user1', type: 'direct' },
      url: `https://community.example.com/messages/${SEED.message.group_id}?m=${SEED.message.message_id}`,
    });
    expect(app.sink.visibleFor(app.account.id, SEED.group.group_id)).toMatchObject({
      title: '#a name',
      body: 'user 1234 created the group',
    });

    // The attachment example reuses the message's id: the same message, dropped as a duplicate.
    await publisher.publish(topic, SEED.attachment);
    await app.waitForEmitted(8);
    expect(app.pipeline.history.size).toBe(7);

    // The edit example, aimed at the shown message, updates it in place.
    await publisher.publish(topic, {
      ...SEED.edit,
      group_id: SEED.message.group_id,
      sender_id: SEED.message.sender_id,
      message_id: SEED.message.message_id,
      message_payload: '<edited content>',
    });
    await app.waitForEmitted(9);
    expect(app.sink.updated.at(-1)).toMatchObject({ body: '<edited content>' });

    // Recalled: the notification goes.
    await publisher.publish(
      topic,
      messageAction('recall', SEED.message.group_id, SEED.message.message_id, '12341234'),
    );
    await app.waitForEmitted(10);
    expect(app.sink.visibleFor(app.account.id, SEED.message.group_id)).toBeUndefined();
    expect(app.sink.retracted.map((n) => n.room.id)).toEqual([SEED.message.group_id]);
    expect(decisions(app).at(-1)).toEqual(['message-recalled', 'retracted']);
  });
});

describe('the current shapes over MQTT, published as Dino does (QoS 0, 10 s expiry)', () => {
  it('unread counts from stats, silent own messages and receipts, reads retract', async () => {
    const account = makeDinoAccount(broker, USER, { topics: ['dms/test/irc'] });
    const app = await online(account);
    const topic = broker.topicFor(USER);
    const id = account.id;
    const group = '6cbb3265-2a7f-494d-92ad-f4503d55d49f';
    const dm = oneToOneGroupId('42', USER);
    expect(app.status().details).toEqual({ [topic]: 'subscribed', 'dms/test/irc': 'subscribed' });

    const send = async (payload: object | string, expected: number, on = topic) => {
      await publisher.publish(on, payload, { dino: true });
      await app.waitForEmitted(expected);
    };

    await send(
      relayedMessage({
        groupId: group,
        sender: '42',
        senderName: 'alice',
        messageId: 'g-1',
        text: 'lunch?',
        unread: 1,
      }),
      1,
    );
    expect(app.sink.visibleFor(id, group)).toMatchObject({
      title: 'alice in #Friends',
      body: 'lunch?',
    });
    expect(app.pipeline.unread.get(id, group).count).toBe(1);

    await send(
      relayedMessage({
        groupId: group,
        sender: '43',
        senderName: 'bob',
        messageId: 'g-2',
        text: 'yes!',
        unread: 2,
      }),
      2,
    );
    expect(app.sink.shown).toHaveLength(1);
    expect(app.pipeline.shown()).toMatchObject([{ count: 2, title: '2 new messages in #Friends' }]);
    expect(app.pipeline.unread.get(id, group).count).toBe(2);

    // A recall takes its message out of the folded notification.
    await send(messageAction('recall', group, 'g-1', '42'), 3);
    expect(app.pipeline.shown()).toMatchObject([{ count: 1 }]);

    // The user's own reply (from the phone): silent, and Dino's stats say the group is read,
    // so its notification goes too.
    await send(
      relayedMessage({
        groupId: group,
        sender: USER,
        messageId: 'g-3',
        text: 'on my way',
        unread: 0,
      }),
      4,
    );
    expect(app.pipeline.unread.get(id, group).count).toBe(0);
    expect(app.sink.visibleFor(id, group)).toBeUndefined();

    await send(
      directMessage({
        sender: '42',
        senderName: 'alice',
        to: USER,
        messageId: 'd-1',
        text: 'psst',
      }),
      5,
    );
    expect(app.sink.visibleFor(id, dm)).toMatchObject({
      title: 'alice',
      body: 'psst',
      mention: true,
      room: { type: 'direct', name: 'alice' },
    });
    expect(app.pipeline.unread.get(id, dm)).toMatchObject({ count: 1, mentions: 1 });

    // alice read it: her receipt changes nothing the user sees.
    await send(readReceipt(dm, '42'), 6);
    expect(app.sink.visibleFor(id, dm)).toBeDefined();
    expect(app.pipeline.unread.get(id, dm).count).toBe(1);

    // The user read it on the phone: count cleared, notification retracted.
    await send(readReceipt(dm, USER), 7);
    expect(app.sink.visibleFor(id, dm)).toBeUndefined();
    expect(app.pipeline.unread.get(id, dm).count).toBe(0);

    // A deletion of a message no longer shown changes nothing, and is in history.
    await send(messageAction('delete', group, 'g-2', '43'), 8);
    expect(app.sink.visibleFor(id, group)).toBeUndefined();
    expect(app.pipeline.history.list({ limit: 1 })[0]).toMatchObject({ decision: 'unchanged' });

    // What cannot be read is kept in history and logged (once a minute, with the count); nothing
    // stops.
    await send({ event_type: 'typing', group_id: group, user_id: '42' }, 9);
    await send('this is not JSON', 10);
    expect(app.logs.filter((l) => l.message === 'Dino events kept in history only')).toHaveLength(
      1,
    );
    await app.waitFor(() =>
      expect(app.status().details?.['unreadable events']).toBe('1 of an unknown type, 1 malformed'),
    );

    // A shared topic's IRC message.
    await send(
      relayedMessage({
        groupId: 'irc-lobby',
        sender: '44',
        senderName: 'carol',
        messageId: 'i-1',
        text: 'hi all',
        eventType: 'irc_message',
        groupName: 'lobby',
      }),
      11,
      'dms/test/irc',
    );
    expect(app.sink.visibleFor(id, 'irc-lobby')).toMatchObject({ title: 'carol in #lobby' });

    expect(decisions(app)).toEqual([
      ['message-sent', 'shown'],
      ['message-sent', 'shown'],
      ['message-recalled', 'updated'],
      ['message-sent', 'own message'],
      ['message-sent', 'shown'],
      ['read-receipt', 'history only'],
      ['subscription-read', 'read'],
      ['message-deleted', 'unchanged'],
      ['unknown', 'history only'],
      ['unknown', 'history only'],
      ['message-sent', 'shown'],
    ]);
    expect(app.status().state).toBe('online');
  });

  it('connects over ws:// as well', async () => {
    const app = await online(makeDinoAccount(broker, WS_USER, { broker: broker.wsUrl }));
    await publisher.publish(
      broker.topicFor(WS_USER),
      directMessage({
        sender: '42',
        senderName: 'alice',
        to: WS_USER,
        messageId: 'ws-1',
        text: 'over websockets',
      }),
    );
    await app.waitForEmitted(1);
    expect(app.sink.shown).toMatchObject([{ body: 'over websockets' }]);
  });
});
