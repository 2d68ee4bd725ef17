// The app around one account, as the desktop and headless shells wire it: the real Supervisor
// driving the real connector, events into the real Pipeline, a recording sink. Each protocol's
// harness (dino-app, threedrepo-app, kuzzle-app, rocketchat-app) only adds its account maker and
// its connector's tuning.
import { vi } from 'vitest';
import { systemClock, type Clock } from '../../app/core/clock.js';
import type { AccountStatus, ConnectorFactory } from '../../app/core/connector.js';
import type { TidingsEvent } from '../../app/core/events.js';
import type { Logger } from '../../app/core/log.js';
import { Pipeline } from '../../app/core/pipeline/pipeline.js';
import { serverRules, type ServerPreferences } from '../../app/core/server-preferences.js';
import type { Account } from '../../app/core/settings/accounts.js';
import type { BackoffOptions } from '../../app/core/supervisor/backoff.js';
import type { CatchUpMarkers } from '../../app/core/supervisor/catch-up-markers.js';
import { Supervisor } from '../../app/core/supervisor/supervisor.js';
import { makeSettings, type NotificationSettingsInput } from './events.js';
import { ManualClock } from './manual-clock.js';
import { RecordingSink } from './recording-sink.js';

export interface LogLine {
  level: keyof Logger;
  message: string;
  fields?: Record<string, unknown>;
}

export interface ConnectorAppOptions {
  /** The supervisor's clock; a ManualClock lets a test move past every backoff at once. */
  clock?: Clock;
  /** Without it, the supervisor's own backoff. */
  backoff?: BackoffOptions;
  /** The pipeline's notification settings, over the defaults. */
  settings?: NotificationSettingsInput;
  /** The pipeline's clock; by default one that stands still (see startConnectorApp). */
  pipelineClock?: Clock;
  /** When events count as kept (the state database's commit); acks wait for it. */
  persisted?: () => Promise<void>;
  /** Catch-up markers (the state database's), so a second app catches up from the first. */
  markers?: CatchUpMarkers;
}

export interface ConnectorApp<A extends Account = Account> {
  readonly account: A;
  readonly pipeline: Pipeline;
  readonly sink: RecordingSink;
  readonly supervisor: Supervisor;
  /** Every event the connector emitted, in order (before the pipeline's dedupe). */
  readonly emitted: TidingsEvent[];
  /** Every status the supervisor reported, in order. */
  readonly statuses: AccountStatus[];
  /** Every report of the server's own preferences, in order (sources that have them). */
  readonly preferences: ServerPreferences[];
  readonly logs: LogLine[];
  /** How many times the supervisor called connect(). */
  connects(): number;
  status(): AccountStatus;
  waitForState(state: AccountStatus['state'], timeoutMs?: number): Promise<AccountStatus>;
  /** Waits until `check` returns without throwing, re-checking as things arrive. */
  waitFor<T>(check: () => T, timeoutMs?: number): Promise<T>;
  /** Waits until the connector has emitted at least `count` events. */
  waitForEmitted(count: number, timeoutMs?: number): Promise<void>;
  /** Waits until an emitted event matches, and returns it. */
  waitForEvent(match: (event: TidingsEvent) => boolean, timeoutMs?: number): Promise<TidingsEvent>;
  /** What the user saw: "title — body" of every notification shown, then of every one updated. */
  seen(): string[];
  waitForSeen(count: number, timeoutMs?: number): Promise<string[]>;
  stop(): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** Starts `account` with connectors made by `factory`; stop() it when the test is done. */
export function startConnectorApp<A extends Account>(
  account: A,
  factory: ConnectorFactory<A>,
  options: ConnectorAppOptions = {},
): ConnectorApp<A> {
  // The pipeline's clock stands still: a burst window never closes by itself, so folding is
  // decided by what arrived, not by how fast this machine is.
  const sink = new RecordingSink();
  const pipeline = new Pipeline({
    settings: makeSettings(options.settings),
    sink,
    clock: options.pipelineClock ?? new ManualClock(Date.now()),
  });
  const emitted: TidingsEvent[] = [];
  const statuses: AccountStatus[] = [];
  const preferences: ServerPreferences[] = [];
  const logs: LogLine[] = [];
  const record = (level: keyof Logger) => (message: string, fields?: Record<string, unknown>) =>
    logs.push({ level, message, ...(fields && { fields }) });
  const log: Logger = {
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
  };
  let connects = 0;
  const createConnector: ConnectorFactory = (acct, context) => {
    const connector = factory(acct as A, context);
    // Counted on the connector itself, not on a copy: a class-based connector keeps its methods.
    const connect = connector.connect.bind(connector);
    connector.connect = () => {
      connects++;
      return connect();
    };
    return connector;
  };
  const supervisor = new Supervisor({
    clock: options.clock ?? systemClock,
    createConnector,
    resolveSecret: (secret) =>
      typeof secret === 'string'
        ? Promise.resolve(secret)
        : Promise.reject(new Error('tests write secrets in the account')),
    onEvent: (event) => {
      emitted.push(event);
      pipeline.accept(event);
    },
    onStatus: (status) => statuses.push(status),
    onPreferences: (acct, current) => {
      preferences.push(current);
      pipeline.setServerRules(acct, serverRules(acct, current));
    },
    log,
    ...(options.backoff && { backoff: options.backoff }),
    ...(options.persisted && { persisted: options.persisted }),
    ...(options.markers && { markers: options.markers }),
  });
  supervisor.add(account);

  const status = () => {
    const [only] = supervisor.statuses();
    if (!only) throw new Error('the account is not running');
    return only;
  };
  const waitFor = <T>(check: () => T, timeoutMs = DEFAULT_TIMEOUT_MS) =>
    vi.waitFor(check, { timeout: timeoutMs, interval: 10 });
  const seen = () => [...sink.shown, ...sink.updated].map((n) => `${n.title} — ${n.body}`);
  return {
    account,
    pipeline,
    sink,
    supervisor,
    emitted,
    statuses,
    preferences,
    logs,
    connects: () => connects,
    status,
    waitForState: (state, timeoutMs) =>
      waitFor(() => {
        const current = status();
        if (current.state !== state)
          throw new Error(`state is ${current.state} (${current.reason ?? ''}), not ${state}`);
        return current;
      }, timeoutMs),
    waitFor,
    waitForEmitted: (count, timeoutMs) =>
      waitFor(() => {
        if (emitted.length < count) throw new Error(`${emitted.length} of ${count} events arrived`);
      }, timeoutMs),
    waitForEvent: (match, timeoutMs) =>
      waitFor(() => {
        const found = emitted.find(match);
        if (!found) throw new Error(`no such event among ${emitted.length}`);
        return found;
      }, timeoutMs),
    seen,
    waitForSeen: (count, timeoutMs) =>
      waitFor(() => {
        const lines = seen();
        if (lines.length < count)
          throw new Error(`${lines.length} of ${count} notifications: ${lines.join(' | ')}`);
        return lines;
      }, timeoutMs),
    stop: async () => {
      await supervisor.stop();
      pipeline.close();
    },
  };
}
