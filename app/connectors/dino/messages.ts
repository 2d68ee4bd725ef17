import {
  roomLabel,
  type EventAuthor,
  type EventRoom,
  type TidingsEvent,
} from '../../core/events.js';
import { MessageType, messageBody, payloadText } from './bodies.js';
import { authorOf, buildEvent, personName, type Frame } from './frame.js';
import { idOf, intOf } from '../shared/payload.js';

/** "alice" in a one-to-one conversation, "alice in #friends" in a group. */
export function messageTitle(room: EventRoom, author: EventAuthor | undefined): string {
  const who = personName(author);
  return room.type === 'direct' ? who : `${who} in ${roomLabel(room)}`;
}

/** `message`, legacy `attachment`, `irc_message`: news the user may want to see. */
export function messageEvents(frame: Frame): TidingsEvent[] {
  const { payload } = frame;
  const messageType = intOf(payload.message_type);
  // Action logs also travel as messages of type 100 (and 64, whispered to one user).
  if (messageType === MessageType.action || messageType === MessageType.actionWhisper)
    return actionEvents(frame);
  const author = authorOf(frame);
  const messageId = idOf(payload.message_id);
  const hasFile = idOf(payload.file_id) !== undefined || frame.type === 'attachment';
  return [
    buildEvent(frame, {
      kind: 'message-sent',
      // The message's own id: what later edits, recalls and deletions name as their target.
      id: messageId ?? `${frame.type}:${frame.digest}`,
      title: messageTitle(frame.room, author),
      body: messageBody(messageType, payload.message_payload, hasFile),
      author,
      messageId,
    }),
  ];
}

/** `edit` (legacy): updates the shown notification if the message is still in it. */
export function editEvents(frame: Frame): TidingsEvent[] {
  const { payload } = frame;
  const author = authorOf(frame);
  const messageId = idOf(payload.message_id);
  const hasFile = idOf(payload.file_id) !== undefined;
  return [
    buildEvent(frame, {
      kind: 'message-updated',
      id: `edit:${messageId ?? '?'}:${frame.digest}`,
      title: messageTitle(frame.room, author),
      body: messageBody(intOf(payload.message_type), payload.message_payload, hasFile),
      author,
      messageId,
      target: messageId,
      // Without a target the pipeline would take it for a new message.
      historyOnly: messageId === undefined ? 'edit without a message id' : undefined,
    }),
  ];
}

/** `action`, `action_log`: joins, pins, highlight changes; history, not news. */
export function actionEvents(frame: Frame): TidingsEvent[] {
  const { payload } = frame;
  const author = authorOf(frame);
  const messageId = idOf(payload.message_id);
  return [
    buildEvent(frame, {
      kind: 'room-action',
      id: `action:${messageId ?? frame.digest}`,
      title: roomLabel(frame.room),
      body: `${personName(author)}: ${payloadText(payload.message_payload) ?? 'action'}`,
      author,
      messageId,
      historyOnly: frame.type === 'action_log' ? 'action log' : 'action',
    }),
  ];
}
