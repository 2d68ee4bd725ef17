import type { EventRoom, RoomType } from '../../core/events.js';
import { objectOf, stringOf, type WireObject } from './wire.js';

export interface KnownRoom {
  /** `c` channel, `p` private group, `d` direct, `l` livechat... */
  t: string;
  /** The name in links (`general`), or for a direct room the other person. */
  name: string | undefined;
}

/** Rocket.Chat room types as the app's. */
export function roomType(t: string | undefined): RoomType {
  if (t === 'd' || t === 'l') return 'direct';
  if (t === 'p') return 'group';
  return 'channel';
}

/**
 * What the user's subscriptions say about each room: its type and name, which messages on the
 * room stream and deletions do not carry.
 */
export class RoomDirectory {
  private readonly rooms = new Map<string, KnownRoom>();

  /** From a subscription (`rid`, `t`, `name`) or a room (`_id`, `t`, `name`). */
  learn(item: WireObject): void {
    const rid = stringOf(item.rid) ?? stringOf(item._id);
    const t = stringOf(item.t);
    if (!rid || !t) return;
    const name = stringOf(item.name) ?? stringOf(item.fname) ?? this.rooms.get(rid)?.name;
    this.rooms.set(rid, { t, name });
  }

  forget(rid: string): void {
    this.rooms.delete(rid);
  }

  get(rid: string): KnownRoom | undefined {
    return this.rooms.get(rid);
  }

  /** The event room for `rid`, with what the frame itself says where the directory knows nothing. */
  room(rid: string, t?: string, name?: string): EventRoom {
    const known = this.rooms.get(rid);
    const type = roomType(t ?? known?.t);
    const roomName = name ?? known?.name;
    return { id: rid, type, ...(roomName !== undefined && { name: roomName }) };
  }

  list(): [string, KnownRoom][] {
    return [...this.rooms];
  }
}

/** The user an item is by: `u` or `sender` with `_id`, `username`, `name`. */
export function personOf(value: unknown): { id: string; name: string } | undefined {
  const person = objectOf(value);
  const id = stringOf(person?._id);
  if (!id) return undefined;
  return { id, name: stringOf(person?.username) ?? stringOf(person?.name) ?? id };
}
