// One side of the scale benchmark, in a process of its own so its memory is its own: either
// Tidings running every account, or the bare libraries holding the same connections. It
// reports once the connections have sat idle for the given time.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
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
  /** The V8 heap's pages, used or not: what of the heap is in the RSS at most. */
  heapTotalMiB: number;
  /** Memory of C++ objects tied to JavaScript ones (Buffers and ArrayBuffers included). */
  externalMiB: number;
  arrayBuffersMiB: number;
  /** Linux's split of the RSS: anonymous memory (heaps, malloc) and mapped files (code). */
  rssAnonMiB?: number;
  rssFileMiB?: number;
  threads?: number;
  /** RSS by kind of mapping (MiB): malloc's main heap, other anonymous maps, files. */
  rssByMapping?: Record<string, number>;
  /** libuv's open handles by type (TCP sockets, timers, …): what the side holds natively. */
  handles: Record<string, number>;
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
    heapTotalMiB: memory.heapTotal / MiB,
    externalMiB: memory.external / MiB,
    arrayBuffersMiB: memory.arrayBuffers / MiB,
    ...linuxStatus(),
    handles: openHandles(),
    ...(process.env.BENCH_SCALE_SMAPS && { rssByMapping: rssByMapping() }),
    idleCpuMs: (used.user + used.system) / 1000,
  };
  // `BENCH_SCALE_SNAPSHOTS=<dir>`: a heap snapshot of each side, to see what the heap holds.
  const snapshots = process.env.BENCH_SCALE_SNAPSHOTS;
  if (snapshots)
    writeHeapSnapshot(
      join(snapshots, `scale-${request.side}-${request.accounts.length}.heapsnapshot`),
    );
  await stop();
  return report;
}

function openHandles(): Record<string, number> {
  const report = process.report.getReport() as { libuv?: { type: string; is_active?: boolean }[] };
  const handles: Record<string, number> = {};
  for (const handle of report.libuv ?? []) handles[handle.type] = (handles[handle.type] ?? 0) + 1;
  return handles;
}

/** Sums /proc/self/smaps' Rss by mapping: `[heap]`, anonymous by size, named files. */
function rssByMapping(): Record<string, number> {
  const sums: Record<string, number> = {};
  let name = '';
  for (const line of readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
    const header = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (header) {
      const size = (parseInt(header[2]!, 16) - parseInt(header[1]!, 16)) / 2 ** 20;
      const path = header[3] ?? '';
      name = path.startsWith('/')
        ? 'files'
        : path || `anon ${size >= 64 ? '≥64' : size >= 1 ? '1–64' : '<1'} MiB`;
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) sums[name] = (sums[name] ?? 0) + Number(rss[1]) / 1024;
  }
  return sums;
}

/** /proc/self/status's RssAnon, RssFile (kB) and Threads; nothing off Linux. */
function linuxStatus(): Pick<ScaleReport, 'rssAnonMiB' | 'rssFileMiB' | 'threads'> {
  let status: string;
  try {
    status = readFileSync('/proc/self/status', 'utf8');
  } catch {
    return {};
  }
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1]);
  return {
    rssAnonMiB: field('RssAnon') / 1024,
    rssFileMiB: field('RssFile') / 1024,
    threads: field('Threads'),
  };
}

process.once('message', (request: ScaleRequest) => {
  measure(request).then(
    (report) => process.send?.({ report }, () => process.exit(0)),
    (error: unknown) => process.send?.({ error: String(error) }, () => process.exit(1)),
  );
});
