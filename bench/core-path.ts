// `node --import tsx bench/core-path.ts [--events N] [--rounds R] [--side both|tidings|baseline]`:
// the work Tidings adds per event on the in-memory path, without a broker or a socket. The same
// Dino payloads (as Buffers, as mqtt.js hands them over) go to JSON.parse alone (the baseline,
// what bench/dino.ts's bare mqtt.js client does per message) and through Tidings: the Dino
// connector's per-message handler, the real Supervisor's event path, the Pipeline with history
// in memory (MemoryHistoryStore), dedupe, unread counts and folding, into a sink that discards.
// Prints µs per event for both, the difference, and the GC work beside it. For a CPU profile:
// `node --cpu-prof --cpu-prof-interval 50 --import tsx bench/core-path.ts --side tidings`.
import { PerformanceObserver } from 'node:perf_hooks';
import { GCProfiler } from 'node:v8';
import { parseArgs } from 'node:util';
import { dinoReceiver } from '../app/connectors/dino/connector.js';
import { systemClock } from '../app/core/clock.js';
import type { AccountStatus, ConnectorFactory } from '../app/core/connector.js';
import { silentLogger } from '../app/core/log.js';
import type { NotificationSink } from '../app/core/notification.js';
import { History } from '../app/core/pipeline/history.js';
import { Pipeline } from '../app/core/pipeline/pipeline.js';
import { dinoAccount } from '../app/core/settings/accounts.js';
import { notificationSettings } from '../app/core/settings/notifications.js';
import { Supervisor } from '../app/core/supervisor/supervisor.js';
import { relayedMessage } from '../test/connectors/dino/fixtures.js';
import { msSince } from './stats.js';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '100000' },
    rounds: { type: 'string', default: '5' },
    side: { type: 'string', default: 'both' },
  },
});
const EVENTS = Number(values.events);
const ROUNDS = Number(values.rounds);
const side = values.side;
/** As bench/dino.ts: the stream spread over 50 rooms, 7 senders. */
const GROUPS = 50;
/** mqtt.js hands packets over on process.nextTick; the loop turns between slices of this many. */
const SLICE = 100;
const TOPIC = 'dms/test/4242';

const groupId = (g: number) => `00000000-0000-4000-8000-${String(g).padStart(12, '0')}`;

/** Fresh payloads per round: dedupe would drop a repeated message id. */
function payloads(round: number): Buffer[] {
  const result: Buffer[] = [];
  for (let i = 0; i < EVENTS; i++)
    result.push(
      Buffer.from(
        JSON.stringify(
          relayedMessage({
            groupId: groupId(i % GROUPS),
            groupName: `group ${i % GROUPS}`,
            sender: String(100 + (i % 7)),
            messageId: `m-${round}-${i}`,
            text: `message ${i}`,
          }),
        ),
      ),
    );
  return result;
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

/** Hands every payload to `handle` in slices, the loop turning between them; µs per payload. */
async function drive(buffers: Buffer[], handle: (payload: Buffer) => void): Promise<number> {
  const started = process.hrtime.bigint();
  for (let start = 0; start < buffers.length; start += SLICE) {
    const end = Math.min(start + SLICE, buffers.length);
    for (let i = start; i < end; i++) handle(buffers[i]!);
    await turn();
  }
  return (msSince(started) * 1000) / buffers.length;
}

async function baseline(buffers: Buffer[]): Promise<number> {
  let received = 0;
  const micros = await drive(buffers, (payload) => {
    const parsed = JSON.parse(payload.toString()) as { message_id?: string };
    if (parsed.message_id) received++;
  });
  if (received !== buffers.length) throw new Error(`parsed ${received} of ${buffers.length}`);
  return micros;
}

/** Tidings as tidings-app.ts wires it with state in memory, the connector without its socket. */
async function tidings(buffers: Buffer[], round: number): Promise<number> {
  const sink: NotificationSink = { show: () => {}, update: () => {}, retract: () => {} };
  const pipeline = new Pipeline({
    settings: notificationSettings.parse({ coalesceMs: 1000 }),
    sink,
    clock: systemClock,
    history: new History(systemClock),
  });
  let processed = 0;
  let receive: ((topic: string, payload: Buffer) => void) | undefined;
  const createConnector: ConnectorFactory = (account, context) => {
    receive = dinoReceiver(account as Parameters<typeof dinoReceiver>[0], context);
    return { connect: () => Promise.resolve(), close: () => Promise.resolve() };
  };
  let online = false;
  const supervisor = new Supervisor({
    clock: systemClock,
    createConnector,
    resolveSecret: () => Promise.reject(new Error('no secrets here')),
    onEvent: (event) => {
      pipeline.accept(event);
      processed++;
    },
    onStatus: (status: AccountStatus) => (online = status.state === 'online'),
    log: silentLogger,
  });
  supervisor.start([
    dinoAccount.parse({
      id: 'dino-bench',
      type: 'dino',
      broker: 'mqtt://127.0.0.1:1',
      userId: '4242',
      environment: 'test',
      clientId: `bench-core-${round}`,
    }),
  ]);
  while (!online) await turn();
  const micros = await drive(buffers, (payload) => receive!(TOPIC, payload));
  if (processed !== buffers.length) throw new Error(`processed ${processed} of ${buffers.length}`);
  await supervisor.stop();
  pipeline.close();
  return micros;
}

interface GcTally {
  minor: number;
  major: number;
  ms: number;
  /** Bytes minor GCs moved to the old generation: what outlived its event. */
  promoted: number;
}

interface GcStatistics {
  gcType: string;
  beforeGC: { heapSpaceStatistics: { spaceName: string; spaceUsedSize: number }[] };
  afterGC: { heapSpaceStatistics: { spaceName: string; spaceUsedSize: number }[] };
}

const oldSpace = (stats: GcStatistics['beforeGC']) =>
  stats.heapSpaceStatistics.find((s) => s.spaceName === 'old_space')?.spaceUsedSize ?? 0;

/** Garbage collections while `run` goes on (minor = scavenges). */
async function withGc<T>(run: () => Promise<T>): Promise<[T, GcTally]> {
  const tally: GcTally = { minor: 0, major: 0, ms: 0, promoted: 0 };
  const profiler = new GCProfiler();
  profiler.start();
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
      // NODE_PERFORMANCE_GC_MINOR is 1.
      if (kind === 1) tally.minor++;
      else tally.major++;
      tally.ms += entry.duration;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  try {
    const result = await run();
    // GC entries are delivered asynchronously.
    await turn();
    return [result, tally];
  } finally {
    observer.disconnect();
    const statistics = (profiler.stop()?.statistics ?? []) as GcStatistics[];
    for (const gc of statistics)
      if (gc.gcType === 'Scavenge') tally.promoted += oldSpace(gc.afterGC) - oldSpace(gc.beforeGC);
  }
}

const best = { baseline: Infinity, tidings: Infinity };
const gcOfBest: { baseline?: GcTally; tidings?: GcTally } = {};
for (let round = 0; round < ROUNDS; round++) {
  const buffers = payloads(round);
  if (side !== 'tidings') {
    const [micros, gc] = await withGc(() => baseline(buffers));
    if (micros < best.baseline) [best.baseline, gcOfBest.baseline] = [micros, gc];
  }
  if (side !== 'baseline') {
    const [micros, gc] = await withGc(() => tidings(buffers, round));
    if (micros < best.tidings) [best.tidings, gcOfBest.tidings] = [micros, gc];
  }
}

const gcWords = (gc: GcTally | undefined) =>
  gc
    ? `${gc.minor} minor + ${gc.major} major GCs, ${gc.ms.toFixed(1)} ms, ${Math.round(gc.promoted / EVENTS)} B/event promoted`
    : '';
console.log(
  `in-memory path, ${EVENTS.toLocaleString('en')} Dino events over ${GROUPS} rooms, best of ${ROUNDS} (Node ${process.version})`,
);
if (side !== 'tidings')
  console.log(
    `  baseline (JSON.parse)  ${best.baseline.toFixed(2)} µs/event   ${gcWords(gcOfBest.baseline)}`,
  );
if (side !== 'baseline')
  console.log(
    `  Tidings                ${best.tidings.toFixed(2)} µs/event   ${gcWords(gcOfBest.tidings)}`,
  );
if (side === 'both')
  console.log(`  added                 +${(best.tidings - best.baseline).toFixed(2)} µs/event`);
