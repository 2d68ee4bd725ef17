// The app around one Rocket.Chat account, wired as the headless CLI wires it: the real
// Supervisor driving the real connector, events into the real Pipeline, a recording sink.
import { vi } from 'vitest';
import { systemClock } from '../../../app/core/clock.js';
import type { AccountStatus, ConnectorFactory } from '../../../app/core/connector.js';
import type { TidingsEvent } from '../../../app/core/events.js';
import type { Logger } from '../../../app/core/log.js';
import { Pipeline } from '../../../app/core/pipeline/pipeline.js';
import { rocketchatAccount, type RocketChatAccount } from '../../../app/core/settings/accounts.js';
import type { Secret } from '../../../app/core/settings/fields.js';
import { Supervisor } from '../../../app/core/supervisor/supervisor.js';
import {
  rocketChatConnector,
  type RocketChatConnector,
  type RocketChatConnectorOptions,
} from '../../../app/connectors/rocketchat/connector.js';
import { makeSettings, type NotificationSettingsInput } from '../../support/events.js';
import { ManualClock } from '../../support/manual-clock.js';
import { RecordingSink } from '../../support/recording-sink.js';
import type { RocketChatServer } from '../../servers/rocketchat/server.js';

export interface LogLine {
  level: keyof Logger;
  message: string;
  fields?: Record<string, unknown>;
}

export interface RocketChatApp {
  readonly pipeline: Pipeline;
  readonly sink: RecordingSink;
  readonly supervisor: Supervisor;
  /** Every event the connector emitted, in order (before the pipeline's dedupe). */
  readonly emitted: TidingsEvent[];
  readonly statuses: AccountStatus[];
  readonly logs: LogLine[];
  connector(): RocketChatConnector;
  connects(): number;
  status(): AccountStatus;
  waitForState(state: AccountStatus['state'], timeoutMs?: number): Promise<AccountStatus>;
  /** Waits until `predicate` holds, re-checking as things arrive. */
  waitFor<T>(check: () => T, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

let accountCounter = 0;

/** A Rocket.Chat account on the test server, checked by the real settings schema. */
export function makeRocketChatAccount(
  server: RocketChatServer,
  fields: Partial<RocketChatAccount> & Pick<RocketChatAccount, 'auth'>,
): RocketChatAccount {
  return rocketchatAccount.parse({
    id: `rc-${++accountCounter}`,
    type: 'rocketchat',
    server: server.url,
    ...fields,
  });
}

export interface AppOptions {
  settings?: NotificationSettingsInput;
  connector?: RocketChatConnectorOptions;
}

/** Backoff short enough that a reconnect happens within a test, long enough not to spin. */
const TEST_BACKOFF = { initialMs: 100, maxMs: 400, minMs: 50 };

export function startRocketChatApp(
  account: RocketChatAccount,
  options: AppOptions = {},
): RocketChatApp {
  // The pipeline's clock stands still: a burst window never closes by itself, so what the sink
  // shows depends on what arrived, not on how fast this machine is.
  const sink = new RecordingSink();
  const pipeline = new Pipeline({
    settings: makeSettings({ coalesceMs: 0, ...options.settings }),
    sink,
    clock: new ManualClock(Date.now()),
  });
  const emitted: TidingsEvent[] = [];
  const statuses: AccountStatus[] = [];
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
  let connector: RocketChatConnector | undefined;
  const factory = rocketChatConnector({
    pingIntervalMs: 1_000,
    callTimeoutMs: 5_000,
    ...options.connector,
  });
  const createConnector: ConnectorFactory = (acct, context) => {
    const created = factory(acct as RocketChatAccount, context) as RocketChatConnector;
    connector = created;
    const connect = created.connect.bind(created);
    created.connect = () => {
      connects++;
      return connect();
    };
    return created;
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
    onStatus: (status) => statuses.push(status),
    log,
    backoff: TEST_BACKOFF,
  });
  supervisor.add(account);

  const status = () => {
    const [only] = supervisor.statuses();
    if (!only) throw new Error('the account is not running');
    return only;
  };
  const waitFor = <T>(check: () => T, timeoutMs = 10_000) =>
    vi.waitFor(check, { timeout: timeoutMs, interval: 10 });
  return {
    pipeline,
    sink,
    supervisor,
    emitted,
    statuses,
    logs,
    connector: () => {
      if (!connector) throw new Error('no connector yet');
      return connector;
    },
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
    stop: async () => {
      await supervisor.stop();
      pipeline.close();
    },
  };
}
