import type { Clock } from '../clock.js';
import type { AccountStatus, Connector, ConnectorContext, ConnectorFactory } from '../connector.js';
import type { TidingsEvent } from '../events.js';
import type { Logger } from '../log.js';
import type { ServerPreferences } from '../server-preferences.js';
import { accountAddress } from '../settings/account-address.js';
import type { Account } from '../settings/accounts.js';
import type { Secret } from '../settings/fields.js';
import { AccountRunner } from './account-runner.js';
import { DEFAULT_BACKOFF, type BackoffOptions } from './backoff.js';
import type { CatchUpMarkers } from './catch-up-markers.js';

export interface SupervisorOptions {
  clock: Clock;
  createConnector: ConnectorFactory;
  resolveSecret(secret: Secret): Promise<string>;
  onEvent(event: TidingsEvent): void;
  onStatus(status: AccountStatus): void;
  /** A server's own notification preferences for an account (where the source has them). */
  onPreferences?(account: string, preferences: ServerPreferences): void;
  log: Logger;
  random?: () => number;
  backoff?: BackoffOptions;
  stableMs?: number;
  /** Catch-up markers kept across restarts (the state database). */
  markers?: CatchUpMarkers;
  /** Resolves once every event handed to `onEvent` so far is committed. */
  persisted?(): Promise<void>;
  /** Whether the account sent an event with this id before. */
  seen?(account: string, eventId: string): boolean;
}

export const DEFAULT_STABLE_MS = 60_000;

/**
 * Runs one connector per account and keeps each connected: backoff with jitter between tries,
 * no retry loop after an auth failure, everyone reconnected at once on `resume()`.
 */
export class Supervisor {
  private readonly runners = new Map<string, AccountRunner>();
  private readonly connectors = new Map<string, Connector>();
  /** Each account as its connector was made from it, secrets filled: what is really running. */
  private readonly accounts = new Map<string, Account>();

  constructor(private readonly options: SupervisorOptions) {}

  start(accounts: readonly Account[]): void {
    for (const account of accounts) this.add(account);
  }

  add(account: Account): void {
    if (this.runners.has(account.id)) throw new Error(`account "${account.id}" is already running`);
    const server = accountAddress(account);
    const runner = new AccountRunner({
      account: account.id,
      clock: this.options.clock,
      random: this.options.random ?? Math.random,
      backoff: this.options.backoff ?? DEFAULT_BACKOFF,
      stableMs: this.options.stableMs ?? DEFAULT_STABLE_MS,
      log: this.options.log,
      onStatus: this.options.onStatus,
      ...(this.options.markers && { markers: this.options.markers }),
      ...(server && { server }),
    });
    this.runners.set(account.id, runner);
    this.accounts.set(account.id, account);
    if (account.enabled === false) {
      void runner.stop('disabled');
      return;
    }
    const onPreferences = this.options.onPreferences;
    const { persisted, seen, markers } = this.options;
    const context: ConnectorContext = {
      emit: (event) => {
        this.options.onEvent(event);
        runner.progressed();
      },
      lost: (error) => runner.lost(error),
      detail: (key, value) => runner.detail(key, value),
      resolveSecret: this.options.resolveSecret,
      log: this.options.log,
      ...(onPreferences && {
        preferences: (preferences: ServerPreferences) => onPreferences(account.id, preferences),
      }),
      ...(persisted && { persisted }),
      ...(seen && { seen: (eventId: string) => seen(account.id, eventId) }),
      ...(markers?.cursor &&
        markers.setCursor && {
          cursor: {
            get: () => markers.cursor?.(account.id),
            set: (value: string) => markers.setCursor?.(account.id, value),
          },
        }),
    };
    const connector = this.options.createConnector(account, context);
    this.connectors.set(account.id, connector);
    runner.attach(connector);
    runner.start();
  }

  async remove(accountId: string): Promise<void> {
    await this.runners.get(accountId)?.stop();
    this.runners.delete(accountId);
    this.connectors.delete(accountId);
    this.accounts.delete(accountId);
  }

  /** Wake from sleep or the network back: every account reconnects and catches up now. */
  resume(): void {
    for (const runner of this.runners.values()) runner.resume();
  }

  reconnect(accountId: string): void {
    this.runners.get(accountId)?.reconnect();
  }

  /** The user paused the account: it stays offline until reconnected. */
  async pause(accountId: string): Promise<void> {
    await this.runners.get(accountId)?.stop('offline', 'paused');
  }

  connector(accountId: string): Connector | undefined {
    return this.connectors.get(accountId);
  }

  /** The account as it runs (secrets filled), to tell whether a form would run the same. */
  account(accountId: string): Account | undefined {
    return this.accounts.get(accountId);
  }

  statuses(): AccountStatus[] {
    return [...this.runners.values()].map((runner) => runner.status);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.runners.values()].map((runner) => runner.stop()));
  }
}
