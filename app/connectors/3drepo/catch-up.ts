import type { TidingsEvent } from '../../core/events.js';
import type { Logger } from '../../core/log.js';
import { yieldToLoop } from '../../core/yield-to-loop.js';
import { EMIT_BATCH, emitInBatches, foldByRoom } from '../shared/catch-up.js';
import { epochMs, text, type Payload } from '../shared/payload.js';
import { QueryRefused, type CatchUpQueries } from './catch-up-queries.js';
import { timeOf, type MapContext, type ModelPlace } from './event.js';
import { learnFrom } from './learn.js';
import { mapThreeDRepoEvent } from './mapper.js';
import type { Memory } from './memory.js';
import { openModelFrame, type ModelType } from './model-frame.js';
import { NOTIFICATION_UPSERTED } from './notification-events.js';
import type { RoomSpec } from './rooms.js';
import { changedTicketEvents } from './ticket-events.js';

/**
 * How far before the app noticed the outage to look: a link can be dead for up to the silence
 * deadline before that, and the server's clock may differ from ours. Items seen in that margin
 * are left out by id.
 */
export const CATCH_UP_MARGIN_MS = 60_000;
/** Comment queries in flight at once (one per ticket: the server has no per-model query). */
const COMMENT_QUERIES = 8;

const NOT_FOUND: Record<ModelType, string> = {
  container: 'CONTAINER_NOT_FOUND',
  federation: 'FEDERATION_NOT_FOUND',
  drawing: 'DRAWING_NOT_FOUND',
};

export interface CatchUpState {
  account: string;
  queries: CatchUpQueries;
  rooms: readonly RoomSpec[];
  memory: Memory;
  context(): MapContext;
  /** Whether the app has this event already, from this run or one before it. */
  seen(eventId: string): boolean;
  emit(event: TidingsEvent): void;
  log: Logger;
  /** What each model room turned out to be, kept across reconnects. */
  modelTypes: Map<string, ModelType>;
  /** Rooms whose refused query was logged: once is enough, across reconnects. */
  refusalsLogged: Set<string>;
}

/**
 * After a reconnect or a start: what changed in each joined room since `lastOnline`, asked of
 * the REST API, as the events the chat service would have sent. Each room folds into one
 * summary; a room whose query is refused is logged once and stays live.
 */
export async function catchUp(lastOnline: number, state: CatchUpState): Promise<void> {
  const since = lastOnline - CATCH_UP_MARGIN_MS;
  const caught = new Map<string, TidingsEvent>();
  for (const spec of state.rooms) {
    try {
      for (const event of await catchUpRoom(spec, since, state)) caught.set(event.id, event);
    } catch (error) {
      if (!(error instanceof QueryRefused)) throw error;
      refused(spec, error, state);
    }
  }
  const fresh = [...caught.values()].filter((event) => !state.seen(event.id));
  await emitInBatches(foldByRoom(fresh), state.emit);
}

function refused(spec: RoomSpec, error: QueryRefused, state: CatchUpState): void {
  const key = `${spec.key}:${error.code ?? error.status}`;
  if (state.refusalsLogged.has(key)) return;
  state.refusalsLogged.add(key);
  state.log.warn('3D Repo catch-up refused for a room; it stays live', {
    account: state.account,
    room: spec.label,
    status: error.status,
    code: error.code,
    error: error.message,
  });
}

async function catchUpRoom(
  spec: RoomSpec,
  since: number,
  state: CatchUpState,
): Promise<TidingsEvent[]> {
  const request = spec.request;
  if ('notifications' in request) return notifications(since, state);
  // Project rooms (new containers, federations, drawings): no query says what was added when.
  if (request.model === undefined) return [];
  const place = { teamspace: request.teamspace, project: request.project, model: request.model };
  const type = await modelType(spec.key, place, state);
  const events: TidingsEvent[] = [];
  if (type !== 'federation') events.push(...(await revisions(place, type, since, state)));
  if (type !== 'drawing') events.push(...(await tickets(place, type, since, state)));
  return events;
}

/** Tried in turn: each kind's route answers 404 `<KIND>_NOT_FOUND` for a model of another. */
async function modelType(key: string, place: ModelPlace, state: CatchUpState): Promise<ModelType> {
  const known = state.modelTypes.get(key);
  if (known) return known;
  const probes: [ModelType, () => Promise<unknown>][] = [
    ['container', () => state.queries.ticketPage(place, 'container', 0, Date.now())],
    ['federation', () => state.queries.ticketPage(place, 'federation', 0, Date.now())],
    ['drawing', () => state.queries.revisions(place, 'drawing')],
  ];
  for (const [type, probe] of probes) {
    try {
      await probe();
      state.modelTypes.set(key, type);
      return type;
    } catch (error) {
      if (!(error instanceof QueryRefused && error.code === NOT_FOUND[type])) throw error;
    }
  }
  throw new QueryRefused(404, 'MODEL_NOT_FOUND', 'no container, federation or drawing by that id');
}

/** Maps a frame the chat service would have sent, learning from it first as live frames do. */
function asLive(name: string, payload: Payload, state: CatchUpState): TidingsEvent[] {
  learnFrom(name, payload, state.memory);
  return mapThreeDRepoEvent(name, payload, state.context());
}

async function revisions(
  place: ModelPlace,
  type: 'container' | 'drawing',
  since: number,
  state: CatchUpState,
): Promise<TidingsEvent[]> {
  // No `since` on this route: every revision comes, the new ones are picked here.
  const list = await state.queries.revisions(place, type);
  return list
    .filter((revision) => (timeOf(revision.timestamp) ?? 0) > since)
    .flatMap((revision) => asLive(`${type}NewRevision`, { ...place, data: revision }, state));
}

async function tickets(
  place: ModelPlace,
  type: 'container' | 'federation',
  since: number,
  state: CatchUpState,
): Promise<TidingsEvent[]> {
  const events: TidingsEvent[] = [];
  for await (const page of state.queries.tickets(place, type, since))
    for (let at = 0; at < page.length; at += EMIT_BATCH) {
      for (const ticket of page.slice(at, at + EMIT_BATCH))
        events.push(...ticketEvents(place, type, ticket, since, state));
      await yieldToLoop();
    }
  // Comments do not change their ticket's `Updated at`: every ticket's comments are asked for.
  const ids: string[] = [];
  for await (const page of state.queries.tickets(place, type)) {
    for (const ticket of page) {
      learnFrom(`${type}NewTicket`, { ...place, data: ticket }, state.memory);
      const id = text(ticket._id);
      if (id) ids.push(id);
    }
    await yieldToLoop();
  }
  await inParallel(ids, COMMENT_QUERIES, async (id) => {
    const comments = await state.queries.comments(place, type, id, since);
    for (const comment of comments)
      events.push(...commentEvents(place, type, comment, since, state));
  });
  return events;
}

/**
 * Created since: the `NewTicket` frame (it carries the ticket as it is now). Changed since,
 * or created and already reported live, then changed: what the list says of it now.
 */
function ticketEvents(
  place: ModelPlace,
  type: 'container' | 'federation',
  ticket: Payload,
  since: number,
  state: CatchUpState,
): TidingsEvent[] {
  const id = text(ticket._id);
  if (!id) return [];
  const properties = (ticket.properties ?? {}) as Payload;
  const created = epochMs(properties['Created at']) ?? 0;
  const updated = epochMs(properties['Updated at']) ?? created;
  const envelope = { ...place, data: ticket };
  let events: TidingsEvent[] = [];
  if (created > since) events = asLive(`${type}NewTicket`, envelope, state);
  if (events.every((event) => state.seen(event.id)) && updated > created) {
    learnFrom(`${type}UpdateTicket`, envelope, state.memory);
    const frame = openModelFrame(`${type}UpdateTicket`, envelope, state.context());
    events = frame ? changedTicketEvents(frame) : [];
  }
  const reported = events[0];
  if (reported)
    state.memory.rememberCaughtUp(id, {
      ...(text(ticket.title) !== undefined && { title: text(ticket.title)! }),
      properties,
      eventId: reported.id,
    });
  return events;
}

function commentEvents(
  place: ModelPlace,
  type: 'container' | 'federation',
  comment: Payload,
  since: number,
  state: CatchUpState,
): TidingsEvent[] {
  const created = timeOf(comment.createdAt) ?? 0;
  const updated = timeOf(comment.updatedAt) ?? created;
  const envelope = { ...place, data: comment };
  return [
    ...(created > since ? asLive(`${type}NewTicketComment`, envelope, state) : []),
    // Edited or deleted since: what `UPDATE_COMMENT` sends, `updatedAt` included.
    ...(updated > created && updated > since
      ? asLive(`${type}UpdateTicketComment`, envelope, state)
      : []),
  ];
}

async function notifications(since: number, state: CatchUpState): Promise<TidingsEvent[]> {
  const username = state.context().username;
  if (!username) return [];
  const list = await state.queries.notifications();
  return list
    .filter((notification) => (timeOf(notification.timestamp) ?? 0) > since)
    .flatMap((notification) =>
      asLive(`${username}::${NOTIFICATION_UPSERTED}`, notification, state),
    );
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function inParallel<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
