import type { Clock } from '../clock.js';
import { DebouncedSave } from '../debounced-save.js';
import type { TidingsEvent } from '../events.js';
import type { Decision } from '../rules/decide.js';
import type { Storage } from '../storage.js';

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
}

export interface HistoryFilter {
  account?: string;
  decision?: HistoryDecision;
  /** Case-insensitive text in the title, body, room or author. */
  text?: string;
  /** How many of the matching entries (newest first) to skip: a page further back. */
  offset?: number;
  limit?: number;
}

export const DEFAULT_HISTORY_LIMIT = 10_000;

/**
 * Every event with its decision, newest last, bounded to `limit` entries (the oldest go first).
 * The raw frame is dropped: history must stay small enough to keep and to save.
 */
export class History {
  private entries: HistoryEntry[] = [];
  private nextSeq = 1;
  private readonly saver: DebouncedSave<HistoryEntry[]> | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly limit = DEFAULT_HISTORY_LIMIT,
    storage?: Storage<HistoryEntry[]>,
  ) {
    const stored = storage?.load();
    if (Array.isArray(stored)) {
      this.entries = stored.slice(-limit);
      this.nextSeq = (this.entries.at(-1)?.seq ?? 0) + 1;
    }
    // A copy of at most `limit` entries: the live array keeps growing past it between trims.
    this.saver = storage
      ? new DebouncedSave(storage, () => this.entries.slice(-this.limit), clock)
      : undefined;
  }

  record(event: TidingsEvent, decision: HistoryDecision, reason: string = decision): HistoryEntry {
    const { raw: _raw, ...kept } = event;
    const entry: HistoryEntry = {
      seq: this.nextSeq++,
      receivedAt: this.clock.now(),
      event: kept,
      decision,
      reason,
    };
    this.entries.push(entry);
    // Trim in chunks so a full history does not copy the array on every event.
    if (this.entries.length > this.limit * 1.1) this.entries = this.entries.slice(-this.limit);
    this.saver?.changed();
    return entry;
  }

  get size(): number {
    return Math.min(this.entries.length, this.limit);
  }

  /** Newest first. */
  list(filter: HistoryFilter = {}): HistoryEntry[] {
    const text = filter.text?.toLowerCase();
    const result: HistoryEntry[] = [];
    let skip = filter.offset ?? 0;
    const oldest = Math.max(0, this.entries.length - this.limit);
    for (let i = this.entries.length - 1; i >= oldest; i--) {
      const entry = this.entries[i]!;
      if (filter.account && entry.event.account !== filter.account) continue;
      if (filter.decision && entry.decision !== filter.decision) continue;
      if (text && !searchableText(entry).includes(text)) continue;
      if (skip > 0) {
        skip--;
        continue;
      }
      result.push(entry);
      if (filter.limit && result.length >= filter.limit) break;
    }
    return result;
  }

  /** Forgets every event of an account (it was removed and the user chose so); returns how many. */
  removeAccount(account: string): number {
    const before = this.entries.length;
    this.entries = this.entries.filter((entry) => entry.event.account !== account);
    if (this.entries.length !== before) this.saver?.changed();
    return before - this.entries.length;
  }

  flush(): void {
    this.saver?.flush();
  }
}

function searchableText(entry: HistoryEntry): string {
  const e = entry.event;
  return [e.title, e.body, e.room.name ?? e.room.id, e.author?.name ?? ''].join('\n').toLowerCase();
}
