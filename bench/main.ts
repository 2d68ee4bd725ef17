// `npm run bench`: each figure of Tidings beside a baseline measured in the same run, on the same
// stream. Prints a table and writes the figures as JSON (bench/results/latest.json unless
// `--out` says where). `--quick` runs small sizes to check that the benchmark works; its
// figures mean little. No thresholds: the benchmark reports and exits 0.
import { parseArgs } from 'node:util';
import { dinoBurst, dinoDurableDrain, dinoLatency, dinoThroughput, withBroker } from './dino.js';
import { describeMachine } from './machine.js';
import { fixed, signed, table, writeJson, type Row } from './report.js';
import type { LatencyResult, ThroughputResult } from './results.js';
import { startRocketChatBench } from './rocketchat.js';
import { mixedAccounts } from './scale-accounts.js';
import { scale } from './scale.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    out: { type: 'string', default: 'bench/results/latest.json' },
  },
});
const quick = values.quick;
const sizes = {
  throughput: quick ? 5_000 : 100_000,
  latencyEvents: quick ? 500 : 10_000,
  latencyRate: 1_000,
  burst: quick ? 1_000 : 10_000,
  durableDrain: quick ? 1_000 : 10_000,
  scaleAccounts: quick ? 8 : 200,
  idleMs: quick ? 1_000 : 30_000,
};

const machine = describeMachine();
console.log(
  `Tidings benchmarks — ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}${quick ? ' (quick)' : ''}`,
);

const rows: Row[] = [];
const figures: Record<string, unknown> = { sizes };
const progress = (what: string) => process.stderr.write(`… ${what}\n`);

const throughputRow = (source: string, throughput: ThroughputResult): Row => ({
  benchmark: `throughput (${source})`,
  measure: `msg/s, ${fixed(throughput.messages)} msgs`,
  baseline: fixed(throughput.baselinePerSecond),
  tidings: fixed(throughput.tidingsPerSecond),
  versus: `× ${fixed(throughput.ratio, 2)}`,
});

const latencyRows = (source: string, latency: LatencyResult): Row[] =>
  (['p50', 'p99'] as const).map((p) => ({
    benchmark: `latency (${source}, ${fixed(latency.ratePerSecond)}/s)`,
    measure: `${p} ms, frame → sink`,
    baseline: fixed(latency.baselineMs[p], 2),
    tidings: fixed(latency.tidingsMs[p], 2),
    versus: `${signed(latency.tidingsMs[p] - latency.baselineMs[p], 2)} ms`,
  }));

await withBroker(async (broker) => {
  progress(`Dino throughput: ${sizes.throughput} messages over a real mosquitto`);
  const throughput = await dinoThroughput(broker, sizes.throughput);
  figures.dinoThroughput = throughput;
  rows.push(throughputRow('Dino, mosquitto', throughput));

  progress(`Dino latency: ${sizes.latencyEvents} events at ${sizes.latencyRate}/s`);
  const latency = await dinoLatency(broker, sizes.latencyEvents, sizes.latencyRate);
  figures.dinoLatency = latency;
  rows.push(...latencyRows('Dino', latency));

  progress(`durable drain: ${sizes.durableDrain} queued messages, PUBACK after each commit`);
  const drain = await dinoDurableDrain(broker, sizes.durableDrain);
  figures.dinoDurableDrain = drain;
  rows.push({
    benchmark: 'queue drain (Dino, state database)',
    measure: `msg/s, ${fixed(drain.messages)} queued; baseline: state in memory`,
    baseline: fixed(drain.baselinePerSecond),
    tidings: fixed(drain.tidingsPerSecond),
    versus: `× ${fixed(drain.ratio, 2)}`,
  });

  progress(`burst: ${sizes.burst} messages over 50 rooms in one second`);
  const burst = await dinoBurst(broker, sizes.burst);
  figures.burst = burst;
  rows.push(
    {
      benchmark: 'burst (Dino, 1 s)',
      measure: 'event-loop delay p99 ms',
      baseline: fixed(burst.baselineLoopDelayP99Ms, 1),
      tidings: fixed(burst.tidingsLoopDelayP99Ms, 1),
      versus: `${signed(burst.tidingsLoopDelayP99Ms - burst.baselineLoopDelayP99Ms, 1)} ms`,
    },
    {
      benchmark: 'burst (Dino, 1 s)',
      measure: `notifications shown (${burst.rooms} rooms)`,
      baseline: '—',
      tidings: fixed(burst.notificationsShown),
      versus: '',
    },
    {
      benchmark: 'burst (Dino, 1 s)',
      measure: `history entries (${fixed(burst.messages)} sent)`,
      baseline: '—',
      tidings: fixed(burst.historyEntries),
      versus: '',
    },
  );
});

const rocketChat = await startRocketChatBench();
try {
  progress(`Rocket.Chat throughput: ${sizes.throughput} frames over ws`);
  const throughput = await rocketChat.throughput(sizes.throughput);
  figures.rocketChatThroughput = throughput;
  rows.push(throughputRow('Rocket.Chat, ws', throughput));
  progress(`Rocket.Chat latency: ${sizes.latencyEvents} events at ${sizes.latencyRate}/s`);
  const latency = await rocketChat.latency(sizes.latencyEvents, sizes.latencyRate);
  figures.rocketChatLatency = latency;
  rows.push(...latencyRows('Rocket.Chat', latency));
} finally {
  await rocketChat.stop();
}

progress(`scale: ${sizes.scaleAccounts} accounts idle for ${sizes.idleMs / 1000} s`);
const scaleResult = await mixedAccounts(sizes.scaleAccounts, (accounts) =>
  scale(accounts, sizes.idleMs),
);
figures.scale = scaleResult;
const mix = Object.entries(scaleResult.byType)
  .map(([type, n]) => `${n} ${type}`)
  .join(', ');
const scaleRow = (
  measure: string,
  key: 'rssMiB' | 'heapUsedMiB' | 'idleCpuMs',
  digits: number,
) => ({
  benchmark: `scale (${scaleResult.accounts} accounts)`,
  measure,
  baseline: fixed(scaleResult.baseline[key], digits),
  tidings: fixed(scaleResult.tidings[key], digits),
  versus: signed(scaleResult.tidings[key] - scaleResult.baseline[key], digits),
});
rows.push(
  scaleRow('RSS MiB', 'rssMiB', 1),
  scaleRow('heap used MiB', 'heapUsedMiB', 1),
  scaleRow(`CPU ms over ${scaleResult.idleSeconds} s idle`, 'idleCpuMs', 1),
);

console.log(table(rows));
console.log(`scale mix: ${mix}`);
await writeJson(values.out, machine, figures);
console.log(`figures written to ${values.out}`);
