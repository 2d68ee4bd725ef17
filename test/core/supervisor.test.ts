import { describe, expect, it } from 'vitest';
import { ConnectorError, type AccountStatus } from '../../app/core/connector.js';
import { silentLogger } from '../../app/core/log.js';
import { account } from '../../app/core/settings/accounts.js';
import { backoffDelay, DEFAULT_BACKOFF } from '../../app/core/supervisor/backoff.js';
import { MARKER_TICK_MS } from '../../app/core/supervisor/catch-up-markers.js';
import { Supervisor } from '../../app/core/supervisor/supervisor.js';
import { makeEvent, T0 } from '../support/events.js';
import { ManualClock } from '../support/manual-clock.js';
import { Deferred, ScriptedConnector, type ConnectStep } from '../support/scripted-connector.js';
import { seededRandom } from '../support/seeded-random.js';
import { settle } from '../support/settle.js';

const ACCOUNT = account.parse({
  id: 'dino',
  type: 'dino',
  broker: 'mqtt://localhost:1883',
  userId: '1234',
});

const MINUTE = 60_000;
/** Almost 1: each delay lands at the top of its jitter range. */
const TOP = () => 0.999999;
const refused = () => new ConnectorError('network', 'connection refused');

async function setup(script: ConnectStep[], random: () => number = TOP, fallback?: ConnectStep) {
  const clock = new ManualClock(T0);
  const connector = new ScriptedConnector(clock, script, fallback);
  const statuses: AccountStatus[] = [];
  const supervisor = new Supervisor({
    clock,
    createConnector: connector.factory,
    resolveSecret: () => Promise.resolve('secret'),
    onEvent: () => {},
    onStatus: (status) => statuses.push(status),
    log: silentLogger,
    random,
  });
  supervisor.start([ACCOUNT]);
  await settle();
  const status = () => {
    const [only] = supervisor.statuses();
    if (!only) throw new Error('no account is running');
    return only;
  };
  /** How long the pending retry waits, from now. */
  const pendingDelay = () => {
    const { state, retryAt } = status();
    if (state !== 'reconnecting' || retryAt === undefined)
      throw new Error(`expected reconnecting with retryAt, got ${state}`);
    return retryAt - clock.now();
  };
  /** Waits out the pending retry and returns how long it was. */
  const waitForRetry = async () => {
    const delay = pendingDelay();
    clock.advance(delay);
    await settle();
    return delay;
  };
  return { clock, connector, statuses, supervisor, status, pendingDelay, waitForRetry };
}

/** The delays of `n` retries in a row against a server that never answers. */
async function retryDelays(random: () => number, n: number): Promise<number[]> {
  const { waitForRetry } = await setup([], random, refused());
  const delays: number[] = [];
  for (let i = 0; i < n; i++) delays.push(await waitForRetry());
  return delays;
}

describe('backoffDelay', () => {
  it.each([
    { attempt: 0, random: 0, delay: 500 },
    { attempt: 0, random: 0.5, delay: 750 },
    { attempt: 0, random: 0.999999, delay: 1000 },
    { attempt: 1, random: 0.5, delay: 1250 },
    { attempt: 3, random: 0.5, delay: 4250 },
    { attempt: 8, random: 0.999999, delay: 256_000 },
    { attempt: 9, random: 0.999999, delay: 300_000 },
    { attempt: 50, random: 0.999999, delay: 300_000 },
    { attempt: 5000, random: 0, delay: 500 },
  ])('attempt $attempt with random $random → $delay ms', ({ attempt, random, delay }) => {
    expect(backoffDelay(attempt, () => random, DEFAULT_BACKOFF)).toBe(delay);
  });
});

describe('reconnecting with backoff', () => {
  it('doubles the ceiling from 1 s and never waits more than 5 minutes', async () => {
    expect(await retryDelays(TOP, 12)).toEqual([
      1000, 2000, 4000, 8000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000, 300_000,
    ]);
  });

  it('never retries sooner than the minimum', async () => {
    expect(await retryDelays(() => 0, 6)).toEqual([500, 500, 500, 500, 500, 500]);
  });

  it('jitters: different random sequences give different delays, each within its bounds', async () => {
    const first = await retryDelays(seededRandom(1), 15);
    const second = await retryDelays(seededRandom(2), 15);
    expect(first).not.toEqual(second);
    for (const delays of [first, second])
      delays.forEach((delay, attempt) => {
        expect(delay).toBeGreaterThanOrEqual(500);
        expect(delay).toBeLessThanOrEqual(Math.min(5 * MINUTE, 1000 * 2 ** attempt));
      });
    // Full jitter: the delays are spread below the ceiling, not pinned to it.
    expect(
      first.filter((delay, attempt) => delay < Math.min(5 * MINUTE, 1000 * 2 ** attempt)),
    ).not.toHaveLength(0);
    // The same seed replays the same delays.
    expect(await retryDelays(seededRandom(1), 15)).toEqual(first);
  });

  it('reports reconnecting with the reason and the time of the next try, and tries then', async () => {
    const { clock, connector, status, statuses } = await setup([refused()], () => 0.5);
    expect(status()).toMatchObject({
      account: 'dino',
      state: 'reconnecting',
      reason: 'connection refused',
      retryAt: T0 + 750,
    });
    clock.advance(749);
    await settle();
    expect(connector.connects).toEqual([T0]);
    clock.advance(1);
    await settle();
    expect(connector.connects).toEqual([T0, T0 + 750]);
    expect(status().state).toBe('online');
    expect(status().retryAt).toBeUndefined();
    expect(statuses.map((s) => s.state)).toEqual([
      'connecting',
      'reconnecting',
      'connecting',
      'online',
    ]);
  });

  it('retries a failure that is not a ConnectorError as network trouble', async () => {
    const { status } = await setup([new Error('ECONNRESET')]);
    expect(status()).toMatchObject({ state: 'reconnecting', reason: 'ECONNRESET' });
  });

  it('stops with the reason on a configuration error, without retrying', async () => {
    const { clock, connector, status } = await setup([
      new ConnectorError('config', 'cannot read secret from $DINO_PASSWORD'),
    ]);
    clock.advance(60 * MINUTE);
    await settle();
    expect(status()).toMatchObject({
      state: 'offline',
      reason: 'cannot read secret from $DINO_PASSWORD',
    });
    expect(connector.connects).toHaveLength(1);
  });
});

describe('auth failures', () => {
  it('reports auth-failed with the reason and never tries again on its own', async () => {
    const { clock, connector, status, supervisor } = await setup([
      new ConnectorError('auth', 'wrong password'),
    ]);
    expect(status()).toMatchObject({ state: 'auth-failed', reason: 'wrong password' });
    expect(clock.pendingTimers).toBe(0);

    for (let i = 0; i < 10; i++) {
      clock.advance(24 * 60 * MINUTE);
      supervisor.resume(); // waking from sleep does not retry a refused password either
      await settle();
    }
    expect(connector.connects).toHaveLength(1);
    expect(status().state).toBe('auth-failed');

    // Only the user asking again (after fixing the password) connects.
    supervisor.reconnect('dino');
    await settle();
    expect(connector.connects).toHaveLength(2);
    expect(status().state).toBe('online');
  });

  it('stops at an auth failure that follows network failures', async () => {
    const { clock, connector, status, waitForRetry } = await setup([
      refused(),
      new ConnectorError('auth', 'token expired'),
    ]);
    await waitForRetry();
    expect(status()).toMatchObject({ state: 'auth-failed', reason: 'token expired' });
    clock.advance(24 * 60 * MINUTE);
    await settle();
    expect(connector.connects).toHaveLength(2);
  });
});

describe('resume, lost connections and catch-up', () => {
  it('reconnects at once on resume instead of waiting for the pending retry', async () => {
    const failures = [refused(), refused(), refused(), refused(), refused()];
    const { clock, connector, status, pendingDelay, waitForRetry, supervisor } =
      await setup(failures);
    for (let i = 0; i < 4; i++) await waitForRetry();
    expect(pendingDelay()).toBe(16_000);
    const connectsBefore = connector.connects.length;

    supervisor.resume();
    await settle();
    expect(connector.connects).toHaveLength(connectsBefore + 1);
    expect(connector.connects.at(-1)).toBe(clock.now());
    expect(status().state).toBe('online');

    // The old retry is gone: only the stable-period timer is left, and it connects no more.
    expect(clock.pendingTimers).toBe(1);
    clock.advance(16_000);
    await settle();
    expect(connector.connects).toHaveLength(connectsBefore + 1);
  });

  it('does not catch up after the first connect, and catches up from the drop after a reconnect', async () => {
    const { clock, connector, status, waitForRetry } = await setup([]);
    expect(status().state).toBe('online');
    expect(connector.catchUps).toEqual([]);

    clock.advance(10_000);
    connector.drop();
    await settle();
    expect(status()).toMatchObject({ state: 'reconnecting', reason: 'connection reset' });
    expect(connector.closes).toBe(1);

    await waitForRetry();
    expect(status().state).toBe('online');
    expect(connector.catchUps).toEqual([T0 + 10_000]);
  });

  it('catches up after a resume while online', async () => {
    const { clock, connector, status, supervisor } = await setup([]);
    clock.advance(5 * MINUTE);
    supervisor.resume();
    await settle();
    expect(connector.connects).toEqual([T0, T0 + 5 * MINUTE]);
    expect(connector.catchUps).toEqual([T0 + 5 * MINUTE]);
    expect(status().state).toBe('online');
  });

  it('schedules one retry for a lost connection, however often it is reported', async () => {
    const { clock, connector, pendingDelay } = await setup([]);
    connector.drop();
    connector.drop(new ConnectorError('network', 'ping timeout'));
    await settle();
    expect(pendingDelay()).toBe(1000);
    expect(clock.pendingTimers).toBe(1);
  });

  it.each([
    { online: 60_000, delay: 1000, what: 'resets the backoff to the first step' },
    { online: 59_999, delay: 16_000, what: 'keeps backing off' },
  ])('a connection online for $online ms $what', async ({ online, delay }) => {
    const failures = [refused(), refused(), refused(), refused()];
    const { clock, connector, status, pendingDelay, waitForRetry } = await setup(failures);
    for (let i = 0; i < 4; i++) await waitForRetry();
    expect(status().state).toBe('online');

    clock.advance(online);
    connector.drop();
    await settle();
    expect(pendingDelay()).toBe(delay);
  });
});

describe('a link closed only to refuse one frame', () => {
  const refusedFrame = () =>
    new ConnectorError('network', 'a frame over the limit closed the link', {
      reconnectAtOnce: true,
    });

  it('reconnects at once and catches up, then backs off if it happens again soon', async () => {
    const { clock, connector, status, pendingDelay, waitForRetry } = await setup([]);
    clock.advance(10_000);
    connector.drop(refusedFrame());
    await settle();
    expect(pendingDelay()).toBe(0);
    await waitForRetry();
    expect(status().state).toBe('online');
    expect(connector.catchUps).toEqual([T0 + 10_000]);

    connector.drop(refusedFrame());
    await settle();
    expect(pendingDelay()).toBe(2_000);
  });
});

describe('stop', () => {
  it('leaves no pending timers while a retry is waiting', async () => {
    const { clock, connector, status, supervisor } = await setup([refused()]);
    expect(clock.pendingTimers).toBe(1);
    await supervisor.stop();
    expect(clock.pendingTimers).toBe(0);
    expect(status().state).toBe('offline');
    clock.advance(60 * MINUTE);
    await settle();
    expect(connector.connects).toHaveLength(1);
  });

  it('leaves no pending timers while online, and closes the connection', async () => {
    const { clock, connector, status, supervisor } = await setup([]);
    expect(status().state).toBe('online');
    await supervisor.stop();
    expect(clock.pendingTimers).toBe(0);
    expect(connector.closes).toBe(1);
    expect(status().state).toBe('offline');
  });

  it('ignores a connect that completes after stop', async () => {
    const pending = new Deferred();
    const { clock, status, supervisor } = await setup([pending]);
    expect(status().state).toBe('connecting');
    await supervisor.stop();
    pending.resolve();
    await settle();
    expect(status().state).toBe('offline');
    expect(clock.pendingTimers).toBe(0);
  });
});

describe('catch-up markers kept across restarts', () => {
  function withMarkers(stored: Map<string, number>) {
    const clock = new ManualClock(T0);
    const connector = new ScriptedConnector(clock);
    const supervisor = new Supervisor({
      clock,
      createConnector: connector.factory,
      resolveSecret: () => Promise.resolve('secret'),
      onEvent: () => {},
      onStatus: () => {},
      log: silentLogger,
      random: TOP,
      markers: { get: (id) => stored.get(id), set: (id, time) => stored.set(id, time) },
    });
    const emit = () => connector.context!.emit(makeEvent({ account: 'dino' }));
    return { clock, connector, supervisor, emit };
  }

  it('catches up from the stored marker, and moves it only while online and caught up', async () => {
    const stored = new Map([['dino', T0 - 5 * MINUTE]]);
    const { clock, connector, supervisor, emit } = withMarkers(stored);
    const gate = new Deferred();
    connector.catchUpGate = gate;
    supervisor.start([ACCOUNT]);
    await settle();
    expect(connector.catchUps).toEqual([T0 - 5 * MINUTE]);

    // What arrives during catch-up does not move it: a crash now must ask from the old marker.
    clock.advance(1_000);
    emit();
    expect(stored.get('dino')).toBe(T0 - 5 * MINUTE);
    gate.resolve();
    await settle();
    expect(stored.get('dino')).toBe(T0 + 1_000);

    clock.advance(2_000);
    emit();
    expect(stored.get('dino')).toBe(T0 + 3_000);
    // A quiet account's marker moves too, every MARKER_TICK_MS from when it caught up.
    clock.advance(MARKER_TICK_MS);
    expect(stored.get('dino')).toBe(T0 + 1_000 + MARKER_TICK_MS);

    connector.drop();
    await settle();
    clock.advance(100);
    emit();
    clock.advance(MARKER_TICK_MS);
    expect(stored.get('dino')).toBe(T0 + 1_000 + MARKER_TICK_MS);
    await supervisor.stop();
  });

  it('with no marker stored, the first connection does not catch up, and the marker starts', async () => {
    const stored = new Map<string, number>();
    const { connector, supervisor } = withMarkers(stored);
    supervisor.start([ACCOUNT]);
    await settle();
    expect(connector.catchUps).toEqual([]);
    expect(stored.get('dino')).toBe(T0);
    await supervisor.stop();
  });
});
