import {
  SUBSCRIPTION_KINDS,
  USER_KINDS,
  type EventKind,
  type EventRoom,
  type TidingsEvent,
} from '../events.js';
import type { Decision } from '../rules/decide.js';
import type { RawPayload } from './raw-payload.js';

/** What happened to an event: a rules decision, or what it did to a shown notification. */
export type HistoryDecision = Decision | 'updated' | 'retracted' | 'read' | 'unchanged' | 'failed';

export type HistoryEvent = Omit<TidingsEvent, 'raw'>;

export interface HistoryEntry {
  seq: number;
  /** When Tidings received it (the event's own time is in `event.time`). */
  receivedAt: number;
  event: HistoryEvent;
  decision: HistoryDecision;
  reason: string;
  /** Added later, by what the user did with it: "Sent 'Retry': 200 OK" (an ntfy `http` button). */
  note?: string;
}

export interface HistoryFilter {
  account?: string;
  /** The event's own id (with `account`: the entry a notification came from). */
  eventId?: string;
  decision?: HistoryDecision;
  /** Case-insensitive text in the title, body, room or author. */
  text?: string;
  /** Counter updates and presence not shown (`isBookkeeping`): `true` only those, `false` none. */
  bookkeeping?: boolean;
  limit?: number;
  /** Entries to skip (newest first) before the page starts. */
  offset?: number;
}

export interface HistoryCount {
  entries: number;
  /** Of `entries`, how many are counter bookkeeping (`isBookkeeping`). */
  bookkeeping: number;
}

/** How much history is kept: real events and junk each have their own count. */
export interface HistoryRetention {
  maxEntries: number;
  maxAgeDays: number;
  /** Unknown and unreadable events: a quota of their own so they cannot push real ones out. */
  maxJunkEntries: number;
}

export const DEFAULT_HISTORY_RETENTION: HistoryRetention = {
  maxEntries: 10_000,
  maxAgeDays: 30,
  maxJunkEntries: 1_000,
};

export const DAY_MS = 86_400_000;

/**
 * Where history entries live: in memory (tests, the CLI without a state folder) or in the state
 * database. Lists are newest first.
 */
export interface HistoryStore {
  /** Stores the entry under the next seq (numbering continues across restarts). */
  add(entry: Omit<HistoryEntry, 'seq'>, raw: RawPayload | undefined): HistoryEntry;
  /** Drops what the retention no longer allows; cheap when there is nothing to drop. */
  prune(retention: HistoryRetention, now: number): void;
  list(filter: HistoryFilter): HistoryEntry[];
  /**
   * How many entries match (`limit` and `offset` aside) and how many of those are bookkeeping,
   * counting no further than `upTo` matches (newest first).
   */
  count(filter: HistoryFilter, upTo?: number): HistoryCount;
  get(seq: number): HistoryEntry | undefined;
  /** Sets the entry's note (a later one replaces it); false when the entry is gone. */
  note(seq: number, text: string): boolean;
  raw(seq: number): RawPayload | undefined;
  size(): number;
  /** Drops every entry of the account; returns how many went. */
  removeAccount(account: string): number;
  /**
   * Each room the account's history names, once, as its newest entry names it; the most recently
   * heard from first. For the room pickers: cheap however long the history is.
   */
  rooms(account: string): EventRoom[];
}

/** Unknown and unreadable events: kept, but under the junk quota. */
export function isJunk(entry: HistoryEntry): boolean {
  return entry.event.kind === 'unknown' && entry.event.account !== 'tidings';
}

/** Kinds that only keep counters and presence right: nobody reads them as messages. */
export const BOOKKEEPING_KINDS: readonly EventKind[] = [...SUBSCRIPTION_KINDS, ...USER_KINDS];
const BOOKKEEPING: ReadonlySet<EventKind> = new Set(BOOKKEEPING_KINDS);

/** Counter bookkeeping that was not shown: History leaves it out unless asked for. */
export function isBookkeeping(entry: HistoryEntry): boolean {
  return BOOKKEEPING.has(entry.event.kind) && entry.decision !== 'shown';
}

/** The text a search looks in, lower case. */
export function searchableText(entry: HistoryEntry): string {
  const e = entry.event;
  return [e.title, e.body, e.room.name ?? e.room.id, e.author?.name ?? ''].join('\n').toLowerCase();
}
