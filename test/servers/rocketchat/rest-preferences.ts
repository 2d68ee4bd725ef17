import type { IncomingMessage } from 'node:http';
import { MeteorError } from './errors.js';
import type { Hub } from './hub.js';
import { saveNotificationSettings, saveUserPreferences, userPreferences } from './preferences.js';
import { readJson } from './read-json.js';
import type { User } from './store.js';

type Reply = (status: number, body: unknown) => void;

/** A Meteor.Error as the REST API answers it (`API.v1.failure`). */
function failure(reply: Reply, error: unknown): void {
  if (error instanceof MeteorError)
    return reply(400, {
      success: false,
      error: error.reason ? `${error.reason} [${String(error.error)}]` : String(error.error),
      errorType: error.error,
      ...(error.details && { details: error.details }),
    });
  reply(400, { success: false, error: error instanceof Error ? error.message : String(error) });
}

/**
 * `GET users.getPreferences`, `POST users.setPreferences {userId?, data}` (`api/server/v1/users.ts`)
 * and `POST rooms.saveNotification {roomId, notifications}` (`api/server/v1/rooms.ts`, one
 * `saveNotificationSettings` per key). True when the route was one of these.
 */
export function preferenceRoute(
  hub: Hub,
  user: User,
  request: IncomingMessage,
  url: URL,
  reply: Reply,
): boolean {
  if (hub.options.missingRestRoutes.includes(url.pathname.slice('/api/v1/'.length))) return false;
  const route = `${request.method} ${url.pathname}`;
  if (route === 'GET /api/v1/users.getPreferences') {
    reply(200, { preferences: userPreferences(user), success: true });
    return true;
  }
  if (route === 'POST /api/v1/users.setPreferences') {
    void readJson(request).then((body) => {
      try {
        if (body.userId !== undefined && body.userId !== user._id)
          throw new MeteorError('error-action-not-allowed', 'Editing user is not allowed');
        saveUserPreferences(hub, user, body.data);
        reply(200, {
          user: { _id: user._id, settings: { preferences: userPreferences(user) } },
          success: true,
        });
      } catch (error) {
        failure(reply, error);
      }
    });
    return true;
  }
  if (route === 'POST /api/v1/rooms.saveNotification') {
    void readJson(request).then((body) => {
      const { roomId, notifications } = body;
      if (typeof roomId !== 'string') return failure(reply, "The 'roomId' param is required");
      if (typeof notifications !== 'object' || notifications === null)
        return failure(reply, "The 'notifications' param is required");
      const entries = Object.entries(notifications as Record<string, unknown>);
      if (entries.length === 0) return failure(reply, "The 'notifications' param is required");
      try {
        for (const [field, value] of entries)
          saveNotificationSettings(hub, user, roomId, field, String(value));
        reply(200, { success: true });
      } catch (error) {
        failure(reply, error);
      }
    });
    return true;
  }
  return false;
}
