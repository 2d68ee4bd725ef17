import type { EventKind } from '../../core/events.js';

interface SystemKind {
  kind: EventKind;
  /** The body, from the actor and the message's `msg` (often a user name or the new value). */
  body(actor: string, msg: string): string;
}

/** Rocket.Chat system message types (`t`) as event kinds of the seed's vocabulary. */
const SYSTEM_KINDS: ReadonlyMap<string, SystemKind> = new Map<string, SystemKind>([
  ['uj', { kind: 'user-joined', body: (_a, msg) => `${msg} joined` }],
  ['ujt', { kind: 'user-joined', body: (_a, msg) => `${msg} joined the team` }],
  ['ul', { kind: 'user-left', body: (_a, msg) => `${msg} left` }],
  ['ult', { kind: 'user-left', body: (_a, msg) => `${msg} left the team` }],
  ['au', { kind: 'user-added', body: (a, msg) => `${a} added ${msg}` }],
  ['added-user-to-team', { kind: 'user-added', body: (a, msg) => `${a} added ${msg} to the team` }],
  ['ru', { kind: 'user-removed', body: (a, msg) => `${a} removed ${msg}` }],
  [
    'removed-user-from-team',
    { kind: 'user-removed', body: (a, msg) => `${a} removed ${msg} from the team` },
  ],
  ['user-muted', { kind: 'user-muted', body: (a, msg) => `${a} muted ${msg}` }],
  ['user-unmuted', { kind: 'user-unmuted', body: (a, msg) => `${a} unmuted ${msg}` }],
  ['r', { kind: 'room-name-changed', body: (a, msg) => `${a} renamed the room to ${msg}` }],
  [
    'room_changed_topic',
    { kind: 'room-topic-changed', body: (a, msg) => `${a} changed the topic: ${msg}` },
  ],
  [
    'room_changed_announcement',
    {
      kind: 'room-announcement-changed',
      body: (a, msg) => `${a} changed the announcement: ${msg}`,
    },
  ],
  [
    'room_changed_description',
    { kind: 'room-description-changed', body: (a, msg) => `${a} changed the description: ${msg}` },
  ],
  [
    'room_changed_privacy',
    { kind: 'room-type-changed', body: (a, msg) => `${a} made the room ${msg}` },
  ],
  ['room-archived', { kind: 'room-archived', body: (a) => `${a} archived the room` }],
  ['room-unarchived', { kind: 'room-unarchived', body: (a) => `${a} unarchived the room` }],
  ['message_pinned', { kind: 'message-pinned', body: (a) => `${a} pinned a message` }],
  ['message_pinned_e2e', { kind: 'message-pinned', body: (a) => `${a} pinned a message` }],
  ['rm', { kind: 'message-deleted', body: () => 'message deleted' }],
]);

export function systemKind(t: string): SystemKind {
  return SYSTEM_KINDS.get(t) ?? { kind: 'room-action', body: (a, msg) => `${a}: ${msg || t}` };
}

/** Types that name the user affected in `msg`: news when that user is the account's own. */
export const SUBJECT_TYPES: ReadonlySet<string> = new Set([
  'au',
  'ru',
  'user-muted',
  'user-unmuted',
]);
