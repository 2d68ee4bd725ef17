import type { EventKind, TidingsEvent } from '../events.js';
import type { Level } from '../settings/fields.js';
import type { NotificationSettings, Rule } from '../settings/notifications.js';
import { manualDndActive } from './dnd.js';
import { inQuietHours } from './quiet-hours.js';
import { SYSTEM_DND_UNKNOWN, systemDndHolds, type SystemDndState } from './system-dnd.js';

export type Decision =
  | 'shown'
  | 'own message'
  | 'too old'
  | 'history only'
  | 'muted room'
  | 'muted account'
  | 'level none'
  | 'mentions only'
  | 'do not disturb'
  | 'system do-not-disturb'
  | 'quiet hours';

export interface Verdict {
  decision: Decision;
  /** Words for history: the decision, with the detail that explains it. */
  reason: string;
  /** Whether the event counts as a mention after keywords, senders and DMs are applied. */
  mention: boolean;
}

/**
 * Kinds that report state (counters, presence, subscriptions) rather than something to read:
 * they update counts and history, and never notify, whichever connector forgets to say so.
 */
const STATE_KINDS: ReadonlySet<EventKind> = new Set<EventKind>([
  'subscription-created',
  'subscription-updated',
  'subscription-deleted',
  'subscription-unread',
  'user-status-changed',
  'user-presence-changed',
  'user-updated',
]);

interface Scoped {
  room: Rule[];
  account: Rule[];
}

/** Most people set few rules or none: then deciding an event allocates nothing for them. */
const NO_RULES: Scoped = { room: [], account: [] };

function rulesFor(rules: readonly Rule[], event: TidingsEvent): Scoped {
  if (rules.length === 0) return NO_RULES;
  const applies = (rule: Rule) => rule.account === undefined || rule.account === event.account;
  return {
    room: rules.filter((r) => r.room !== undefined && r.room === event.room.id && applies(r)),
    // A rule without an account is for every account; one naming this account comes first.
    account: rules
      .filter((r) => r.room === undefined && applies(r))
      .sort((a, b) => Number(a.account === undefined) - Number(b.account === undefined)),
  };
}

function mutedUntil(rules: readonly Rule[], now: number): string | undefined {
  return rules
    .map((r) => r.muteUntil)
    .find((until) => until !== undefined && Date.parse(until) > now);
}

function matchesKeyword(keywords: readonly string[], event: TidingsEvent): string | undefined {
  if (keywords.length === 0) return undefined;
  const text = `${event.title}\n${event.body}`.toLowerCase();
  return keywords.find((k) => text.includes(k.toLowerCase()));
}

function matchesSender(senders: readonly string[], event: TidingsEvent): boolean {
  const author = event.author;
  if (!author || senders.length === 0) return false;
  return senders.some((s) => s === author.id || (author.name !== undefined && s === author.name));
}

/** Whether the event is a mention, and why: direct rooms, the server's flag, keywords, senders. */
function mentionOf(event: TidingsEvent, scoped: Scoped, settings: NotificationSettings) {
  if (event.mentionsUser) return true;
  if (event.room.type === 'direct') return true;
  if (scoped === NO_RULES && settings.keywords.length === 0 && settings.senders.length === 0)
    return false;
  const all = [settings, ...scoped.account, ...scoped.room];
  const keywords = all.flatMap((r) => r.keywords ?? []);
  const senders = all.flatMap((r) => r.senders ?? []);
  return matchesKeyword(keywords, event) !== undefined || matchesSender(senders, event);
}

/** The level that applies: room rule, else account rule, else the global default. */
function levelFor(scoped: Scoped, settings: NotificationSettings): Level {
  const specific = [...scoped.room, ...scoped.account].find((r) => r.level !== undefined);
  return specific?.level ?? settings.level;
}

/** Not a closure over `mention` in decide(): one less function made for every event. */
function verdict(decision: Decision, mention: boolean, detail?: string): Verdict {
  return { decision, reason: detail ? `${decision}: ${detail}` : decision, mention };
}

/**
 * Decides whether one new event notifies, and records why in words. Pure: the system's
 * do-not-disturb comes in as `system`, as its detector last saw it.
 */
export function decide(
  event: TidingsEvent,
  settings: NotificationSettings,
  now: number,
  system: SystemDndState = SYSTEM_DND_UNKNOWN,
): Verdict {
  const scoped = rulesFor(settings.rules, event);
  const mention = mentionOf(event, scoped, settings);

  if (event.ownMessage) return verdict('own message', mention);
  if (now - event.time > settings.maxAgeMs) return verdict('too old', mention);
  if (event.historyOnly) return verdict('history only', mention, event.historyOnly);
  if (STATE_KINDS.has(event.kind))
    return verdict('history only', mention, 'a change of state, not news');

  const roomMute = mutedUntil(scoped.room, now);
  if (roomMute) return verdict('muted room', mention, `until ${roomMute}`);
  const accountMute = mutedUntil(scoped.account, now);
  if (accountMute) return verdict('muted account', mention, `until ${accountMute}`);

  const level = levelFor(scoped, settings);
  if (level === 'none') return verdict('level none', mention);
  if (level === 'mentions' && !mention) return verdict('mentions only', mention);

  if (manualDndActive(settings.dnd, now))
    return verdict(
      'do not disturb',
      mention,
      settings.dnd.on ? 'until turned off' : `until ${settings.dnd.until}`,
    );
  // After Tidings' own: the user's choice here says more than the desktop's switch.
  if (system.state === 'on' && systemDndHolds(system, settings.dnd, mention))
    return verdict('system do-not-disturb', mention, system.source);
  if (inQuietHours(settings.dnd.quietHours ?? [], now, settings.timeZone))
    return verdict('quiet hours', mention);
  return verdict('shown', mention);
}
