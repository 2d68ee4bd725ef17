import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../../app/core/connector.js';
import { COMMAND_TIMEOUT_MS, resolveSecret } from '../../app/headless/secrets.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('secrets in the headless settings file', () => {
  it('takes an inline secret as written', async () => {
    await expect(resolveSecret('hunter2')).resolves.toBe('hunter2');
  });

  it('reads { env } from the environment', async () => {
    await expect(resolveSecret({ env: 'TIDINGS_PW' }, { TIDINGS_PW: 's3cret' })).resolves.toBe(
      's3cret',
    );
  });

  it('runs { command } and takes the first line it prints', async () => {
    await expect(resolveSecret({ command: "printf 'tok en\\nsecond line\\n'" })).resolves.toBe(
      'tok en',
    );
  });

  it('says which environment variable is missing, as a config error (not retried)', async () => {
    const failure = resolveSecret({ env: 'TIDINGS_NOT_SET' }, {});
    await expect(failure).rejects.toThrow('environment variable TIDINGS_NOT_SET is not set');
    await expect(failure).rejects.toSatisfy(
      (error: unknown) => error instanceof ConnectorError && !error.retryable,
    );
  });

  it('reports what a failing command printed', async () => {
    await expect(resolveSecret({ command: 'echo "no such entry" >&2; exit 1' })).rejects.toThrow(
      'secret command failed: no such entry',
    );
  });

  it('refuses a command that prints nothing', async () => {
    await expect(resolveSecret({ command: 'true' })).rejects.toThrow(
      'secret command failed: it printed nothing',
    );
  });

  it('kills a command that hangs with everything it started, and says it timed out', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tidings-secret-'));
    try {
      const pids = join(dir, 'pids');
      // A keyring helper that forks a child holding the output open, then hangs itself.
      const command = `sleep 60 & echo $! > ${pids}; echo "asking the keyring" >&2; sleep 60`;
      const failure = resolveSecret({ command }, process.env, { timeoutMs: 300 });
      await expect(failure).rejects.toThrow(/^secret command timed out after 0\.3 s$/);
      await expect(failure).rejects.toSatisfy(
        (error: unknown) => error instanceof ConnectorError && !error.retryable,
      );
      // The child that kept the output open is gone too, not left to hang for its 60 s.
      const child = Number((await readFile(pids, 'utf8')).trim());
      await expect.poll(() => alive(child), { timeout: 5_000 }).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('gives a command 15 s', () => {
    expect(COMMAND_TIMEOUT_MS).toBe(15_000);
  });
});
