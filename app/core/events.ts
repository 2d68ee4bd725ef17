/**
 * The one event type every connector produces. Kinds use the Rocket.Chat events vocabulary as
 * the base and extend it where another protocol has events of its own.
 */

export const MESSAGE_KINDS = [
  'message-sent',
  'message-updated',
  'message-deleted',
  'message-starred',
  'message-pinned',
  'message-reacted',
  'message-reported',
  'message-read',
] as const;

export const ROOM_KINDS = [
  'room-created',
  'room-deleted',
  'room-archived',
  'room-unarchived',
  'user-joined',
  'user-left',
  'user-added',
  'user-removed',
  'user-muted',
  'user-unmuted',
  'owner-changed',
  'moderator-added',
  'moderator-removed',
  'room-name-changed',
  'room-topic-changed',
  'room-description-changed',
  'room-announcement-changed',
  'room-type-changed',
] as const;

export const USER_KINDS = ['user-status-changed', 'user-presence-changed', 'user-updated'] as const;

export const SUBSCRIPTION_KINDS = [
  'subscription-created',
  'subscription-updated',
  'subscription-deleted',
  'subscription-unread',
  'subscription-read',
  'subscription-mentioned',
] as const;

/** Kinds other protocols add: 3D Repo models and tickets, Kuzzle documents, Dino receipts. */
export const EXTENDED_KINDS = [
  'model-imported',
  'model-import-failed',
  'model-revision-added',
  'model-revision-updated',
  'model-removed',
  'model-created',
  'ticket-created',
  'ticket-updated',
  'ticket-assigned',
  'ticket-closed',
  'ticket-comment-added',
  'ticket-comment-updated',
  'user-referenced',
  'document-created',
  'document-updated',
  'document-replaced',
  'document-deleted',
  'document-published',
  'document-entered-scope',
  'document-left-scope',
  'room-user-entered',
  'room-user-left',
  'session-expired',
  'message-recalled',
  'message-hidden',
  'message-unhidden',
  'message-highlighted',
  // Someone else read the conversation (Dino `read`). Not 'message-read': the pipeline takes that
  // as the user reading elsewhere and clears the room.
  'read-receipt',
  'room-action',
  'unknown',
] as const;

export type EventKind =
  | (typeof MESSAGE_KINDS)[number]
  | (typeof ROOM_KINDS)[number]
  | (typeof USER_KINDS)[number]
  | (typeof SUBSCRIPTION_KINDS)[number]
  | (typeof EXTENDED_KINDS)[number];

export type RoomType =
  | 'direct'
  | 'group'
  | 'channel'
  | 'thread'
  | 'model'
  | 'project'
  | 'collection'
  | 'user'
  | 'server';

export interface EventRoom {
  id: string;
  /** Name as a person reads it, e.g. "general"; missing when the protocol only gives an id. */
  name?: string;
  type: RoomType;
}

export interface EventAuthor {
  id: string;
  name?: string;
  avatarUrl?: string;
}

/** A link a notification offers as a button, beside its click (ntfy's `view` and `http` actions). */
export interface EventLink {
  label: string;
  url: string;
  /** Send this request to `url` when the button is clicked, instead of opening it (ntfy `http`). */
  request?: LinkRequest;
  /** Close the notification once the button's action succeeded (ntfy's `clear`). */
  clear?: boolean;
}

/** The request an `http` action button sends, only when clicked. */
export interface LinkRequest {
  method: string;
  headers: Record<string, string>;
  body: string;
}

export interface TidingsEvent {
  account: string;
  kind: EventKind;
  /** Unique per account: what dedupe keys on. An edit has its own id, distinct from the message's. */
  id: string;
  /** Milliseconds since the epoch, from the server where it says. */
  time: number;
  room: EventRoom;
  author?: EventAuthor;
  /** Plain text, ready to show. */
  title: string;
  body: string;
  mentionsUser: boolean;
  ownMessage: boolean;
  url?: string;
  /** More links, shown as buttons where the OS has them (the link policy applies to each). */
  links?: EventLink[];
  /** For edits, deletions, recalls and reads of one message: the id of the event they change. */
  target?: string;
  /** Absolute unread counters of the room, when the server keeps them (subscriptions-changed). */
  unread?: { count: number; mentions?: number };
  /** Set by a connector for events that belong in history but never notify (status ticks). */
  historyOnly?: string;
  /** True for events fetched after a reconnect or wake rather than pushed live. */
  catchUp?: boolean;
  /** The user asked the server for notifications that stay until dismissed. */
  stayUntilDismissed?: boolean;
  /** The frame as received, for templates and debugging. */
  raw?: unknown;
}

const MESSAGE_LIKE: ReadonlySet<EventKind> = new Set<EventKind>(['message-sent']);

/** Whether the event adds to a room's unread count (a new message from someone else). */
export function countsAsUnread(event: TidingsEvent): boolean {
  return MESSAGE_LIKE.has(event.kind) && !event.ownMessage && event.unread === undefined;
}

/** The key a room is known by across the app: rooms are only unique within an account. */
export function roomKey(account: string, roomId: string): string {
  return `${account}\u0000${roomId}`;
}

/** "#general", "alice", or the id when the protocol gave no name. */
export function roomLabel(room: EventRoom): string {
  const name = room.name ?? room.id;
  return room.type === 'channel' || room.type === 'group' ? `#${name}` : name;
}
