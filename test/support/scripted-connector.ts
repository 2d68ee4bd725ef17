import type { Clock } from '../../app/core/clock.js';
import {
  ConnectorError,
  type Connector,
  type ConnectorContext,
  type ConnectorFactory,
} from '../../app/core/connector.js';

/** What one `connect()` call does: succeed, fail with an error, or wait until the test says. */
export type ConnectStep = 'ok' | Error | Deferred;

export class Deferred {
  resolve!: () => void;
  reject!: (error: Error) => void;
  readonly promise = new Promise<void>((resolve, reject) => {
    this.resolve = resolve;
    this.reject = reject;
  });
}

/**
 * A test double of our Connector interface: each `connect()` takes the next scripted step (the
 * fallback once the script runs out) and every call is recorded with the clock's time.
 */
export class ScriptedConnector implements Connector {
  /** When each connect() was called. */
  readonly connects: number[] = [];
  readonly catchUps: number[] = [];
  closes = 0;
  context: ConnectorContext | undefined;
  /** When set, catch-up takes until the test resolves it. */
  catchUpGate: Deferred | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly script: ConnectStep[] = [],
    private readonly fallback: ConnectStep = 'ok',
  ) {}

  /** A factory for the Supervisor that hands out this connector and keeps its context. */
  get factory(): ConnectorFactory {
    return (_account, context) => {
      this.context = context;
      return this;
    };
  }

  connect(): Promise<void> {
    this.connects.push(this.clock.now());
    const step = this.script.shift() ?? this.fallback;
    if (step === 'ok') return Promise.resolve();
    if (step instanceof Deferred) return step.promise;
    return Promise.reject(step);
  }

  close(): Promise<void> {
    this.closes++;
    return Promise.resolve();
  }

  catchUp(since: number): Promise<void> {
    this.catchUps.push(since);
    return this.catchUpGate?.promise ?? Promise.resolve();
  }

  /** The server drops an established connection. */
  drop(error = new ConnectorError('network', 'connection reset')): void {
    if (!this.context) throw new Error('connector was never created by a supervisor');
    this.context.lost(error);
  }
}
