// The CLI's status line for a server that cannot be reached: `reason` in the words the desktop
// shows, naming the server; `error` the raw text, for scripts and support.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, it } from 'vitest';
import { writeCliConfig } from '../support/cli-config.js';
import { CliProcess } from '../support/cli-process.js';

it('an unreachable ntfy server: reason in words, the raw error beside it', async () => {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  const config = await writeCliConfig('failure-words', {
    accounts: [{ id: 'alerts', type: 'ntfy', server: `http://127.0.0.1:${port}`, topics: ['ci'] }],
  });
  const cli = new CliProcess(['--config', config.path]);
  try {
    const line = await cli.waitForStatus('alerts', 'reconnecting');
    expect(line).toMatchObject({
      reason: `Can't reach 127.0.0.1: nothing answers on port ${port}`,
      error: expect.stringContaining(`ECONNREFUSED 127.0.0.1:${port}`) as unknown,
    });
  } finally {
    cli.kill('SIGTERM');
    await cli.exit();
    await config.remove();
  }
});
