// What the throughput and latency runs report, whichever protocol carried the stream.
import { percentile } from './stats.js';

export interface ThroughputResult {
  messages: number;
  baselinePerSecond: number;
  tidingsPerSecond: number;
  ratio: number;
}

export interface LatencyResult {
  ratePerSecond: number;
  samples: { baseline: number; tidings: number };
  baselineMs: { p50: number; p99: number };
  tidingsMs: { p50: number; p99: number };
}

/** Events sent first and left out of the latency figures: they pay for JIT compilation. */
export const LATENCY_WARMUP = 500;

/**
 * Each side's best rate over `rounds`, alternating, so neither side always runs on a colder or
 * warmer process.
 */
export async function bestOfRounds(
  messages: number,
  rounds: number,
  baselineRun: (round: number) => Promise<number>,
  tidingsRun: (round: number) => Promise<number>,
): Promise<ThroughputResult> {
  let baseline = 0;
  let tidings = 0;
  for (let round = 0; round < rounds; round++) {
    baseline = Math.max(baseline, await baselineRun(round));
    tidings = Math.max(tidings, await tidingsRun(round));
  }
  return {
    messages,
    baselinePerSecond: baseline,
    tidingsPerSecond: tidings,
    ratio: tidings / baseline,
  };
}

export function latencyResult(rate: number, baseline: number[], tidings: number[]): LatencyResult {
  const summary = (samples: number[]) => ({
    p50: percentile(samples, 0.5),
    p99: percentile(samples, 0.99),
  });
  return {
    ratePerSecond: rate,
    samples: { baseline: baseline.length, tidings: tidings.length },
    baselineMs: summary(baseline),
    tidingsMs: summary(tidings),
  };
}
