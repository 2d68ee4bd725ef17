// Rocket.Chat frames over ws from the test server (in a process of its own): the same stream
// received by a bare ws client with JSON.parse (the baseline) and by Tidings (connector +
// pipeline + a sink that discards).
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { createConnector } from '../app/connectors/registry.js';
import { silentLogger } from '../app/core/log.js';
import { rocketchatAccount, type RocketChatAccount } from '../app/core/settings/accounts.js';
import {
  LATENCY_WARMUP,
  latencyResult,
  bestOfRounds,
  type LatencyResult,
  type ThroughputResult,
} from './results.js';
import { profiled } from './profile.js';
import { msSince, ratePerSecond } from './stats.js';
import { withStateDir } from './state-dir.js';
import { startTidings } from './tidings-app.js';
import { waitUntil } from './wait.js';

export interface Ready {
  url: string;
  userId: string;
  token: string;
}

export interface RocketChatBench {
  throughput(count: number, rounds?: number): Promise<ThroughputResult>;
  /**
   * The connector alone (no pipeline, no state): frames per second through a bare ws client and
   * through the connector with an `emit` that counts; with `counters`, each message's
   * `subscriptions-changed` frame as well, as a user's client gets it.
   */
  connectorAlone(count: number, counters: boolean): Promise<ConnectorAloneResult>;
  latency(measured: number, rate: number): Promise<LatencyResult>;
  stop(): Promise<void>;
}

export interface ConnectorAloneResult {
  frames: number;
  events: number;
  baselinePerSecond: number;
  connectorPerSecond: number;
}

const now = () => performance.timeOrigin + performance.now();
/** The time the server wrote into the message text: `sent <ms> #<n>`. */
const sentAt = (text: string) => Number(/^sent (\d+\.\d+)/.exec(text)?.[1]);
const seq = (text: string) => Number(/#(\d+)$/.exec(text)?.[1]);

function waitFor<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { type?: string }) => {
      if (message.type !== type) return;
      child.off('message', onMessage);
      resolve(message as T);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`the Rocket.Chat server exited (${code})`)));
  });
}

/** A bare DDP client on ws: connect, resume login, the user's notification stream. */
export async function bareClient(
  ready: Ready,
  onFrame: (frame: unknown) => void,
): Promise<WebSocket> {
  const socket = new WebSocket(`${ready.url.replace(/^http/, 'ws')}/websocket`);
  let subscribed: () => void = () => {};
  const done = new Promise<void>((resolve) => (subscribed = resolve));
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data)) as { msg?: string; id?: string };
    if (frame.msg === 'changed') onFrame(frame);
    else if (frame.msg === 'ping') socket.send('{"msg":"pong"}');
    else if (frame.msg === 'ready') subscribed();
  });
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(JSON.stringify({ msg: 'connect', version: '1', support: ['1'] }));
  socket.send(
    JSON.stringify({ msg: 'method', method: 'login', id: 'l', params: [{ resume: ready.token }] }),
  );
  socket.send(
    JSON.stringify({
      msg: 'sub',
      id: 's',
      name: 'stream-notify-user',
      params: [`${ready.userId}/notification`, { useCollection: false, args: [] }],
    }),
  );
  await done;
  return socket;
}

type NotificationFrame = { fields: { args: [{ payload: { message: { msg: string } } }] } };
const textOf = (frame: unknown) => (frame as NotificationFrame).fields.args[0].payload.message.msg;

export async function startRocketChatBench(): Promise<RocketChatBench> {
  const child = fork(new URL('./rocketchat-server.ts', import.meta.url), {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await waitFor<Ready>(child, 'ready');
  const account: RocketChatAccount = rocketchatAccount.parse({
    id: 'rocketchat-bench',
    type: 'rocketchat',
    server: ready.url,
    auth: { userId: ready.userId, token: ready.token },
  });
  const prepare = async (count: number, counters = false) => {
    child.send({ type: 'prepare', count, counters });
    await waitFor(child, 'prepared');
  };

  async function baselineDrain(count: number, counters = false): Promise<number> {
    await prepare(count, counters);
    let received = 0;
    const socket = await bareClient(ready, (frame) => {
      if (counters || textOf(frame)) received++;
    });
    const frames = counters ? 2 * count : count;
    return profiled(`rocketchat-${counters ? 'counters' : 'throughput'}-baseline`, async () => {
      const started = process.hrtime.bigint();
      child.send({ type: 'blast' });
      await waitUntil(
        () => received >= frames,
        () => `baseline: ${received} of ${frames}`,
      );
      const elapsed = msSince(started);
      socket.close();
      return ratePerSecond(frames, elapsed);
    });
  }

  /** Frames per second through the connector, and how many events they made. */
  async function connectorDrain(count: number, counters: boolean) {
    await prepare(count, counters);
    const frames = counters ? 2 * count : count;
    let events = 0;
    const connector = createConnector(account, {
      emit: () => events++,
      lost: () => {},
      detail: () => {},
      resolveSecret: (secret) => Promise.resolve(String(secret)),
      log: silentLogger,
    });
    await connector.connect();
    // The connect's own events (counters not zero at the first sync) are not the stream's.
    const before = events;
    return profiled(`rocketchat-${counters ? 'counters' : 'throughput'}-connector`, async () => {
      const started = process.hrtime.bigint();
      child.send({ type: 'blast' });
      await waitUntil(
        () => events - before >= frames,
        () => `connector: ${events - before} events of ${frames} frames`,
      );
      const elapsed = msSince(started);
      await connector.close();
      return { perSecond: ratePerSecond(frames, elapsed), events: events - before };
    });
  }

  /** Tidings as users run it: history, unread counts and dedupe in the state database. */
  async function tidingsDrain(count: number, stateDir: string): Promise<number> {
    await prepare(count);
    const app = startTidings([account], { stateDir });
    await app.waitOnline();
    return profiled('rocketchat-throughput', async () => {
      const started = process.hrtime.bigint();
      child.send({ type: 'blast' });
      await waitUntil(
        () => app.processed() >= count,
        () => `tidings: ${app.processed()} of ${count}`,
      );
      await app.persisted();
      const elapsed = msSince(started);
      await app.stop();
      return ratePerSecond(count, elapsed);
    });
  }

  return {
    throughput: (count, rounds = 2) =>
      withStateDir((dir) =>
        bestOfRounds(
          count,
          rounds,
          () => baselineDrain(count),
          (round) => tidingsDrain(count, join(dir, String(round))),
        ),
      ),

    async connectorAlone(count, counters) {
      const baselinePerSecond = await baselineDrain(count, counters);
      const run = await connectorDrain(count, counters);
      return {
        frames: counters ? 2 * count : count,
        events: run.events,
        baselinePerSecond,
        connectorPerSecond: run.perSecond,
      };
    },

    async latency(measured, rate) {
      const count = measured + LATENCY_WARMUP;
      const keep = (samples: number[], text: string, at: number) => {
        if (seq(text) >= LATENCY_WARMUP) samples.push(at - sentAt(text));
      };
      const baseline: number[] = [];
      const socket = await bareClient(ready, (frame) => keep(baseline, textOf(frame), now()));
      child.send({ type: 'pace', count, rate });
      await waitFor(child, 'paced');
      await waitUntil(
        () => baseline.length >= measured,
        () => `baseline: ${baseline.length}`,
      );
      socket.close();

      const tidings: number[] = [];
      await withStateDir(async (stateDir) => {
        const running = startTidings([account], {
          coalesceMs: 0,
          stateDir,
          onSink: (notification) => keep(tidings, notification.body, now()),
        });
        await running.waitOnline();
        child.send({ type: 'pace', count, rate });
        await waitFor(child, 'paced');
        await waitUntil(
          () => tidings.length >= measured,
          () => `tidings: ${tidings.length}`,
        );
        await running.stop();
      });

      return latencyResult(rate, baseline, tidings);
    },

    async stop() {
      child.send({ type: 'stop' });
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}
