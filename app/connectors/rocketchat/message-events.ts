import type { EventKind, TidingsEvent } from '../../core/events.js';
import { msOf } from './ejson.js';
import { messageLink } from './links.js';
import { messageTitle, type MapContext } from './map-context.js';
import type { MessageMemory, MessageState } from './message-memory.js';
import { personOf } from './room-directory.js';
import { SUBJECT_TYPES, systemKind } from './system-messages.js';
import { MalformedFrame, objectOf, stringOf, type WireObject } from './wire.js';

/**
 * One message document from `stream-room-messages` to the event it means. The server sends the
 * whole message on every change, so what is new is found by comparing with what was seen:
 * first sight is `message-sent` (or a system event); later frames are edits, reactions, stars,
 * tombstones, or nothing (a thread parent re-sent for its reply count).
 */
export function roomMessageEvent(
  value: unknown,
  context: MapContext,
  memory: MessageMemory,
): TidingsEvent | undefined {
  const message = objectOf(value);
  const id = stringOf(message?._id);
  const rid = stringOf(message?.rid);
  const author = personOf(message?.u);
  if (!message || !id || !rid || !author)
    throw new MalformedFrame('message without _id, rid or u._id');
  if (message.msg !== undefined && typeof message.msg !== 'string')
    throw new MalformedFrame('message text is not a string');

  const state = messageState(message);
  const previous = memory.swap(id, state);
  const t = stringOf(message.t);
  if (state.deleted)
    return previous?.deleted ? undefined : deletionEvent(id, rid, context, message);
  if (!previous) {
    if (state.editedAt > 0) return messageEvent(message, context, 'message-updated', id);
    return t === undefined
      ? messageEvent(message, context, 'message-sent', id)
      : systemEvent(message, t, context);
  }
  if (state.editedAt > previous.editedAt)
    return messageEvent(message, context, 'message-updated', id);
  if (state.reactions !== previous.reactions)
    return messageEvent(message, context, 'message-reacted', id);
  if (state.starred !== previous.starred)
    return messageEvent(message, context, 'message-starred', id);
  return undefined;
}

/** What later frames of the same message are compared with. */
export function messageState(message: WireObject): MessageState {
  const reactions = objectOf(message.reactions);
  const starred = message.starred;
  return {
    editedAt: msOf(message.editedAt) ?? 0,
    reactions: reactions ? reactionKey(reactions) : '',
    starred: Array.isArray(starred) ? starred.length : 0,
    deleted: message.t === 'rm',
  };
}

function reactionKey(reactions: WireObject): string {
  let key = '';
  for (const emoji in reactions) {
    const usernames = objectOf(reactions[emoji])?.usernames;
    key += `${emoji}${Array.isArray(usernames) ? usernames.length : 0};`;
  }
  return key;
}

/** Whether the message mentions the user: by id or name, `@all`/`@here`, or a direct room. */
function mentions(message: WireObject, context: MapContext, direct: boolean): boolean {
  if (direct) return true;
  const list = message.mentions;
  if (!Array.isArray(list)) return false;
  for (const item of list) {
    const mention = objectOf(item);
    const mid = mention?._id;
    if (mid === context.userId || mid === 'all' || mid === 'here') return true;
    if (context.username !== undefined && mention?.username === context.username) return true;
  }
  return false;
}

function bodyOf(message: WireObject): string {
  const text = stringOf(message.msg) ?? '';
  if (text !== '') return text;
  if (message.t === 'e2e') return 'Encrypted message';
  const attachment = Array.isArray(message.attachments)
    ? objectOf(message.attachments[0])
    : undefined;
  if (attachment)
    return stringOf(attachment.title) ?? stringOf(attachment.text) ?? 'Sent an attachment';
  return objectOf(message.file) ? 'Sent a file' : '';
}

function baseEvent(
  message: WireObject,
  context: MapContext,
  kind: EventKind,
  id: string,
): TidingsEvent {
  const rid = message.rid as string;
  const author = personOf(message.u)!;
  const room = context.rooms.room(rid);
  const tmid = stringOf(message.tmid);
  const messageId = message._id as string;
  const url = messageLink(context.server, room, messageId, tmid);
  return {
    account: context.account,
    kind,
    id,
    time: msOf(message.ts) ?? context.receivedAt,
    room,
    author,
    title: messageTitle(room, author.name),
    body: bodyOf(message),
    mentionsUser: mentions(message, context, room.type === 'direct'),
    ownMessage: author.id === context.userId,
    ...(url !== undefined && { url }),
    raw: message,
  };
}

function messageEvent(
  message: WireObject,
  context: MapContext,
  kind: EventKind,
  messageId: string,
): TidingsEvent {
  const event = baseEvent(message, context, kind, messageId);
  if (kind === 'message-sent') return event;
  const changed = msOf(message._updatedAt) ?? msOf(message.editedAt) ?? context.receivedAt;
  return {
    ...event,
    id: `${kind}:${messageId}:${changed}`,
    target: messageId,
    // An edit updates a shown notification; reactions and stars are history, not news.
    ...(kind !== 'message-updated' && {
      historyOnly: kind === 'message-reacted' ? 'reaction' : 'starred',
    }),
  };
}

function systemEvent(message: WireObject, t: string, context: MapContext): TidingsEvent {
  const event = baseEvent(message, context, 'room-action', message._id as string);
  const { kind, body } = systemKind(t);
  const msg = stringOf(message.msg) ?? '';
  // Joins, topic changes and the like are history; being added or removed yourself is news.
  const aboutUser =
    SUBJECT_TYPES.has(t) && context.username !== undefined && msg === context.username;
  return {
    ...event,
    kind,
    body: body(personOf(message.u)!.name, msg),
    mentionsUser: aboutUser || event.mentionsUser,
    ...(!aboutUser && { historyOnly: `system message "${t}"` }),
  };
}

/** A deletion, from a `t: "rm"` tombstone or a `<rid>/deleteMessage` event: one id for both. */
export function deletionEvent(
  messageId: string,
  rid: string,
  context: MapContext,
  message?: WireObject,
): TidingsEvent {
  const room = context.rooms.room(rid);
  const deleter = personOf(objectOf(message?.editedBy) ?? undefined);
  return {
    account: context.account,
    kind: 'message-deleted',
    id: `message-deleted:${messageId}`,
    time: msOf(message?._updatedAt) ?? context.receivedAt,
    room,
    ...(deleter && { author: deleter }),
    title: messageTitle(room, deleter?.name ?? 'Someone'),
    body: 'message deleted',
    mentionsUser: false,
    ownMessage: false,
    target: messageId,
    ...(message && { raw: message }),
  };
}
