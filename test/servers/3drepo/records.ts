// What the test server keeps of what happened, as 3D Repo's database does: tickets, their
// comments, revisions and the user's v4 notifications. The chat service forgets every event
// once sent; these records are what the REST routes (model-routes.ts) answer from.
import type { ModelType } from './catalog.js';

export interface Place {
  teamspace: string;
  project: string;
  model: string;
}

/** A ticket as `serialiseTicket` writes it: UUIDs as strings, dates as epoch ms. */
export interface TicketRecord {
  _id: string;
  type: string;
  title: string;
  number: number;
  properties: Record<string, unknown>;
  modules: Record<string, unknown>;
}

/** A comment as `serialiseComment` writes it (`tickets.comments.js`). */
export interface CommentRecord {
  _id: string;
  ticket: string;
  author: string;
  message?: string;
  createdAt: number;
  updatedAt: number;
  deleted?: boolean;
  history?: { timestamp: number; message?: string }[];
}

/** A revision as `serialiseRevision` writes it: `timestamp` as epoch ms. */
export interface RevisionRecord {
  _id: string;
  tag?: string;
  author: string;
  timestamp: number;
  desc?: string;
  format?: string;
  void?: boolean;
}

interface Keyed<T> {
  place: Place;
  modelType: ModelType;
  record: T;
}

const same = (a: Place, b: Place) =>
  a.teamspace === b.teamspace && a.project === b.project && a.model === b.model;

export class Records {
  private readonly tickets: Keyed<TicketRecord>[] = [];
  private readonly comments: (Keyed<CommentRecord> & { ticket: string })[] = [];
  private readonly revisions: Keyed<RevisionRecord>[] = [];
  private readonly notifications = new Map<string, Record<string, unknown>[]>();

  addTicket(place: Place, modelType: ModelType, ticket: TicketRecord): void {
    this.tickets.push({ place, modelType, record: ticket });
  }

  /** Applies an update's new values, as `updateTickets` `$set`s them; returns the ticket. */
  updateTicket(ticketId: string, properties: Record<string, unknown>): TicketRecord | undefined {
    const found = this.tickets.find((entry) => entry.record._id === ticketId)?.record;
    if (found) found.properties = { ...found.properties, ...properties };
    return found;
  }

  ticketsOf(place: Place, modelType: ModelType): TicketRecord[] {
    return this.tickets
      .filter((entry) => entry.modelType === modelType && same(entry.place, place))
      .map((entry) => entry.record);
  }

  ticket(place: Place, ticketId: string): TicketRecord | undefined {
    return this.tickets.find((entry) => same(entry.place, place) && entry.record._id === ticketId)
      ?.record;
  }

  addComment(place: Place, modelType: ModelType, comment: CommentRecord): void {
    this.comments.push({ place, modelType, ticket: comment.ticket, record: comment });
  }

  commentsOf(place: Place, ticketId: string): CommentRecord[] {
    return this.comments
      .filter((entry) => entry.ticket === ticketId && same(entry.place, place))
      .map((entry) => entry.record);
  }

  addRevision(place: Place, modelType: ModelType, revision: RevisionRecord): void {
    this.revisions.push({ place, modelType, record: revision });
  }

  revisionsOf(place: Place, modelType: ModelType): RevisionRecord[] {
    return this.revisions
      .filter((entry) => entry.modelType === modelType && same(entry.place, place))
      .map((entry) => entry.record);
  }

  /** v4 `notification.upsertNotification`: by `_id`, the newest replacing the older. */
  upsertNotification(username: string, notification: Record<string, unknown>): void {
    const list = this.notifications.get(username) ?? [];
    const at = list.findIndex((n) => n._id === notification._id);
    if (at >= 0) list[at] = notification;
    else list.push(notification);
    this.notifications.set(username, list);
  }

  deleteNotification(username: string, notificationId: string): void {
    const list = this.notifications.get(username) ?? [];
    this.notifications.set(
      username,
      list.filter((n) => n._id !== notificationId),
    );
  }

  notificationsOf(username: string): Record<string, unknown>[] {
    return [...(this.notifications.get(username) ?? [])];
  }
}
