import { describe, expect, it } from 'vitest';
import { Directory } from '../../../app/connectors/dino/directory.js';
import { oneToOneGroupId } from '../../../app/connectors/dino/group-id.js';
import {
  KNOWN_EVENT_TYPES,
  mapDinoPayload,
  type MapContext,
} from '../../../app/connectors/dino/mapper.js';
import type { TidingsEvent } from '../../../app/core/events.js';
import {
  SEED,
  SEED_USER,
  directMessage,
  groupChanged,
  messageAction,
  readReceipt,
  relayedMessage,
} from './fixtures.js';

const NOW = Date.UTC(2026, 0, 5, 12, 0, 0);
const ME = SEED_USER;
const TOPIC = `dms/test/${ME}`;
const GROUP = '9d78163c-1144-485a-92c6-6015afc6cd40';
const SEED_DM = SEED.message.group_id;

const context: MapContext = {
  account: 'dino',
  userId: ME,
  topic: TOPIC,
  receivedAt: NOW,
  link: 'https://community.example.com/messages/{group_id}?m={message_id}&u={user_id}',
};

function map(payload: object | string | Uint8Array, extra: Partial<MapContext> = {}) {
  const input =
    typeof payload === 'object' && !(payload instanceof Uint8Array)
      ? JSON.stringify(payload)
      : payload;
  return mapDinoPayload(input, { ...context, ...extra });
}

function only(
  payload: object | string | Uint8Array,
  extra: Partial<MapContext> = {},
): TidingsEvent {
  const events = map(payload, extra);
  expect(events).toHaveLength(1);
  return events[0]!;
}

describe('the seed document examples', () => {
  it('group: a new group someone else created is news', () => {
    const event = only(SEED.group);
    expect(event).toMatchObject({
      account: 'dino',
      kind: 'room-created',
      room: { id: GROUP, name: 'a name', type: 'group' },
      author: { id: '1234' },
      title: '#a name',
      body: 'user 1234 created the group',
      // Float seconds in the old doc become epoch milliseconds.
      time: 1597877421454,
      mentionsUser: false,
      ownMessage: false,
    });
    expect(event.historyOnly).toBeUndefined();
    expect(event.id).toMatch(new RegExp(`^group:${GROUP}:`));
  });

  it('message: a one-to-one message names the other person, not "12341234,55554444"', () => {
    const event = only(SEED.message);
    expect(event).toMatchObject({
      kind: 'message-sent',
      id: SEED.message.message_id,
      time: 1632896937286,
      room: { id: SEED_DM, name: 'user1', type: 'direct' },
      author: { id: '12341234', name: 'user1', avatarUrl: 'http://example.com/image.jpg' },
      title: 'user1',
      body: '<some content>',
      mentionsUser: true,
      ownMessage: false,
      url: `https://community.example.com/messages/${SEED_DM}?m=${SEED.message.message_id}&u=12341234`,
    });
    expect(event.target).toBeUndefined();
    expect(event.unread).toBeUndefined();
    expect(event.raw).toEqual(SEED.message);
  });

  it('attachment: message_type 3 reads "sent a photo"', () => {
    expect(only(SEED.attachment)).toMatchObject({
      kind: 'message-sent',
      title: 'user1',
      body: 'sent a photo',
      room: { type: 'direct', name: 'user1' },
    });
  });

  it('edit: targets the message it changes, with an id of its own', () => {
    const event = only(SEED.edit);
    expect(event).toMatchObject({
      kind: 'message-updated',
      target: SEED.edit.message_id,
      author: { id: '1234' },
      room: { id: SEED.edit.group_id, type: 'group' },
      title: `user 1234 in #${SEED.edit.group_id}`,
      body: '<some content>',
      time: 1597877384794,
    });
    expect(event.id).not.toBe(SEED.edit.message_id);
    expect(event.historyOnly).toBeUndefined();
  });

  it('action_log: history only', () => {
    expect(only(SEED.actionLog)).toMatchObject({
      kind: 'room-action',
      historyOnly: 'action log',
      body: 'user 1234: <some content>',
    });
  });

  it('read by someone else (legacy read_at): a read receipt, history only', () => {
    expect(only(SEED.read)).toMatchObject({
      kind: 'read-receipt',
      id: `read:${SEED.read.group_id}:1234:1597877384794`,
      time: 1597877384794,
      historyOnly: 'read receipt',
      body: 'user 1234 read the conversation',
    });
  });

  it('delete_attachment: one retraction per message id', () => {
    const events = map(SEED.deleteAttachment);
    expect(events.map((e) => [e.kind, e.target])).toEqual([
      ['message-deleted', 'eeb0b18f-5485-4a24-8bd4-159301e4b554'],
      ['message-deleted', '44b393c1-8ae2-4832-9770-07a043543423'],
    ]);
    expect(new Set(events.map((e) => e.id)).size).toBe(2);
    expect(events.every((e) => e.historyOnly === undefined)).toBe(true);
  });
});

describe('current relayed events (protocol notes §5.1)', () => {
  const group = '6cbb3265-2a7f-494d-92ad-f4503d55d49f';

  it('message with stats: the text from the JSON payload and the unread count', () => {
    const event = only(
      relayedMessage({
        groupId: group,
        sender: '42',
        senderName: 'alice',
        messageId: 'm-1',
        text: 'lunch?',
        unread: 3,
        createdAt: NOW - 1000,
      }),
    );
    expect(event).toMatchObject({
      kind: 'message-sent',
      id: 'm-1',
      time: NOW - 1000,
      room: { id: group, name: 'Friends', type: 'group' },
      title: 'alice in #Friends',
      body: 'lunch?',
      unread: { count: 3, mentions: 0 },
      mentionsUser: false,
      ownMessage: false,
    });
  });

  it.each([
    [9, 'sent a video'],
    [10, 'sent an audio message'],
    [3, 'sent a photo'],
    [1, 'said no thanks'],
    [2, 'said no thanks'],
    [4, 'hi there'],
  ])('message_type %i reads "%s"', (messageType, body) => {
    const payload = relayedMessage({
      groupId: group,
      sender: '42',
      messageId: `m-${messageType}`,
      text: 'hi there',
      messageType,
    });
    expect(only(payload).body).toBe(body);
  });

  it('a greeting without text, a file without text', () => {
    const greeting = {
      ...relayedMessage({ groupId: group, sender: '42', messageId: 'g', messageType: 5 }),
      message_payload: '',
    };
    expect(only(greeting).body).toBe('sent a greeting');
    const file = {
      ...relayedMessage({ groupId: group, sender: '42', messageId: 'f', fileId: 'x' }),
      message_payload: '{"file":"x"}',
    };
    expect(only(file).body).toBe('sent a file');
  });

  it("the user's own message never notifies", () => {
    const event = only(
      relayedMessage({ groupId: group, sender: ME, messageId: 'm-own', unread: 0 }),
    );
    expect(event).toMatchObject({ kind: 'message-sent', ownMessage: true, unread: { count: 0 } });
  });

  it('group_type 1 is a direct room and a mention', () => {
    const event = only(
      directMessage({ sender: '42', senderName: 'alice', to: ME, messageId: 'd-1' }),
    );
    expect(event).toMatchObject({
      room: { id: oneToOneGroupId('42', ME), name: 'alice', type: 'direct' },
      title: 'alice',
      mentionsUser: true,
    });
  });

  it("a one-to-one id alone is enough: the user's own message shows the other person's name", () => {
    const names = new Directory();
    names.rememberUser('42', 'alice');
    const payload = {
      event_type: 'message',
      group_id: oneToOneGroupId('42', ME),
      sender_id: ME,
      message_id: 'd-2',
      message_payload: 'see you',
      message_type: 0,
      created_at: NOW,
    };
    expect(only(payload, { names })).toMatchObject({
      room: { name: 'alice', type: 'direct' },
      ownMessage: true,
    });
    // Nobody named yet: the other person's id, still not "42,55554444".
    expect(only(payload).room.name).toBe('42');
  });

  it('a conversation muted in Dino (stats.notifications false) stays in history', () => {
    const payload = relayedMessage({
      groupId: group,
      sender: '42',
      messageId: 'm-muted',
      unread: 1,
    });
    const muted = { ...payload, stats: { ...payload.stats, notifications: false } };
    expect(only(muted).historyOnly).toBe('notifications are off for this conversation in Dino');
  });

  it('action with stats: history only, the unread count still applies', () => {
    const payload = {
      ...relayedMessage({
        groupId: group,
        sender: '42',
        messageId: 'a-1',
        unread: 2,
        text: 'pinned the group',
      }),
      event_type: 'action',
    };
    expect(only(payload)).toMatchObject({
      kind: 'room-action',
      historyOnly: 'action',
      unread: { count: 2 },
      body: 'user42: pinned the group',
    });
  });

  it('a message of type 100 inside a message event is an action log', () => {
    const payload = relayedMessage({
      groupId: group,
      sender: '42',
      messageId: 'a-2',
      messageType: 100,
    });
    expect(only(payload).kind).toBe('room-action');
  });

  it('group created and group updated', () => {
    const created = only(
      groupChanged({
        groupId: group,
        name: 'Climbing',
        owner: '42',
        created: NOW,
        updated: NOW,
        unread: 0,
      }),
    );
    expect(created).toMatchObject({
      kind: 'room-created',
      title: '#Climbing',
      unread: { count: 0 },
    });
    expect(created.historyOnly).toBeUndefined();
    const updated = only(
      groupChanged({
        groupId: group,
        name: 'Climbing 2',
        owner: '42',
        created: NOW - 5000,
        updated: NOW,
      }),
    );
    expect(updated).toMatchObject({
      kind: 'subscription-updated',
      historyOnly: 'group details changed',
    });
    const mine = only(
      groupChanged({ groupId: group, name: 'Mine', owner: ME, created: NOW, updated: NOW }),
    );
    expect(mine.ownMessage).toBe(true);
    const direct = only(
      groupChanged({
        groupId: oneToOneGroupId('42', ME),
        name: `42,${ME}`,
        owner: '42',
        created: NOW,
        updated: NOW,
        groupType: 1,
      }),
    );
    expect(direct).toMatchObject({
      historyOnly: 'conversation started',
      room: { type: 'direct', name: '42' },
    });
  });

  it('irc_message on a shared topic is a channel message; irc_rooms is history', () => {
    const irc = only(
      relayedMessage({
        groupId: 'irc-lobby',
        sender: '42',
        messageId: 'i-1',
        eventType: 'irc_message',
        groupName: 'lobby',
      }),
      { topic: 'dms/test/irc' },
    );
    expect(irc).toMatchObject({
      kind: 'message-sent',
      room: { id: 'irc-lobby', type: 'channel', name: 'lobby' },
    });
    const rooms = only({ event_type: 'irc_rooms', rooms: ['lobby'] }, { topic: 'dms/test/irc' });
    expect(rooms).toMatchObject({
      kind: 'subscription-updated',
      room: { id: 'dms/test/irc', name: 'irc', type: 'channel' },
      historyOnly: 'IRC room list',
    });
    expect(rooms.url).toBeUndefined();
  });
});

describe("Dino's read receipts (§5.2)", () => {
  const dm = oneToOneGroupId('42', ME);

  it('read by the user elsewhere: the room is read', () => {
    const event = only(readReceipt(dm, ME, NOW));
    expect(event).toMatchObject({ kind: 'subscription-read', room: { id: dm }, time: NOW });
    expect(event.historyOnly).toBeUndefined();
  });

  it('"mark as unread" elsewhere (peer_status 4) does not clear the room', () => {
    expect(only(readReceipt(dm, ME, NOW, 4))).toMatchObject({
      kind: 'subscription-updated',
      historyOnly: 'marked as unread elsewhere',
    });
  });

  it("someone else's receipt is history only", () => {
    expect(only(readReceipt(dm, '42', NOW))).toMatchObject({
      kind: 'read-receipt',
      historyOnly: 'read receipt',
      id: `read:${dm}:42:${NOW}`,
    });
  });
});

describe('removals', () => {
  const group = '6cbb3265-2a7f-494d-92ad-f4503d55d49f';

  it.each([
    ['recall', 'message-recalled', 'user42 recalled a message'],
    ['delete', 'message-deleted', 'user42 deleted a message'],
    ['delete_message', 'message-deleted', 'user42 deleted a message'],
    ['hide', 'message-hidden', 'user42 hid a message'],
  ])('%s retracts: kind %s, target = the message id', (type, kind, body) => {
    const names = new Directory();
    names.rememberUser('42', 'user42');
    const event = only(messageAction(type, group, 'm-9', '42'), { names });
    expect(event).toMatchObject({ kind, target: 'm-9', body });
    expect(event.historyOnly).toBeUndefined();
    expect(event.id).not.toBe('m-9');
  });

  it('unhide is history only', () => {
    expect(only(messageAction('unhide', group, 'm-9', '42'))).toMatchObject({
      kind: 'message-unhidden',
      target: 'm-9',
      historyOnly: 'showed a message again',
    });
  });

  it('delete and hide without a message id act on the conversation: history only', () => {
    expect(only(messageAction('delete', group, undefined, ME))).toMatchObject({
      kind: 'subscription-deleted',
      historyOnly: 'conversation deleted',
    });
    expect(only(messageAction('hide', group, undefined, ME))).toMatchObject({
      kind: 'subscription-updated',
      historyOnly: 'conversation hidden',
    });
    const recall = only(messageAction('recall', group, undefined, '42'));
    expect(recall).toMatchObject({
      kind: 'message-recalled',
      historyOnly: 'recall without a message id',
    });
    expect(recall.target).toBeUndefined();
  });

  it('message_ids lists retract each message once', () => {
    const events = map({
      event_type: 'recall',
      group_id: group,
      message_ids: ['a', 'b', 'a'],
      user_id: 42,
    });
    expect(events.map((e) => e.target)).toEqual(['a', 'b']);
    expect(events[0]?.author).toEqual({ id: '42' });
  });
});

describe('legacy membership and highlight events', () => {
  const group = '6cbb3265-2a7f-494d-92ad-f4503d55d49f';

  it('join and leave are history only', () => {
    const names = new Directory();
    names.rememberUser('7', 'bob');
    expect(
      only(
        { event_type: 'join', created_at: NOW, group_id: group, user_ids: ['7', '8'] },
        { names },
      ),
    ).toMatchObject({
      kind: 'user-joined',
      body: 'bob, user 8 joined',
      historyOnly: 'member joined',
    });
    expect(
      only({ event_type: 'leave', created_at: NOW, group_id: group, user_id: '7' }, { names }),
    ).toMatchObject({
      kind: 'user-left',
      author: { id: '7', name: 'bob' },
      body: 'bob left',
      historyOnly: 'member left',
    });
  });

  it('highlight is history only', () => {
    expect(only(messageAction('highlight', group, undefined, '42'))).toMatchObject({
      kind: 'message-highlighted',
      historyOnly: 'highlight',
    });
  });
});

describe('what cannot be read is kept, never thrown', () => {
  it('an unknown event_type', () => {
    const event = only({ event_type: 'typing', group_id: 'g', user_id: '42' });
    expect(event).toMatchObject({
      kind: 'unknown',
      historyOnly: 'unknown event type "typing"',
      title: 'Dino event "typing"',
      room: { id: 'g' },
    });
    expect(event.body).toContain('"typing"');
  });

  it('no event_type at all', () => {
    expect(only({ hello: 'world' })).toMatchObject({
      kind: 'unknown',
      historyOnly: 'no event_type',
    });
  });

  it('text that is not JSON', () => {
    expect(only('hello, broker')).toMatchObject({
      kind: 'unknown',
      historyOnly: 'payload is not JSON',
      body: 'hello, broker',
      room: { id: TOPIC, name: ME },
      time: NOW,
      raw: 'hello, broker',
    });
  });

  it('JSON that is not an object, and binary data', () => {
    expect(only('[1,2,3]').historyOnly).toBe('payload is not a JSON object');
    expect(only('null').historyOnly).toBe('payload is not a JSON object');
    expect(only(new Uint8Array([0xff, 0xfe, 0x00, 0x81])).body).toBe('4 bytes of binary data');
  });

  it('odd field types fall back instead of failing', () => {
    const event = only({
      event_type: 'message',
      group_id: 12,
      sender_id: { nested: true },
      message_id: ['x'],
      message_payload: 5,
      message_type: 'zero',
      created_at: 'yesterday',
      notification: { author: { username: 7, avatar_url: 'javascript:alert(1)' } },
      group: 'none',
      stats: { unread_count: -1 },
    });
    expect(event).toMatchObject({
      kind: 'message-sent',
      room: { id: '12' },
      body: 'sent a message',
      time: NOW,
    });
    expect(event.author).toBeUndefined();
    expect(event.unread).toBeUndefined();
  });

  it('avatars that are not http(s) are dropped', () => {
    const payload = {
      ...SEED.message,
      notification: { author: { username: 'x', avatar_url: 'file:///etc/passwd' } },
    };
    expect(only(payload).author).toEqual({ id: '12341234', name: 'x' });
  });
});

describe('ids and links', () => {
  it('the same payload twice gives the same ids (a QoS 1 redelivery is a duplicate)', () => {
    for (const payload of [
      SEED.group,
      SEED.read,
      SEED.deleteAttachment,
      { event_type: 'typing' },
      'not json',
    ]) {
      expect(map(payload).map((e) => e.id)).toEqual(map(payload).map((e) => e.id));
    }
  });

  it('link values are URL-encoded', () => {
    const event = only({
      ...SEED.message,
      group_id: 'a/b?c=d#e',
      message_id: 'x y',
      group: undefined,
    });
    expect(event.url).toBe(
      'https://community.example.com/messages/a%2Fb%3Fc%3Dd%23e?m=x%20y&u=12341234',
    );
  });

  it('no link template, no url', () => {
    expect(only(SEED.message, { link: undefined }).url).toBeUndefined();
  });
});

it('every event type the mapper knows has a fixture in this file', () => {
  const covered = new Set([
    'message',
    'attachment',
    'irc_message',
    'edit',
    'action',
    'action_log',
    'read',
    'group',
    'join',
    'leave',
    'highlight',
    'irc_rooms',
    'recall',
    'delete',
    'delete_message',
    'delete_attachment',
    'hide',
    'unhide',
  ]);
  expect(new Set(KNOWN_EVENT_TYPES)).toEqual(covered);
});
