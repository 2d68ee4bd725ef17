// ntfy and Gotify in the headless CLI with --state-dir: the last message id each account saw is
// kept with the history, so after a kill -9 the CLI asks only for what came after it.
import { expect, it } from 'vitest';
import { CliProcess } from '../support/cli-process.js';
import { useCliSettings } from '../support/cli-settings-fixture.js';
import { GOTIFY_CLIENT_TOKEN, NTFY_TOKEN, usePushServers } from '../support/push-servers.js';

const servers = usePushServers();
const files = useCliSettings('push-state', () => ({
  accounts: [
    {
      id: 'alerts',
      type: 'ntfy',
      server: servers.ntfy.url,
      topics: ['backups', 'ci'],
      auth: { token: NTFY_TOKEN },
    },
    {
      id: 'home',
      type: 'gotify',
      server: servers.gotify.url,
      auth: { token: GOTIFY_CLIENT_TOKEN },
    },
  ],
  notifications: { coalesceMs: 0 },
}));

const cli = () => files.startWithState();
const bodies = (process: CliProcess, account: string) =>
  process
    .notifications()
    .filter((l) => l.account === account)
    .map((l) => l.body);

it('after a kill -9, shows what was published while it was down, and nothing twice', async () => {
  const first = cli();
  await first.waitForStatus('alerts', 'online');
  await first.waitForStatus('home', 'online');
  const seen = servers.ntfy.publish('ci', { message: 'ntfy before the crash' });
  servers.gotify.publish('Backups', { message: 'gotify before the crash' });
  await first.waitForLine((l) => l.type === 'notification' && l.body === 'ntfy before the crash');
  await first.waitForLine((l) => l.type === 'notification' && l.body === 'gotify before the crash');
  first.kill('SIGKILL');
  await first.exit();

  servers.ntfy.publish('backups', { message: 'ntfy while it was down' });
  servers.gotify.publish('Backups', { message: 'gotify while it was down' });
  servers.gotify.pageRequests.length = 0;

  const second = cli();
  try {
    await second.waitForLine((l) => l.body === 'ntfy while it was down');
    await second.waitForLine((l) => l.body === 'gotify while it was down');
    // Anything shown twice would come with the catch-up, which is over by now.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(bodies(second, 'alerts')).toEqual(['ntfy while it was down']);
    expect(bodies(second, 'home')).toEqual(['gotify while it was down']);
    // ntfy was asked from the id kept in the state folder; Gotify paged back to its kept id.
    expect(servers.ntfy.subscriptions.at(-1)!.query).toMatchObject({ since: seen.id });
    expect(servers.gotify.pageRequests).toEqual([{ limit: '200', since: '0' }]);
  } finally {
    second.kill('SIGTERM');
  }
  expect((await second.exit()).code).toBe(0);
});
