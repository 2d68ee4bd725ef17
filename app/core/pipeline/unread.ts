import type { Clock } from '../clock.js';
import { DebouncedSave } from '../debounced-save.js';
import { roomKey } from '../events.js';
import type { Storage } from '../storage.js';

export interface RoomUnread {
  account: string;
  room: string;
  count: number;
  mentions: number;
}

export const DEFAULT_UNREAD_ROOM_LIMIT = 5_000;

/**
 * Unread and mention counts per account and room, bounded to `limit` rooms: past it the room
 * touched longest ago is forgotten.
 */
export class UnreadCounts {
  private readonly rooms = new Map<string, RoomUnread>();
  private readonly saver: DebouncedSave<RoomUnread[]> | undefined;

  constructor(
    clock: Clock,
    private readonly limit = DEFAULT_UNREAD_ROOM_LIMIT,
    storage?: Storage<RoomUnread[]>,
  ) {
    for (const room of storage?.load() ?? []) this.put(room);
    this.saver = storage
      ? new DebouncedSave(storage, () => [...this.rooms.values()], clock)
      : undefined;
  }

  increment(account: string, room: string, mention: boolean): void {
    const current = this.get(account, room);
    this.put({
      account,
      room,
      count: current.count + 1,
      mentions: current.mentions + (mention ? 1 : 0),
    });
  }

  /** Sets the counts the server keeps (Rocket.Chat subscriptions, Dino stats). */
  set(account: string, room: string, count: number, mentions = 0): void {
    if (count <= 0 && mentions <= 0) this.clear(account, room);
    else this.put({ account, room, count, mentions });
  }

  clear(account: string, room: string): void {
    if (this.rooms.delete(roomKey(account, room))) this.saver?.changed();
  }

  clearAccount(account: string): void {
    for (const [key, room] of this.rooms) if (room.account === account) this.rooms.delete(key);
    this.saver?.changed();
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

  flush(): void {
    this.saver?.flush();
  }

  private put(room: RoomUnread): void {
    const key = roomKey(room.account, room.room);
    this.rooms.delete(key);
    this.rooms.set(key, room);
    if (this.rooms.size > this.limit) this.rooms.delete(this.rooms.keys().next().value as string);
    this.saver?.changed();
  }
}
