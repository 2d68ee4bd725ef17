import { ConnectorError } from '../../core/connector.js';
import { isPayload, type Payload } from '../shared/payload.js';
import type { Cookies } from './cookies.js';
import type { ModelPlace } from './event.js';
import type { ModelType } from './model-frame.js';
import type { JsonAnswer, ThreeDRepoRest } from './rest.js';

/** Tickets asked for per page (`skip`/`limit` of the ticket list). */
export const TICKET_PAGE = 500;
/** A server that pages without end would otherwise keep catch-up going forever. */
const MAX_PAGES = 1_000;

/** The server refused one query (403 no access, 404 no such model or route): the room is left. */
export class QueryRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'QueryRefused';
  }
}

const SEGMENT: Record<ModelType, string> = {
  container: 'containers',
  federation: 'federations',
  drawing: 'drawings',
};

function modelPath(place: ModelPlace, type: ModelType): string {
  const part = encodeURIComponent;
  return `/v5/teamspaces/${part(place.teamspace)}/projects/${part(place.project)}/${SEGMENT[type]}/${part(place.model)}`;
}

/**
 * The REST queries catch-up makes, as 3D Repo's routes have them
 * (`routes/teamspaces/projects/models/…`): the body's list, or QueryRefused, or a
 * ConnectorError for anything retrying may help with.
 */
export class CatchUpQueries {
  constructor(
    private readonly rest: ThreeDRepoRest,
    private readonly cookies: () => Cookies | undefined,
  ) {}

  /**
   * `GET …/tickets?updatedSince=&filters=Updated at&skip=&limit=`, page by page, newest created
   * first. The list leaves `Updated at` out unless `filters` names it (`getTicketList`).
   */
  async *tickets(
    place: ModelPlace,
    type: 'container' | 'federation',
    updatedSince?: number,
  ): AsyncGenerator<Payload[]> {
    for (let page = 0; page < MAX_PAGES; page++) {
      const tickets = await this.ticketPage(place, type, page, updatedSince);
      yield tickets;
      // Fewer than asked: the last page. More: a server that ignores `limit` sent them all.
      if (tickets.length !== TICKET_PAGE) return;
    }
  }

  ticketPage(
    place: ModelPlace,
    type: 'container' | 'federation',
    page: number,
    updatedSince?: number,
  ): Promise<Payload[]> {
    const query = new URLSearchParams({
      ...(updatedSince !== undefined && { updatedSince: String(Math.floor(updatedSince)) }),
      filters: 'Updated at',
      skip: String(page * TICKET_PAGE),
      limit: String(TICKET_PAGE),
    });
    return this.list(`${modelPath(place, type)}/tickets?${query}`, 'tickets');
  }

  /** `GET …/tickets/{ticket}/comments?updatedSince=`: `{comments}`, newest first. */
  comments(
    place: ModelPlace,
    type: 'container' | 'federation',
    ticket: string,
    updatedSince: number,
  ): Promise<Payload[]> {
    const query = new URLSearchParams({ updatedSince: String(Math.floor(updatedSince)) });
    return this.list(
      `${modelPath(place, type)}/tickets/${encodeURIComponent(ticket)}/comments?${query}`,
      'comments',
    );
  }

  /** `GET …/{containers|drawings}/{model}/revisions`: every revision; no `since` exists. */
  revisions(place: ModelPlace, type: 'container' | 'drawing'): Promise<Payload[]> {
    return this.list(`${modelPath(place, type)}/revisions`, 'revisions');
  }

  /** v4 `GET /api/notifications`: the user's notifications, the list itself as the body. */
  notifications(): Promise<Payload[]> {
    return this.list('/api/notifications', undefined);
  }

  private async list(path: string, key: string | undefined): Promise<Payload[]> {
    const answer = await this.rest.getJson(path, this.cookies());
    const route = path.split('?')[0]!;
    if (answer.status >= 200 && answer.status < 300) {
      // `{comments}` as the serialiser writes it; the list itself, as its route doc says.
      const list =
        key === undefined || Array.isArray(answer.body)
          ? answer.body
          : (answer.body as Payload | undefined)?.[key];
      if (!Array.isArray(list))
        throw new ConnectorError('protocol', `${route} answered without a list`);
      return list.filter(isPayload);
    }
    throw refusal(route, answer);
  }
}

function refusal(route: string, answer: JsonAnswer): Error {
  const words = answer.error?.message ?? answer.error?.code ?? `HTTP ${answer.status}`;
  if (answer.status === 403 || answer.status === 404)
    return new QueryRefused(answer.status, answer.error?.code, `${route}: ${words}`);
  if (answer.status === 401) return new ConnectorError('auth', `session expired: ${words}`);
  return new ConnectorError('network', `server error on ${route}: ${words}`);
}
