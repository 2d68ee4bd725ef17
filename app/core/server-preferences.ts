import type { Level } from './settings/fields.js';
import type { Rule } from './settings/notifications.js';

/**
 * What a server itself keeps about how an account and its rooms notify, for sources that have
 * such preferences (Rocket.Chat's `desktopNotifications`, `highlights`…). Tidings shows them
 * beside its own rules and, when the user asks, writes its levels back, so the phone and the web
 * app agree; its own rules stay what decides.
 */
export type ServerLevel = 'all' | 'mentions' | 'nothing' | 'default';

export interface ServerRoomPreferences {
  /** `default`: the room follows the account's level on the server. */
  level: ServerLevel;
  /** The room is muted on the server (`disableNotifications`). */
  muted: boolean;
  /** `@all` and `@here` do not count as mentions there. */
  muteGroupMentions: boolean;
  hideUnreadStatus: boolean;
}

export interface ServerPreferences {
  level: ServerLevel;
  /** Words the server treats as mentions (Rocket.Chat's highlights). */
  highlights: string[];
  /** Notifications stay until dismissed (`desktopNotificationRequireInteraction`). */
  stayUntilDismissed: boolean;
  rooms: Record<string, ServerRoomPreferences>;
}

/** Tidings' level as the server spells it; the room's "account default" is `default`. */
export function serverLevelOf(level: Level | 'default'): ServerLevel {
  return level === 'none' ? 'nothing' : level;
}

/** The server's words for the settings window: "On the server: mentions only". */
export function serverLevelWords(level: ServerLevel): string {
  switch (level) {
    case 'all':
      return 'every message';
    case 'mentions':
      return 'mentions only';
    case 'nothing':
      return 'nothing';
    case 'default':
      return "the account's default";
  }
}

/**
 * The server's highlights as a rule of the account's, so the rules engine counts them as
 * mentions the way the server does; it lives beside the user's rules and is never saved.
 */
export function serverRules(account: string, preferences: ServerPreferences): Rule[] {
  if (preferences.highlights.length === 0) return [];
  return [{ account, keywords: [...preferences.highlights] }];
}
