import { roomLabel, type EventKind, type EventRoom } from '../events.js';

const MESSAGE_KINDS: ReadonlySet<EventKind> = new Set(['message-sent']);

/** "5 new messages in #general", or "3 new notifications in Tower" for other kinds. */
export function summaryTitle(count: number, room: EventRoom, kinds: Iterable<EventKind>): string {
  const onlyMessages = [...kinds].every((kind) => MESSAGE_KINDS.has(kind));
  const noun = onlyMessages ? 'message' : 'notification';
  return `${count} new ${noun}${count === 1 ? '' : 's'} in ${roomLabel(room)}`;
}
