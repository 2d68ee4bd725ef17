import { createHash } from 'node:crypto';
import type { Connection } from './connection.js';
import { KuzzleError, type KuzzleVersion } from './errors.js';
import { matches, roomIdFor, validateFilter, type Filter } from './koncorde.js';
import { userNotification } from './notifications.js';

export type Scope = 'all' | 'in' | 'out' | 'none';
export type State = 'all' | 'pending' | 'done';

export interface ChannelOptions {
  scope: Scope;
  users: Scope;
  /** 1.x only. */
  state: State;
}

interface Channel extends ChannelOptions {
  name: string;
  connections: Set<Connection>;
}

interface Room {
  id: string;
  index: string;
  collection: string;
  filter: Filter;
  channels: Map<string, Channel>;
  /** Each member connection's subscription volatile, reused in its user notifications. */
  members: Map<Connection, Record<string, unknown> | null>;
}

const SCOPES = new Set(['all', 'in', 'out', 'none']);
const USERS_DIGIT: Record<Scope, string> = { all: '1', in: '2', out: '3', none: '3' };
const SCOPE_DIGIT: Record<Scope, string> = { all: '1', in: '2', out: '3', none: '' };

/** `room:<channel>` as Kuzzle names it: 2.x encodes the options in digits, 1.x hashes them. */
function channelName(version: KuzzleVersion, roomId: string, options: ChannelOptions): string {
  if (version === 2) return `${roomId}-${USERS_DIGIT[options.users]}1${SCOPE_DIGIT[options.scope]}`;
  const { state, scope, users } = options;
  const hash = createHash('sha1').update(JSON.stringify({ state, scope, users })).digest('hex');
  return `${roomId}-${hash.slice(0, 16)}`;
}

export function readOptions(args: Record<string, unknown>): ChannelOptions {
  const scope = args.scope ?? 'all';
  const users = args.users ?? 'none';
  if (typeof scope !== 'string' || !SCOPES.has(scope))
    throw new KuzzleError('core.realtime.invalid_scope');
  if (typeof users !== 'string' || !SCOPES.has(users))
    throw new KuzzleError('core.realtime.invalid_users');
  const state = (args.state ?? 'done') as State;
  return { scope: scope as Scope, users: users as Scope, state };
}

/**
 * Rooms, channels and who is in them (Kuzzle's hotel clerk). Subscriptions belong to a
 * connection and vanish with it; the others in the room are told with a user notification.
 */
export class Hotel {
  private readonly rooms = new Map<string, Room>();

  constructor(
    private readonly version: () => KuzzleVersion,
    private readonly node: string,
  ) {}

  subscribe(
    connection: Connection,
    where: { index: string; collection: string; filter: unknown },
    options: ChannelOptions,
    volatile: Record<string, unknown> | null,
  ): { roomId: string; channel: string } {
    validateFilter(where.filter);
    const filter = where.filter as Filter;
    const roomId = roomIdFor(where.index, where.collection, filter);
    let room = this.rooms.get(roomId);
    if (!room) {
      room = { id: roomId, ...where, filter, channels: new Map(), members: new Map() };
      this.rooms.set(roomId, room);
    }
    return this.enter(room, connection, options, volatile, 'subscribe');
  }

  join(
    connection: Connection,
    roomId: string,
    options: ChannelOptions,
    volatile: Record<string, unknown> | null,
  ) {
    const room = this.rooms.get(roomId);
    if (!room) throw new KuzzleError('core.realtime.room_not_found', [roomId]);
    return this.enter(room, connection, options, volatile, 'join');
  }

  unsubscribe(connection: Connection, roomId: string): void {
    const room = this.rooms.get(roomId);
    if (!room?.members.has(connection))
      throw new KuzzleError('core.realtime.not_subscribed', [connection.id, roomId]);
    this.leave(room, connection);
  }

  /** Disconnection or token expiry: every subscription of the connection goes. */
  removeConnection(connection: Connection): void {
    for (const room of [...this.rooms.values()])
      if (room.members.has(connection)) this.leave(room, connection);
  }

  hasSubscriptions(connection: Connection): boolean {
    return [...this.rooms.values()].some((room) => room.members.has(connection));
  }

  /** The channels of every room the connection is in (where 1.x sends TokenExpired). */
  channelsOf(connection: Connection): string[] {
    return [...this.rooms.values()].flatMap((room) =>
      [...room.channels.values()].filter((c) => c.connections.has(connection)).map((c) => c.name),
    );
  }

  count(roomId: string): number | undefined {
    return this.rooms.get(roomId)?.members.size;
  }

  list(): Record<string, Record<string, Record<string, number>>> {
    const listed: Record<string, Record<string, Record<string, number>>> = {};
    for (const room of this.rooms.values()) {
      const collections = (listed[room.index] ??= {});
      (collections[room.collection] ??= {})[room.id] = room.members.size;
    }
    return listed;
  }

  /** Room ids whose filter matches the document on that index and collection. */
  matchingRooms(
    index: string,
    collection: string,
    document: { _id?: string | undefined; _source: Record<string, unknown> },
  ) {
    return [...this.rooms.values()]
      .filter(
        (r) => r.index === index && r.collection === collection && matches(r.filter, document),
      )
      .map((r) => r.id);
  }

  /** Sends a document notification to the channels of those rooms that accept its scope/state. */
  dispatch(
    roomIds: Iterable<string>,
    scope: 'in' | 'out' | 'unknown',
    state: 'pending' | 'done',
    payload: Record<string, unknown>,
  ): void {
    for (const roomId of roomIds) {
      const room = this.rooms.get(roomId);
      if (!room) continue;
      for (const channel of room.channels.values()) {
        if (!acceptsScope(channel, scope) || !acceptsState(channel, state)) continue;
        for (const connection of channel.connections) connection.notify(channel.name, payload);
      }
    }
  }

  clear(): void {
    this.rooms.clear();
  }

  private enter(
    room: Room,
    connection: Connection,
    options: ChannelOptions,
    volatile: Record<string, unknown> | null,
    action: string,
  ) {
    const name = channelName(this.version(), room.id, options);
    let channel = room.channels.get(name);
    const isNew = !room.members.has(connection);
    // Whoever was there before is told; the newcomer's own channel is created after the list is
    // taken, so it does not hear about itself (notes §5.2).
    if (isNew) {
      room.members.set(connection, volatile);
      this.notifyUsers(room, 'in', volatile, action, connection);
    }
    if (!channel) {
      channel = { name, ...options, connections: new Set() };
      room.channels.set(name, channel);
    }
    channel.connections.add(connection);
    return { roomId: room.id, channel: name };
  }

  private leave(room: Room, connection: Connection): void {
    const volatile = room.members.get(connection) ?? null;
    room.members.delete(connection);
    for (const [name, channel] of room.channels) {
      channel.connections.delete(connection);
      if (channel.connections.size === 0) room.channels.delete(name);
    }
    if (room.members.size === 0) {
      this.rooms.delete(room.id);
      return;
    }
    this.notifyUsers(room, 'out', volatile, 'unsubscribe', connection);
  }

  private notifyUsers(
    room: Room,
    user: 'in' | 'out',
    volatile: Record<string, unknown> | null,
    action: string,
    subject: Connection,
  ) {
    const payload = userNotification(this.version(), this.node, {
      user,
      count: room.members.size,
      volatile,
      index: room.index,
      collection: room.collection,
      action,
      protocol: subject.protocol,
    });
    for (const channel of room.channels.values()) {
      if (channel.users !== 'all' && channel.users !== user) continue;
      for (const connection of channel.connections)
        if (connection !== subject) connection.notify(channel.name, payload);
    }
  }
}

function acceptsScope(channel: Channel, scope: 'in' | 'out' | 'unknown'): boolean {
  if (scope === 'unknown') return channel.scope === 'all';
  return channel.scope === 'all' || channel.scope === scope;
}

function acceptsState(channel: Channel, state: 'pending' | 'done'): boolean {
  return channel.state === 'all' || channel.state === state;
}
