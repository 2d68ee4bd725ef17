// `npm run bench`: each figure of Tidings beside a baseline measured in the same run, on the same
// stream, with the goal of issue 18 beside it (met or not). Tidings runs as users run it: state
// (history, unread counts, dedupe) in the SQLite state database, acks and shows after commits.
// Prints a table and writes the figures as JSON (bench/results/latest.json unless `--out` says
// where). `--quick` runs small sizes to check that the benchmark works; its figures mean little.
// `--only dino,rocketchat,catchup,scale,window` runs some parts. The benchmark exits 0.
import { parseArgs } from 'node:util';
import { dinoCatchUp, dinoDurableDrain, dinoLatency, dinoThroughput, withBroker } from './dino.js';
import { describeMachine } from './machine.js';
import { fixed, goal, signed, table, writeJson, type Row } from './report.js';
import type { LatencyResult, ThroughputResult } from './results.js';
import { startRocketChatBench } from './rocketchat.js';
import { mixedAccounts } from './scale-accounts.js';
import { scale, type ScaleResult } from './scale.js';
import { settingsWindow } from './settings-window.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    out: { type: 'string', default: 'bench/results/latest.json' },
    only: { type: 'string' },
  },
});
const quick = values.quick;
const parts = new Set(
  (values.only ?? 'dino,rocketchat,catchup,scale,window').split(',').map((p) => p.trim()),
);
const sizes = {
  throughput: quick ? 5_000 : 100_000,
  latencyEvents: quick ? 500 : 10_000,
  latencyRate: 1_000,
  catchUp: quick ? 1_000 : 10_000,
  durableDrain: quick ? 1_000 : 10_000,
  scaleAccounts: quick ? [4, 8] : [10, 100, 1_000],
  idleMs: quick ? 1_000 : 20_000,
  historyEntries: quick ? 1_000 : 10_000,
};

/** The issue's goals. */
const GOALS = {
  addedMicros: 2,
  dinoRatio: 0.85,
  rocketChatRatio: 0.75,
  addedP99Ms: 1,
  catchUpMs: 2_000,
  catchUpShown: 100,
  catchUpLoopP99Ms: 20,
  scaleRssMiB: 50,
  scaleCpuShare: 0.01,
  windowMs: 300,
};

const machine = describeMachine();
console.log(
  `Tidings benchmarks — ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}${quick ? ' (quick)' : ''}`,
);

const rows: Row[] = [];
const figures: Record<string, unknown> = { sizes, goals: GOALS };
const progress = (what: string) => process.stderr.write(`… ${what}\n`);

/** Work Tidings adds per event, from the two rates: 1/tidings − 1/baseline, in µs. */
const addedMicros = (t: ThroughputResult) => 1e6 / t.tidingsPerSecond - 1e6 / t.baselinePerSecond;

const throughputRows = (source: string, t: ThroughputResult, ratioGoal: number): Row[] => [
  {
    benchmark: `throughput (${source}, state on disk)`,
    measure: `msg/s, ${fixed(t.messages)} msgs`,
    baseline: fixed(t.baselinePerSecond),
    tidings: fixed(t.tidingsPerSecond),
    versus: `× ${fixed(t.ratio, 2)}`,
    goal: goal(`≥ × ${ratioGoal}`, t.ratio >= ratioGoal),
  },
  {
    benchmark: `throughput (${source}, state on disk)`,
    measure: 'µs per event',
    baseline: fixed(1e6 / t.baselinePerSecond, 1),
    tidings: fixed(1e6 / t.tidingsPerSecond, 1),
    versus: `${signed(addedMicros(t), 1)} µs`,
    goal: goal(`≤ +${GOALS.addedMicros} µs`, addedMicros(t) <= GOALS.addedMicros),
  },
];

const latencyRows = (source: string, latency: LatencyResult): Row[] =>
  (['p50', 'p99'] as const).map((p) => {
    const added = latency.tidingsMs[p] - latency.baselineMs[p];
    return {
      benchmark: `latency (${source}, ${fixed(latency.ratePerSecond)}/s, state on disk)`,
      measure: `${p} ms, frame → sink`,
      baseline: fixed(latency.baselineMs[p], 2),
      tidings: fixed(latency.tidingsMs[p], 2),
      versus: `${signed(added, 2)} ms`,
      goal: p === 'p99' ? goal(`≤ +${GOALS.addedP99Ms} ms`, added <= GOALS.addedP99Ms) : '',
    };
  });

if (parts.has('dino') || parts.has('catchup'))
  await withBroker(async (broker) => {
    if (parts.has('dino')) {
      progress(`Dino throughput: ${sizes.throughput} messages over a real mosquitto`);
      const throughput = await dinoThroughput(broker, sizes.throughput);
      figures.dinoThroughput = throughput;
      rows.push(...throughputRows('Dino, mosquitto', throughput, GOALS.dinoRatio));

      progress(`Dino latency: ${sizes.latencyEvents} events at ${sizes.latencyRate}/s`);
      const latency = await dinoLatency(broker, sizes.latencyEvents, sizes.latencyRate);
      figures.dinoLatency = latency;
      rows.push(...latencyRows('Dino', latency));

      progress(`write cost: ${sizes.durableDrain} queued messages, state in memory vs on disk`);
      const drain = await dinoDurableDrain(broker, sizes.durableDrain);
      figures.dinoDurableDrain = drain;
      rows.push({
        benchmark: 'write cost alone (Dino queue drain)',
        measure: `µs per event, ${fixed(drain.messages)} queued; baseline: state in memory`,
        baseline: fixed(1e6 / drain.baselinePerSecond, 1),
        tidings: fixed(1e6 / drain.tidingsPerSecond, 1),
        versus: `${signed(1e6 / drain.tidingsPerSecond - 1e6 / drain.baselinePerSecond, 1)} µs`,
      });
    }

    if (parts.has('catchup')) {
      progress(`catch-up: ${sizes.catchUp} queued messages over 100 rooms at connect`);
      const c = await dinoCatchUp(broker, sizes.catchUp);
      figures.catchUp = c;
      const what = `catch-up (Dino, ${fixed(c.messages)} queued, ${c.rooms} rooms)`;
      rows.push(
        {
          benchmark: what,
          measure: 'ms, connect → drained and committed',
          baseline: fixed(c.baselineMs),
          tidings: fixed(c.tidingsMs),
          versus: `${signed(c.tidingsMs - c.baselineMs)} ms`,
          goal: goal(`< ${fixed(GOALS.catchUpMs)} ms`, c.tidingsMs < GOALS.catchUpMs),
        },
        {
          benchmark: what,
          measure: 'event-loop delay p99 ms',
          baseline: fixed(c.baselineLoopDelayP99Ms, 1),
          tidings: fixed(c.tidingsLoopDelayP99Ms, 1),
          versus: `${signed(c.tidingsLoopDelayP99Ms - c.baselineLoopDelayP99Ms, 1)} ms`,
          goal: goal(
            `< ${GOALS.catchUpLoopP99Ms} ms`,
            c.tidingsLoopDelayP99Ms < GOALS.catchUpLoopP99Ms,
          ),
        },
        {
          benchmark: what,
          measure: `notifications shown / history entries`,
          baseline: '—',
          tidings: `${fixed(c.notificationsShown)} / ${fixed(c.historyEntries)}`,
          versus: '',
          goal: goal(
            `≤ ${GOALS.catchUpShown} shown, all in history`,
            c.notificationsShown <= GOALS.catchUpShown && c.historyEntries === c.messages,
          ),
        },
      );
    }
  });

if (parts.has('rocketchat')) {
  const rocketChat = await startRocketChatBench();
  try {
    progress(`Rocket.Chat throughput: ${sizes.throughput} frames over ws`);
    const throughput = await rocketChat.throughput(sizes.throughput);
    figures.rocketChatThroughput = throughput;
    rows.push(...throughputRows('Rocket.Chat, ws', throughput, GOALS.rocketChatRatio));
    progress(`Rocket.Chat latency: ${sizes.latencyEvents} events at ${sizes.latencyRate}/s`);
    const latency = await rocketChat.latency(sizes.latencyEvents, sizes.latencyRate);
    figures.rocketChatLatency = latency;
    rows.push(...latencyRows('Rocket.Chat', latency));
  } finally {
    await rocketChat.stop();
  }
}

const scaleTable: string[] = [];
if (parts.has('scale')) {
  const results: ScaleResult[] = [];
  for (const count of sizes.scaleAccounts) {
    progress(`scale: ${count} accounts idle for ${sizes.idleMs / 1000} s`);
    results.push(await mixedAccounts(count, (accounts) => scale(accounts, sizes.idleMs)));
  }
  figures.scale = results;
  const largest = results.at(-1)!;
  const rss = largest.tidings.rssMiB - largest.baseline.rssMiB;
  const cpuShare = (largest.tidings.idleCpuMs - largest.baseline.idleCpuMs) / sizes.idleMs;
  const what = `scale (${fixed(largest.accounts)} idle accounts)`;
  rows.push(
    {
      benchmark: what,
      measure: 'RSS MiB',
      baseline: fixed(largest.baseline.rssMiB, 1),
      tidings: fixed(largest.tidings.rssMiB, 1),
      versus: signed(rss, 1),
      goal: goal(`< +${GOALS.scaleRssMiB} MiB`, rss < GOALS.scaleRssMiB),
    },
    {
      benchmark: what,
      measure: `CPU, % of a core over ${largest.idleSeconds} s idle`,
      baseline: fixed((100 * largest.baseline.idleCpuMs) / sizes.idleMs, 2),
      tidings: fixed((100 * largest.tidings.idleCpuMs) / sizes.idleMs, 2),
      versus: signed(100 * cpuShare, 2),
      goal: goal(`< +${100 * GOALS.scaleCpuShare} %`, cpuShare < GOALS.scaleCpuShare),
    },
  );
  // How both grow with the number of accounts: the cost per account should stay flat.
  scaleTable.push(
    '',
    'accounts  baseline RSS  tidings RSS  added MiB  KiB/account  baseline CPU ms  tidings CPU ms  added ms  added ms/account',
    ...results.map((r) => {
      const added = r.tidings.rssMiB - r.baseline.rssMiB;
      const cpu = r.tidings.idleCpuMs - r.baseline.idleCpuMs;
      return [
        fixed(r.accounts).padStart(8),
        fixed(r.baseline.rssMiB, 1).padStart(12),
        fixed(r.tidings.rssMiB, 1).padStart(11),
        signed(added, 1).padStart(9),
        fixed((added * 1024) / r.accounts, 1).padStart(11),
        fixed(r.baseline.idleCpuMs, 1).padStart(15),
        fixed(r.tidings.idleCpuMs, 1).padStart(14),
        signed(cpu, 1).padStart(8),
        fixed(cpu / r.accounts, 2).padStart(16),
      ].join('  ');
    }),
    `(CPU over ${sizes.idleMs / 1000} s idle; mix: ${Object.entries(largest.byType)
      .map(([type, n]) => `${n} ${type}`)
      .join(', ')} at the largest size)`,
  );
}

if (parts.has('window')) {
  progress(`settings window: History with ${sizes.historyEntries} entries, in Chromium`);
  const w = await settingsWindow(sizes.historyEntries);
  figures.settingsWindow = w;
  rows.push({
    benchmark: `settings window, History (${fixed(w.entries)} entries)`,
    measure: `ms to the first page; baseline: ${w.baselineEntries} entries`,
    baseline: fixed(w.baselineMs),
    tidings: fixed(w.tidingsMs),
    versus: `${signed(w.tidingsMs - w.baselineMs)} ms`,
    goal: goal(`< ${GOALS.windowMs} ms`, w.tidingsMs < GOALS.windowMs),
  });
}

console.log(table(rows));
if (scaleTable.length > 0) console.log(scaleTable.join('\n'));
await writeJson(values.out, machine, figures);
console.log(`figures written to ${values.out}`);
