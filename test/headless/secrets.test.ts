import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../../app/core/connector.js';
import { resolveSecret } from '../../app/headless/secrets.js';

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
});
