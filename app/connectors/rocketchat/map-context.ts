import { roomLabel, type EventRoom } from '../../core/events.js';
import type { RoomDirectory } from './room-directory.js';

/** What the mappers need besides the frame; plain values, so mapping a frame stays pure. */
export interface MapContext {
  account: string;
  userId: string;
  /** The account's user name, for `@name` mentions in notification texts; unknown at times. */
  username: string | undefined;
  /** The site's base URL, for links. */
  server: string;
  rooms: RoomDirectory;
  /** When the frame arrived: the time of events that carry none. */
  receivedAt: number;
}

/** "alice" in a direct room, "alice in #general" elsewhere. */
export function messageTitle(room: EventRoom, author: string): string {
  return room.type === 'direct' ? author : `${author} in ${roomLabel(room)}`;
}

const GROUP_MENTION = /(^|[^\w])@(all|here)\b/i;

/** Whether a text mentions the user: `@username`, `@all` or `@here`. */
export function textMentions(text: string, username: string | undefined): boolean {
  if (GROUP_MENTION.test(text)) return true;
  if (!username) return false;
  const at = text.indexOf(`@${username}`);
  if (at < 0) return false;
  const after = text.charCodeAt(at + username.length + 1);
  // "@bob" but not "@bobby".
  return Number.isNaN(after) || !/[\w.-]/.test(String.fromCharCode(after));
}
