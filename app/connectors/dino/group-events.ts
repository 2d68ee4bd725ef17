import { roomLabel, type TidingsEvent } from '../../core/events.js';
import { authorOf, buildEvent, knownUser, personName, type Frame } from './frame.js';
import { epochMs, idOf, idsOf } from '../shared/payload.js';

/**
 * `group`: created or updated. Dino sends no flag for which; a group whose `updated_at` equals
 * its `created_at` (or has none) is new. Being put into a new group is news; updates and new
 * one-to-one conversations (the first message follows anyway) are history.
 */
export function groupEvents(frame: Frame): TidingsEvent[] {
  const { payload, room } = frame;
  const created = epochMs(payload.created_at);
  const updated = epochMs(payload.updated_at);
  const isNew = created !== undefined && (updated === undefined || updated === created);
  const owner = authorOf(frame, 'owner_id');
  const title = roomLabel(room);
  const id = `group:${room.id}:${frame.digest}`;
  const time = updated ?? created;
  if (isNew) {
    return [
      buildEvent(frame, {
        kind: 'room-created',
        id,
        title,
        body: owner ? `${personName(owner)} created the group` : 'New group',
        author: owner,
        time,
        historyOnly: room.type === 'direct' ? 'conversation started' : undefined,
      }),
    ];
  }
  return [
    buildEvent(frame, {
      kind: 'subscription-updated',
      id,
      title,
      body: 'group details changed',
      time,
      historyOnly: 'group details changed',
    }),
  ];
}

/** `join` (legacy): `user_ids` joined. History only, as in most chat apps. */
export function joinEvents(frame: Frame): TidingsEvent[] {
  const { payload, room, context } = frame;
  const joiners = idsOf(payload.user_ids);
  const people = joiners.map((id) => knownUser(context, id));
  const names = people.map(personName);
  const author = people.length === 1 ? people[0] : undefined;
  return [
    buildEvent(frame, {
      kind: 'user-joined',
      id: `join:${room.id}:${frame.digest}`,
      title: roomLabel(room),
      body: `${names.length > 0 ? names.join(', ') : 'Someone'} joined`,
      author,
      historyOnly: 'member joined',
    }),
  ];
}

/** `leave` (legacy): `user_id` left. */
export function leaveEvents(frame: Frame): TidingsEvent[] {
  const author = authorOf(frame, 'user_id');
  return [
    buildEvent(frame, {
      kind: 'user-left',
      id: `leave:${frame.room.id}:${frame.digest}`,
      title: roomLabel(frame.room),
      body: `${personName(author)} left`,
      author,
      historyOnly: 'member left',
    }),
  ];
}

/** `highlight`: someone pinned the conversation to the top of a list; history only. */
export function highlightEvents(frame: Frame): TidingsEvent[] {
  const author = authorOf(frame) ?? authorOf(frame, 'user_id');
  const messageId = idOf(frame.payload.message_id);
  return [
    buildEvent(frame, {
      kind: 'message-highlighted',
      id: `highlight:${frame.room.id}:${frame.digest}`,
      title: roomLabel(frame.room),
      body: `${personName(author)} highlighted the conversation`,
      author,
      messageId,
      historyOnly: 'highlight',
    }),
  ];
}

/** `irc_rooms`: the list of IRC rooms changed. */
export function ircRoomsEvents(frame: Frame): TidingsEvent[] {
  return [
    buildEvent(frame, {
      kind: 'subscription-updated',
      id: `irc_rooms:${frame.digest}`,
      title: 'IRC rooms',
      body: 'the list of IRC rooms changed',
      historyOnly: 'IRC room list',
    }),
  ];
}
