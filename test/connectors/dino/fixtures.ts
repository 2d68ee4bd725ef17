// Dino payloads for tests. `SEED` holds the example payloads of Dino's "MQTT Events" document
// as printed (legacy shapes, numeric ids in places, float-second times); the builders below
// follow the protocol notes' current shapes (relayed events with `stats`, Dino's own `read`).
import { oneToOneGroupId } from '../../../app/connectors/dino/group-id.js';

export const SEED = {
  group: {
    event_type: 'group',
    group_id: '9d78163c-1144-485a-92c6-6015afc6cd40',
    name: 'a name',
    created_at: 1597877421.453804,
    updated_at: 1597877421.453804,
    last_message_time: 1597877421.453804,
    group_type: 0,
    owner_id: 1234,
    user_ids: [1234, 4321],
  },
  message: {
    event_type: 'message',
    group_id: '00000000-00bc-4ff2-0000-0000034fb18c',
    sender_id: '12341234',
    notification: { author: { username: 'user1', avatar_url: 'http://example.com/image.jpg' } },
    message_id: 'c95027c7-ced0-4097-a6b3-7dd5ac9365cc',
    message_payload: '<some content>',
    message_type: 0,
    updated_at: 0,
    created_at: 1632896937286,
    group: {
      group_id: '00000000-00bc-4ff2-0000-0000034fb18c',
      name: '12341234,55554444',
      description: null,
      updated_at: 1632896937908,
      created_at: 1625630480355,
      last_message_time: 1632896937908,
      last_message_overview: '<some content>',
      last_message_type: 0,
      last_message_user_id: '12341234',
      status: null,
      group_type: 1,
      owner_id: '12341234',
      meta: null,
    },
  },
  attachment: {
    event_type: 'message',
    group_id: '00000000-00bc-4ff2-0000-0000034fb18c',
    sender_id: '12341234',
    file_id: 'f4503d55d49ff4503d55d49f',
    notification: { author: { username: 'user1', avatar_url: 'http://example.com/image.jpg' } },
    message_id: 'c95027c7-ced0-4097-a6b3-7dd5ac9365cc',
    message_payload: '<some content>',
    message_type: 3,
    updated_at: 0,
    created_at: 1632896937286,
    group: {
      group_id: '00000000-00bc-4ff2-0000-0000034fb18c',
      name: '12341234,55554444',
      description: null,
      updated_at: 1632896937908,
      created_at: 1625630480355,
      last_message_time: 1632896937908,
      last_message_overview: '<some content>',
      last_message_type: 0,
      last_message_user_id: '12341234',
      status: null,
      group_type: 1,
      owner_id: '12341234',
      meta: null,
    },
  },
  edit: {
    event_type: 'edit',
    group_id: '6cbb3265-2a7f-494d-92ad-f4503d55d49f',
    sender_id: 1234,
    file_id: 'f4503d55d49ff4503d55d49f',
    message_id: 'c87efd18-8879-4c24-8b26-ccb7f40a0fe5',
    message_payload: '<some content>',
    message_type: 0,
    created_at: 1597877384794,
  },
  actionLog: {
    event_type: 'action_log',
    group_id: '6cbb3265-2a7f-494d-92ad-f4503d55d49f',
    sender_id: 1234,
    file_id: 'f4503d55d49ff4503d55d49f',
    message_id: 'c87efd18-8879-4c24-8b26-ccb7f40a0fe5',
    message_payload: '<some content>',
    message_type: 100,
    created_at: 1597877384794,
  },
  read: {
    event_type: 'read',
    group_id: '6cbb3265-2a7f-494d-92ad-f4503d55d49f',
    user_id: 1234,
    read_at: 1597877384794,
  },
  deleteAttachment: {
    event_type: 'delete_attachment',
    created_at: 1597877384794,
    group_id: '6cbb3265-2a7f-494d-92ad-f4503d55d49f',
    message_ids: ['eeb0b18f-5485-4a24-8bd4-159301e4b554', '44b393c1-8ae2-4832-9770-07a043543423'],
    file_ids: ['238FD179EC794EFFBC033F491C335838', '95B1A97EDC6F4F5596D0158C55D17B1E'],
  },
} as const;

/** The user the seed's one-to-one group belongs to besides its sender 12341234. */
export const SEED_USER = '55554444';

/** Dino's per-recipient stats block (protocol notes §5.1), with the unread count given. */
export function stats(unread: number, extra: Record<string, unknown> = {}) {
  return {
    last_read: 1700000000000,
    last_sent: 0,
    delete_before: 0,
    join_time: 0,
    highlight_time: null,
    last_updated_time: 0,
    first_sent: null,
    receiver_highlight_time: null,
    sent_message_count: 3,
    unread_count: unread,
    deleted: false,
    hide: false,
    pin: false,
    bookmark: false,
    mentions: 0,
    notifications: true,
    kicked: false,
    rating: null,
    highlight: 0,
    ...extra,
  };
}

export interface MessageInput {
  groupId: string;
  sender: string;
  senderName?: string;
  messageId: string;
  text?: string;
  messageType?: number;
  groupType?: number;
  groupName?: string;
  unread?: number;
  createdAt?: number;
  eventType?: string;
  fileId?: string;
}

/**
 * A `message` as the community backend relays it through `/notification/send` today: the
 * caller's data (message fields, author block, group block) plus Dino's `stats`.
 */
export function relayedMessage(input: MessageInput) {
  const createdAt = input.createdAt ?? Date.now();
  return {
    sender_id: input.sender,
    message_id: input.messageId,
    message_payload: JSON.stringify({ content: input.text ?? 'hello' }),
    message_type: input.messageType ?? 0,
    created_at: createdAt,
    updated_at: createdAt,
    ...(input.fileId && { file_id: input.fileId }),
    notification: {
      author: {
        username: input.senderName ?? `user${input.sender}`,
        avatar_url: `https://img.example.com/${input.sender}.jpg`,
      },
    },
    group: {
      group_id: input.groupId,
      name: input.groupName ?? 'Friends',
      updated_at: createdAt,
      created_at: 1625630480355,
      last_message_time: createdAt,
      last_message_user_id: input.sender,
      group_type: input.groupType ?? 0,
      owner_id: input.sender,
    },
    event_type: input.eventType ?? 'message',
    group_id: input.groupId,
    ...(input.unread !== undefined && { stats: stats(input.unread) }),
  };
}

/** A one-to-one conversation's message; the group id is Dino's, built from both user ids. */
export function directMessage(input: Omit<MessageInput, 'groupId'> & { to: string }) {
  const groupId = oneToOneGroupId(input.sender, input.to);
  return relayedMessage({
    ...input,
    groupId,
    groupType: 1,
    groupName: [input.sender, input.to].sort().join(','),
  });
}

/** Dino's own read receipt (protocol notes §5.2). */
export function readReceipt(groupId: string, reader: string, at = Date.now(), status = 3) {
  return {
    event_type: 'read',
    group_id: groupId,
    user_id: reader,
    peer_last_read: at,
    peer_status: status,
  };
}

/** `recall`, `delete`, `hide`, `unhide`, `highlight`: caller-defined, no stats (notes §5.1). */
export function messageAction(
  eventType: string,
  groupId: string,
  messageId: string | undefined,
  by: string,
) {
  return {
    event_type: eventType,
    group_id: groupId,
    ...(messageId !== undefined && { message_id: messageId }),
    sender_id: by,
    created_at: Date.now(),
  };
}

/** A relayed `group` event (current: with stats). */
export function groupChanged(input: {
  groupId: string;
  name: string;
  owner: string;
  created: number;
  updated: number;
  unread?: number;
  groupType?: number;
}) {
  return {
    name: input.name,
    created_at: input.created,
    updated_at: input.updated,
    group_type: input.groupType ?? 0,
    owner_id: input.owner,
    event_type: 'group',
    group_id: input.groupId,
    ...(input.unread !== undefined && { stats: stats(input.unread) }),
  };
}
