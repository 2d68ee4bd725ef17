import { MeteorError, matchFailed } from './errors.js';
import type { Hub } from './hub.js';
import type { DesktopPreference } from './options.js';
import type { Subscription, User } from './store.js';

/**
 * The user's and each room's notification preferences, as Rocket.Chat keeps and changes them:
 * `saveUserPreferences` (`server/methods/saveUserPreferences.ts`, behind REST
 * `users.setPreferences`) and `saveNotificationSettings`
 * (`app/push-notifications/server/methods/saveNotificationSettings.ts`, behind REST
 * `rooms.saveNotification`).
 */

/** The preference keys `saveUserPreferences` checks, with the type each must have. */
const PREFERENCE_TYPES: Readonly<Record<string, 'string' | 'boolean' | 'number' | 'string[]'>> = {
  language: 'string',
  newRoomNotification: 'string',
  newMessageNotification: 'string',
  emailNotificationMode: 'string',
  unreadAlert: 'boolean',
  notificationsSoundVolume: 'number',
  desktopNotifications: 'string',
  pushNotifications: 'string',
  enableAutoAway: 'boolean',
  highlights: 'string[]',
  idleTimeLimit: 'number',
  muteFocusedConversations: 'boolean',
  desktopNotificationRequireInteraction: 'boolean',
};

function hasType(value: unknown, type: string): boolean {
  if (type === 'string[]') return Array.isArray(value) && value.every((v) => typeof v === 'string');
  return typeof value === type;
}

const DESKTOP_VALUES = new Set(['all', 'mentions', 'nothing', 'default']);

export function userPreferences(user: User): Record<string, unknown> {
  return {
    ...user.preferences,
    ...(user.desktopNotifications && { desktopNotifications: user.desktopNotifications }),
    highlights: user.highlights,
  };
}

/** `saveUserPreferences`: store, tell the user's connections (`userData`), and carry a new
 * desktop preference into every room that follows the user's (`updateNotificationUserPreferences`). */
export function saveUserPreferences(hub: Hub, user: User, data: unknown): void {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw matchFailed();
  const settings = data as Record<string, unknown>;
  for (const [key, value] of Object.entries(settings)) {
    const type = PREFERENCE_TYPES[key];
    if (type && !hasType(value, type)) throw matchFailed();
  }
  const previous = user.desktopNotifications;
  for (const [key, value] of Object.entries(settings)) {
    if (key === 'highlights') user.highlights = value as string[];
    else if (key === 'desktopNotifications') {
      if (value === 'default') delete user.desktopNotifications;
      else user.desktopNotifications = value as DesktopPreference;
    } else user.preferences[key] = value;
  }
  const diff = Object.fromEntries(
    Object.entries(settings).map(([key, value]) => [`settings.preferences.${key}`, value]),
  );
  hub.emitUser(user._id, 'userData', [{ type: 'updated', id: user._id, diff, unset: {} }]);
  const desktop = settings.desktopNotifications;
  if (typeof desktop === 'string' && desktop !== previous) followUserPreference(hub, user, desktop);
}

function followUserPreference(hub: Hub, user: User, value: string): void {
  for (const subscription of hub.store.subscriptionsOf(user._id)) {
    if (subscription.desktopPrefOrigin === 'subscription') continue;
    if (value === 'default') {
      delete subscription.desktopNotifications;
      delete subscription.desktopPrefOrigin;
    } else {
      subscription.desktopNotifications = value as DesktopPreference;
      subscription.desktopPrefOrigin = 'user';
    }
    changed(hub, subscription);
  }
}

/** `saveNotificationSettings(roomId, field, value)`: every value is a string, booleans '1'/'0'. */
export function saveNotificationSettings(
  hub: Hub,
  user: User,
  rid: string,
  field: string,
  value: string,
): true {
  const booleans = ['disableNotifications', 'hideUnreadStatus', 'muteGroupMentions'] as const;
  const known = ['desktopNotifications', ...booleans, 'unreadAlert'];
  if (!known.includes(field))
    throw new MeteorError('error-invalid-settings', 'Invalid settings field', {
      method: 'saveNotificationSettings',
    });
  if (field === 'desktopNotifications' && !DESKTOP_VALUES.has(value))
    throw new MeteorError('error-invalid-settings', 'Invalid settings value', {
      method: 'saveNotificationSettings',
    });
  const subscription = hub.store.subscription(rid, user._id);
  if (!subscription)
    throw new MeteorError('error-invalid-subscription', 'Invalid subscription', {
      method: 'saveNotificationSettings',
    });
  if (field === 'desktopNotifications') setRoomDesktop(subscription, user, value);
  else if ((booleans as readonly string[]).includes(field))
    subscription[field as (typeof booleans)[number]] = value === '1';
  changed(hub, subscription);
  return true;
}

/** 'default' takes the user's own preference back (origin `user`), or none when they have none. */
function setRoomDesktop(subscription: Subscription, user: User, value: string): void {
  if (value !== 'default') {
    subscription.desktopNotifications = value as DesktopPreference;
    subscription.desktopPrefOrigin = 'subscription';
  } else if (user.desktopNotifications) {
    subscription.desktopNotifications = user.desktopNotifications;
    subscription.desktopPrefOrigin = 'user';
  } else {
    delete subscription.desktopNotifications;
    delete subscription.desktopPrefOrigin;
  }
}

function changed(hub: Hub, subscription: Subscription): void {
  subscription._updatedAt = new Date();
  hub.emitUser(subscription.u._id, 'subscriptions-changed', ['updated', subscription]);
}
