import { ConnectorError } from '../../core/connector.js';
import type { Logger } from '../../core/log.js';
import { connectorErrorFor, KuzzleApiError } from './errors.js';
import { isExpiredError, isTokenExpired, type KuzzleFrame, type Route } from './frames.js';
import { decodeToken, type TokenInfo } from './jwt.js';
import { PendingRequests } from './requests.js';
import { subscribeRequest, type SubscriptionSpec } from './subscriptions.js';
import type { Transport, TransportEvents } from './transport.js';

export type Credentials =
  | { kind: 'password'; username: string; password: string }
  | { kind: 'token'; token: string }
  | { kind: 'anonymous' };

export interface SessionEvents {
  notification(subscription: SubscriptionSpec, frame: KuzzleFrame): void;
  /** Kuzzle said the token expired; `renewed` when the session signed in and subscribed again. */
  expired(renewed: boolean): void;
  /** Subscribed again after the token expired: what was written since `since` went nowhere. */
  resubscribed(since: number): void;
  /** A subscription's result, for the status line: "subscribed" or why not. */
  subscribed(subscription: SubscriptionSpec, result: string): void;
  /** The session cannot go on (link lost, session expired) after `open()` resolved. */
  lost(error: ConnectorError): void;
}

export interface SessionOptions {
  credentials: Credentials;
  subscriptions: SubscriptionSpec[];
  requestTimeoutMs: number;
}

function requestRoute(request: KuzzleFrame): string {
  return `${String(request.controller)}/${String(request.action)}`;
}

/** How long before expiry to refresh: a fifth of the token's life, at most a minute. */
function refreshLead(ttlMs: number): number {
  return Math.min(60_000, ttlMs / 5);
}

/**
 * One signed-in connection to Kuzzle: logs in, subscribes, keeps the token fresh with
 * `auth/refreshToken` where the server has it, and when Kuzzle says the token expired (which
 * drops the connection's subscriptions) signs in and subscribes again, or gives up with
 * "session expired" when there is no password to sign in with.
 */
export class KuzzleSession {
  readonly transport: Transport;
  private readonly pending: PendingRequests;
  private jwt: string | undefined;
  private token: TokenInfo = {};
  private readonly channels = new Map<string, SubscriptionSpec>();
  private refreshTimer: NodeJS.Timeout | undefined;
  private canRefresh = true;
  private renewing: Promise<void> | undefined;
  private state: 'idle' | 'opening' | 'online' | 'closed' = 'idle';

  constructor(
    openTransport: (events: Omit<TransportEvents, 'refused'>) => Transport,
    private readonly options: SessionOptions,
    private readonly events: SessionEvents,
    private readonly log: Logger,
  ) {
    this.pending = new PendingRequests(options.requestTimeoutMs);
    this.transport = openTransport({
      frame: (route, frame) => this.received(route, frame),
      lost: (error) => this.lost(error),
    });
  }

  /** The signed-in user ("-1" when anonymous), to tell the user's own writes apart. */
  get kuid(): string {
    return this.token.kuid ?? '-1';
  }

  async open(): Promise<void> {
    this.state = 'opening';
    try {
      await this.transport.open();
      await this.authenticate();
      await this.subscribeAll();
    } catch (error) {
      throw connectorErrorFor(error);
    }
    if (this.state === 'opening') this.state = 'online';
  }

  async close(): Promise<void> {
    this.state = 'closed';
    clearTimeout(this.refreshTimer);
    this.pending.failAll(new ConnectorError('network', 'closed'));
    await this.transport.close();
  }

  request(request: KuzzleFrame): Promise<unknown> {
    const { requestId, result } = this.pending.add(request.controller, request.action);
    const tokenFree =
      request.controller === 'auth' &&
      (request.action === 'login' || request.action === 'checkToken');
    try {
      this.transport.send({
        ...request,
        requestId,
        ...(this.jwt && !tokenFree && { jwt: this.jwt }),
      });
    } catch (error) {
      // Filters too deep to serialise, say: this request is refused, the session goes on.
      const reason = error instanceof Error ? error.message : String(error);
      this.pending.fail(
        requestId,
        new ConnectorError('config', `${requestRoute(request)} could not be sent: ${reason}`),
      );
    }
    return result;
  }

  private received(route: Route, frame: KuzzleFrame): void {
    if (this.pending.has(route)) return this.pending.settle(route, frame);
    if (isTokenExpired(frame)) {
      void this.tokenExpired();
      return;
    }
    const subscription = route === undefined ? undefined : this.channels.get(route);
    if (subscription) return this.events.notification(subscription, frame);
    const error = frame.error as { id?: string; message?: string } | null | undefined;
    if (route === undefined && error)
      this.log.warn('Kuzzle error for no request', { id: error.id, message: error.message });
    else this.log.debug('Kuzzle frame for no known request or channel', { route });
  }

  private async authenticate(): Promise<void> {
    const { credentials } = this.options;
    if (credentials.kind === 'anonymous') return;
    if (credentials.kind === 'password') {
      const result = (await this.request({
        controller: 'auth',
        action: 'login',
        strategy: 'local',
        body: { username: credentials.username, password: credentials.password },
      })) as { jwt?: unknown; expiresAt?: unknown };
      if (typeof result?.jwt !== 'string')
        throw new ConnectorError('protocol', 'auth/login: no token in the answer');
      return this.useToken(result.jwt, result.expiresAt);
    }
    const check = (await this.request({
      controller: 'auth',
      action: 'checkToken',
      body: { token: credentials.token },
    })) as { valid?: unknown; state?: unknown; expiresAt?: unknown };
    if (check?.valid !== true)
      throw new ConnectorError('auth', `token refused: ${String(check?.state ?? 'invalid')}`);
    this.useToken(credentials.token, check.expiresAt);
  }

  private useToken(jwt: string, expiresAt: unknown): void {
    this.jwt = jwt;
    const decoded = decodeToken(jwt);
    // The server's expiresAt wins; -1 or null mean never (API keys, infinite tokens).
    const serverExpiry = typeof expiresAt === 'number' && expiresAt > 0 ? expiresAt : undefined;
    this.token = { ...decoded, ...(serverExpiry !== undefined && { expiresAt: serverExpiry }) };
    this.scheduleRefresh();
  }

  private scheduleRefresh(): void {
    clearTimeout(this.refreshTimer);
    const { expiresAt } = this.token;
    if (expiresAt === undefined || !this.canRefresh || this.state === 'closed') return;
    const left = expiresAt - Date.now();
    this.refreshTimer = setTimeout(
      () => void this.refresh(),
      Math.max(0, left - refreshLead(left)),
    );
    this.refreshTimer.unref();
  }

  private async refresh(): Promise<void> {
    try {
      const result = (await this.request({ controller: 'auth', action: 'refreshToken' })) as {
        jwt?: unknown;
        expiresAt?: unknown;
      };
      if (typeof result?.jwt === 'string') this.useToken(result.jwt, result.expiresAt);
    } catch (error) {
      if (this.state === 'closed') return;
      const id = error instanceof KuzzleApiError ? error.error.id : undefined;
      if (error instanceof KuzzleApiError && isExpiredError(error.error))
        return void this.tokenExpired();
      // Kuzzle before 1.7 has no refreshToken; API keys may not be refreshed. TokenExpired will
      // tell when the token runs out.
      if (id === 'api.process.action_not_found' || id === 'security.token.refresh_forbidden') {
        this.canRefresh = false;
        this.log.info('Kuzzle token cannot be refreshed; will sign in again when it expires', {
          id,
        });
        return;
      }
      this.log.warn('Kuzzle token refresh failed', { error: String(error) });
    }
  }

  private tokenExpired(): Promise<void> {
    if (this.renewing || this.state !== 'online') return this.renewing ?? Promise.resolve();
    this.renewing = this.renew().finally(() => {
      this.renewing = undefined;
    });
    return this.renewing;
  }

  /** Kuzzle dropped our subscriptions with the token: sign in and subscribe again. */
  private async renew(): Promise<void> {
    clearTimeout(this.refreshTimer);
    for (const channel of this.channels.keys()) this.transport.unlisten(channel);
    this.channels.clear();
    if (this.options.credentials.kind !== 'password') {
      this.events.expired(false);
      this.lost(new ConnectorError('auth', 'session expired'));
      return;
    }
    this.events.expired(true);
    const since = Date.now();
    try {
      await this.authenticate();
      await this.subscribeAll();
      this.log.info('Kuzzle session renewed after its token expired');
      this.events.resubscribed(since);
    } catch (error) {
      this.lost(connectorErrorFor(error));
    }
  }

  private async subscribeAll(): Promise<void> {
    const results = await Promise.allSettled(
      this.options.subscriptions.map((s) => this.subscribe(s)),
    );
    const refused = results.flatMap((r) =>
      r.status === 'rejected' ? [connectorErrorFor(r.reason)] : [],
    );
    // Refused credentials or rights stop the account; a bad filter only its own subscription.
    const fatal = refused.find((e) => e.kind === 'auth' || e.kind === 'network');
    if (fatal) throw fatal;
    if (refused.length === results.length && refused[0])
      throw new ConnectorError('config', `every subscription was refused: ${refused[0].message}`);
  }

  private async subscribe(spec: SubscriptionSpec): Promise<void> {
    try {
      const result = (await this.request(subscribeRequest(spec))) as { channel?: unknown };
      if (typeof result?.channel !== 'string')
        throw new ConnectorError('protocol', 'realtime/subscribe: no channel in the answer');
      this.channels.set(result.channel, spec);
      await this.transport.listen(result.channel);
      this.events.subscribed(spec, 'subscribed');
    } catch (error) {
      this.events.subscribed(
        spec,
        `refused: ${error instanceof Error ? error.message : String(error)}`,
      );
      throw error;
    }
  }

  private lost(error: ConnectorError): void {
    if (this.state !== 'online') {
      this.pending.failAll(error);
      return;
    }
    this.state = 'closed';
    clearTimeout(this.refreshTimer);
    this.pending.failAll(error);
    this.events.lost(error);
  }
}
