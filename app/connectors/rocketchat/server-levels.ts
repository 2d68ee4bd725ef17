import { ConnectorError } from '../../core/connector.js';
import { serverLevelOf } from '../../core/server-preferences.js';
import type { Level } from '../../core/settings/fields.js';
import { DdpError } from './ddp-error.js';
import type { RocketChatClient } from './realtime-client.js';
import { restCall, RouteMissing, type RestAuth } from './rest-api.js';
import type { WireObject } from './wire.js';

/** The user's preferences as the server keeps them (`users.getPreferences`); none on failure. */
export async function readAccountPreferences(
  server: string,
  auth: RestAuth,
): Promise<WireObject | undefined> {
  const answer = await restCall(server, auth, 'users.getPreferences');
  const preferences = answer.preferences;
  return typeof preferences === 'object' && preferences !== null
    ? (preferences as WireObject)
    : undefined;
}

/**
 * Writes a Tidings level to the server: a room's through `rooms.saveNotification`, the account's
 * through `users.setPreferences`; where the server has no such REST route (older versions), the
 * DDP methods they wrap (`saveNotificationSettings`, `saveUserPreferences`).
 */
export async function saveServerLevel(
  client: RocketChatClient,
  server: string,
  auth: RestAuth,
  level: Level | 'default',
  roomId?: string,
): Promise<void> {
  const value = serverLevelOf(level);
  try {
    try {
      if (roomId !== undefined)
        await restCall(server, auth, 'rooms.saveNotification', {
          roomId,
          notifications: { desktopNotifications: value },
        });
      else
        await restCall(server, auth, 'users.setPreferences', {
          data: { desktopNotifications: value },
        });
    } catch (error) {
      if (!(error instanceof RouteMissing)) throw error;
      if (roomId !== undefined)
        await client.call('saveNotificationSettings', [roomId, 'desktopNotifications', value]);
      else await client.call('saveUserPreferences', [{ desktopNotifications: value }]);
    }
  } catch (error) {
    if (error instanceof ConnectorError) throw error;
    const reason = error instanceof DdpError ? (error.reason ?? String(error.code)) : String(error);
    throw new ConnectorError('protocol', `the server refused: ${reason}`, { cause: error });
  }
}
