import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The headless CLI as a real child process, started the way the README says:
 * `npm run --silent headless -- ARGS`.
 */
export class CliProcess {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly waiters = new Set<() => void>();

  /**
   * `script` is the npm script: the CLI itself, or `demo`, which runs it over its own servers.
   * `node` starts the CLI's node process itself rather than through npm, so a signal (SIGKILL)
   * reaches the CLI and not npm in front of it.
   */
  constructor(
    args: string[],
    env: NodeJS.ProcessEnv = process.env,
    script: string | 'node' = 'headless',
  ) {
    const [command, commandArgs] =
      script === 'node'
        ? [process.execPath, ['--import', 'tsx', 'app/headless/main.ts', ...args]]
        : ['npm', ['run', '--silent', script, '--', ...args]];
    this.child = spawn(command, commandArgs, {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      this.stdout += chunk;
      for (const wake of this.waiters) wake();
    });
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr += chunk;
      for (const wake of this.waiters) wake();
    });
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => resolve({ code, signal })),
    );
  }

  /** Every stdout line parsed as JSON; a line that is not JSON fails the test that reads it. */
  lines(): Record<string, unknown>[] {
    return this.stdout
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  /** The notification lines so far (`type: "notification"`), in order. */
  notifications(): Record<string, unknown>[] {
    return this.lines().filter((line) => line.type === 'notification');
  }

  /** Resolves when `predicate` holds for the output so far; rejects after `timeoutMs`. */
  async waitFor(predicate: (cli: CliProcess) => boolean, timeoutMs = 20_000): Promise<void> {
    if (predicate(this)) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out; stdout:\n${this.stdout}\nstderr:\n${this.stderr}`));
      }, timeoutMs);
      const check = () => {
        if (!predicate(this)) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
      void this.exited.then(() => {
        if (!this.waiters.has(check)) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        reject(new Error(`exited first; stdout:\n${this.stdout}\nstderr:\n${this.stderr}`));
      });
    });
  }

  /** Resolves with the first stdout line that `match` accepts, once there is one. */
  async waitForLine(
    match: (line: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>> {
    await this.waitFor((cli) => cli.lines().some(match), timeoutMs);
    return this.lines().find(match)!;
  }

  /** Resolves with the first status line that puts `account` in `state`. */
  waitForStatus(account: string, state: string, timeoutMs?: number) {
    return this.waitForLine(
      (l) => l.type === 'status' && l.account === account && l.state === state,
      timeoutMs,
    );
  }

  /** The pid of the CLI's own node process: npm runs it as its child (`exec node …`). */
  async nodePid(timeoutMs = 20_000): Promise<number> {
    const npm = this.child.pid!;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const children = readFileSync(`/proc/${npm}/task/${npm}/children`, 'utf8').trim();
      const pid = Number(children.split(' ')[0]);
      if (pid > 0 && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('app/headless/main.ts'))
        return pid;
      if (Date.now() > deadline) throw new Error('the CLI did not start its node process');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** A field of the CLI's /proc/<pid>/status, e.g. `VmHWM` (peak resident memory) in kB. */
  async procStatus(field: string): Promise<number> {
    const status = readFileSync(`/proc/${await this.nodePid()}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status);
    if (!match) throw new Error(`no ${field} in /proc status`);
    return Number(match[1]);
  }

  stderrIncludes(text: string): boolean {
    return this.stderr.includes(text);
  }

  kill(signal: NodeJS.Signals = 'SIGTERM'): void {
    this.child.kill(signal);
  }

  exit(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    return this.exited;
  }
}

/** Runs the CLI to its end and returns what it printed. */
export async function runCli(args: string[], env?: NodeJS.ProcessEnv) {
  const cli = new CliProcess(args, env);
  const { code } = await cli.exit();
  return { code, stdout: cli.stdout, stderr: cli.stderr };
}
