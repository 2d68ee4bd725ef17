import { BoundedSet } from '../core/bounded-set.js';
import { dedupeKey, type DedupeMemory } from '../core/pipeline/pipeline.js';
import type { StateDatabase } from './state-database.js';

/**
 * The ids dedupe has seen, remembered across restarts by the history rows themselves: every
 * event that passes dedupe is recorded in history (in the same commit) under its account and
 * event id, so on start the newest `limit` rows give the memory back, and nothing is written for
 * dedupe on the event's path. A restart remembers the events history still keeps (its count and
 * age retention), at most `limit` of them.
 */
export class SqliteDedupe implements DedupeMemory {
  private readonly memory: BoundedSet<string>;

  constructor(state: StateDatabase, limit: number) {
    this.memory = new BoundedSet(limit);
    const rows = state.db
      .prepare('SELECT account, event_id FROM history ORDER BY seq DESC LIMIT ?')
      .all(limit) as { account: string; event_id: string }[];
    // Oldest first, so the newest are the last to fall out of the bounded memory.
    for (let i = rows.length - 1; i >= 0; i--) {
      const row = rows[i]!;
      this.memory.add(dedupeKey(row.account, row.event_id));
    }
  }

  has(key: string): boolean {
    return this.memory.has(key);
  }

  add(key: string): boolean {
    return this.memory.add(key);
  }
}
