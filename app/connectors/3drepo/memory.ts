import { BoundedMap } from '../../core/bounded-map.js';
import { isPayload, text, type Payload } from '../shared/payload.js';

/** What later events need from earlier ones: 3D Repo events carry ids, rarely names. */
export interface Recall {
  modelName(teamspace: string, model: string): string | undefined;
  ticket(ticketId: string): TicketFacts | undefined;
  /** The event id a v4 notification was shown under, for its `notificationDeleted`. */
  notificationEvent(notificationId: string): string | undefined;
  /** The state catch-up found a ticket in, and the event it reported it as. */
  caughtUpTicket(ticketId: string): CaughtUpTicket | undefined;
}

export interface CaughtUpTicket {
  title?: string;
  properties: Payload;
  eventId: string;
}

export interface TicketFacts {
  number?: number;
  title?: string;
  /** The ticket's template id: part of its link. */
  template?: string;
}

/** Enough for every model and ticket a person follows; the longest unused go first (see BoundedMap). */
const LIMIT = 5_000;

export class Memory implements Recall {
  private readonly models = new BoundedMap<string, string>(LIMIT);
  private readonly tickets = new BoundedMap<string, TicketFacts>(LIMIT);
  private readonly notifications = new BoundedMap<string, string>(LIMIT);
  private readonly caughtUp = new BoundedMap<string, CaughtUpTicket>(LIMIT);

  modelName(teamspace: string, model: string): string | undefined {
    return this.models.get(`${teamspace}::${model}`);
  }

  ticket(ticketId: string): TicketFacts | undefined {
    return this.tickets.get(ticketId);
  }

  notificationEvent(notificationId: string): string | undefined {
    return this.notifications.get(notificationId);
  }

  caughtUpTicket(ticketId: string): CaughtUpTicket | undefined {
    return this.caughtUp.get(ticketId);
  }

  rememberCaughtUp(ticketId: string, ticket: CaughtUpTicket): void {
    this.caughtUp.set(ticketId, ticket);
  }

  rememberModel(teamspace: string, model: string, name: string): void {
    this.models.set(`${teamspace}::${model}`, name);
  }

  rememberTicket(ticketId: string, facts: TicketFacts): void {
    this.tickets.set(ticketId, { ...this.tickets.get(ticketId), ...facts });
  }

  rememberNotification(notificationId: string, eventId: string): void {
    this.notifications.set(notificationId, eventId);
  }
}

/** The facts a ticket payload gives (new tickets: all; updates: what changed). */
export function ticketFacts(ticket: Payload): TicketFacts {
  const number = ticket.number;
  const title = text(ticket.title);
  const template = text(ticket.type);
  return {
    ...(typeof number === 'number' && { number }),
    ...(title !== undefined && { title }),
    ...(template !== undefined && { template }),
  };
}

export function asPayload(value: unknown): Payload | undefined {
  return isPayload(value) ? value : undefined;
}
