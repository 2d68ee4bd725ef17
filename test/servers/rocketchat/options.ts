/**
 * What the test server can be told to be. Defaults follow the Meteor monolith of RC 6.x/7.x;
 * `persona` flips the era matrix of the protocol notes (§0.2, §13 item 12) in one word, and each
 * behaviour can still be overridden on its own.
 */

export type Persona = 'rc3' | 'rc7' | 'rc8';

export type Greeting = 'none' | 'server_id' | 'ddp-streamer';

export type DesktopPreference = 'all' | 'mentions' | 'nothing';

export interface Behaviour {
  /** What the second `sub` parameter may be: Era A a boolean only, Era C anything. */
  subParam: 'boolean-only' | 'any';
  /** A read the server denies: Era A/B a plain nosub, Era C a nosub with `not-allowed`. */
  deniedNosub: 'plain' | 'not-allowed';
  /** The typing event names the server accepts writes for. */
  typingAccepts: ReadonlyArray<'typing' | 'user-activity'>;
  /** RC 4.0–7.x re-emitted a typing write under the other name as well. */
  typingCrossEmit: boolean;
  /** `user-status` carries 4 elements (older) or 6 (newer). */
  userStatusFields: 4 | 6;
  /** `__my_messages__` carries `{roomParticipant, roomType, roomName}` (newer) or `{}`. */
  myMessagesExtra: boolean;
  /** The code of a refused password login. */
  loginErrorCode: 401 | 403;
  /** Methods this version no longer has (answered with 404). */
  removedMethods: readonly string[];
  /** The version `GET /api/info` reports. */
  version: string;
}

export const PERSONAS: Readonly<Record<Persona, Behaviour>> = {
  rc3: {
    subParam: 'boolean-only',
    deniedNosub: 'plain',
    typingAccepts: ['typing'],
    typingCrossEmit: false,
    userStatusFields: 4,
    myMessagesExtra: false,
    loginErrorCode: 403,
    removedMethods: [],
    version: '3.18',
  },
  rc7: {
    subParam: 'any',
    deniedNosub: 'not-allowed',
    typingAccepts: ['typing', 'user-activity'],
    typingCrossEmit: true,
    userStatusFields: 6,
    myMessagesExtra: true,
    loginErrorCode: 403,
    removedMethods: [],
    version: '7.10',
  },
  rc8: {
    subParam: 'any',
    deniedNosub: 'not-allowed',
    typingAccepts: ['user-activity'],
    typingCrossEmit: false,
    userStatusFields: 6,
    myMessagesExtra: true,
    loginErrorCode: 401,
    removedMethods: ['getUserRoles'],
    version: '8.1',
  },
};

export interface RocketChatServerOptions {
  /** 0 (the default) picks a free port; a restart keeps the port it got. */
  port?: number;
  persona?: Persona;
  /** Per-behaviour overrides on top of the persona. */
  behaviour?: Partial<Behaviour>;
  /** The frame sent right after the socket opens, before anything else. */
  greeting?: Greeting;
  /**
   * `meteor`: protocol errors are `error` frames and the socket stays open.
   * `ddp-streamer`: the EE micro-service's ways: close 1002/1007 on bad input, 4000 on idle.
   */
  flavour?: 'meteor' | 'ddp-streamer';
  /** Server ping after this much inbound silence, close after `timeoutMs` more; false: never. */
  heartbeat?: { intervalMs: number; timeoutMs: number } | false;
  /** Meteor arms the write fence first (`updated` before `result`); the ddp-streamer the reverse. */
  updatedBeforeResult?: boolean;
  /** `Message_ShowDeletedStatus`: deletions become `t: "rm"` tombstones instead of notify-room events. */
  showDeletedStatus?: boolean;
  /** `Accounts_Default_User_Preferences_desktopNotifications`. */
  defaultDesktopNotifications?: DesktopPreference;
  /** `sendMessage` calls allowed per second per user (RC's limit is 5); 0 turns the limit off. */
  sendMessageRateLimit?: number;
  /** How long a login token lives (`Accounts_LoginExpiration`, 90 days by default). */
  tokenLifetimeMs?: number;
  /** The workspace's custom emoji, by name or alias, which `setReaction` accepts too. */
  customEmoji?: string[];
  /** REST routes this server lacks (404), e.g. `rooms.saveNotification` before RC 0.63. */
  missingRestRoutes?: string[];
}

export interface ResolvedOptions {
  port: number;
  behaviour: Behaviour;
  greeting: Greeting;
  flavour: 'meteor' | 'ddp-streamer';
  heartbeat: { intervalMs: number; timeoutMs: number } | false;
  updatedBeforeResult: boolean;
  showDeletedStatus: boolean;
  defaultDesktopNotifications: DesktopPreference;
  sendMessageRateLimit: number;
  tokenLifetimeMs: number;
  customEmoji: string[];
  missingRestRoutes: string[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function resolveOptions(options: RocketChatServerOptions): ResolvedOptions {
  const flavour = options.flavour ?? 'meteor';
  return {
    port: options.port ?? 0,
    behaviour: { ...PERSONAS[options.persona ?? 'rc7'], ...options.behaviour },
    greeting: options.greeting ?? 'none',
    flavour,
    heartbeat:
      options.heartbeat ??
      (flavour === 'meteor'
        ? { intervalMs: 15_000, timeoutMs: 15_000 }
        : { intervalMs: 30_000, timeoutMs: 30_000 }),
    updatedBeforeResult: options.updatedBeforeResult ?? flavour === 'meteor',
    showDeletedStatus: options.showDeletedStatus ?? false,
    defaultDesktopNotifications: options.defaultDesktopNotifications ?? 'all',
    sendMessageRateLimit: options.sendMessageRateLimit ?? 5,
    tokenLifetimeMs: options.tokenLifetimeMs ?? 90 * DAY_MS,
    customEmoji: options.customEmoji ?? [],
    missingRestRoutes: options.missingRestRoutes ?? [],
  };
}
