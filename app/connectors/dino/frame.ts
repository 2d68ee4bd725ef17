import type { EventAuthor, EventKind, EventRoom, TidingsEvent } from '../../core/events.js';
import type { Names } from './directory.js';
import { expandLink } from './links.js';
import { roomOf } from './room.js';
import { digestOf } from '../shared/digest.js';
import { child, firstTime, idOf, intOf, text, type Payload } from '../shared/payload.js';

/** What the mapper needs besides the payload; all plain values, so mapping stays pure. */
export interface MapContext {
  account: string;
  /** The account's Dino user id: tells own messages, own reads and the other person apart. */
  userId: string;
  /** The MQTT topic it came on; names the room when an event carries no group id. */
  topic: string;
  /** When it arrived: the time of events that carry none. */
  receivedAt: number;
  link?: string | undefined;
  names?: Names | undefined;
}

/** One parsed payload and what every event built from it shares. */
export interface Frame {
  type: string;
  payload: Payload;
  context: MapContext;
  room: EventRoom;
  /** A hash of the payload text: the id of events that carry none, stable across redeliveries. */
  readonly digest: string;
}

export function makeFrame(
  type: string,
  payload: Payload,
  text: string,
  context: MapContext,
): Frame {
  return new ParsedFrame(type, payload, text, context);
}

/** A class rather than an object literal with a getter: made for every message, it stays cheap. */
class ParsedFrame implements Frame {
  readonly room: EventRoom;
  private hashed: string | undefined;

  constructor(
    readonly type: string,
    readonly payload: Payload,
    private readonly text: string,
    readonly context: MapContext,
  ) {
    this.room = roomOf(type, payload, context);
  }

  // Hashed only when an event needs it: most carry their own id, and a burst should not pay.
  get digest(): string {
    return (this.hashed ??= digestOf(this.text));
  }
}

/** The user an event is by: `sender_id` with the `notification.author` block, or `key`. */
export function authorOf(frame: Frame, key = 'sender_id'): EventAuthor | undefined {
  const id = idOf(frame.payload[key]);
  const block = child(child(frame.payload, 'notification'), 'author');
  const name =
    text(block?.username) ?? (id === undefined ? undefined : frame.context.names?.user(id));
  const avatar = text(block?.avatar_url);
  const avatarUrl = avatar && /^https?:\/\//i.test(avatar) ? avatar : undefined;
  const authorId = id ?? name;
  if (authorId === undefined) return undefined;
  return {
    id: authorId,
    ...(name !== undefined && { name }),
    ...(avatarUrl !== undefined && { avatarUrl }),
  };
}

/** A user known only by id, named if an earlier event named them. */
export function knownUser(context: MapContext, id: string): EventAuthor {
  const name = context.names?.user(id);
  return { id, ...(name !== undefined && { name }) };
}

export function personName(author: EventAuthor | undefined): string {
  if (!author) return 'Someone';
  return author.name ?? `user ${author.id}`;
}

/** Stats blocks ride on relayed events: the recipient's own unread count for the group. */
function unreadOf(payload: Payload): TidingsEvent['unread'] {
  const stats = child(payload, 'stats');
  const count = intOf(stats?.unread_count);
  if (count === undefined || count < 0) return undefined;
  const mentions = intOf(stats?.mentions);
  return { count, ...(mentions !== undefined && mentions >= 0 && { mentions }) };
}

const TIME_KEYS = ['created_at', 'updated_at'];

export interface EventParts {
  kind: EventKind;
  id: string;
  title: string;
  body: string;
  author?: EventAuthor | undefined;
  time?: number | undefined;
  target?: string | undefined;
  messageId?: string | undefined;
  historyOnly?: string | undefined;
}

/** A TidingsEvent from a frame and the parts that differ per event type. */
export function buildEvent(frame: Frame, parts: EventParts): TidingsEvent {
  const { context, payload, room } = frame;
  const author = parts.author;
  const unread = unreadOf(payload);
  const muted =
    child(payload, 'stats')?.notifications === false
      ? 'notifications are off for this conversation in Dino'
      : undefined;
  const historyOnly = parts.historyOnly ?? muted;
  const url = expandLink(context.link, {
    group_id: room.id === context.topic ? undefined : room.id,
    message_id: parts.messageId,
    user_id: author?.id,
  });
  return {
    account: context.account,
    kind: parts.kind,
    id: parts.id,
    time: parts.time ?? firstTime(payload, TIME_KEYS) ?? context.receivedAt,
    room,
    ...(author && { author }),
    title: parts.title,
    body: parts.body,
    // One-to-one conversations count as mentions, as in every chat app.
    mentionsUser: room.type === 'direct',
    ownMessage: author !== undefined && author.id === context.userId,
    ...(url !== undefined && { url }),
    ...(parts.target !== undefined && { target: parts.target }),
    ...(unread && { unread }),
    ...(historyOnly !== undefined && { historyOnly }),
    raw: payload,
  };
}
