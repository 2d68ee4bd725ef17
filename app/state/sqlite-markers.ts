import type { CatchUpMarkers } from '../core/supervisor/catch-up-markers.js';
import type { StateDatabase } from './state-database.js';

/**
 * Catch-up markers in the state database. A marker set during a turn is written just before
 * that turn's commit, in the same transaction as the events it stands for.
 */
export class SqliteMarkers implements CatchUpMarkers {
  private readonly pending = new Map<string, number>();
  private readonly stored = new Map<string, number>();

  constructor(private readonly state: StateDatabase) {
    const rows = state.db.prepare('SELECT account, time FROM markers').all() as {
      account: string;
      time: number;
    }[];
    for (const row of rows) this.stored.set(row.account, row.time);
    const upsert = state.db.prepare(
      'INSERT INTO markers (account, time) VALUES (?, ?) ON CONFLICT (account) DO UPDATE SET time = excluded.time',
    );
    state.onBeforeCommit(() => {
      for (const [account, time] of this.pending) upsert.run(account, time);
      this.pending.clear();
    });
  }

  get(account: string): number | undefined {
    return this.pending.get(account) ?? this.stored.get(account);
  }

  set(account: string, time: number): void {
    this.state.writing();
    this.pending.set(account, time);
    this.stored.set(account, time);
  }
}
