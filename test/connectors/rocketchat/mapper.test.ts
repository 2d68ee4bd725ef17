// The pure mappers, frame by frame: what each Rocket.Chat payload becomes.
import { describe, expect, it } from 'vitest';
import { messageLink } from '../../../app/connectors/rocketchat/links.js';
import { textMentions, type MapContext } from '../../../app/connectors/rocketchat/map-context.js';
import { roomMessageEvent } from '../../../app/connectors/rocketchat/message-events.js';
import { MessageMemory } from '../../../app/connectors/rocketchat/message-memory.js';
import { RoomDirectory } from '../../../app/connectors/rocketchat/room-directory.js';
import { SubscriptionCounters } from '../../../app/connectors/rocketchat/subscription-events.js';

function context(): MapContext {
  const rooms = new RoomDirectory();
  rooms.learn({ rid: 'GENERAL', t: 'c', name: 'general' });
  return {
    account: 'work',
    userId: 'me',
    username: 'alice',
    server: 'https://chat.example.com/',
    rooms,
    receivedAt: 1,
  };
}

const message = (fields: Record<string, unknown> = {}) => ({
  _id: 'm1',
  rid: 'GENERAL',
  msg: 'hi',
  ts: { $date: 1000 },
  _updatedAt: { $date: 1000 },
  u: { _id: 'bob', username: 'bob' },
  ...fields,
});

describe('Rocket.Chat room messages', () => {
  it('first sight is message-sent; the same frame again is nothing; an edit targets the message', () => {
    const memory = new MessageMemory();
    const ctx = context();
    expect(roomMessageEvent(message(), ctx, memory)).toMatchObject({
      kind: 'message-sent',
      id: 'm1',
      time: 1000,
    });
    expect(roomMessageEvent(message(), ctx, memory)).toBeUndefined();
    expect(roomMessageEvent(message({ tcount: 1, replies: ['bob'] }), ctx, memory)).toBeUndefined();
    const edit = roomMessageEvent(
      message({ msg: 'hi!', editedAt: { $date: 2000 }, _updatedAt: { $date: 2000 } }),
      ctx,
      memory,
    );
    expect(edit).toMatchObject({
      kind: 'message-updated',
      id: 'message-updated:m1:2000',
      target: 'm1',
      body: 'hi!',
    });
    const reacted = roomMessageEvent(
      message({ editedAt: { $date: 2000 }, reactions: { ':tada:': { usernames: ['carol'] } } }),
      ctx,
      memory,
    );
    expect(reacted).toMatchObject({
      kind: 'message-reacted',
      target: 'm1',
      historyOnly: 'reaction',
    });
    expect(roomMessageEvent(message({ t: 'rm', msg: '' }), ctx, memory)).toMatchObject({
      kind: 'message-deleted',
      id: 'message-deleted:m1',
    });
  });

  it('mentions: by id, by @all, and being the subject of a system message', () => {
    const ctx = context();
    const memory = new MessageMemory();
    expect(
      roomMessageEvent(
        message({ _id: 'a', mentions: [{ _id: 'me', username: 'alice' }] }),
        ctx,
        memory,
      )?.mentionsUser,
    ).toBe(true);
    expect(
      roomMessageEvent(
        message({ _id: 'b', mentions: [{ _id: 'all', username: 'all' }] }),
        ctx,
        memory,
      )?.mentionsUser,
    ).toBe(true);
    expect(
      roomMessageEvent(
        message({ _id: 'c', mentions: [{ _id: 'x', username: 'xavier' }] }),
        ctx,
        memory,
      )?.mentionsUser,
    ).toBe(false);
    const added = roomMessageEvent(message({ _id: 'd', t: 'au', msg: 'alice' }), ctx, memory);
    expect(added).toMatchObject({
      kind: 'user-added',
      body: 'bob added alice',
      mentionsUser: true,
    });
    expect(added).not.toHaveProperty('historyOnly');
    expect(
      roomMessageEvent(message({ _id: 'e', t: 'uj', msg: 'carol' }), ctx, memory),
    ).toMatchObject({
      kind: 'user-joined',
      historyOnly: 'system message "uj"',
    });
  });

  it('wrong field types are refused, not guessed', () => {
    expect(() => roomMessageEvent(message({ _id: 5 }), context(), new MessageMemory())).toThrow(
      'message without',
    );
    expect(() => roomMessageEvent(message({ msg: 7 }), context(), new MessageMemory())).toThrow(
      'not a string',
    );
  });

  it('text mentions match whole names only', () => {
    expect(textMentions('hi @alice!', 'alice')).toBe(true);
    expect(textMentions('hi @alicia', 'alice')).toBe(false);
    expect(textMentions('@here standup', undefined)).toBe(true);
    expect(textMentions('mail me at x@here.com', 'alice')).toBe(false);
  });

  it('links encode what the server sent as one path segment', () => {
    const room = { id: 'R1', name: 'a/b c', type: 'group' as const };
    expect(messageLink('https://chat.example.com/', room, 'm 1')).toBe(
      'https://chat.example.com/group/a%2Fb%20c?msg=m%201',
    );
    expect(messageLink('https://x.org/rc', { id: 'D1', type: 'direct' }, 'm', 'T')).toBe(
      'https://x.org/rc/direct/D1/thread/T?msg=m',
    );
  });
});

describe('Rocket.Chat subscription counters', () => {
  const sub = (unread: number, at: number, userMentions = 0) => ({
    rid: 'GENERAL',
    t: 'c',
    name: 'general',
    unread,
    userMentions,
    groupMentions: 0,
    _updatedAt: { $date: at },
  });

  it('moves become unread, mentioned and read events with absolute counts', () => {
    const counters = new SubscriptionCounters();
    const ctx = context();
    expect(counters.update(sub(0, 1), ctx)).toBeUndefined();
    expect(counters.update(sub(1, 2), ctx)).toMatchObject({
      kind: 'subscription-unread',
      unread: { count: 1, mentions: 0 },
    });
    expect(counters.update(sub(2, 3, 1), ctx)).toMatchObject({
      kind: 'subscription-mentioned',
      unread: { count: 2, mentions: 1 },
    });
    expect(counters.update(sub(2, 4, 1), ctx)).toBeUndefined();
    expect(counters.update(sub(0, 5), ctx)).toMatchObject({
      kind: 'subscription-read',
      unread: { count: 0, mentions: 0 },
    });
  });

  it('an older snapshot arriving late does not undo a newer one', () => {
    const counters = new SubscriptionCounters();
    const ctx = context();
    counters.update(sub(3, 10), ctx);
    expect(counters.update(sub(0, 5), ctx)).toBeUndefined();
    expect(counters.get('GENERAL')).toMatchObject({ unread: 3 });
  });
});
