// Scale: many accounts connected and idle. Each side runs in a child process of its own, so the
// memory figures are that side's alone.
import { fork } from 'node:child_process';
import type { Account } from '../app/core/settings/accounts.js';
import type { ScaleReport, ScaleRequest } from './scale-child.js';

export interface ScaleResult {
  accounts: number;
  byType: Record<string, number>;
  idleSeconds: number;
  baseline: ScaleReport;
  tidings: ScaleReport;
}

function runSide(request: ScaleRequest): Promise<ScaleReport> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./scale-child.ts', import.meta.url), {
      // `BENCH_SCALE_NODE_FLAGS='--max-semi-space-size=1'`: both sides under the same V8 flags.
      execArgv: [
        '--import',
        'tsx',
        '--expose-gc',
        ...(process.env.BENCH_SCALE_NODE_FLAGS?.split(' ').filter(Boolean) ?? []),
      ],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('message', (message: { report?: ScaleReport; error?: string }) => {
      if (message.report) resolve(message.report);
      else reject(new Error(`scale ${request.side}: ${message.error ?? 'no report'}`));
    });
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`scale ${request.side} exited with ${code}`));
    });
    child.send(request);
  });
}

export async function scale(accounts: Account[], idleMs: number): Promise<ScaleResult> {
  const byType: Record<string, number> = {};
  for (const account of accounts) byType[account.type] = (byType[account.type] ?? 0) + 1;
  const baseline = await runSide({ side: 'baseline', accounts, idleMs });
  const tidings = await runSide({ side: 'tidings', accounts, idleMs });
  return { accounts: accounts.length, byType, idleSeconds: idleMs / 1000, baseline, tidings };
}
