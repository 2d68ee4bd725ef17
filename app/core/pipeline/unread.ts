import { roomKey } from '../events.js';

export interface RoomUnread {
  account: string;
  room: string;
  count: number;
  mentions: number;
}

export const DEFAULT_UNREAD_ROOM_LIMIT = 5_000;

/** Where counts outlive the process: each change is written as it happens, room by room. */
export interface UnreadStore {
  load(): RoomUnread[];
  put(room: RoomUnread): void;
  remove(account: string, room: string): void;
}

/**
 * Unread and mention counts per account and room, bounded to `limit` rooms: past it the room
 * touched longest ago is forgotten.
 */
export class UnreadCounts {
  private readonly rooms = new Map<string, RoomUnread>();

  constructor(
    private readonly store?: UnreadStore,
    private readonly limit = DEFAULT_UNREAD_ROOM_LIMIT,
  ) {
    for (const room of store?.load() ?? []) this.remember(room);
  }

  increment(account: string, room: string, mention: boolean): void {
    // Every new message comes here: the room's key is made once, not for the read and the write.
    const key = roomKey(account, room);
    const current = this.rooms.get(key);
    this.put(
      {
        account,
        room,
        count: (current?.count ?? 0) + 1,
        mentions: (current?.mentions ?? 0) + (mention ? 1 : 0),
      },
      key,
    );
  }

  /** Sets the counts the server keeps (Rocket.Chat subscriptions, Dino stats). */
  set(account: string, room: string, count: number, mentions = 0): void {
    if (count <= 0 && mentions <= 0) this.clear(account, room);
    else this.put({ account, room, count, mentions });
  }

  clear(account: string, room: string): void {
    if (this.rooms.delete(roomKey(account, room))) this.store?.remove(account, room);
  }

  clearAccount(account: string): void {
    for (const room of this.list(account)) this.clear(account, room.room);
  }

  get(account: string, room: string): RoomUnread {
    return this.rooms.get(roomKey(account, room)) ?? { account, room, count: 0, mentions: 0 };
  }

  /** Totals for one account, or for all of them. */
  total(account?: string): { count: number; mentions: number } {
    let count = 0;
    let mentions = 0;
    for (const room of this.rooms.values()) {
      if (account !== undefined && room.account !== account) continue;
      count += room.count;
      mentions += room.mentions;
    }
    return { count, mentions };
  }

  list(account?: string): RoomUnread[] {
    return [...this.rooms.values()].filter((r) => account === undefined || r.account === account);
  }

  private put(room: RoomUnread, key?: string): void {
    this.store?.put(room);
    const forgotten = this.remember(room, key);
    if (forgotten) this.store?.remove(forgotten.account, forgotten.room);
  }

  /** Keeps the room as the newest; returns the room forgotten to stay within the limit. */
  private remember(
    room: RoomUnread,
    key = roomKey(room.account, room.room),
  ): RoomUnread | undefined {
    this.rooms.delete(key);
    this.rooms.set(key, room);
    if (this.rooms.size <= this.limit) return undefined;
    const [oldestKey, oldest] = this.rooms.entries().next().value as [string, RoomUnread];
    this.rooms.delete(oldestKey);
    return oldest;
  }
}
