import { isPayload, text } from '../shared/payload.js';
import { ticketFacts, type Memory } from './memory.js';
import { NOTIFICATION_UPSERTED, notificationEventId } from './notification-events.js';
import { PROJECT_EVENTS } from './project-events.js';

const TICKET_EVENT = /^(container|federation)(NewTicket|UpdateTicket)$/;
const SETTINGS_EVENT = /^(container|federation|drawing)SettingsUpdate$/;

/**
 * Names and facts a frame gives for later frames that carry only ids: model names from
 * creations, renames and v4 notifications; ticket numbers, titles and templates; which event a
 * v4 notification was shown as. Runs before the frame is mapped, so it names itself too.
 */
export function learnFrom(event: string, payload: unknown, memory: Memory): void {
  if (!isPayload(payload)) return;
  const teamspace = text(payload.teamspace);
  const data = isPayload(payload.data) ? payload.data : undefined;
  if (teamspace && data && PROJECT_EVENTS.includes(event)) {
    const id = text(data._id);
    const name = text(data.name);
    if (id && name) memory.rememberModel(teamspace, id, name);
    return;
  }
  if (teamspace && data && SETTINGS_EVENT.test(event)) {
    const model = text(payload.model);
    const name = text(data.name);
    if (model && name) memory.rememberModel(teamspace, model, name);
    return;
  }
  if (data && TICKET_EVENT.test(event)) {
    const id = text(data._id);
    if (id) memory.rememberTicket(id, ticketFacts(data));
    return;
  }
  if (event.endsWith(`::${NOTIFICATION_UPSERTED}`)) {
    const [notificationId, eventId] = [text(payload._id), notificationEventId(payload)];
    if (notificationId && eventId) memory.rememberNotification(notificationId, eventId);
    const [space, model, name] = [
      text(payload.teamSpace),
      text(payload.modelId),
      text(payload.modelName),
    ];
    if (space && model && name) memory.rememberModel(space, model, name);
  }
}
