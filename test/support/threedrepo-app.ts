// The app around one 3D Repo account, as the desktop and headless shells wire it: the real
// Supervisor driving the real connector, events into the real Pipeline, a recording sink.
import { vi } from 'vitest';
import { createThreeDRepoConnector } from '../../app/connectors/3drepo/connector.js';
import { systemClock, type Clock } from '../../app/core/clock.js';
import type { AccountStatus, ConnectorFactory } from '../../app/core/connector.js';
import type { TidingsEvent } from '../../app/core/events.js';
import type { Logger } from '../../app/core/log.js';
import { Pipeline } from '../../app/core/pipeline/pipeline.js';
import { threeDRepoAccount, type ThreeDRepoAccount } from '../../app/core/settings/accounts.js';
import type { BackoffOptions } from '../../app/core/supervisor/backoff.js';
import { Supervisor } from '../../app/core/supervisor/supervisor.js';
import { makeSettings } from './events.js';
import { ManualClock } from './manual-clock.js';
import { RecordingSink } from './recording-sink.js';

export interface ThreeDRepoApp {
  readonly sink: RecordingSink;
  readonly pipeline: Pipeline;
  /** Every event the connector emitted, in order (before the pipeline's dedupe). */
  readonly emitted: TidingsEvent[];
  readonly logs: { level: keyof Logger; message: string; fields?: Record<string, unknown> }[];
  connects(): number;
  status(): AccountStatus;
  waitForState(state: AccountStatus['state'], timeoutMs?: number): Promise<AccountStatus>;
  /** Waits until an emitted event matches, and returns it. */
  waitForEvent(match: (event: TidingsEvent) => boolean, timeoutMs?: number): Promise<TidingsEvent>;
  stop(): Promise<void>;
}

let accountCounter = 0;

/** A 3D Repo account checked by the real settings schema. */
export function makeThreeDRepoAccount(
  input: Omit<Partial<ThreeDRepoAccount>, 'type'> & { server: string },
) {
  return threeDRepoAccount.parse({ id: `models-${++accountCounter}`, type: '3drepo', ...input });
}

export function startThreeDRepoApp(
  account: ThreeDRepoAccount,
  options: { clock?: Clock; backoff?: BackoffOptions } = {},
): ThreeDRepoApp {
  // The pipeline's clock stands still, so folding depends on what arrived, not on timing.
  const sink = new RecordingSink();
  const pipeline = new Pipeline({
    settings: makeSettings({ coalesceMs: 0 }),
    sink,
    clock: new ManualClock(Date.now()),
  });
  const emitted: TidingsEvent[] = [];
  const logs: ThreeDRepoApp['logs'] = [];
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
    const connector = createThreeDRepoConnector(acct as ThreeDRepoAccount, context);
    return {
      ...connector,
      connect: () => {
        connects++;
        return connector.connect();
      },
    };
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
    onStatus: () => {},
    log,
    backoff: options.backoff ?? { initialMs: 50, minMs: 20, maxMs: 200 },
  });
  supervisor.add(account);
  const status = () => supervisor.statuses()[0]!;
  return {
    sink,
    pipeline,
    emitted,
    logs,
    connects: () => connects,
    status,
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
    waitForEvent: (match, timeoutMs = 10_000) =>
      vi.waitFor(
        () => {
          const found = emitted.find(match);
          if (!found) throw new Error(`no such event among ${emitted.length}`);
          return found;
        },
        { timeout: timeoutMs, interval: 10 },
      ),
    stop: async () => {
      await supervisor.stop();
      pipeline.close();
    },
  };
}
