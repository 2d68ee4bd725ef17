import type { StatementSync } from 'node:sqlite';
import type { RoomUnread, UnreadStore } from '../core/pipeline/unread.js';
import type { StateDatabase } from './state-database.js';

/**
 * Unread counts in the state database, one row per room, in the order they were touched. A
 * room's newest count is written once per commit, just before it (a burst in one room is one
 * upsert, not one per event), in the same transaction as the events it counts.
 */
export class SqliteUnreadStore implements UnreadStore {
  private readonly upsert: StatementSync;
  private readonly delete: StatementSync;
  private touched = 0;
  /** What each room touched this turn comes to: its newest count, or gone (no `touched`). */
  private readonly pending = new Map<string, PendingRoom>();

  constructor(private readonly state: StateDatabase) {
    this.upsert = state.db.prepare(
      `INSERT INTO unread (account, room, count, mentions, touched) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (account, room) DO UPDATE SET
         count = excluded.count, mentions = excluded.mentions, touched = excluded.touched`,
    );
    this.delete = state.db.prepare('DELETE FROM unread WHERE account = ? AND room = ?');
    state.onBeforeCommit(() => this.flush());
  }

  load(): RoomUnread[] {
    const rows = this.state.db
      .prepare('SELECT account, room, count, mentions, touched FROM unread ORDER BY touched')
      .all() as unknown as (RoomUnread & { touched: number })[];
    this.touched = rows.at(-1)?.touched ?? 0;
    return rows.map(({ account, room, count, mentions }) => ({ account, room, count, mentions }));
  }

  put(room: RoomUnread): void {
    this.state.writing();
    this.pending.set(`${room.account}\u0000${room.room}`, { ...room, touched: ++this.touched });
  }

  remove(account: string, room: string): void {
    this.state.writing();
    this.pending.set(`${account}\u0000${room}`, { account, room, count: 0, mentions: 0 });
  }

  private flush(): void {
    for (const room of this.pending.values()) {
      if (room.touched === undefined) this.delete.run(room.account, room.room);
      else this.upsert.run(room.account, room.room, room.count, room.mentions, room.touched);
    }
    this.pending.clear();
  }
}

type PendingRoom = RoomUnread & { touched?: number };
