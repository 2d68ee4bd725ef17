// A stray rejection or exception is logged and the process keeps running: a real Node child,
// since what Node does by default with them (exit 1) is the defect.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/cli-process.js';

const SCRIPT = `
import { keepRunningOnStrayErrors } from './app/core/stray-errors.ts';
import { stderrLogger } from './app/headless/stderr-logger.ts';
keepRunningOnStrayErrors(process, stderrLogger());
void Promise.reject(new Error('nobody awaited me'));
setTimeout(() => { throw new Error('thrown in a timer'); }, 10);
setTimeout(() => { process.stdout.write('still running'); }, 100);
`;

function runScript(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', SCRIPT],
      {
        cwd: REPO_ROOT,
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('keepRunningOnStrayErrors', () => {
  it('logs an unhandled rejection and an uncaught exception, and the process goes on', async () => {
    const { code, stdout, stderr } = await runScript();
    expect(stdout).toBe('still running');
    expect(code).toBe(0);
    expect(stderr).toContain(
      'error unhandled rejection (kept running) {"error":"nobody awaited me"',
    );
    expect(stderr).toContain(
      'error uncaught exception (kept running) {"error":"thrown in a timer"',
    );
  });
});
