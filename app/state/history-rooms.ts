import type { StatementSync } from 'node:sqlite';
import type { StateDatabase } from './state-database.js';

/**
 * The `history_rooms` table: each room's newest history seq per account and lane (real, junk),
 * so the room pickers read a few rows, not history. Written once per room per commit, just
 * before it. A lane drops its oldest first, so when a room's newest seq in a lane is gone so is
 * the rest of that room in that lane: a row whose seq is no longer in history is stale, and
 * reads skip it (a join on the primary key); `forgetStale` clears such rows now and then.
 */
export class HistoryRooms {
  private readonly upsert: StatementSync;
  private readonly pending = new Map<
    string,
    [account: string, room: string, junk: 0 | 1, seq: number]
  >();

  constructor(private readonly state: StateDatabase) {
    this.upsert = state.db.prepare(
      `INSERT INTO history_rooms (account, room, junk, seq) VALUES (?, ?, ?, ?)
       ON CONFLICT (account, room, junk) DO UPDATE SET seq = excluded.seq`,
    );
    state.onBeforeCommit(() => this.flush());
  }

  /** An entry was added (inside this turn's transaction). */
  added(account: string, room: string, junk: boolean, seq: number): void {
    this.pending.set(`${account}\u0000${room}\u0000${junk ? 1 : 0}`, [
      account,
      room,
      junk ? 1 : 0,
      seq,
    ]);
  }

  /** The newest seq of each room of the account still in history, the newest first. */
  newest(account: string): number[] {
    this.flush();
    const rows = this.state.db
      .prepare(
        `SELECT max(r.seq) AS seq FROM history_rooms r JOIN history h ON h.seq = r.seq
         WHERE r.account = ? GROUP BY r.room ORDER BY seq DESC`,
      )
      .all(account) as { seq: number }[];
    return rows.map((row) => row.seq);
  }

  /** Drops the rows of rooms (or lanes) no longer in history. */
  forgetStale(): void {
    this.flush();
    this.state.db.exec(
      'DELETE FROM history_rooms WHERE NOT EXISTS (SELECT 1 FROM history WHERE seq = history_rooms.seq)',
    );
  }

  private flush(): void {
    for (const row of this.pending.values()) this.upsert.run(...row);
    this.pending.clear();
  }
}
