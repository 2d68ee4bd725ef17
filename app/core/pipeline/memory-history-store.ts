import { BoundedMap } from '../bounded-map.js';
import type { EventRoom } from '../events.js';
import {
  DAY_MS,
  isBookkeeping,
  isJunk,
  searchableText,
  type HistoryCount,
  type HistoryEntry,
  type HistoryFilter,
  type HistoryRetention,
  type HistoryStore,
} from './history-store.js';
import type { RawPayload } from './raw-payload.js';

/** Raw frames kept in memory: only the newest, so 10,000 entries of 64 KB never sit in RAM. */
const RAW_KEPT = 200;

/** Entries oldest first from `head`; dropping the oldest moves `head` rather than copying. */
class Lane {
  entries: HistoryEntry[] = [];
  head = 0;

  get size(): number {
    return this.entries.length - this.head;
  }

  trim(max: number, oldestAllowed: number): void {
    while (
      this.size > 0 &&
      (this.size > max || this.entries[this.head]!.receivedAt < oldestAllowed)
    )
      this.head++;
    // Compact now and then, so the dropped entries can be collected.
    if (this.head > 1024 && this.head > this.entries.length / 2) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }
}

/** History in memory, for tests and the CLI without a state folder. */
export class MemoryHistoryStore implements HistoryStore {
  private readonly real = new Lane();
  private readonly junk = new Lane();
  private readonly raws = new BoundedMap<number, RawPayload>(RAW_KEPT);

  private nextSeq = 1;

  add(fields: Omit<HistoryEntry, 'seq'>, raw: RawPayload | undefined): HistoryEntry {
    const { receivedAt, event, decision, reason } = fields;
    const entry: HistoryEntry = { seq: this.nextSeq++, receivedAt, event, decision, reason };
    (isJunk(entry) ? this.junk : this.real).entries.push(entry);
    if (raw) this.raws.set(entry.seq, raw);
    return entry;
  }

  prune(retention: HistoryRetention, now: number): void {
    const oldestAllowed = now - retention.maxAgeDays * DAY_MS;
    this.real.trim(retention.maxEntries, oldestAllowed);
    this.junk.trim(retention.maxJunkEntries, oldestAllowed);
  }

  list(filter: HistoryFilter): HistoryEntry[] {
    const result: HistoryEntry[] = [];
    let skip = filter.offset ?? 0;
    for (const entry of this.matching(filter)) {
      if (skip > 0) {
        skip--;
        continue;
      }
      result.push(entry);
      if (filter.limit && result.length >= filter.limit) break;
    }
    return result;
  }

  count(filter: HistoryFilter, upTo = Infinity): HistoryCount {
    const counted = { entries: 0, bookkeeping: 0 };
    if (upTo <= 0) return counted;
    for (const entry of this.matching(filter)) {
      counted.entries++;
      if (isBookkeeping(entry)) counted.bookkeeping++;
      if (counted.entries >= upTo) break;
    }
    return counted;
  }

  private *matching(filter: HistoryFilter): Generator<HistoryEntry> {
    const text = filter.text?.toLowerCase();
    for (const entry of this.newestFirst()) {
      if (filter.account && entry.event.account !== filter.account) continue;
      if (filter.eventId !== undefined && entry.event.id !== filter.eventId) continue;
      if (filter.decision && entry.decision !== filter.decision) continue;
      if (filter.bookkeeping !== undefined && isBookkeeping(entry) !== filter.bookkeeping) continue;
      if (text && !searchableText(entry).includes(text)) continue;
      yield entry;
    }
  }

  get(seq: number): HistoryEntry | undefined {
    for (const lane of [this.real, this.junk])
      for (let i = lane.entries.length - 1; i >= lane.head; i--)
        if (lane.entries[i]!.seq === seq) return lane.entries[i];
    return undefined;
  }

  note(seq: number, text: string): boolean {
    const entry = this.get(seq);
    if (entry) entry.note = text;
    return entry !== undefined;
  }

  raw(seq: number): RawPayload | undefined {
    const raw = this.get(seq) && this.raws.get(seq);
    // Written out here: what was kept may be a frame not yet written as text (rawPayloadOf).
    return raw && { text: raw.text, cut: raw.cut };
  }

  size(): number {
    return this.real.size + this.junk.size;
  }

  removeAccount(account: string): number {
    let removed = 0;
    for (const lane of [this.real, this.junk]) {
      const kept = lane.entries.slice(lane.head).filter((e) => e.event.account !== account);
      removed += lane.size - kept.length;
      lane.entries = kept;
      lane.head = 0;
    }
    return removed;
  }

  rooms(account: string): EventRoom[] {
    const rooms = new Map<string, EventRoom>();
    for (const entry of this.newestFirst())
      if (entry.event.account === account && !rooms.has(entry.event.room.id))
        rooms.set(entry.event.room.id, entry.event.room);
    return [...rooms.values()];
  }

  /** Both lanes merged by seq, newest first. */
  private *newestFirst(): Generator<HistoryEntry> {
    const { real, junk } = this;
    let r = real.entries.length - 1;
    let j = junk.entries.length - 1;
    while (r >= real.head || j >= junk.head) {
      const a = r >= real.head ? real.entries[r]! : undefined;
      const b = j >= junk.head ? junk.entries[j]! : undefined;
      if (a && (!b || a.seq > b.seq)) {
        yield a;
        r--;
      } else if (b) {
        yield b;
        j--;
      }
    }
  }
}
