// The app around one Dino account, as the desktop and headless shells wire it: the real
// Supervisor driving the real connector, events into the real Pipeline, a recording sink.
import { vi } from 'vitest';
import { systemClock, type Clock } from '../../../app/core/clock.js';
import type { AccountStatus, ConnectorFactory } from '../../../app/core/connector.js';
import type { TidingsEvent } from '../../../app/core/events.js';
import type { Logger } from '../../../app/core/log.js';
import { Pipeline } from '../../../app/core/pipeline/pipeline.js';
import { dinoAccount, type DinoAccount } from '../../../app/core/settings/accounts.js';
import type { Secret } from '../../../app/core/settings/fields.js';
import type { BackoffOptions } from '../../../app/core/supervisor/backoff.js';
import { Supervisor } from '../../../app/core/supervisor/supervisor.js';
import { createDinoConnector } from '../../../app/connectors/dino/connector.js';
import { makeSettings, type NotificationSettingsInput } from '../../support/events.js';
import { ManualClock } from '../../support/manual-clock.js';
import { RecordingSink } from '../../support/recording-sink.js';
import type { Mosquitto } from '../../support/mosquitto.js';

export interface LogLine {
  level: keyof Logger;
  message: string;
  fields?: Record<string, unknown>;
}

export interface DinoAppOptions {
  /** The supervisor's clock; a ManualClock lets a test move past every backoff at once. */
  clock?: Clock;
  backoff?: BackoffOptions;
  settings?: NotificationSettingsInput;
}

export interface DinoApp {
  readonly account: DinoAccount;
  readonly pipeline: Pipeline;
  readonly sink: RecordingSink;
  /** Every event the connector emitted, in order (before the pipeline's dedupe). */
  readonly emitted: TidingsEvent[];
  readonly statuses: AccountStatus[];
  readonly logs: LogLine[];
  /** How many times the supervisor called connect(). */
  connects(): number;
  status(): AccountStatus;
  waitForState(state: AccountStatus['state'], timeoutMs?: number): Promise<AccountStatus>;
  /** Waits until the connector has emitted at least `count` events. */
  waitForEmitted(count: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

let accountCounter = 0;

/** A Dino account for `user` on the test broker, checked by the real settings schema. */
export function makeDinoAccount(
  broker: Mosquitto,
  user: string,
  overrides: Partial<DinoAccount> = {},
): DinoAccount {
  return dinoAccount.parse({
    id: `dino-${user}-${++accountCounter}`,
    type: 'dino',
    broker: broker.url,
    userId: user,
    environment: 'test',
    auth: { username: user, password: broker.passwordFor(user) },
    link: 'https://community.example.com/messages/{group_id}?m={message_id}',
    ...overrides,
  });
}

export function startDinoApp(account: DinoAccount, options: DinoAppOptions = {}): DinoApp {
  // The pipeline's clock stands still: a burst window never closes by itself, so folding is
  // decided by what arrived, not by how fast this machine is.
  const pipelineClock = new ManualClock(Date.now());
  const sink = new RecordingSink();
  const pipeline = new Pipeline({
    settings: makeSettings(options.settings),
    sink,
    clock: pipelineClock,
  });
  const emitted: TidingsEvent[] = [];
  const statuses: AccountStatus[] = [];
  const logs: LogLine[] = [];
  const log: Logger = {
    debug: (message, fields) => logs.push({ level: 'debug', message, ...(fields && { fields }) }),
    info: (message, fields) => logs.push({ level: 'info', message, ...(fields && { fields }) }),
    warn: (message, fields) => logs.push({ level: 'warn', message, ...(fields && { fields }) }),
    error: (message, fields) => logs.push({ level: 'error', message, ...(fields && { fields }) }),
  };
  let connects = 0;
  const createConnector: ConnectorFactory = (acct, context) => {
    const connector = createDinoConnector(acct as DinoAccount, context);
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
    resolveSecret: (secret: Secret) =>
      typeof secret === 'string'
        ? Promise.resolve(secret)
        : Promise.reject(new Error('tests write secrets in the account')),
    onEvent: (event) => {
      emitted.push(event);
      pipeline.accept(event);
    },
    onStatus: (status) => statuses.push(status),
    log,
    ...(options.backoff && { backoff: options.backoff }),
  });
  supervisor.add(account);

  const status = () => {
    const [only] = supervisor.statuses();
    if (!only) throw new Error('the account is not running');
    return only;
  };
  return {
    account,
    pipeline,
    sink,
    emitted,
    statuses,
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
    waitForEmitted: (count, timeoutMs = 10_000) =>
      vi.waitFor(
        () => {
          if (emitted.length < count)
            throw new Error(`${emitted.length} of ${count} events arrived`);
        },
        { timeout: timeoutMs, interval: 10 },
      ),
    stop: async () => {
      await supervisor.stop();
      pipeline.close();
    },
  };
}
