import type {
  ServerLevel,
  ServerPreferences,
  ServerRoomPreferences,
} from '../../core/server-preferences.js';
import { objectOf, stringOf, type WireObject } from './wire.js';

const LEVELS: ReadonlySet<string> = new Set(['all', 'mentions', 'nothing', 'default']);

function levelOf(value: unknown): ServerLevel {
  return typeof value === 'string' && LEVELS.has(value) ? (value as ServerLevel) : 'default';
}

function wordsOf(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '')
    : [];
}

/**
 * The Rocket.Chat user's notification preferences as they are now: the account's from
 * `users.getPreferences` and `<uid>/userData` diffs, each room's from its subscription (whose
 * `desktopNotifications` with origin `user` is the account's copied in, so the room follows).
 */
export class PreferenceWatch {
  private preferences: ServerPreferences = {
    level: 'default',
    highlights: [],
    stayUntilDismissed: false,
    rooms: {},
  };

  constructor(private readonly report: (preferences: ServerPreferences) => void) {}

  get current(): ServerPreferences {
    return this.preferences;
  }

  /** Reports what is known now, changed or not: after every connect. */
  announce(): void {
    this.report(this.preferences);
  }

  /** `users.getPreferences` `preferences`, or the keys of a `settings.preferences.*` diff. */
  account(fields: WireObject): void {
    const next = { ...this.preferences };
    if ('desktopNotifications' in fields) next.level = levelOf(fields.desktopNotifications);
    if ('highlights' in fields) next.highlights = wordsOf(fields.highlights);
    if ('desktopNotificationRequireInteraction' in fields)
      next.stayUntilDismissed = fields.desktopNotificationRequireInteraction === true;
    const same =
      next.level === this.preferences.level &&
      next.stayUntilDismissed === this.preferences.stayUntilDismissed &&
      next.highlights.join('\u0000') === this.preferences.highlights.join('\u0000');
    if (!same) this.set(next);
  }

  /** `<uid>/userData` args: `[{type: "updated", diff: {"settings.preferences.x": v}}]`. */
  userData(args: unknown[]): void {
    const change = objectOf(args[0]);
    const diff = objectOf(change?.diff);
    if (!diff) return;
    const prefix = 'settings.preferences.';
    const fields: WireObject = {};
    for (const [key, value] of Object.entries(diff))
      if (key.startsWith(prefix)) fields[key.slice(prefix.length)] = value;
    if (Object.keys(fields).length > 0) this.account(fields);
  }

  /**
   * Subscriptions from `subscriptions/get` or `subscriptions-changed`. Most changes are counters
   * (every message moves `unread`): only a change of a room's preferences is reported.
   */
  subscriptions(items: readonly WireObject[]): void {
    let rooms: Record<string, ServerRoomPreferences> | undefined;
    for (const item of items) {
      const rid = stringOf(item.rid);
      if (!rid) continue;
      const next = roomPreferences(item);
      if (sameRoom(this.preferences.rooms[rid], next)) continue;
      rooms ??= { ...this.preferences.rooms };
      rooms[rid] = next;
    }
    if (rooms) this.set({ ...this.preferences, rooms });
  }

  removeRoom(rid: string): void {
    if (!(rid in this.preferences.rooms)) return;
    const { [rid]: _gone, ...rooms } = this.preferences.rooms;
    this.set({ ...this.preferences, rooms });
  }

  private set(next: ServerPreferences): void {
    this.preferences = next;
    this.report(next);
  }
}

function sameRoom(a: ServerRoomPreferences | undefined, b: ServerRoomPreferences): boolean {
  return (
    a !== undefined &&
    a.level === b.level &&
    a.muted === b.muted &&
    a.muteGroupMentions === b.muteGroupMentions &&
    a.hideUnreadStatus === b.hideUnreadStatus
  );
}

function roomPreferences(subscription: WireObject): ServerRoomPreferences {
  const followsAccount = subscription.desktopPrefOrigin === 'user';
  return {
    level: followsAccount ? 'default' : levelOf(subscription.desktopNotifications),
    muted: subscription.disableNotifications === true,
    muteGroupMentions: subscription.muteGroupMentions === true,
    hideUnreadStatus: subscription.hideUnreadStatus === true,
  };
}
