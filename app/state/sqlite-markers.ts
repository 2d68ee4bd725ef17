import type { CatchUpMarkers } from '../core/supervisor/catch-up-markers.js';
import type { StateDatabase } from './state-database.js';

/**
 * One table of a value per account, read once at start; a value set during a turn is written
 * just before that turn's commit, in the same transaction as the events it stands for.
 */
class AccountValues<T extends number | string> {
  private readonly current = new Map<string, T>();
  private readonly pending = new Map<string, T>();

  constructor(
    private readonly state: StateDatabase,
    table: 'markers' | 'cursors',
    column: 'time' | 'value',
  ) {
    const rows = state.db.prepare(`SELECT account, ${column} AS value FROM ${table}`).all() as {
      account: string;
      value: T;
    }[];
    for (const row of rows) this.current.set(row.account, row.value);
    const upsert = state.db.prepare(
      `INSERT INTO ${table} (account, ${column}) VALUES (?, ?) ON CONFLICT (account) DO UPDATE SET ${column} = excluded.${column}`,
    );
    state.onBeforeCommit(() => {
      for (const [account, value] of this.pending) upsert.run(account, value);
      this.pending.clear();
    });
  }

  get(account: string): T | undefined {
    return this.current.get(account);
  }

  set(account: string, value: T): void {
    this.state.writing();
    this.pending.set(account, value);
    this.current.set(account, value);
  }
}

/** Catch-up markers (a time) and cursors (a source's last message id) in the state database. */
export class SqliteMarkers implements CatchUpMarkers {
  private readonly markers: AccountValues<number>;
  private readonly cursors: AccountValues<string>;

  constructor(state: StateDatabase) {
    this.markers = new AccountValues(state, 'markers', 'time');
    this.cursors = new AccountValues(state, 'cursors', 'value');
  }

  get(account: string): number | undefined {
    return this.markers.get(account);
  }

  set(account: string, time: number): void {
    this.markers.set(account, time);
  }

  cursor(account: string): string | undefined {
    return this.cursors.get(account);
  }

  setCursor(account: string, value: string): void {
    if (this.cursors.get(account) !== value) this.cursors.set(account, value);
  }
}
