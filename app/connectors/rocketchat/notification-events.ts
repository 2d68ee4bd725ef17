import type { TidingsEvent } from '../../core/events.js';
import { messageLink } from './links.js';
import { messageTitle, textMentions, type MapContext } from './map-context.js';
import { personOf } from './room-directory.js';
import { MalformedFrame, objectOf, stringOf } from './wire.js';

/**
 * `<uid>/notification`: the server decided, with the user's own preferences, that this message
 * deserves a desktop notification. The event's id is the message id, so the same notification
 * delivered twice, or the same message from a room stream, shows once.
 */
export function notificationEvent(value: unknown, context: MapContext): TidingsEvent {
  const notification = objectOf(value);
  const payload = objectOf(notification?.payload);
  const id = stringOf(payload?._id);
  const rid = stringOf(payload?.rid);
  if (!payload || !id || !rid)
    throw new MalformedFrame('notification without payload._id or payload.rid');
  const sender = personOf(payload.sender);
  const room = context.rooms.room(rid, stringOf(payload.type), stringOf(payload.name));
  const message = objectOf(payload.message);
  const text = stringOf(message?.msg) ?? stringOf(notification?.text) ?? '';
  const body = message?.t === 'e2e' ? 'Encrypted message' : text;
  const tmid = stringOf(payload.tmid);
  const url = messageLink(context.server, room, id, tmid);
  const author = sender ?? { id: 'unknown', name: stringOf(notification?.title) ?? 'Someone' };
  return {
    account: context.account,
    kind: 'message-sent',
    id,
    time: context.receivedAt,
    room,
    author,
    title: messageTitle(room, author.name),
    body,
    mentionsUser: room.type === 'direct' || textMentions(text, context.username),
    ownMessage: author.id === context.userId,
    ...(url !== undefined && { url }),
    raw: notification,
  };
}
