import type { TidingsEvent } from '../../core/events.js';
import { buildEvent, digestOfValue, preview, type MapContext } from './event.js';
import { openModelFrame, type ModelHandler } from './model-frame.js';
import {
  newRevisionEvents,
  removedEvents,
  revisionUpdateEvents,
  settingsEvents,
} from './model-events.js';
import {
  deletedEvents,
  NOTIFICATION_DELETED,
  NOTIFICATION_UPSERTED,
  upsertedEvents,
} from './notification-events.js';
import { projectEvents } from './project-events.js';
import {
  newCommentEvents,
  newTicketEvents,
  updateCommentEvents,
  updateGroupEvents,
  updateTicketEvents,
} from './ticket-events.js';
import { parseV4Name, v4Events } from './v4-events.js';

export type { MapContext } from './event.js';

/** v5 model-room events by what follows `container`/`federation`/`drawing` (`chat.constants.js`). */
const MODEL_HANDLERS: ReadonlyMap<string, ModelHandler> = new Map<string, ModelHandler>([
  ['SettingsUpdate', settingsEvents],
  ['NewRevision', newRevisionEvents],
  ['RevisionUpdate', revisionUpdateEvents],
  ['Removed', removedEvents],
  ['NewTicket', newTicketEvents],
  ['UpdateTicket', updateTicketEvents],
  ['NewTicketComment', newCommentEvents],
  ['UpdateTicketComment', updateCommentEvents],
  ['UpdateTicketGroup', updateGroupEvents],
]);

/**
 * One socket.io event of the chat service to the events it means. Pure: the same frame and
 * context give the same events. Never throws: a frame that cannot be read becomes an `unknown`
 * event kept in history, so the user can see that something arrived.
 */
export function mapThreeDRepoEvent(
  event: string,
  payload: unknown,
  context: MapContext,
): TidingsEvent[] {
  try {
    return (
      mapKnown(event, payload, context) ?? [unknownEvent(event, payload, context, 'unknown event')]
    );
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return [unknownEvent(event, payload, context, `could not read it: ${reason}`)];
  }
}

function mapKnown(
  event: string,
  payload: unknown,
  context: MapContext,
): TidingsEvent[] | undefined {
  const frame = openModelFrame(event, payload, context);
  const handler = frame && MODEL_HANDLERS.get(frame.name);
  if (frame && handler) return handler(frame);
  const project = projectEvents(event, payload, context);
  if (project) return project;
  if (event.endsWith(`::${NOTIFICATION_UPSERTED}`)) return upsertedEvents(payload, context);
  if (event.endsWith(`::${NOTIFICATION_DELETED}`)) return deletedEvents(payload, context);
  const v4 = parseV4Name(event);
  return v4 ? v4Events(v4, payload, context) : undefined;
}

function unknownEvent(
  event: string,
  payload: unknown,
  context: MapContext,
  reason: string,
): TidingsEvent {
  return buildEvent(context, payload, {
    kind: 'unknown',
    id: `unknown:${event}:${digestOfValue(payload)}`,
    room: { id: '3drepo', name: '3D Repo', type: 'server' },
    title: `3D Repo event "${event}"`,
    body: preview(JSON.stringify(payload) ?? ''),
    historyOnly: reason,
  });
}
