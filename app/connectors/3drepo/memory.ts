import { isPayload, text, type Payload } from '../shared/payload.js';

/** What later events need from earlier ones: 3D Repo events carry ids, rarely names. */
export interface Recall {
  modelName(teamspace: string, model: string): string | undefined;
  ticket(ticketId: string): TicketFacts | undefined;
  /** The event id a v4 notification was shown under, for its `notificationDeleted`. */
  notificationEvent(notificationId: string): string | undefined;
}

export interface TicketFacts {
  number?: number;
  title?: string;
  /** The ticket's template id: part of its link. */
  template?: string;
}

/** Enough for every model and ticket a person follows; the longest unused go first. */
const LIMIT = 5_000;

export class Memory implements Recall {
  private readonly models = new Map<string, string>();
  private readonly tickets = new Map<string, TicketFacts>();
  private readonly notifications = new Map<string, string>();

  modelName(teamspace: string, model: string): string | undefined {
    return this.models.get(`${teamspace}::${model}`);
  }

  ticket(ticketId: string): TicketFacts | undefined {
    return this.tickets.get(ticketId);
  }

  notificationEvent(notificationId: string): string | undefined {
    return this.notifications.get(notificationId);
  }

  rememberModel(teamspace: string, model: string, name: string): void {
    remember(this.models, `${teamspace}::${model}`, name);
  }

  rememberTicket(ticketId: string, facts: TicketFacts): void {
    remember(this.tickets, ticketId, { ...this.tickets.get(ticketId), ...facts });
  }

  rememberNotification(notificationId: string, eventId: string): void {
    remember(this.notifications, notificationId, eventId);
  }
}

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > LIMIT) map.delete(map.keys().next().value as string);
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
