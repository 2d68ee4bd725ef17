// One side of the scale benchmark, in a process of its own so its memory is its own: either
// Tidings running every account, or the bare libraries holding the same connections. It
// reports once the connections have sat idle for the given time.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Account } from '../app/core/settings/accounts.js';
import { openBareConnections } from './bare-connections.js';
import { startTidings } from './tidings-app.js';

export interface ScaleRequest {
  side: 'baseline' | 'tidings';
  accounts: Account[];
  idleMs: number;
}

export interface ScaleReport {
  connections: number;
  rssMiB: number;
  heapUsedMiB: number;
  /** CPU time (user + system) spent while idle. */
  idleCpuMs: number;
}

const MiB = 2 ** 20;
/**
 * Left out before the idle window: right after connecting, V8 is still compiling in the
 * background (undici's WebAssembly parser behind fetch, hot functions), which is start-up cost.
 */
const SETTLE_MS = 5_000;

async function measure(request: ScaleRequest): Promise<ScaleReport> {
  let stop: () => Promise<void>;
  if (request.side === 'tidings') {
    // As users run it: with the state database.
    const stateDir = await mkdtemp(join(tmpdir(), 'tidings-bench-scale-'));
    const app = startTidings(request.accounts, { stateDir });
    await app.waitOnline(180_000);
    stop = async () => {
      await app.stop();
      await rm(stateDir, { recursive: true, force: true });
    };
  } else {
    stop = await openBareConnections(request.accounts);
  }
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const cpu = process.cpuUsage();
  await new Promise((resolve) => setTimeout(resolve, request.idleMs));
  const used = process.cpuUsage(cpu);
  // Garbage that a collection would free is not what the connections cost.
  globalThis.gc?.();
  const memory = process.memoryUsage();
  const report: ScaleReport = {
    connections: request.accounts.length,
    rssMiB: memory.rss / MiB,
    heapUsedMiB: memory.heapUsed / MiB,
    idleCpuMs: (used.user + used.system) / 1000,
  };
  await stop();
  return report;
}

process.once('message', (request: ScaleRequest) => {
  measure(request).then(
    (report) => process.send?.({ report }, () => process.exit(0)),
    (error: unknown) => process.send?.({ error: String(error) }, () => process.exit(1)),
  );
});
