// ntfy and Gotify in the headless CLI with --state-dir: the last message id each account saw is
// kept with the history, so after a kill -9 the CLI asks only for what came after it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeCliConfig, type CliConfig } from '../support/cli-config.js';
import { CliProcess } from '../support/cli-process.js';
import { startGotifyServer, type GotifyTestServer } from '../servers/gotify/server.js';
import { startNtfyServer, type NtfyTestServer } from '../servers/ntfy/server.js';

let ntfy: NtfyTestServer;
let gotify: GotifyTestServer;
let config: CliConfig;
let stateDir: string;

beforeAll(async () => {
  ntfy = await startNtfyServer({
    users: { alice: { tokens: ['tk_alice0000000000000000000000'], read: ['*'] } },
    anonymousRead: [],
  });
  gotify = await startGotifyServer({
    users: {
      alice: {
        password: 'pw',
        clients: ['Calice'],
        apps: [{ name: 'Backups', defaultPriority: 5 }],
      },
    },
  });
  stateDir = await mkdtemp(join(tmpdir(), 'tidings-push-state-'));
  config = await writeCliConfig('push-state', {
    accounts: [
      {
        id: 'alerts',
        type: 'ntfy',
        server: ntfy.url,
        topics: ['backups', 'ci'],
        auth: { token: 'tk_alice0000000000000000000000' },
      },
      { id: 'home', type: 'gotify', server: gotify.url, auth: { token: 'Calice' } },
    ],
    notifications: { coalesceMs: 0 },
  });
});

afterAll(async () => {
  await ntfy?.stop();
  await gotify?.stop();
  await config?.remove();
  await rm(stateDir, { recursive: true, force: true });
});

const cli = () =>
  new CliProcess(['--config', config.path, '--state-dir', stateDir], process.env, 'node');
const bodies = (process: CliProcess, account: string) =>
  process
    .lines()
    .filter((l) => l.type === 'notification' && l.account === account)
    .map((l) => l.body);

it('after a kill -9, shows what was published while it was down, and nothing twice', async () => {
  const first = cli();
  await first.waitForStatus('alerts', 'online');
  await first.waitForStatus('home', 'online');
  const seen = ntfy.publish('ci', { message: 'ntfy before the crash' });
  gotify.publish('Backups', { message: 'gotify before the crash' });
  await first.waitForLine((l) => l.type === 'notification' && l.body === 'ntfy before the crash');
  await first.waitForLine((l) => l.type === 'notification' && l.body === 'gotify before the crash');
  first.kill('SIGKILL');
  await first.exit();

  ntfy.publish('backups', { message: 'ntfy while it was down' });
  gotify.publish('Backups', { message: 'gotify while it was down' });
  gotify.pageRequests.length = 0;

  const second = cli();
  try {
    await second.waitForLine((l) => l.body === 'ntfy while it was down');
    await second.waitForLine((l) => l.body === 'gotify while it was down');
    // Anything shown twice would come with the catch-up, which is over by now.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(bodies(second, 'alerts')).toEqual(['ntfy while it was down']);
    expect(bodies(second, 'home')).toEqual(['gotify while it was down']);
    // ntfy was asked from the id kept in the state folder; Gotify paged back to its kept id.
    expect(ntfy.subscriptions.at(-1)!.query).toMatchObject({ since: seen.id });
    expect(gotify.pageRequests).toEqual([{ limit: '200', since: '0' }]);
  } finally {
    second.kill('SIGTERM');
  }
  expect((await second.exit()).code).toBe(0);
});
