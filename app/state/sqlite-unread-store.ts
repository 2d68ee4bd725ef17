import type { StatementSync } from 'node:sqlite';
import type { RoomUnread, UnreadStore } from '../core/pipeline/unread.js';
import type { StateDatabase } from './state-database.js';

/** Unread counts in the state database, one row per room, in the order they were touched. */
export class SqliteUnreadStore implements UnreadStore {
  private readonly upsert: StatementSync;
  private readonly delete: StatementSync;
  private touched = 0;

  constructor(private readonly state: StateDatabase) {
    this.upsert = state.db.prepare(
      `INSERT INTO unread (account, room, count, mentions, touched) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (account, room) DO UPDATE SET
         count = excluded.count, mentions = excluded.mentions, touched = excluded.touched`,
    );
    this.delete = state.db.prepare('DELETE FROM unread WHERE account = ? AND room = ?');
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
    this.upsert.run(room.account, room.room, room.count, room.mentions, ++this.touched);
  }

  remove(account: string, room: string): void {
    this.state.writing();
    this.delete.run(account, room);
  }
}
