import { createHash } from 'node:crypto';
import type { DesktopPreference } from './options.js';
import { randomId, randomToken } from './ids.js';

/**
 * The server's database: users, rooms, subscriptions, messages. It lives outside the listener,
 * so a stop and restart of the server keeps everything, as a real server's MongoDB would.
 */

export type RoomType = 'c' | 'p' | 'd';
export type UserStatus = 'online' | 'away' | 'busy' | 'offline';

export interface LoginToken {
  token: string;
  when: Date;
  /** Personal access tokens never expire. */
  personal: boolean;
}

export interface User {
  _id: string;
  username: string;
  name: string;
  email: string;
  /** Lowercase hex SHA-256 of the password, what a DDP login sends. */
  passwordDigest: string;
  /** The code the user's authenticator shows now; set means 2FA is on. */
  totpCode?: string;
  tokens: LoginToken[];
  /** Status the user chose; the effective one is `offline` without a live connection. */
  status: Exclude<UserStatus, 'offline'>;
  statusText: string;
  desktopNotifications?: DesktopPreference;
  highlights: string[];
  /** Every other preference `saveUserPreferences` takes (`desktopNotificationRequireInteraction`…). */
  preferences: Record<string, unknown>;
  roles: string[];
}

export interface Room {
  _id: string;
  t: RoomType;
  name?: string;
  fname?: string;
  u: { _id: string; username: string };
  ts: Date;
  lm?: Date;
  /** The newest visible message, embedded (`lastMessage` in `roomFields`). */
  lastMessage?: Message;
  msgs: number;
  usersCount: number;
  topic?: string;
  announcement?: string;
  description?: string;
  archived?: boolean;
  usernames?: string[];
  uids?: string[];
  _updatedAt: Date;
}

export interface Subscription {
  _id: string;
  rid: string;
  t: RoomType;
  name: string;
  fname: string;
  u: { _id: string; username: string; name: string };
  ts: Date;
  ls: Date;
  open: boolean;
  alert: boolean;
  unread: number;
  userMentions: number;
  groupMentions: number;
  tunread: string[];
  roles: string[];
  desktopNotifications?: DesktopPreference;
  /** Where `desktopNotifications` came from: set on the room, or copied from the user's. */
  desktopPrefOrigin?: 'subscription' | 'user';
  disableNotifications?: boolean;
  muteGroupMentions?: boolean;
  hideUnreadStatus?: boolean;
  _updatedAt: Date;
}

export interface Message {
  _id: string;
  rid: string;
  msg: string;
  /** The parsed Markdown AST; absent when `msg` is empty. */
  md?: unknown[];
  ts: Date;
  u: { _id: string; username: string; name: string };
  _updatedAt: Date;
  t?: string;
  mentions: { _id: string; username: string; name?: string; type?: 'user' }[];
  channels: { _id: string; name: string }[];
  urls: { url: string }[];
  tmid?: string;
  tcount?: number;
  tlm?: Date;
  replies?: string[];
  editedAt?: Date;
  editedBy?: { _id: string; username: string };
  reactions?: Record<string, { usernames: string[] }>;
  pinned?: boolean;
  pinnedAt?: Date;
  pinnedBy?: { _id: string; username: string };
  attachments?: Record<string, unknown>[];
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export interface NewUser {
  username: string;
  password: string;
  name?: string;
  email?: string;
  id?: string;
  totpCode?: string;
  status?: User['status'];
  desktopNotifications?: DesktopPreference;
  highlights?: string[];
}

export interface NewRoom {
  type: RoomType;
  /** Channel or group name; for direct rooms the members' usernames make it up. */
  name?: string;
  members: string[];
  id?: string;
  owner?: string;
  topic?: string;
}

export class Store {
  readonly users = new Map<string, User>();
  readonly rooms = new Map<string, Room>();
  /** By `rid` then user id. */
  readonly subscriptions = new Map<string, Map<string, Subscription>>();
  readonly messages = new Map<string, Message>();
  /** Message ids per room, oldest first. */
  readonly roomMessages = new Map<string, string[]>();
  /** Rooms and subscriptions removed, for `{update, remove}` answers. */
  readonly removedSubscriptions: { _id: string; uid: string; _deletedAt: Date }[] = [];

  addUser(input: NewUser): User {
    if (this.userByName(input.username)) throw new Error(`user ${input.username} exists`);
    const user: User = {
      _id: input.id ?? randomId(),
      username: input.username,
      name: input.name ?? input.username,
      email: input.email ?? `${input.username}@example.com`,
      passwordDigest: sha256Hex(input.password),
      ...(input.totpCode !== undefined && { totpCode: input.totpCode }),
      tokens: [],
      status: input.status ?? 'online',
      statusText: '',
      ...(input.desktopNotifications && { desktopNotifications: input.desktopNotifications }),
      highlights: input.highlights ?? [],
      preferences: {},
      roles: ['user'],
    };
    this.users.set(user._id, user);
    return user;
  }

  userByName(username: string): User | undefined {
    for (const user of this.users.values()) if (user.username === username) return user;
    return undefined;
  }

  userByEmail(email: string): User | undefined {
    const wanted = email.toLowerCase();
    for (const user of this.users.values()) if (user.email.toLowerCase() === wanted) return user;
    return undefined;
  }

  mustUser(username: string): User {
    const user = this.userByName(username);
    if (!user) throw new Error(`no user ${username}`);
    return user;
  }

  userByToken(token: string): { user: User; login: LoginToken } | undefined {
    for (const user of this.users.values()) {
      const login = user.tokens.find((t) => t.token === token);
      if (login) return { user, login };
    }
    return undefined;
  }

  issueToken(user: User, personal = false): LoginToken {
    const login: LoginToken = { token: randomToken(), when: new Date(), personal };
    user.tokens.push(login);
    return login;
  }

  addRoom(input: NewRoom): Room {
    const members = input.members.map((name) => this.mustUser(name));
    const owner = this.mustUser(input.owner ?? input.members[0] ?? '');
    const now = new Date();
    const direct = input.type === 'd';
    const room: Room = {
      _id:
        input.id ??
        (direct
          ? members
              .map((m) => m._id)
              .sort()
              .join('')
          : randomId()),
      t: input.type,
      ...(!direct && { name: input.name ?? randomId(8), fname: input.name }),
      u: { _id: owner._id, username: owner.username },
      ts: now,
      msgs: 0,
      usersCount: members.length,
      ...(input.topic !== undefined && { topic: input.topic }),
      ...(direct && { usernames: members.map((m) => m.username), uids: members.map((m) => m._id) }),
      _updatedAt: now,
    };
    this.rooms.set(room._id, room);
    this.roomMessages.set(room._id, []);
    this.subscriptions.set(room._id, new Map());
    for (const member of members) this.subscribe(room, member);
    return room;
  }

  subscribe(room: Room, user: User): Subscription {
    const others = room.usernames?.filter((name) => name !== user.username) ?? [];
    const name = room.t === 'd' ? others.join(', ') || user.username : (room.name ?? room._id);
    const now = new Date();
    const subscription: Subscription = {
      _id: randomId(),
      rid: room._id,
      t: room.t,
      name,
      fname: room.t === 'd' ? name : (room.fname ?? name),
      u: { _id: user._id, username: user.username, name: user.name },
      ts: now,
      ls: now,
      open: true,
      alert: false,
      unread: 0,
      userMentions: 0,
      groupMentions: 0,
      tunread: [],
      roles: room.u._id === user._id ? ['owner'] : [],
      // `getDefaultSubscriptionPref`: a user's own desktop preference is copied in, marked `user`.
      ...(user.desktopNotifications && {
        desktopNotifications: user.desktopNotifications,
        desktopPrefOrigin: 'user' as const,
      }),
      _updatedAt: now,
    };
    this.subscriptions.get(room._id)!.set(user._id, subscription);
    return subscription;
  }

  subscription(rid: string, uid: string): Subscription | undefined {
    return this.subscriptions.get(rid)?.get(uid);
  }

  subscriptionsOf(uid: string): Subscription[] {
    const result: Subscription[] = [];
    for (const byUser of this.subscriptions.values()) {
      const subscription = byUser.get(uid);
      if (subscription) result.push(subscription);
    }
    return result;
  }

  members(rid: string): User[] {
    const byUser = this.subscriptions.get(rid);
    if (!byUser) return [];
    return [...byUser.keys()].map((uid) => this.users.get(uid)).filter((u) => u !== undefined);
  }

  /** Whether the user may read the room: a member, or any user for a public channel. */
  canRead(rid: string, uid: string): boolean {
    const room = this.rooms.get(rid);
    if (!room) return false;
    return room.t === 'c' || this.subscription(rid, uid) !== undefined;
  }

  addMessage(message: Message): void {
    this.messages.set(message._id, message);
    this.roomMessages.get(message.rid)?.push(message._id);
  }

  /** Visible messages of a room, newest first. */
  history(rid: string): Message[] {
    const ids = this.roomMessages.get(rid) ?? [];
    const result: Message[] = [];
    for (let i = ids.length - 1; i >= 0; i--) {
      const message = this.messages.get(ids[i]!);
      if (message) result.push(message);
    }
    return result;
  }
}
