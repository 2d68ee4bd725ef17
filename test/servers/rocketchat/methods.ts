import { MeteorError, matchFailed, notAllowed } from './errors.js';
import type { Hub } from './hub.js';
import { knownEmoji, reactionName } from './emoji.js';
import { login, type LoginResult } from './login.js';
import { saveNotificationSettings, saveUserPreferences } from './preferences.js';
import type { Peer } from './publications.js';
import type { Message, User } from './store.js';

/** The connection a method runs for. */
export interface Caller {
  readonly peer: Peer;
  readonly user: User | undefined;
  signIn(result: LoginResult): void;
  signOut(): void;
}

type Method = (hub: Hub, caller: Caller, params: unknown[]) => unknown;

const SEND_MESSAGE_KEYS = new Set([
  '_id',
  'rid',
  'msg',
  'tmid',
  'tshow',
  'ts',
  't',
  'bot',
  'content',
  'e2e',
  'e2eMentions',
  'customFields',
  'federation',
  'groupable',
  'sentByEmail',
]);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function string(value: unknown): string {
  if (typeof value !== 'string') throw matchFailed();
  return value;
}

function date(value: unknown): Date {
  if (!(value instanceof Date)) throw matchFailed();
  return value;
}

function optionalDate(value: unknown): Date | undefined {
  if (value === undefined || value === null) return undefined;
  return date(value);
}

function signedIn(caller: Caller, method: string): User {
  if (!caller.user) throw new MeteorError('error-invalid-user', 'Invalid user', { method });
  return caller.user;
}

/** An array without a Date argument, `{update, remove}` with one (the code, not the docs). */
function since<T extends { _updatedAt: Date }>(items: T[], after: unknown) {
  if (!(after instanceof Date)) return items;
  return { update: items.filter((item) => item._updatedAt > after), remove: [] };
}

const sendTimes = new WeakMap<User, number[]>();

function rateLimit(hub: Hub, user: User): void {
  const limit = hub.options.sendMessageRateLimit;
  if (limit <= 0) return;
  const now = Date.now();
  const recent = (sendTimes.get(user) ?? []).filter((t) => now - t < 1000);
  if (recent.length >= limit) {
    const timeToReset = 1000 - (now - recent[0]!);
    throw new MeteorError(
      'error-too-many-requests',
      `Error, too many requests. Please slow down. You must wait ${Math.ceil(timeToReset / 1000)} seconds before trying again.`,
      { timeToReset, seconds: Math.ceil(timeToReset / 1000) },
    );
  }
  recent.push(now);
  sendTimes.set(user, recent);
}

export const METHODS: Record<string, Method> = {
  login(hub, caller, params) {
    const result = login(hub, params);
    caller.signIn(result);
    const { login: token, user, type } = result;
    const expires = token.personal
      ? new Date(8_640_000_000_000_000)
      : new Date(token.when.getTime() + hub.options.tokenLifetimeMs);
    return { id: user._id, token: token.token, tokenExpires: expires, type };
  },

  logout(_hub, caller) {
    caller.signOut();
    return undefined;
  },

  'rooms/get'(hub, caller, params) {
    if (!caller.user) return [];
    const rooms = hub.store
      .subscriptionsOf(caller.user._id)
      .map((s) => hub.store.rooms.get(s.rid))
      .filter((room) => room !== undefined);
    return since(rooms, params[0]);
  },

  'subscriptions/get'(hub, caller, params) {
    if (!caller.user) return [];
    return since(hub.store.subscriptionsOf(caller.user._id), params[0]);
  },

  loadHistory(hub, caller, params) {
    const rid = string(params[0]);
    const end = optionalDate(params[1]);
    const limit = params[2] === undefined ? 20 : Number(params[2]);
    const ls = optionalDate(params[3]);
    const showThreadMessages = params[4] !== false;
    const user = signedIn(caller, 'loadHistory');
    if (!hub.store.canRead(rid, user._id)) return false;
    const visible = hub.store
      .history(rid)
      .filter((m) => (end ? m.ts < end : true) && (showThreadMessages || m.tmid === undefined));
    const messages = visible.slice(0, limit);
    const unread = ls ? visible.filter((m) => m.ts > ls) : [];
    return {
      messages,
      firstUnread: unread.at(-1),
      unreadNotLoaded: Math.max(0, unread.length - messages.length),
    };
  },

  loadMissedMessages(hub, caller, params) {
    const rid = string(params[0]);
    const start = date(params[1]);
    const user = signedIn(caller, 'loadMissedMessages');
    if (!hub.store.canRead(rid, user._id)) return false;
    return hub.store.history(rid).filter((m) => m.ts > start);
  },

  sendMessage(hub, caller, params) {
    const input = params[0];
    if (!isObject(input)) throw matchFailed();
    for (const key of Object.keys(input)) if (!SEND_MESSAGE_KEYS.has(key)) throw matchFailed();
    const rid = string(input.rid);
    const text = input.msg === undefined ? '' : string(input.msg);
    const id = input._id === undefined ? undefined : string(input._id);
    const tmid = input.tmid === undefined ? undefined : string(input.tmid);
    let ts = optionalDate(input.ts);
    const user = signedIn(caller, 'sendMessage');
    if (ts) {
      const skew = Math.abs(ts.getTime() - Date.now());
      if (skew > 60_000)
        throw new MeteorError('error-message-ts-out-of-sync', 'Message timestamp is out of sync', {
          method: 'sendMessage',
        });
      if (skew > 10_000) ts = undefined;
    }
    if (!hub.store.subscription(rid, user._id)) throw notAllowed('Not allowed', 'sendMessage');
    if (hub.store.rooms.get(rid)?.archived) throw notAllowed('Room is archived', 'sendMessage');
    rateLimit(hub, user);
    // Storing a message whose `_id` exists fails in the database, and the method swallows every
    // failure but error-not-allowed: the call returns with no result (`sendMessage.ts`).
    if (id !== undefined && hub.store.messages.has(id)) return undefined;
    return hub.post(user, rid, text, {
      ...(id !== undefined && { id }),
      ...(tmid !== undefined && { tmid }),
      ...(ts !== undefined && { ts }),
    });
  },

  setReaction(hub, caller, params) {
    const reaction = string(params[0]);
    const mid = string(params[1]);
    const shouldReact = params[2] === undefined ? undefined : params[2] === true;
    const user = signedIn(caller, 'setReaction');
    // The order of `executeSetReaction`: the emoji, the message, then access to its room.
    if (!knownEmoji(reaction, hub.options.customEmoji))
      throw notAllowed('Invalid emoji provided.', 'setReaction');
    const message: Message | undefined = hub.store.messages.get(mid);
    if (!message) throw notAllowed('Not allowed', 'setReaction');
    if (!hub.store.canRead(message.rid, user._id))
      throw new MeteorError('not-authorized', 'Not Authorized', { method: 'setReaction' });
    hub.react(user, mid, reactionName(reaction), shouldReact);
    return undefined;
  },

  saveNotificationSettings(hub, caller, params) {
    const [rid, field, value] = params;
    const user = signedIn(caller, 'saveNotificationSettings');
    if (typeof rid !== 'string' || typeof field !== 'string' || typeof value !== 'string')
      throw matchFailed();
    return saveNotificationSettings(hub, user, rid, field, value);
  },

  saveUserPreferences(hub, caller, params) {
    const user = signedIn(caller, 'saveUserPreferences');
    saveUserPreferences(hub, user, params[0]);
    return true;
  },

  readMessages(hub, caller, params) {
    const rid = string(params[0]);
    const user = signedIn(caller, 'readMessages');
    if (!hub.store.rooms.has(rid))
      throw new MeteorError('error-room-does-not-exist', 'This room does not exist');
    hub.readMessages(user, rid);
    return undefined;
  },

  /** Typing writes go through the method named like the stream; refusals are silent. */
  'stream-notify-room'(hub, caller, params) {
    const eventName = string(params[0]);
    const user = caller.user;
    const [rid, event] = eventName.split('/');
    const accepts = hub.options.behaviour.typingAccepts as readonly string[];
    if (!user || !rid || !event || !accepts.includes(event)) return undefined;
    if (params[1] !== user.username || !hub.store.subscription(rid, user._id)) return undefined;
    const args = params.slice(1);
    hub.emitRoom(rid, event, args, caller.peer);
    if (hub.options.behaviour.typingCrossEmit) {
      const active =
        event === 'typing'
          ? args[1] === true
          : Array.isArray(args[1]) && args[1].includes('user-typing');
      if (event === 'typing')
        hub.emitRoom(
          rid,
          'user-activity',
          [user.username, active ? ['user-typing'] : []],
          caller.peer,
        );
      else hub.emitRoom(rid, 'typing', [user.username, active], caller.peer);
    }
    return undefined;
  },

  'UserPresence:online'(hub, caller) {
    hub.setStatus(signedIn(caller, 'UserPresence:online'), 'online');
    return undefined;
  },

  'UserPresence:away'(hub, caller) {
    hub.setStatus(signedIn(caller, 'UserPresence:away'), 'away');
    return undefined;
  },

  getRoomRoles(hub, caller, params) {
    const rid = string(params[0]);
    signedIn(caller, 'getRoomRoles');
    if (!hub.store.rooms.has(rid))
      throw new MeteorError('error-invalid-room', 'Invalid room', { method: 'getRoomRoles' });
    return [...(hub.store.subscriptions.get(rid)?.values() ?? [])]
      .filter((s) => s.roles.length > 0)
      .map((s) => ({
        _id: s._id,
        rid,
        u: { _id: s.u._id, username: s.u.username },
        roles: s.roles,
      }));
  },

  getUserRoles(hub) {
    return [...hub.store.users.values()]
      .filter((u) => u.roles.some((role) => role !== 'user'))
      .map((u) => ({ _id: u._id, username: u.username, roles: u.roles }));
  },
};

/** The method, or undefined when this server version does not have it (→ 404). */
export function methodFor(hub: Hub, name: string): Method | undefined {
  if (hub.options.behaviour.removedMethods.includes(name)) return undefined;
  return Object.hasOwn(METHODS, name) ? METHODS[name] : undefined;
}
