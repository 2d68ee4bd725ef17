// The app around one Kuzzle account, as the desktop and headless shells wire it: the real
// Supervisor driving the real connector, events into the real Pipeline, a recording sink.
import { vi } from 'vitest';
import {
  createKuzzleConnector,
  type KuzzleTuning,
} from '../../../app/connectors/kuzzle/connector.js';
import { systemClock } from '../../../app/core/clock.js';
import type { AccountStatus, ConnectorFactory } from '../../../app/core/connector.js';
import type { TidingsEvent } from '../../../app/core/events.js';
import type { Logger } from '../../../app/core/log.js';
import { Pipeline } from '../../../app/core/pipeline/pipeline.js';
import { kuzzleAccount, type KuzzleAccount } from '../../../app/core/settings/accounts.js';
import type { Secret } from '../../../app/core/settings/fields.js';
import type { BackoffOptions } from '../../../app/core/supervisor/backoff.js';
import { Supervisor } from '../../../app/core/supervisor/supervisor.js';
import { makeSettings } from '../../support/events.js';
import { ManualClock } from '../../support/manual-clock.js';
import { RecordingSink } from '../../support/recording-sink.js';

export interface LogLine {
  level: keyof Logger;
  message: string;
  fields?: Record<string, unknown>;
}

export interface KuzzleApp {
  readonly account: KuzzleAccount;
  readonly pipeline: Pipeline;
  readonly sink: RecordingSink;
  readonly emitted: TidingsEvent[];
  readonly logs: LogLine[];
  connects(): number;
  status(): AccountStatus;
  waitForState(state: AccountStatus['state'], timeoutMs?: number): Promise<AccountStatus>;
  /** What the user saw, oldest first: "title — body" of every notification shown or updated. */
  seen(): string[];
  waitForSeen(count: number, timeoutMs?: number): Promise<string[]>;
  stop(): Promise<void>;
}

let accountCounter = 0;

/** A Kuzzle account checked by the real settings schema. */
export function makeKuzzleAccount(input: Record<string, unknown>): KuzzleAccount {
  return kuzzleAccount.parse({ id: `kuzzle-${++accountCounter}`, type: 'kuzzle', ...input });
}

export interface KuzzleAppOptions {
  tuning?: Partial<KuzzleTuning>;
  backoff?: BackoffOptions;
}

export function startKuzzleApp(account: KuzzleAccount, options: KuzzleAppOptions = {}): KuzzleApp {
  const sink = new RecordingSink();
  // No folding: each notification is shown on its own, so the test sees every one.
  const pipeline = new Pipeline({
    settings: makeSettings({ coalesceMs: 0 }),
    sink,
    clock: new ManualClock(Date.now()),
  });
  const emitted: TidingsEvent[] = [];
  const logs: LogLine[] = [];
  const line = (level: keyof Logger) => (message: string, fields?: Record<string, unknown>) =>
    logs.push({ level, message, ...(fields && { fields }) });
  const log: Logger = {
    debug: line('debug'),
    info: line('info'),
    warn: line('warn'),
    error: line('error'),
  };
  let connects = 0;
  const createConnector: ConnectorFactory = (acct, context) => {
    const connector = createKuzzleConnector(acct as KuzzleAccount, context, options.tuning);
    return {
      ...connector,
      connect: () => {
        connects++;
        return connector.connect();
      },
    };
  };
  const supervisor = new Supervisor({
    clock: systemClock,
    createConnector,
    resolveSecret: (secret: Secret) =>
      typeof secret === 'string'
        ? Promise.resolve(secret)
        : Promise.reject(new Error('tests write secrets in the account')),
    onEvent: (event) => {
      emitted.push(event);
      pipeline.accept(event);
    },
    onStatus: () => {},
    log,
    backoff: options.backoff ?? { initialMs: 100, minMs: 50, maxMs: 200 },
  });
  supervisor.add(account);
  const status = () => {
    const [only] = supervisor.statuses();
    if (!only) throw new Error('the account is not running');
    return only;
  };
  const seen = () => [...sink.shown, ...sink.updated].map((n) => `${n.title} — ${n.body}`);
  return {
    account,
    pipeline,
    sink,
    emitted,
    logs,
    connects: () => connects,
    status,
    seen,
    waitForState: (state, timeoutMs = 10_000) =>
      vi.waitFor(
        () => {
          const current = status();
          if (current.state !== state)
            throw new Error(`state is ${current.state} (${current.reason ?? ''}), not ${state}`);
          return current;
        },
        { timeout: timeoutMs, interval: 10 },
      ),
    waitForSeen: (count, timeoutMs = 10_000) =>
      vi.waitFor(
        () => {
          const lines = seen();
          if (lines.length < count)
            throw new Error(`${lines.length} of ${count} notifications: ${lines.join(' | ')}`);
          return lines;
        },
        { timeout: timeoutMs, interval: 10 },
      ),
    stop: async () => {
      await supervisor.stop();
      pipeline.close();
    },
  };
}
