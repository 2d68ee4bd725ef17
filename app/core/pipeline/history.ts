import type { Clock } from '../clock.js';
import type { EventRoom, TidingsEvent } from '../events.js';
import {
  DEFAULT_HISTORY_RETENTION,
  type HistoryCount,
  type HistoryDecision,
  type HistoryEntry,
  type HistoryFilter,
  type HistoryRetention,
  type HistoryStore,
} from './history-store.js';
import { MemoryHistoryStore } from './memory-history-store.js';
import { rawPayloadOf, type RawPayload } from './raw-payload.js';

export type {
  HistoryCount,
  HistoryDecision,
  HistoryEntry,
  HistoryEvent,
  HistoryFilter,
  HistoryRetention,
} from './history-store.js';

export const DEFAULT_HISTORY_LIMIT = DEFAULT_HISTORY_RETENTION.maxEntries;

export interface HistoryOptions {
  /** Where entries live; in memory when not given. */
  store?: HistoryStore;
  retention?: Partial<HistoryRetention>;
}

/**
 * Every event with its decision, newest last, bounded by count and age (the oldest go first).
 * The raw frame is kept apart, capped, for debugging and templates.
 */
export class History {
  private readonly store: HistoryStore;
  private retention: HistoryRetention;

  constructor(
    private readonly clock: Clock,
    options: HistoryOptions = {},
  ) {
    this.store = options.store ?? new MemoryHistoryStore();
    // Not pruned yet: the desktop app learns the user's retention from settings only later, and
    // the defaults must not drop what a longer retention keeps.
    this.retention = { ...DEFAULT_HISTORY_RETENTION, ...options.retention };
  }

  setRetention(retention: Partial<HistoryRetention>): void {
    this.retention = { ...this.retention, ...retention };
    this.store.prune(this.retention, this.clock.now());
  }

  record(event: TidingsEvent, decision: HistoryDecision, reason: string = decision): HistoryEntry {
    const { raw, ...kept } = event;
    const receivedAt = this.clock.now();
    const entry = this.store.add({ receivedAt, event: kept, decision, reason }, rawPayloadOf(raw));
    this.store.prune(this.retention, receivedAt);
    return entry;
  }

  get size(): number {
    return this.store.size();
  }

  /** Newest first. */
  list(filter: HistoryFilter = {}): HistoryEntry[] {
    return this.store.list(filter);
  }

  /** How many entries match the filter (its page aside), of them bookkeeping; up to `upTo`. */
  count(filter: HistoryFilter = {}, upTo?: number): HistoryCount {
    return this.store.count(filter, upTo);
  }

  get(seq: number): HistoryEntry | undefined {
    return this.store.get(seq);
  }

  /** Notes on the entry what became of it later (a button's request); false when it is gone. */
  note(seq: number, text: string): boolean {
    return this.store.note(seq, text);
  }

  /**
   * The newest entry of the account's event with this id: where a notification (which carries
   * its event's id) came from.
   */
  ofEvent(account: string, eventId: string): HistoryEntry | undefined {
    return this.store.list({ account, eventId, limit: 1 })[0];
  }

  /** The frame the event came in, as capped JSON text. */
  raw(seq: number): RawPayload | undefined {
    return this.store.raw(seq);
  }

  /** The rooms an account's history names, most recently heard from first. */
  rooms(account: string): EventRoom[] {
    return this.store.rooms(account);
  }

  /** Forgets every event of an account (it was removed and the user chose so); returns how many. */
  removeAccount(account: string): number {
    return this.store.removeAccount(account);
  }
}
