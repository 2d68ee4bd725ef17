// Tidings as the shells wire it — the real Supervisor, the registry's connectors, the real
// Pipeline with its history and unread counts — ending in a sink that discards. What a benchmark
// measures of Tidings is everything between the socket and the sink.
import { createConnector } from '../app/connectors/registry.js';
import { afterCommit } from '../app/core/after-commit-sink.js';
import { systemClock } from '../app/core/clock.js';
import type { AccountStatus } from '../app/core/connector.js';
import { silentLogger } from '../app/core/log.js';
import type { NotificationSink, RoomNotification } from '../app/core/notification.js';
import { History } from '../app/core/pipeline/history.js';
import { Pipeline } from '../app/core/pipeline/pipeline.js';
import type { Account } from '../app/core/settings/accounts.js';
import { notificationSettings } from '../app/core/settings/notifications.js';
import { Supervisor } from '../app/core/supervisor/supervisor.js';
import { openState } from '../app/state/open-state.js';
import { waitUntil } from './wait.js';

export interface TidingsAppOptions {
  /** 0 shows every event at once, so each one reaches the sink (latency runs). */
  coalesceMs?: number;
  /** Large enough to keep every event of a run, so history can be counted. */
  historyLimit?: number;
  /** Called for each notification the sink gets, shown or updated. */
  onSink?: (notification: RoomNotification) => void;
  /**
   * Keep state in a database in this folder, as the desktop app and the CLI's `--state-dir` do:
   * acks and the sink wait for each commit, history keeps the user's default retention.
   */
  stateDir?: string;
  /** Called for each status the supervisor reports, as it happens. */
  onStatus?: (status: AccountStatus) => void;
}

export interface TidingsApp {
  readonly pipeline: Pipeline;
  /** Resolves once everything recorded so far is committed (at once without a state folder). */
  persisted(): Promise<void>;
  /** Events that went through the whole pipeline. */
  processed(): number;
  /** show() calls: notifications that appeared (updates in place not counted). */
  shown(): number;
  statuses(): AccountStatus[];
  waitOnline(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export function startTidings(
  accounts: readonly Account[],
  options: TidingsAppOptions = {},
): TidingsApp {
  let processed = 0;
  let shown = 0;
  const onSink = options.onSink;
  const sink: NotificationSink = {
    show: (notification) => {
      shown++;
      onSink?.(notification);
    },
    update: (notification) => onSink?.(notification),
    retract: () => {},
  };
  const retention = options.historyLimit ? { maxEntries: options.historyLimit } : {};
  const state = options.stateDir
    ? openState({ dir: options.stateDir, clock: systemClock, log: silentLogger, retention })
    : undefined;
  const pipeline = new Pipeline({
    settings: notificationSettings.parse({ coalesceMs: options.coalesceMs ?? 1000 }),
    // As the shells wire it: a notification shows once its event is committed.
    sink: state ? afterCommit(sink, state.persisted) : sink,
    clock: systemClock,
    history: state?.history ?? new History(systemClock, { retention }),
    ...(state && { unread: state.unread, dedupe: state.dedupe }),
  });
  const latest = new Map<string, AccountStatus>();
  const supervisor = new Supervisor({
    clock: systemClock,
    createConnector,
    resolveSecret: (secret) =>
      typeof secret === 'string'
        ? Promise.resolve(secret)
        : Promise.reject(new Error('benchmark accounts carry their secrets inline')),
    onEvent: (event) => {
      pipeline.accept(event);
      processed++;
    },
    onStatus: (status) => {
      latest.set(status.account, status);
      options.onStatus?.(status);
    },
    log: silentLogger,
    ...(state && {
      markers: state.markers,
      persisted: state.persisted,
      seen: (account: string, id: string) => pipeline.hasSeen(account, id),
    }),
  });
  supervisor.start(accounts);
  const statuses = () => [...latest.values()];
  return {
    pipeline,
    persisted: () => state?.persisted() ?? Promise.resolve(),
    processed: () => processed,
    shown: () => shown,
    statuses,
    waitOnline: (timeoutMs = 60_000) =>
      waitUntil(
        () => latest.size === accounts.length && statuses().every((s) => s.state === 'online'),
        () =>
          `${accounts.length} accounts online (${statuses()
            .filter((s) => s.state !== 'online')
            .map((s) => `${s.account}: ${s.state} ${s.reason ?? ''}`)
            .join(', ')})`,
        timeoutMs,
        10,
      ),
    stop: async () => {
      await supervisor.stop();
      pipeline.close();
      state?.close();
    },
  };
}
