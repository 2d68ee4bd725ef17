import { randomBytes } from 'node:crypto';
import { authActions } from './auth-controller.js';
import type { Connection } from './connection.js';
import { documentActions } from './document-controller.js';
import { collectionActions, indexActions } from './index-controller.js';
import { DocumentStore } from './documents.js';
import { KuzzleError, type KuzzleVersion } from './errors.js';
import { Hotel } from './hotel.js';
import {
  documentNotification,
  SERVER_CHANNEL,
  tokenExpiredNotification,
  type Cause,
  type DocumentChange,
} from './notifications.js';
import { realtimeActions } from './realtime-controller.js';
import {
  EnvelopeError,
  parseRequest,
  responseFrame,
  type Call,
  type KuzzleRequest,
} from './request.js';
import type { Action, Services } from './services.js';
import { SearchCursors } from './search.js';
import { TokenStore } from './tokens.js';

export interface KuzzleCoreOptions {
  version?: KuzzleVersion;
  /** Lifetime of tokens from `auth/login` without `expiresIn` (Kuzzle's default: 1 h). */
  tokenTtlMs?: number;
  /** Whether anonymous requests may subscribe and publish (Kuzzle before an admin exists). */
  anonymous?: boolean;
  /** Kuzzle 1.7+ and 2.x have `auth/refreshToken`; false plays an older 1.x. */
  refreshToken?: boolean;
  loginsPerSecond?: number;
  /** The server's clock (document stamps, scroll cursors); Date.now by default. */
  now?: () => number;
}

const CONTROLLERS: Record<string, Record<string, Action>> = {
  auth: authActions,
  realtime: realtimeActions,
  document: documentActions,
  index: indexActions,
  collection: collectionActions,
  // The server's clock, as document stamps are (`now` option).
  server: { now: (_services, call) => ({ now: call.cause.timestamp }) },
};
/** What anonymous may still do once anonymous access is closed (notes §3.2). */
const ANONYMOUS_ALLOWED = new Set([
  'auth:login',
  'auth:checkToken',
  'auth:getCurrentUser',
  'server:now',
]);
/** Requests that authenticate themselves: a stale `jwt` beside them is not checked. */
const TOKEN_FREE = new Set(['auth:login', 'auth:checkToken']);

export interface Answer {
  frame: Record<string, unknown>;
  /** False when the request could not be read: WebSocket then sends it without `room`. */
  routed: boolean;
}

/**
 * The protocol-independent server: requests in, response frames out, notifications to
 * connections. The front ends (WebSocket, Socket.io, MQTT) only carry frames.
 */
export class KuzzleCore {
  version: KuzzleVersion;
  anonymous: boolean;
  refreshToken: boolean;
  readonly node = `knode-test-${randomBytes(3).toString('hex')}`;
  readonly tokens: TokenStore;
  readonly hotel: Hotel;
  readonly documents: DocumentStore;
  readonly search: SearchCursors;
  /** Per user, the `controller:action` routes their profile does not allow (403). */
  readonly forbidden = new Map<string, Set<string>>();
  /** Every request's `controller:action`, in order. */
  readonly routes: string[] = [];
  /** Document notifications held back by `hold()`, sent by `release()`. */
  private held: (() => void)[] | undefined;
  private readonly services: Services;
  private readonly now: () => number;
  private readonly connections = new Set<Connection>();
  private readonly injected: KuzzleError[] = [];

  constructor(options: KuzzleCoreOptions = {}) {
    this.version = options.version ?? 2;
    this.anonymous = options.anonymous ?? false;
    this.refreshToken = options.refreshToken ?? true;
    this.tokens = new TokenStore(
      () => this.version,
      options.tokenTtlMs ?? 3_600_000,
      (jwt) => this.tokenExpired(jwt),
    );
    this.hotel = new Hotel(() => this.version, this.node);
    const send = (rooms: Iterable<string>, change: DocumentChange, cause: Cause) =>
      this.hotel.dispatch(
        rooms,
        change.scope,
        change.state ?? 'done',
        this.documentNotification(change, cause),
      );
    const notify = (rooms: Iterable<string>, change: DocumentChange, cause: Cause) => {
      if (!this.held) return send(rooms, change, cause);
      // Held `in` notifications go, when released, to the rooms the document matches then,
      // so a subscription made meanwhile (after a restart) receives them late.
      const { _id, _source } = change.result as { _id?: string; _source?: Record<string, unknown> };
      this.held.push(() => {
        const late =
          change.scope === 'in' && _source
            ? this.hotel.matchingRooms(cause.index, cause.collection, { _id, _source })
            : rooms;
        send(late, change, cause);
      });
    };
    const now = (this.now = options.now ?? Date.now);
    this.documents = new DocumentStore(this.hotel, notify, () => this.version === 1, now);
    this.search = new SearchCursors(now);
    this.services = {
      version: () => this.version,
      node: this.node,
      tokens: this.tokens,
      hotel: this.hotel,
      documents: this.documents,
      search: this.search,
      documentNotification: (change, cause) => this.documentNotification(change, cause),
      refreshToken: () => this.refreshToken,
      loginsPerSecond: options.loginsPerSecond ?? 1,
      lastLogin: new WeakMap(),
    };
  }

  connected(connection: Connection): void {
    this.connections.add(connection);
  }

  /** The socket closed: its subscriptions go, and the others in its rooms are told. */
  disconnected(connection: Connection): void {
    this.connections.delete(connection);
    this.hotel.removeConnection(connection);
  }

  /** Document notifications wait (a slow path to the subscribers) until `release()`. */
  hold(): void {
    this.held ??= [];
  }

  release(): void {
    const held = this.held ?? [];
    this.held = undefined;
    for (const send of held) send();
  }

  /** The next request (from anyone) fails with this error, e.g. api.process.overloaded. */
  inject(error: KuzzleError): void {
    this.injected.push(error);
  }

  async handle(connection: Connection, input: unknown): Promise<Answer> {
    let request: KuzzleRequest;
    try {
      request = parseRequest(input);
    } catch (error) {
      if (!(error instanceof EnvelopeError)) throw error;
      const frame = responseFrame(
        this.version,
        this.node,
        { requestId: error.requestId },
        { error: error.error },
      );
      return { frame, routed: false };
    }
    try {
      const result = await this.execute(connection, request);
      return { frame: responseFrame(this.version, this.node, request, { result }), routed: true };
    } catch (error) {
      if (!(error instanceof KuzzleError)) throw error;
      return { frame: responseFrame(this.version, this.node, request, { error }), routed: true };
    }
  }

  documentNotification(change: DocumentChange, cause: Cause) {
    return documentNotification(this.version, this.node, cause, change);
  }

  /**
   * The server restarted: every token, room and cursor is gone. Stored documents stay, as they
   * do in Elasticsearch, unless `storage` says the storage went too.
   */
  reset(storage = false): void {
    this.tokens.clear();
    this.hotel.clear();
    if (storage) this.documents.clear();
    else this.documents.forgetRooms();
    this.search.clear();
    this.connections.clear();
  }

  private execute(connection: Connection, request: KuzzleRequest): unknown {
    const injected = this.injected.shift();
    if (injected) throw injected;
    const route = `${request.controller}:${request.action}`;
    this.routes.push(route);
    this.checkSdk(request);
    let kuid = '-1';
    if (request.jwt && !TOKEN_FREE.has(route)) {
      kuid = this.tokens.verify(request.jwt).kuid;
      // 2.14+ links the connection to the token of its latest authenticated request.
      if (this.version === 2) connection.token = request.jwt;
    }
    if (kuid === '-1' && !this.anonymous && !ANONYMOUS_ALLOWED.has(route))
      throw new KuzzleError('security.rights.unauthorized', [request.controller, request.action]);
    if (this.forbidden.get(kuid)?.has(route))
      throw new KuzzleError('security.rights.forbidden', [
        request.controller,
        request.action,
        kuid,
      ]);
    return this.dispatch(connection, request, kuid);
  }

  /** Runs a request as `kuid` without a token: how the scripting API writes "as another user". */
  script(connection: Connection, input: Record<string, unknown>, kuid: string): unknown {
    return this.dispatch(connection, parseRequest(input), kuid);
  }

  private dispatch(connection: Connection, request: KuzzleRequest, kuid: string): unknown {
    const controller = CONTROLLERS[request.controller];
    if (!controller)
      throw new KuzzleError('api.process.controller_not_found', [request.controller]);
    const action = controller[request.action];
    if (!action)
      throw new KuzzleError('api.process.action_not_found', [request.controller, request.action]);
    const cause: Cause = {
      requestId: request.requestId,
      timestamp: this.now(),
      volatile: request.volatile,
      index: String(request.index ?? ''),
      collection: String(request.collection ?? ''),
      controller: request.controller,
      action: request.action,
      protocol: connection.protocol,
    };
    const call: Call = { connection, request, kuid, cause };
    return action(this.services, call);
  }

  /** 2.x refuses SDKs older than v7 (notes §9): `volatile.sdkVersion`, or `sdkName` below js@7. */
  private checkSdk(request: KuzzleRequest): void {
    if (this.version !== 2 || !request.volatile) return;
    const { sdkVersion, sdkName } = request.volatile;
    const major = typeof sdkName === 'string' ? /^js@(\d+)/.exec(sdkName)?.[1] : undefined;
    if (sdkVersion !== undefined || (major !== undefined && Number(major) < 7))
      throw new KuzzleError('api.process.incompatible_sdk_version', [
        String(sdkVersion ?? sdkName),
        'js >= 7',
      ]);
  }

  /**
   * 2.x tells each linked connection once, on the fixed server channel, whether or not it has
   * subscriptions; 1.x only tells connections with subscriptions, once per channel. Either way
   * the connection's subscriptions are dropped (notes §3.6, §5.3).
   */
  private tokenExpired(jwt: string): void {
    const payload = tokenExpiredNotification(this.version, this.node);
    for (const connection of this.connections) {
      if (connection.token !== jwt) continue;
      connection.token = undefined;
      const channels = this.version === 2 ? [SERVER_CHANNEL] : this.hotel.channelsOf(connection);
      for (const channel of channels) connection.notify(channel, payload);
      this.hotel.removeConnection(connection);
    }
  }
}
