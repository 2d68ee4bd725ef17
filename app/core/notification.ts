import type { EventKind, EventLink, EventRoom } from './events.js';

/** What a sink shows: one per room at a time, updated as events fold into it. */
export interface RoomNotification {
  /** One per account + room: a new notification for the room replaces the one shown. */
  key: string;
  account: string;
  room: EventRoom;
  kind: EventKind;
  /** The newest event folded into it: its link is the one a click opens. */
  eventId: string;
  title: string;
  body: string;
  url?: string;
  /** The event's own buttons (a single event's only: a summary has none). */
  links?: EventLink[];
  /** How many events it stands for. */
  count: number;
  mention: boolean;
  /** It stays until the user dismisses it (where the OS can keep it). */
  stayUntilDismissed?: boolean;
}

/**
 * Shows notifications: Electron's `Notification`, JSON lines and notify-send. A sink that fails
 * to show one rejects, and the pipeline records the reason in history.
 */
export interface NotificationSink {
  /** A new notification for the room; it replaces whatever the room showed before. */
  show(notification: RoomNotification): void | Promise<void>;
  /** The room's notification changes in place (more events folded in, an edit). */
  update(notification: RoomNotification): void | Promise<void>;
  /** The room's notification goes away (deleted, read elsewhere). */
  retract(notification: RoomNotification): void | Promise<void>;
}
