import type { TidingsEvent } from '../../core/events.js';
import type { MapContext } from './map-context.js';
import { MalformedFrame, numberOf, stringOf } from './wire.js';

/** `STATUS_MAP` of the server: 0 offline, 1 online, 2 away, 3 busy. */
const STATUS_WORDS = ['offline', 'online', 'away', 'busy'];

/**
 * `user-status` on `stream-notify-logged`. Its args hold one array (double nesting):
 * `[uid, username, status, statusText]`, with `name` and `roles` appended on newer servers.
 */
export function userStatusEvent(args: unknown[], context: MapContext): TidingsEvent {
  const entry = args[0];
  if (!Array.isArray(entry)) throw new MalformedFrame('user-status without its array');
  const uid = stringOf(entry[0]);
  const username = stringOf(entry[1]) ?? uid;
  const status = numberOf(entry[2]);
  if (!uid || !username || status === undefined)
    throw new MalformedFrame('user-status without uid or status');
  const word = STATUS_WORDS[status] ?? `status ${status}`;
  const text = stringOf(entry[3]);
  return {
    account: context.account,
    kind: 'user-status-changed',
    id: `user-status:${uid}:${context.receivedAt}:${status}`,
    time: context.receivedAt,
    room: { id: uid, name: username, type: 'user' },
    author: { id: uid, name: username },
    title: username,
    body: text ? `${word}: ${text}` : word,
    mentionsUser: false,
    ownMessage: uid === context.userId,
    raw: entry,
  };
}
