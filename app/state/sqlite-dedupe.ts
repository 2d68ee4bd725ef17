import type { StatementSync } from 'node:sqlite';
import { BoundedSet } from '../core/bounded-set.js';
import type { DedupeMemory } from '../core/pipeline/pipeline.js';
import type { StateDatabase } from './state-database.js';

/**
 * The ids dedupe has seen, kept in the state database so an event redelivered after a restart
 * (a broker resending what it had no PUBACK for) is still known. Checks are answered from memory:
 * the newest `limit` keys are loaded on start.
 */
export class SqliteDedupe implements DedupeMemory {
  private readonly memory: BoundedSet<string>;
  private readonly upsert: StatementSync;
  private n: number;
  private written = 0;

  constructor(
    private readonly state: StateDatabase,
    private readonly limit: number,
  ) {
    this.memory = new BoundedSet(limit);
    this.upsert = state.db.prepare(
      'INSERT INTO seen (key, n) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET n = excluded.n',
    );
    const rows = state.db
      .prepare('SELECT key, n FROM (SELECT key, n FROM seen ORDER BY n DESC LIMIT ?) ORDER BY n')
      .all(limit) as { key: string; n: number }[];
    for (const row of rows) this.memory.add(row.key);
    this.n = rows.at(-1)?.n ?? 0;
  }

  has(key: string): boolean {
    return this.memory.has(key);
  }

  add(key: string): boolean {
    const added = this.memory.add(key);
    if (!added) return false;
    this.state.writing();
    this.upsert.run(key, ++this.n);
    // Now and then forget what fell out of the newest `limit`.
    if (++this.written % Math.max(1, Math.floor(this.limit / 10)) === 0)
      this.state.db.prepare('DELETE FROM seen WHERE n <= ?').run(this.n - this.limit);
    return true;
  }
}
