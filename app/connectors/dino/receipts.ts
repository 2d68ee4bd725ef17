import { roomLabel, type TidingsEvent } from '../../core/events.js';
import { authorOf, buildEvent, personName, type Frame } from './frame.js';
import { epochMs, idOf, intOf } from '../shared/payload.js';

/** `peer_status` 4: the reader bookmarked the conversation, Dino's "mark as unread". */
const PEER_STATUS_BOOKMARKED = 4;

/**
 * `read`: Dino's own event. By the user (another device): the room is read, so its count clears
 * and its notification goes. By anyone else: a read receipt, kept in history only.
 */
export function readEvents(frame: Frame): TidingsEvent[] {
  const { payload, context, room } = frame;
  const reader = idOf(payload.user_id);
  const author = authorOf(frame, 'user_id');
  // Current shape: `peer_last_read`; the old doc: `read_at`.
  const time = epochMs(payload.peer_last_read) ?? epochMs(payload.read_at);
  const id = `read:${room.id}:${reader ?? '?'}:${time ?? frame.digest}`;
  const title = roomLabel(room);
  if (reader === undefined || reader !== context.userId) {
    return [
      buildEvent(frame, {
        kind: 'read-receipt',
        id,
        title,
        body: `${personName(author)} read the conversation`,
        author,
        time,
        historyOnly: 'read receipt',
      }),
    ];
  }
  if (intOf(payload.peer_status) === PEER_STATUS_BOOKMARKED) {
    return [
      buildEvent(frame, {
        kind: 'subscription-updated',
        id,
        title,
        body: 'marked as unread on another device',
        author,
        time,
        historyOnly: 'marked as unread elsewhere',
      }),
    ];
  }
  return [
    buildEvent(frame, {
      kind: 'subscription-read',
      id,
      title,
      body: 'read on another device',
      author,
      time,
    }),
  ];
}
