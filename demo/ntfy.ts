// ntfy's part of the demo: the test server with a protected topic pair, a backup job and a CI
// pipeline publishing to them. One low-priority line stays in history below the minimum.
import { ntfyAccount } from '../app/core/settings/accounts.js';
import { startNtfyServer } from '../test/servers/ntfy/server.js';
import { pause, type DemoSource } from './source.js';

const TOKEN = 'tk_demo0000000000000000000000';

export async function startNtfyDemo(): Promise<DemoSource> {
  const server = await startNtfyServer({
    users: { demo: { tokens: [TOKEN], read: ['*'] } },
    anonymousRead: [],
  });
  let build = 40;
  return {
    name: 'ntfy',
    account: ntfyAccount.parse({
      id: 'demo-ntfy',
      name: 'ntfy alerts',
      type: 'ntfy',
      server: server.url,
      topics: ['backups', 'ci'],
      auth: { token: TOKEN },
      minPriority: 2,
    }),
    async play() {
      build++;
      server.publish('ci', {
        title: `Build ${build}`,
        message: 'all 312 tests passed',
        tags: ['white_check_mark', 'main'],
        click: `https://ci.example.com/builds/${build}`,
      });
      await pause(1500);
      server.publish('ci', { message: 'cache warmed', priority: 1 });
      await pause(1500);
      server.publish('backups', {
        title: 'Backup failed',
        message: 'nas-1: **disk full** (98%)',
        content_type: 'text/markdown',
        priority: 5,
        tags: ['warning', 'floppy_disk'],
        attachment: { name: 'backup.log', url: `${server.url}/file/backup.log` },
      });
    },
    stop: () => server.stop(),
  };
}
