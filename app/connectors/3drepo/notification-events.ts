import type { EventKind, TidingsEvent } from '../../core/events.js';
import { idsOf, isPayload, text, type Payload } from '../shared/payload.js';
import { buildEvent, timeOf, type MapContext } from './event.js';
import { NOTIFICATIONS_KEY } from './rooms.js';

/**
 * The user's notification room, fed by the v4 layer (`v4/models/chatEvent.js`):
 * `<user>::notificationUpserted` with a notification, `<user>::notificationDeleted` with `{_id}`.
 */
export const NOTIFICATION_UPSERTED = 'notificationUpserted';
export const NOTIFICATION_DELETED = 'notificationDeleted';

/** The id a notification is shown under: an upsert that changes it is news again. */
export function notificationEventId(notification: Payload): string | undefined {
  const id = text(notification._id);
  if (id === undefined) return undefined;
  return `notification:${id}:${String(notification.timestamp ?? '')}`;
}

function notificationRoom(context: MapContext) {
  return (
    context.room(NOTIFICATIONS_KEY)?.room ?? {
      id: NOTIFICATIONS_KEY,
      name: 'Notifications',
      type: 'user' as const,
    }
  );
}

interface Reading {
  kind: EventKind;
  body: string;
  mention: boolean;
}

function plural(count: number, word: string): string {
  return count === 1 ? `An ${word}` : `${count} ${word}s`;
}

/**
 * Each notification type (`v4/models/notification.js`) in words. The title names the model
 * ("Tower (acme)"), so the words say only what happened to it.
 */
function read(notification: Payload): Reading | undefined {
  const type = text(notification.type);
  const issues = idsOf(notification.issuesId).length || 1;
  switch (type) {
    case 'ISSUE_ASSIGNED':
      return {
        kind: 'ticket-assigned',
        body: `${plural(issues, 'issue')} assigned to you`,
        mention: true,
      };
    case 'ISSUE_CLOSED':
      return {
        kind: 'ticket-closed',
        body: `${plural(issues, 'issue')} closed`,
        mention: false,
      };
    case 'MODEL_UPDATED': {
      const revisions = idsOf(notification.revisions);
      const which = revisions.length > 0 ? ` (revision ${revisions.join(', ')})` : '';
      return { kind: 'model-imported', body: `Model updated${which}`, mention: false };
    }
    case 'MODEL_UPDATED_FAILED': {
      const reason = text(notification.errorMessage);
      return {
        kind: 'model-import-failed',
        body: `Import failed${reason ? `: ${reason}` : ''}`,
        mention: false,
      };
    }
    case 'USER_REFERENCED': {
      const referrer = text(notification.referrer) ?? 'Someone';
      const what = notification.riskId !== undefined ? 'a risk' : 'an issue';
      return {
        kind: 'user-referenced',
        body: `${referrer} mentioned you in ${what}`,
        mention: true,
      };
    }
    default:
      return undefined;
  }
}

export function upsertedEvents(payload: unknown, context: MapContext): TidingsEvent[] {
  if (!isPayload(payload)) return [];
  const id = notificationEventId(payload) ?? `notification:?:${String(context.receivedAt)}`;
  const teamspace = text(payload.teamSpace);
  const modelId = text(payload.modelId);
  const project = text(payload.project);
  const model =
    text(payload.modelName) ??
    (teamspace && modelId ? context.recall.modelName(teamspace, modelId) : undefined) ??
    modelId ??
    'a model';
  const reading = read(payload);
  const url =
    teamspace && project && modelId ? context.links.viewer(teamspace, project, modelId) : undefined;
  return [
    buildEvent(context, payload, {
      kind: reading?.kind ?? 'unknown',
      id,
      room: notificationRoom(context),
      title: teamspace ? `${model} (${teamspace})` : model,
      body: reading?.body ?? `Notification ${text(payload.type) ?? 'of an unknown type'}`,
      mentionsUser: reading?.mention ?? false,
      time: timeOf(payload.timestamp),
      url,
      ...(!reading && { historyOnly: `unknown notification type ${text(payload.type) ?? '?'}` }),
      // Marked read in the web app: nothing new to show.
      ...(reading && payload.read === true && { historyOnly: 'already read in 3D Repo' }),
    }),
  ];
}

/** The notification was dismissed in the web app: take it off the screen here too. */
export function deletedEvents(payload: unknown, context: MapContext): TidingsEvent[] {
  const notificationId = isPayload(payload) ? text(payload._id) : undefined;
  if (notificationId === undefined) return [];
  const target = context.recall.notificationEvent(notificationId);
  return [
    buildEvent(context, payload, {
      // The pipeline retracts a shown notification on a deletion that names it.
      kind: 'message-deleted',
      id: `notification-deleted:${notificationId}:${target ?? ''}`,
      room: notificationRoom(context),
      title: 'Notifications',
      body: 'A notification was dismissed in 3D Repo',
      target: target ?? `notification:${notificationId}`,
    }),
  ];
}
