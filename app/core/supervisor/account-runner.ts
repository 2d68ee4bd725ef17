import type { Clock, TimerHandle } from '../clock.js';
import {
  ConnectorError,
  type AccountStatus,
  type Connector,
  type ConnectorState,
} from '../connector.js';
import { describeFailure, type ServerAddress } from '../failure-words.js';
import type { Logger } from '../log.js';
import { backoffDelay, type BackoffOptions } from './backoff.js';
import { MARKER_TICK_MS, type CatchUpMarkers } from './catch-up-markers.js';

export interface RunnerOptions {
  account: string;
  clock: Clock;
  random: () => number;
  backoff: BackoffOptions;
  /** Online this long without a drop and the backoff starts again from the first step. */
  stableMs: number;
  log: Logger;
  onStatus(status: AccountStatus): void;
  /** Where the catch-up marker outlives the process; without it, a restart starts afresh. */
  markers?: CatchUpMarkers;
  /** The server the account connects to, named in the words of its failures. */
  server?: ServerAddress;
}

/**
 * Keeps one account's connector connected: connects, retries with backoff, stops for good on an
 * auth failure, catches up after every reconnect.
 */
export class AccountRunner {
  private connector: Connector | undefined;
  private attempt = 0;
  /** Bumped on every (re)start and stop, so late results of an abandoned attempt are ignored. */
  private generation = 0;
  private retryTimer: TimerHandle | undefined;
  private stableTimer: TimerHandle | undefined;
  /** When the connection was last known to be up: what catch-up asks for. */
  private lastOnlineAt: number | undefined;
  private current: AccountStatus;
  private readonly details: Record<string, string> = {};
  /** Online with catch-up done: only then may the marker move. */
  private caughtUp = false;
  private markerTimer: TimerHandle | undefined;

  constructor(private readonly options: RunnerOptions) {
    this.current = { account: options.account, state: 'offline', since: options.clock.now() };
    // Kept from an earlier run: the first connection catches up from there.
    this.lastOnlineAt = options.markers?.get(options.account);
  }

  /**
   * Something arrived (or time passed) while caught up: everything up to now is in hand, so the
   * marker moves with it (written in the same transaction as the events).
   */
  progressed(): void {
    if (this.caughtUp && this.current.state === 'online')
      this.options.markers?.set(this.options.account, this.options.clock.now());
  }

  get status(): AccountStatus {
    return this.current;
  }

  attach(connector: Connector): void {
    this.connector = connector;
  }

  /** Connect now, forgetting any pending retry; the backoff starts over. */
  start(): void {
    this.attempt = 0;
    this.connectNow();
  }

  /** Wake from sleep, network back: reconnect now unless the user must act first. */
  resume(): void {
    const { state } = this.current;
    if (state === 'auth-failed' || state === 'disabled' || state === 'offline') return;
    this.options.log.info('reconnecting after resume', { account: this.options.account });
    void this.restart();
  }

  /** The user asked to reconnect (also after fixing a password). */
  reconnect(): void {
    void this.restart();
  }

  async stop(state: 'offline' | 'disabled' = 'offline', reason?: string): Promise<void> {
    this.generation++;
    this.clearTimers();
    if (this.current.state === 'online') this.lastOnlineAt = this.options.clock.now();
    this.setStatus(state, reason);
    await this.closeConnector();
  }

  /** Per-part results (room joins) shown beside the status. */
  detail(key: string, value: string): void {
    this.details[key] = value;
    const { state, reason, retryAt, error } = this.current;
    this.setStatus(state, reason, retryAt, error);
  }

  /** The connector says the connection dropped after it was online. */
  lost(error: ConnectorError): void {
    if (this.current.state !== 'online') return;
    this.lastOnlineAt = this.options.clock.now();
    this.options.log.warn('connection lost', {
      account: this.options.account,
      error: error.message,
    });
    this.generation++;
    this.clearTimers();
    const generation = this.generation;
    void this.closeConnector().then(() => {
      if (generation === this.generation) this.failed(error);
    });
  }

  private async restart(): Promise<void> {
    this.generation++;
    this.clearTimers();
    if (this.current.state === 'online') this.lastOnlineAt = this.options.clock.now();
    const generation = this.generation;
    await this.closeConnector();
    if (generation !== this.generation) return;
    this.start();
  }

  private connectNow(): void {
    const connector = this.connector;
    if (!connector) return;
    const generation = ++this.generation;
    this.clearTimers();
    this.setStatus('connecting');
    let connecting: Promise<void>;
    try {
      connecting = connector.connect();
    } catch (error) {
      connecting = Promise.reject(error);
    }
    connecting.then(
      () => {
        if (generation === this.generation) this.online(connector);
      },
      (error: unknown) => {
        if (generation !== this.generation) return;
        // Leave nothing half-open behind a failed attempt.
        void this.closeConnector().then(() => {
          if (generation === this.generation) this.failed(ConnectorError.from(error));
        });
      },
    );
  }

  private online(connector: Connector): void {
    this.setStatus('online');
    this.stableTimer = this.options.clock.setTimeout(() => {
      this.attempt = 0;
    }, this.options.stableMs);
    const since = this.lastOnlineAt;
    const generation = this.generation;
    if (since === undefined || !connector.catchUp) {
      this.nowCaughtUp();
      return;
    }
    connector.catchUp(since).then(
      () => {
        if (generation === this.generation) this.nowCaughtUp();
      },
      (error: unknown) => {
        // The marker stays where it was: the next start or reconnect asks again from there.
        this.options.log.warn('catch-up failed', {
          account: this.options.account,
          error: ConnectorError.from(error).message,
        });
      },
    );
  }

  private nowCaughtUp(): void {
    this.caughtUp = true;
    this.progressed();
    if (!this.options.markers) return;
    const tick = () => {
      this.markerTimer = this.options.clock.setTimeout(tick, MARKER_TICK_MS);
      this.progressed();
    };
    this.markerTimer = this.options.clock.setTimeout(tick, MARKER_TICK_MS);
  }

  private failed(error: ConnectorError): void {
    if (error.kind === 'auth') {
      this.options.log.warn('sign-in failed', {
        account: this.options.account,
        error: error.message,
      });
      this.setStatus('auth-failed', error.message);
      return;
    }
    // The status says it in words ("Can't reach …"); the log and `error` keep the raw text.
    const { words, raw } = describeFailure(error, this.options.server);
    if (!error.retryable) {
      this.options.log.error('account stopped', {
        account: this.options.account,
        error: raw ?? words,
      });
      this.setStatus('offline', words, undefined, raw);
      return;
    }
    // At once only from a stable link: a server that sends a huge frame on every connect
    // gets the usual backoff from the second time on.
    const atOnce = error.reconnectAtOnce && this.attempt === 0;
    const backoff = backoffDelay(this.attempt++, this.options.random, this.options.backoff);
    const delay = atOnce ? 0 : backoff;
    const retryAt = this.options.clock.now() + delay;
    this.options.log.info('will retry', {
      account: this.options.account,
      error: raw ?? words,
      delay,
    });
    this.setStatus('reconnecting', words, retryAt, raw);
    this.retryTimer = this.options.clock.setTimeout(() => {
      this.retryTimer = undefined;
      this.connectNow();
    }, delay);
  }

  private async closeConnector(): Promise<void> {
    try {
      await this.connector?.close();
    } catch (error) {
      this.options.log.warn('close failed', {
        account: this.options.account,
        error: ConnectorError.from(error).message,
      });
    }
  }

  private clearTimers(): void {
    if (this.retryTimer) this.options.clock.clearTimeout(this.retryTimer);
    if (this.stableTimer) this.options.clock.clearTimeout(this.stableTimer);
    if (this.markerTimer) this.options.clock.clearTimeout(this.markerTimer);
    this.retryTimer = undefined;
    this.stableTimer = undefined;
    this.markerTimer = undefined;
    this.caughtUp = false;
  }

  private setStatus(
    state: ConnectorState,
    reason?: string,
    retryAt?: number,
    error?: string,
  ): void {
    const changed = state !== this.current.state;
    this.current = {
      account: this.options.account,
      state,
      since: changed ? this.options.clock.now() : this.current.since,
      ...(reason !== undefined && { reason }),
      ...(error !== undefined && { error }),
      ...(retryAt !== undefined && { retryAt }),
      ...(Object.keys(this.details).length > 0 && { details: { ...this.details } }),
    };
    this.options.onStatus(this.current);
  }
}
