import { roomLabel, type EventKind, type TidingsEvent } from '../../core/events.js';
import { authorOf, buildEvent, personName, type Frame } from './frame.js';
import { idOf, idsOf } from '../shared/payload.js';

interface Removal {
  kind: EventKind;
  verb: string;
  /** Whether the pipeline should take the message out of a shown notification. */
  retracts: boolean;
  /** What the event means without message ids: the whole conversation. */
  conversation?: { kind: EventKind; reason: string };
}

/**
 * Events that take messages away (or bring them back). `delete_message` never had a published
 * shape; it is read like `delete`. Dino's `hide`/`delete` without message ids act on the user's
 * whole conversation.
 */
const REMOVALS: ReadonlyMap<string, Removal> = new Map<string, Removal>([
  ['recall', { kind: 'message-recalled', verb: 'recalled a message', retracts: true }],
  [
    'delete',
    {
      kind: 'message-deleted',
      verb: 'deleted a message',
      retracts: true,
      conversation: { kind: 'subscription-deleted', reason: 'conversation deleted' },
    },
  ],
  ['delete_message', { kind: 'message-deleted', verb: 'deleted a message', retracts: true }],
  ['delete_attachment', { kind: 'message-deleted', verb: 'deleted an attachment', retracts: true }],
  [
    'hide',
    {
      kind: 'message-hidden',
      verb: 'hid a message',
      retracts: true,
      conversation: { kind: 'subscription-updated', reason: 'conversation hidden' },
    },
  ],
  [
    'unhide',
    {
      kind: 'message-unhidden',
      verb: 'showed a message again',
      retracts: false,
      conversation: { kind: 'subscription-updated', reason: 'conversation shown again' },
    },
  ],
]);

export const REMOVAL_TYPES: readonly string[] = [...REMOVALS.keys()];

/** One event per message id, each naming the message it removes as its `target`. */
export function removalEvents(frame: Frame): TidingsEvent[] {
  const removal = REMOVALS.get(frame.type);
  if (!removal) return [];
  const { payload } = frame;
  const author = authorOf(frame) ?? authorOf(frame, 'user_id');
  const title = roomLabel(frame.room);
  const body = `${personName(author)} ${removal.verb}`;
  const messageIds = [...new Set([idOf(payload.message_id), ...idsOf(payload.message_ids)])].filter(
    (id): id is string => id !== undefined,
  );
  if (messageIds.length === 0) {
    const whole = removal.conversation;
    return [
      buildEvent(frame, {
        kind: whole?.kind ?? removal.kind,
        id: `${frame.type}:${frame.digest}`,
        title,
        body: whole ? `${personName(author)}: ${whole.reason}` : body,
        author,
        historyOnly: whole?.reason ?? `${frame.type} without a message id`,
      }),
    ];
  }
  return messageIds.map((messageId) =>
    buildEvent(frame, {
      kind: removal.kind,
      id: `${frame.type}:${messageId}:${frame.digest}`,
      title,
      body,
      author,
      messageId,
      target: messageId,
      ...(!removal.retracts && { historyOnly: removal.verb }),
    }),
  );
}
