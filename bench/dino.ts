// Dino over a real mosquitto: the same stream received by a bare mqtt.js client (the baseline)
// and by Tidings (connector + pipeline + a sink that discards).
import { Socket } from 'node:net';
import { basename, join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { connect, connectAsync, type IClientOptions, type MqttClient } from 'mqtt';
import { dinoAccount, type DinoAccount } from '../app/core/settings/accounts.js';
import { relayedMessage } from '../test/connectors/dino/fixtures.js';
import { startMosquitto, type Mosquitto } from '../test/support/mosquitto.js';
import {
  LATENCY_WARMUP,
  latencyResult,
  bestOfRounds,
  type LatencyResult,
  type ThroughputResult,
} from './results.js';
import { msSince, ratePerSecond } from './stats.js';
import { profiled } from './profile.js';
import { withStateDir } from './state-dir.js';
import { startTidings } from './tidings-app.js';
import { waitUntil } from './wait.js';

const USER = '4242';
/** Rooms the stream is spread over. */
const GROUPS = 50;
/** Rooms the catch-up queue is spread over (the issue's 100). */
const CATCH_UP_ROOMS = 100;
const PUBLISH_SLICE = 1_000;

export interface CatchUpResult {
  messages: number;
  rooms: number;
  /** Connect to drained (and, for Tidings, committed), ms. */
  baselineMs: number;
  tidingsMs: number;
  /** Notifications that appeared (each room's first; the rest fold into updates). */
  notificationsShown: number;
  historyEntries: number;
  baselineLoopDelayP99Ms: number;
  tidingsLoopDelayP99Ms: number;
}

export async function withBroker<T>(run: (broker: Mosquitto) => Promise<T>): Promise<T> {
  // The stream is queued before a run; the broker's own limits must not drop or pace it.
  const broker = await startMosquitto({
    users: [USER],
    // Latency is about Tidings, not Nagle's algorithm: without this, mosquitto holds small
    // packets back until an ACK comes, tens of milliseconds on loopback.
    extraConfig: ['max_inflight_messages 0', 'set_tcp_nodelay true'],
  });
  try {
    return await run(broker);
  } finally {
    await broker.dispose();
  }
}

const groupId = (g: number) => `00000000-0000-4000-8000-${String(g).padStart(12, '0')}`;

function message(i: number, text = `message ${i}`, rooms = GROUPS): string {
  return JSON.stringify(
    relayedMessage({
      groupId: groupId(i % rooms),
      groupName: `group ${i % rooms}`,
      sender: String(100 + (i % 7)),
      messageId: `m-${i}`,
      text,
    }),
  );
}

async function publisher(broker: Mosquitto): Promise<MqttClient> {
  const client = await connectAsync(broker.url, {
    protocolVersion: 5,
    clientId: `bench-publisher-${process.pid}`,
    username: broker.publisher.username,
    password: broker.publisher.password,
    reconnectPeriod: 0,
  });
  // The same for the publisher's side: each paced message leaves when it is written.
  if (client.stream instanceof Socket) client.stream.setNoDelay(true);
  return client;
}

/** QoS 1, in slices: every message is stored by the broker before the receiver connects. */
async function publishQueued(
  broker: Mosquitto,
  count: number,
  prefix: string,
  rooms = GROUPS,
): Promise<void> {
  const client = await publisher(broker);
  try {
    for (let start = 0; start < count; start += PUBLISH_SLICE) {
      const slice: Promise<unknown>[] = [];
      for (let i = start; i < Math.min(start + PUBLISH_SLICE, count); i++)
        slice.push(
          client.publishAsync(broker.topicFor(USER), message(i, `${prefix} ${i}`, rooms), {
            qos: 1,
          }),
        );
      await Promise.all(slice);
    }
  } finally {
    await client.endAsync();
  }
}

function account(broker: Mosquitto, clientId: string): DinoAccount {
  return dinoAccount.parse({
    id: 'dino-bench',
    type: 'dino',
    broker: broker.url,
    userId: USER,
    environment: 'test',
    clientId,
    auth: { username: USER, password: broker.passwordFor(USER) },
  });
}

/** The options Tidings' Dino client uses, so the baseline receives the stream the same way. */
function baselineOptions(broker: Mosquitto, clientId: string): IClientOptions {
  return {
    protocolVersion: 5,
    clientId,
    clean: false,
    properties: { sessionExpiryInterval: 86_400 },
    username: USER,
    password: broker.passwordFor(USER),
    reconnectPeriod: 0,
  };
}

/**
 * Ends a persistent session on the broker. Left behind, it would go on queueing every message
 * of the later runs for a client that never comes back, and mosquitto's autosave of that queue
 * stalls the broker for everyone.
 */
async function forgetSession(broker: Mosquitto, clientId: string): Promise<void> {
  const client = await connectAsync(broker.url, {
    ...baselineOptions(broker, clientId),
    clean: true,
    properties: { sessionExpiryInterval: 0 },
  });
  await client.endAsync();
}

/** The bare library: mqtt.js receiving the stream and JSON.parse on each payload. */
async function baselineDrain(broker: Mosquitto, count: number, run: number): Promise<number> {
  const clientId = `bench-baseline-${run}`;
  const first = await connectAsync(broker.url, baselineOptions(broker, clientId));
  await first.subscribeAsync(broker.topicFor(USER), { qos: 1 });
  await first.endAsync();
  await publishQueued(broker, count, 'baseline');

  return profiled(`dino-throughput-baseline-${run}`, async () => {
    let received = 0;
    const started = process.hrtime.bigint();
    const client = connect(broker.url, baselineOptions(broker, clientId));
    client.on('message', (_topic, payload) => {
      const parsed = JSON.parse(payload.toString()) as { message_id?: string };
      if (parsed.message_id) received++;
    });
    await waitUntil(
      () => received >= count,
      () => `baseline: ${received} of ${count}`,
    );
    const elapsed = msSince(started);
    await client.endAsync();
    await forgetSession(broker, clientId);
    return ratePerSecond(count, elapsed);
  });
}

/**
 * Tidings: the Dino connector under the supervisor, into the pipeline and a discarding sink.
 * With `stateDir`, state goes to the database there and each PUBACK waits for its commit.
 */
async function tidingsDrain(
  broker: Mosquitto,
  count: number,
  run: number,
  stateDir?: string,
): Promise<number> {
  const name = stateDir ? 'durable' : 'tidings';
  const acct = account(broker, `bench-${name}-${run}`);
  const options = stateDir ? { stateDir } : {};
  const first = startTidings([acct], options);
  await first.waitOnline();
  await first.stop();
  await publishQueued(broker, count, name);

  // The runs with state and with state in memory must not overwrite each other's profile.
  const profile = `dino-tidings-${stateDir ? `state-${basename(stateDir)}` : `memory-${run}`}`;
  return profiled(profile, async () => {
    const started = process.hrtime.bigint();
    const app = startTidings([acct], options);
    await waitUntil(
      () => app.processed() >= count,
      () => `tidings: ${app.processed()} of ${count}`,
    );
    await app.persisted();
    const elapsed = msSince(started);
    await app.stop();
    await forgetSession(broker, acct.clientId!);
    return ratePerSecond(count, elapsed);
  });
}

/**
 * The cost of the writes alone: a queue of `count` messages drained by Tidings with state kept
 * in memory (the baseline) and with the state database, whose PUBACKs wait for each commit.
 */
export function dinoDurableDrain(
  broker: Mosquitto,
  count: number,
  rounds = 2,
): Promise<ThroughputResult> {
  return withStateDir((dir) =>
    bestOfRounds(
      count,
      rounds,
      (round) => tidingsDrain(broker, count, round),
      (round) => tidingsDrain(broker, count, round, join(dir, String(round))),
    ),
  );
}

/** The bare library against Tidings as users run it: state persisted, acks after commits. */
export function dinoThroughput(
  broker: Mosquitto,
  count: number,
  rounds = 2,
): Promise<ThroughputResult> {
  return withStateDir((dir) =>
    bestOfRounds(
      count,
      rounds,
      (round) => baselineDrain(broker, count, round),
      (round) => tidingsDrain(broker, count, round, join(dir, `throughput-${round}`)),
    ),
  );
}

/**
 * Publishes `count` messages at `rate` per second, each carrying the time it was written, and
 * hands the publish time of message i to `sent`. Paced by elapsed time, not by timer ticks, so a
 * slow tick sends the few that are due rather than drifting.
 */
async function publishPaced(
  broker: Mosquitto,
  count: number,
  rate: number,
  sent: (i: number, at: bigint) => void,
): Promise<void> {
  const client = await publisher(broker);
  try {
    const started = process.hrtime.bigint();
    let next = 0;
    while (next < count) {
      const due = Math.min(count, Math.floor((msSince(started) * rate) / 1000) + 1);
      for (; next < due; next++) {
        const at = process.hrtime.bigint();
        sent(next, at);
        client.publish(broker.topicFor(USER), message(next), { qos: 0 });
      }
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  } finally {
    await client.endAsync();
  }
}

function latencyMs(sentAt: bigint[], i: number): number | undefined {
  if (i < LATENCY_WARMUP) return undefined;
  const at = sentAt[i];
  return at === undefined ? undefined : Number(process.hrtime.bigint() - at) / 1e6;
}

const indexOf = (messageId: string) => Number(messageId.slice(2));

export function dinoLatency(
  broker: Mosquitto,
  measured: number,
  rate: number,
): Promise<LatencyResult> {
  return withStateDir((stateDir) => latencyRun(broker, measured, rate, stateDir));
}

async function latencyRun(
  broker: Mosquitto,
  measured: number,
  rate: number,
  stateDir: string,
): Promise<LatencyResult> {
  const count = measured + LATENCY_WARMUP;
  // Baseline: a bare mqtt.js subscriber, latency taken when JSON.parse has the message.
  const baseline: number[] = [];
  {
    const sentAt: bigint[] = [];
    const client = await connectAsync(
      broker.url,
      baselineOptions(broker, 'bench-latency-baseline'),
    );
    client.on('message', (_topic, payload) => {
      const parsed = JSON.parse(payload.toString()) as { message_id: string };
      const ms = latencyMs(sentAt, indexOf(parsed.message_id));
      if (ms !== undefined) baseline.push(ms);
    });
    await client.subscribeAsync(broker.topicFor(USER), { qos: 1 });
    await publishPaced(broker, count, rate, (i, at) => (sentAt[i] = at));
    await waitUntil(
      () => baseline.length >= measured,
      () => `baseline latency: ${baseline.length} of ${measured}`,
    );
    await client.endAsync();
    await forgetSession(broker, 'bench-latency-baseline');
  }

  // Tidings: latency taken when the sink gets the notification. With no coalescing window every
  // event reaches the sink itself rather than being folded into a later update.
  const tidings: number[] = [];
  {
    const sentAt: bigint[] = [];
    const app = startTidings([account(broker, 'bench-latency-tidings')], {
      coalesceMs: 0,
      stateDir,
      onSink: (notification) => {
        const ms = latencyMs(sentAt, indexOf(notification.eventId));
        if (ms !== undefined) tidings.push(ms);
      },
    });
    await app.waitOnline();
    await publishPaced(broker, count, rate, (i, at) => (sentAt[i] = at));
    await waitUntil(
      () => app.processed() >= count,
      () => `tidings latency: ${app.processed()} of ${count}`,
    );
    await app.stop();
    await forgetSession(broker, 'bench-latency-tidings');
  }

  return latencyResult(rate, baseline, tidings);
}

/** The event loop's delay while `run` goes on: p99 in milliseconds. */
async function loopDelayP99(run: () => Promise<void>): Promise<number> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  try {
    await run();
  } finally {
    histogram.disable();
  }
  return histogram.percentile(99) / 1e6;
}

/** A bare mqtt.js client connecting to its queue of `count`: ms until drained. */
async function baselineCatchUp(broker: Mosquitto, count: number): Promise<number> {
  const clientId = 'bench-catch-up-baseline';
  const first = await connectAsync(broker.url, baselineOptions(broker, clientId));
  await first.subscribeAsync(broker.topicFor(USER), { qos: 1 });
  await first.endAsync();
  await publishQueued(broker, count, 'baseline', CATCH_UP_ROOMS);
  let received = 0;
  const started = process.hrtime.bigint();
  const client = connect(broker.url, baselineOptions(broker, clientId));
  client.on('message', (_topic, payload) => {
    const parsed = JSON.parse(payload.toString()) as { message_id?: string };
    if (parsed.message_id) received++;
  });
  await waitUntil(
    () => received >= count,
    () => `baseline catch-up: ${received} of ${count}`,
  );
  const elapsed = msSince(started);
  await client.endAsync();
  await forgetSession(broker, clientId);
  return elapsed;
}

/**
 * Catch-up: `count` messages over 100 rooms queued on the broker while Tidings was away, drained
 * when it connects, each committed before its PUBACK and folded per room. Beside it the bare
 * library draining the same queue; the event loop's p99 delay on both sides meanwhile.
 */
export async function dinoCatchUp(broker: Mosquitto, count: number): Promise<CatchUpResult> {
  let baselineMs = 0;
  const baselineP99 = await loopDelayP99(async () => {
    baselineMs = await baselineCatchUp(broker, count);
  });
  return withStateDir(async (stateDir) => {
    const acct = account(broker, 'bench-catch-up-tidings');
    const first = startTidings([acct], { stateDir });
    await first.waitOnline();
    await first.stop();
    await publishQueued(broker, count, 'catch-up', CATCH_UP_ROOMS);
    let tidingsMs = 0;
    let app: ReturnType<typeof startTidings> | undefined;
    const tidingsP99 = await profiled('dino-catch-up', () =>
      loopDelayP99(async () => {
        const started = process.hrtime.bigint();
        const running = startTidings([acct], { stateDir });
        app = running;
        await waitUntil(
          () => running.processed() >= count,
          () => `tidings catch-up: ${running.processed()} of ${count}`,
        );
        await running.persisted();
        tidingsMs = msSince(started);
      }),
    );
    const done = app!;
    // The last shows wait for their commit: one more turn.
    await done.persisted();
    await new Promise((resolve) => setImmediate(resolve));
    const result: CatchUpResult = {
      messages: count,
      rooms: CATCH_UP_ROOMS,
      baselineMs,
      tidingsMs,
      notificationsShown: done.shown(),
      historyEntries: done.pipeline.history.size,
      baselineLoopDelayP99Ms: baselineP99,
      tidingsLoopDelayP99Ms: tidingsP99,
    };
    await done.stop();
    await forgetSession(broker, acct.clientId!);
    return result;
  });
}
