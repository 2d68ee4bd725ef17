import { MeteorError } from './errors.js';
import type { Hub } from './hub.js';

export type Access = 'allowed' | 'denied' | 'unknown' | 'invalid';

/** The publications the server has: every Rocket.Chat stream X is the DDP publication stream-X. */
const STREAMS = new Set([
  'stream-room-messages',
  'stream-notify-user',
  'stream-notify-room',
  'stream-notify-logged',
  'stream-notify-all',
]);

/** The read rules of `notifications.module.ts`, per stream and event name. */
export function streamAccess(
  hub: Hub,
  name: string,
  eventName: string,
  userId: string | undefined,
): Access {
  if (!STREAMS.has(name)) return 'unknown';
  if (eventName === '') return 'invalid';
  switch (name) {
    case 'stream-notify-all':
      return 'allowed';
    case 'stream-notify-logged':
      return userId ? 'allowed' : 'denied';
    case 'stream-notify-user':
      return userId && eventName.startsWith(`${userId}/`) ? 'allowed' : 'denied';
    case 'stream-notify-room': {
      const rid = eventName.slice(0, eventName.indexOf('/'));
      return userId && hub.store.canRead(rid, userId) ? 'allowed' : 'denied';
    }
    default:
      if (eventName === '__my_messages__') return 'allowed';
      return userId && hub.store.canRead(eventName, userId) ? 'allowed' : 'denied';
  }
}

/** Why a `sub` failed, as a nosub error; undefined for the era that sends a bare nosub. */
export function accessError(hub: Hub, access: Access, name: string): MeteorError | undefined {
  if (access === 'unknown') return new MeteorError(404, `Subscription '${name}' not found`);
  if (hub.options.behaviour.deniedNosub === 'plain') return undefined;
  if (access === 'invalid') return new MeteorError('invalid-event-name');
  return new MeteorError('not-allowed');
}
