// The REST routes catch-up asks, as 3D Repo's source has them (see README.md beside this file):
// tickets and their comments with `updatedSince`, container and drawing revisions, and the v4
// notification list. Errors in the server's `{code, message, status, place}` body.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Catalog, ModelType } from './catalog.js';
import type { Records, TicketRecord } from './records.js';
import type { SessionStore } from './sessions.js';

export interface ModelRoutesOptions {
  sessions: SessionStore;
  catalog: Catalog;
  records: Records;
  /** Each request, for tests that count them. */
  onRequest?: (route: string) => void;
  /**
   * A refusal the teamspace-level checks give before the model's (`licenceExpired`,
   * `membershipInactive`: both 403), by model id; the chat service checks no such thing.
   */
  refusal?: (model: string) => RouteError | undefined;
}

export type RouteError = readonly [status: number, code: string, message: string];

/** `responseCodes.js` templates the routes answer with; `code` is the constant-cased key. */
const ERRORS = {
  notLoggedIn: [401, 'NOT_LOGGED_IN', 'You are not logged in.'],
  notAuthorized: [
    403,
    'NOT_AUTHORIZED',
    'You do not have sufficient access rights for this action.',
  ],
  container: [404, 'CONTAINER_NOT_FOUND', 'Container not found.'],
  federation: [404, 'FEDERATION_NOT_FOUND', 'Federation not found.'],
  drawing: [404, 'DRAWING_NOT_FOUND', 'Drawing not found.'],
  ticket: [404, 'TICKET_NOT_FOUND', 'Ticket not found.'],
  invalid: [400, 'INVALID_ARGUMENTS', 'The arguments provided are not valid.'],
} as const;

const TYPE_OF_SEGMENT: Record<string, ModelType> = {
  containers: 'container',
  federations: 'federation',
  drawings: 'drawing',
};

const MODEL_PATH =
  /^\/v5\/teamspaces\/([^/]+)\/projects\/([^/]+)\/(containers|federations|drawings)\/([^/]+)\/(tickets|revisions)(?:\/([^/]+)\/(comments))?$/;

/** The list's projection (`getTicketList`): these properties plus what `filters` names. */
const LISTED_PROPERTIES = [
  'Owner',
  'Created at',
  'Default View',
  'Due Date',
  'Pin',
  'Status',
  'Priority',
  'Assignees',
];

/** Answers the routes it knows and returns true; false for any other path. */
export function modelRoutes(options: ModelRoutesOptions) {
  return (request: IncomingMessage, response: ServerResponse): boolean => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const route = `${request.method ?? 'GET'} ${url.pathname}`;
    const place = `${request.method ?? 'GET'} ${request.url ?? '/'}`;
    const fail = ([status, code, message]: RouteError, why?: string) =>
      json(response, status, { code, message: why ?? message, status, place });
    const session = options.sessions.fromCookieHeader(request.headers.cookie);

    if (route === 'GET /api/notifications') {
      options.onRequest?.(route);
      if (!session) {
        fail(ERRORS.notLoggedIn);
        return true;
      }
      // v4: the list itself is the body, newest first (`notification.getNotifications`).
      const list = options.records.notificationsOf(session.username);
      json(
        response,
        200,
        list.sort((a, b) => Number(b.timestamp) - Number(a.timestamp)),
      );
      return true;
    }

    const match = request.method === 'GET' ? MODEL_PATH.exec(url.pathname) : null;
    if (!match) return false;
    options.onRequest?.(route);
    answerModelRoute(match, url, session?.username, options, response, fail);
    return true;
  };
}

type Fail = (error: RouteError, why?: string) => void;

function answerModelRoute(
  match: RegExpExecArray,
  url: URL,
  username: string | undefined,
  options: ModelRoutesOptions,
  response: ServerResponse,
  fail: Fail,
): void {
  const [, teamspace, project, segment, model, what, ticketId] = match.map((part) =>
    part === undefined ? undefined : decodeURIComponent(part),
  ) as string[];
  const modelType = TYPE_OF_SEGMENT[segment!]!;
  if (username === undefined) return fail(ERRORS.notLoggedIn);
  const refusal = options.refusal?.(model!);
  if (refusal) return fail(refusal);
  const entry = options.catalog.model(teamspace!, model!);
  if (!entry || entry.project !== project || (entry.type ?? 'container') !== modelType)
    return fail(ERRORS[modelType]);
  if (!options.catalog.canRead(entry, username)) return fail(ERRORS.notAuthorized);
  const at = { teamspace: teamspace!, project: project!, model: model! };

  // Federations have no GET revisions route, drawings no tickets: Express answers 404.
  if (
    (what === 'revisions' && modelType === 'federation') ||
    (what === 'tickets' && modelType === 'drawing')
  )
    return json(response, 404, { message: 'Not found' });

  if (what === 'revisions') {
    const showVoid = url.searchParams.get('showVoid') === 'true';
    const revisions = options.records
      .revisionsOf(at, modelType)
      .filter((revision) => showVoid || !revision.void)
      .sort((a, b) => b.timestamp - a.timestamp);
    return json(response, 200, { revisions });
  }

  const since = dateParam(url.searchParams.get('updatedSince'));
  if (since === 'invalid') return fail(ERRORS.invalid, 'updatedSince must be a `date` type');

  if (ticketId !== undefined) {
    if (!options.records.ticket(at, ticketId)) return fail(ERRORS.ticket);
    const comments = options.records
      .commentsOf(at, ticketId)
      .filter((comment) => since === undefined || comment.updatedAt > since)
      .sort((a, b) => b.createdAt - a.createdAt);
    return json(response, 200, { comments });
  }

  const skip = intParam(url.searchParams.get('skip'), 0);
  const limit = intParam(url.searchParams.get('limit'), 1);
  if (skip === 'invalid' || limit === 'invalid') return fail(ERRORS.invalid);
  const filters = (url.searchParams.get('filters') ?? '').split(',').filter(Boolean);
  const tickets = options.records
    .ticketsOf(at, modelType)
    .filter((ticket) => since === undefined || Number(ticket.properties['Updated at']) > since)
    .sort((a, b) => Number(b.properties['Created at']) - Number(a.properties['Created at']))
    .slice(skip ?? 0, limit === undefined ? undefined : (skip ?? 0) + limit)
    .map((ticket) => listed(ticket, filters));
  json(response, 200, { tickets });
}

function listed(ticket: TicketRecord, filters: readonly string[]): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const name of [...LISTED_PROPERTIES, ...filters.filter((f) => !f.includes('.'))])
    if (name in ticket.properties) properties[name] = ticket.properties[name];
  return {
    _id: ticket._id,
    title: ticket.title,
    number: ticket.number,
    type: ticket.type,
    properties,
    modules: {},
  };
}

/** yup's `types.date`: epoch ms (or a date string); absent is fine. */
function dateParam(value: string | null): number | undefined | 'invalid' {
  if (value === null) return undefined;
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isNaN(ms) ? 'invalid' : ms;
}

/** `Yup.number().integer().min(min)`. */
function intParam(value: string | null, min: number): number | undefined | 'invalid' {
  if (value === null) return undefined;
  const n = Number(value);
  return Number.isInteger(n) && n >= min ? n : 'invalid';
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}
