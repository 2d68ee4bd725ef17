import type { TidingsEvent } from './events.js';
import type { Logger } from './log.js';
import type { ServerPreferences } from './server-preferences.js';
import type { Account } from './settings/accounts.js';
import type { Level, Secret } from './settings/fields.js';

export type ConnectorState =
  'connecting' | 'online' | 'reconnecting' | 'auth-failed' | 'offline' | 'disabled';

export interface AccountStatus {
  account: string;
  state: ConnectorState;
  /**
   * Why, in words the user can act on: "wrong password", "Can't reach chat.example.com: nothing
   * answers on port 443".
   */
  reason?: string;
  /** The failure as the code said it ("connect ECONNREFUSED …:443"), when `reason` is other words: for the log and support. */
  error?: string;
  /** With `reconnecting`: when the next try is (ms since the epoch). */
  retryAt?: number;
  /** Since when the account has been in this state. */
  since: number;
  /** Per-part results the user should see, e.g. each room's join result. */
  details?: Record<string, string>;
}

/**
 * `auth`: the server refused who we are; retrying cannot help until the user acts.
 * `network`: unreachable, dropped, timed out; retrying can help.
 * `protocol`: the server said something we cannot work with; retried, it may be transient.
 * `config`: something in the account's settings cannot work (a secret that cannot be read).
 */
export type ConnectorErrorKind = 'auth' | 'network' | 'protocol' | 'config';

export class ConnectorError extends Error {
  /**
   * The link was closed only to refuse one frame (a library that can refuse a frame only by
   * closing): nothing is wrong with the server, so reconnect now rather than after a backoff.
   */
  readonly reconnectAtOnce: boolean;
  /** The HTTP status a server refused with (a WebSocket upgrade, a REST call), for its words. */
  readonly httpStatus: number | undefined;

  constructor(
    readonly kind: ConnectorErrorKind,
    message: string,
    options?: { cause?: unknown; reconnectAtOnce?: boolean; httpStatus?: number },
  ) {
    super(message, options);
    this.name = 'ConnectorError';
    this.reconnectAtOnce = options?.reconnectAtOnce ?? false;
    this.httpStatus = options?.httpStatus;
  }

  get retryable(): boolean {
    return this.kind === 'network' || this.kind === 'protocol';
  }

  /** Any thrown value as a ConnectorError; unknown failures count as network trouble. */
  static from(error: unknown): ConnectorError {
    if (error instanceof ConnectorError) return error;
    const message = error instanceof Error ? error.message : String(error);
    return new ConnectorError('network', message, { cause: error });
  }
}

/** What the supervisor gives a connector: where events and trouble go. */
export interface ConnectorContext {
  emit(event: TidingsEvent): void;
  /** The connection dropped after `connect()` had succeeded. */
  lost(error: ConnectorError): void;
  /** Per-part results the user should see beside the status (a room's join result). */
  detail(key: string, value: string): void;
  resolveSecret(secret: Secret): Promise<string>;
  log: Logger;
  /** The server's own notification preferences, after connecting and whenever they change. */
  preferences?(preferences: ServerPreferences): void;
  /**
   * Resolves once every event emitted so far is kept for good (committed to the state
   * database): acknowledge to the server only then. Absent when nothing is kept.
   */
  persisted?(): Promise<void>;
  /** Whether an event with this id was received before, in this run or an earlier one. */
  seen?(eventId: string): boolean;
  /**
   * The source's own catch-up point (a message id), kept across restarts with the history: set
   * it after emitting the events it stands for, and it is committed with them. Absent when
   * nothing is kept.
   */
  cursor?: { get(): string | undefined; set(value: string): void };
  /**
   * A throwaway connection ("Test connection", "Find rooms"), beside the account's live one if
   * it runs: it must take nothing over and consume nothing the live one is owed (an MQTT
   * session, a queued message, an inbox's requests). Its events are dropped.
   */
  probe?: boolean;
}

export interface RoomInfo {
  id: string;
  name: string;
  type: TidingsEvent['room']['type'];
  unread?: number;
  /** Where it sits, for a person: "acme › Tower project" (3D Repo), the index (Kuzzle). */
  within?: string;
  /**
   * What following it adds to the account's settings list of rooms (`rooms`, `subscriptions`):
   * a Rocket.Chat room id, `{teamspace, project, model, name}`, `{index, collection}`. Absent
   * where following is not the user's choice (rooms one is in anyway).
   */
  follow?: string | Record<string, string>;
  /** With `follow`: the account follows it already (its settings list has it). */
  followed?: boolean;
}

/**
 * One account's connection. `connect()` resolves once it is online (authenticated and
 * subscribed) and rejects with a ConnectorError otherwise; the supervisor calls it again to
 * reconnect, so a connector keeps what it needs to catch up between calls.
 */
export interface Connector {
  connect(): Promise<void>;
  close(): Promise<void>;
  /** After a reconnect or a wake: fetch what was missed since `since` (ms since the epoch). */
  catchUp?(since: number): Promise<void>;
  markRead?(roomId: string): Promise<void>;
  reply?(roomId: string, text: string, threadId?: string): Promise<void>;
  react?(messageId: string, emoji: string): Promise<void>;
  /** What there is to follow on the server, and rooms the account is in; once connected. */
  listRooms?(): Promise<RoomInfo[]>;
  /**
   * Writes a level to the server's own preferences: the room's when `roomId` is given (where
   * `default` means "follow the account"), else the account's. Rejects with the server's reason.
   */
  saveServerLevel?(level: Level | 'default', roomId?: string): Promise<void>;
}

export type ConnectorFactory<A extends Account = Account> = (
  account: A,
  context: ConnectorContext,
) => Connector;
