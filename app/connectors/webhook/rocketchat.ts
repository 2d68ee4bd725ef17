import { roomLabel, type EventKind, type EventRoom, type TidingsEvent } from '../../core/events.js';
import { messageLink } from '../rocketchat/links.js';
import { digestOf } from '../shared/digest.js';
import { epochMs, text, idOf, type Payload } from '../shared/payload.js';

/**
 * The events a Rocket.Chat outgoing webhook (`webhook-outgoing`) posts, as Rocket.Chat's
 * triggerHandler builds them (protocol notes, rocketchat.md §10): `token`, `bot`, and per event
 * `channel_id`, `channel_name`, `message_id`, `timestamp`, `user_id`, `user_name`, `text`,
 * `siteUrl`. Rocket.Chat names the event only in the integration's settings; `event` is read
 * where a script or a newer server adds it, else a message is told by its `message_id`.
 */
const KINDS: Readonly<Record<string, EventKind>> = {
  sendMessage: 'message-sent',
  fileUploaded: 'message-sent',
  messageEdited: 'message-updated',
  messageDeleted: 'message-deleted',
  roomArchived: 'room-archived',
  roomCreated: 'room-created',
  roomJoined: 'user-joined',
  roomLeft: 'user-left',
  userCreated: 'user-updated',
};

const WHAT: Readonly<Partial<Record<string, string>>> = {
  roomArchived: 'archived the room',
  roomCreated: 'created the room',
  roomJoined: 'joined',
  roomLeft: 'left',
  userCreated: 'joined the server',
  fileUploaded: 'uploaded a file',
};

export interface HookContext {
  account: string;
  receivedAt: number;
  /** The request body's text: events without an id of their own are named by its hash. */
  bodyText: string;
  /** Unique to this request in this run: "<ms>.<n>". */
  arrival: string;
}

export function mapRocketChatHook(payload: Payload, context: HookContext): TidingsEvent {
  const eventName = text(payload.event) ?? (idOf(payload.message_id) ? 'sendMessage' : undefined);
  const edited = payload.isEdited === true && eventName === 'sendMessage';
  const kind: EventKind = edited ? 'message-updated' : (KINDS[eventName ?? ''] ?? 'unknown');
  const messageId = idOf(payload.message_id);
  const room = roomOf(payload);
  const who = text(payload.alias) ?? text(payload.user_name) ?? idOf(payload.user_id);
  const body =
    text(payload.text) ??
    (eventName && WHAT[eventName] ? `${who ?? 'Someone'} ${WHAT[eventName]}` : undefined);
  const site = text(payload.siteUrl);
  const url =
    site && /^https?:\/\//i.test(site)
      ? messageLink(site, room, messageId, text(payload.tmid))
      : undefined;
  const authorId = idOf(payload.user_id) ?? who;
  return {
    account: context.account,
    kind,
    // Rocket.Chat retries a failed call with the same body: the same id, so dedupe drops it.
    id:
      kind === 'message-sent' && messageId
        ? messageId
        : `${eventName ?? 'hook'}:${digestOf(context.bodyText)}`,
    time: epochMs(payload.timestamp) ?? isoTime(payload.timestamp) ?? context.receivedAt,
    room,
    ...(authorId !== undefined && {
      author: { id: authorId, ...(who !== undefined && { name: who }) },
    }),
    title: who ? `${who} in ${roomLabel(room)}` : roomLabel(room),
    body: body ?? '(Rocket.Chat sent no details)',
    mentionsUser: false,
    ownMessage: false,
    ...(url !== undefined && { url }),
    // An edit updates, a deletion retracts, the notification of the message it names.
    ...((kind === 'message-updated' || kind === 'message-deleted') &&
      messageId && { target: messageId }),
    ...(kind === 'unknown' && {
      historyOnly: `Rocket.Chat webhook event ${eventName ?? 'without a name'}`,
    }),
    raw: withoutToken(payload),
  };
}

function roomOf(payload: Payload): EventRoom {
  const name = text(payload.channel_name);
  const id = idOf(payload.channel_id) ?? name ?? 'rocketchat';
  return { id, ...(name !== undefined && { name }), type: 'channel' };
}

function isoTime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const time = Date.parse(value);
  return Number.isFinite(time) ? time : undefined;
}

/** History keeps what was sent, but not the secret that came with it. */
export function withoutToken(payload: Payload): Payload {
  if (!('token' in payload)) return payload;
  const { token: _token, ...rest } = payload;
  return rest;
}
