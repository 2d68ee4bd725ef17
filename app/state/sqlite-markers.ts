import type { CatchUpMarkers } from '../core/supervisor/catch-up-markers.js';
import type { StateDatabase } from './state-database.js';

/**
 * Catch-up markers in the state database. A marker set during a turn is written just before
 * that turn's commit, in the same transaction as the events it stands for.
 */
export class SqliteMarkers implements CatchUpMarkers {
  private readonly pending = new Map<string, number>();
  private readonly stored = new Map<string, number>();
  private readonly pendingCursors = new Map<string, string>();
  private readonly cursors = new Map<string, string>();

  constructor(private readonly state: StateDatabase) {
    const rows = state.db.prepare('SELECT account, time FROM markers').all() as {
      account: string;
      time: number;
    }[];
    for (const row of rows) this.stored.set(row.account, row.time);
    const upsert = state.db.prepare(
      'INSERT INTO markers (account, time) VALUES (?, ?) ON CONFLICT (account) DO UPDATE SET time = excluded.time',
    );
    const cursorRows = state.db.prepare('SELECT account, value FROM cursors').all() as {
      account: string;
      value: string;
    }[];
    for (const row of cursorRows) this.cursors.set(row.account, row.value);
    const upsertCursor = state.db.prepare(
      'INSERT INTO cursors (account, value) VALUES (?, ?) ON CONFLICT (account) DO UPDATE SET value = excluded.value',
    );
    state.onBeforeCommit(() => {
      for (const [account, time] of this.pending) upsert.run(account, time);
      this.pending.clear();
      for (const [account, value] of this.pendingCursors) upsertCursor.run(account, value);
      this.pendingCursors.clear();
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

  cursor(account: string): string | undefined {
    return this.cursors.get(account);
  }

  setCursor(account: string, value: string): void {
    if (this.cursors.get(account) === value) return;
    this.state.writing();
    this.pendingCursors.set(account, value);
    this.cursors.set(account, value);
  }
}
