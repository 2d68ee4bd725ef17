// The CLI and settings files a user did not mean: far too many accounts, a byte order mark,
// and a signal while it is still starting.
import { execFileSync } from 'node:child_process';
import { closeSync, constants, openSync, readFileSync, writeSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliProcess, runCli } from '../support/cli-process.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tidings-cli-limits-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Dino accounts on a loopback port nothing listens on: each start only tries to connect. */
function accounts(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    id: `d${i}`,
    type: 'dino',
    broker: 'mqtt://127.0.0.1:9',
    userId: String(i),
  }));
}

function ourStderrLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line !== '' && !line.startsWith('npm warn'));
}

describe('headless CLI: settings it refuses or accepts', () => {
  it('refuses 160,000 accounts with one line, exit 2', async () => {
    const path = join(dir, 'huge.json');
    await writeFile(path, JSON.stringify({ version: 1, accounts: accounts(160_000) }));
    const result = await runCli(['--config', path]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(ourStderrLines(result.stderr)).toEqual([
      `tidings: invalid config ${path}: accounts: expected at most 2000 accounts, found 160000`,
    ]);
  });

  it('accepts a file that starts with a UTF-8 byte order mark', async () => {
    const path = join(dir, 'bom.json');
    await writeFile(path, `\uFEFF${JSON.stringify({ version: 1, accounts: accounts(1) })}`);
    const cli = new CliProcess(['--config', path]);
    try {
      await cli.waitForStatus('d0', 'connecting');
    } finally {
      cli.kill('SIGTERM');
    }
    expect((await cli.exit()).code).toBe(0);
  });
});

/** Opens the FIFO's writing end once the CLI has opened its reading end (it is then reading). */
async function openWhenRead(fifo: string): Promise<number> {
  for (;;) {
    try {
      return openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENXIO') throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/** Waits until the process sleeps in a read of a pipe (the kernel's wait channel says so). */
async function waitUntilBlockedOnPipe(pid: number): Promise<void> {
  while (!readFileSync(`/proc/${pid}/wchan`, 'utf8').includes('pipe'))
    await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('headless CLI: a signal while it is starting', () => {
  it('SIGINT while the settings are still being read exits 0 and opens no connection', async () => {
    // A FIFO holds the CLI inside its start for as long as the test wants.
    const fifo = join(dir, 'slow.json');
    execFileSync('mkfifo', [fifo]);
    const cli = new CliProcess(['--config', fifo]);
    const writer = await openWhenRead(fifo);
    // The whole file, but the end of it not yet: the CLI reads, then waits inside its start.
    writeSync(writer, JSON.stringify({ version: 1, accounts: accounts(200) }));
    await waitUntilBlockedOnPipe(await cli.nodePid());
    cli.kill('SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 200));
    closeSync(writer);
    const { code, signal } = await cli.exit();
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(cli.stdout).toBe('');
    expect(cli.stderr).toContain('stopped while starting {"signal":"SIGINT"}');
  });
});
