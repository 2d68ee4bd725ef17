// Gotify's part of the demo: the test server with two applications of one user, a home
// automation hub and a backup job pushing messages (one markdown, one urgent, one priority 0).
import { gotifyAccount } from '../app/core/settings/accounts.js';
import { startGotifyServer } from '../test/servers/gotify/server.js';
import { pause, type DemoSource } from './source.js';

const CLIENT = 'CdemoDesktop';

export async function startGotifyDemo(): Promise<DemoSource> {
  const server = await startGotifyServer({
    users: {
      demo: {
        password: 'demo-password',
        clients: [CLIENT],
        apps: [
          { name: 'Home Assistant', defaultPriority: 5 },
          { name: 'Backups', defaultPriority: 4 },
        ],
      },
    },
  });
  return {
    name: 'Gotify',
    account: gotifyAccount.parse({
      id: 'demo-gotify',
      name: 'Gotify home',
      type: 'gotify',
      server: server.url,
      auth: { token: CLIENT },
      minPriority: 2,
    }),
    async play() {
      server.publish('Home Assistant', {
        title: 'Front door',
        message: 'opened while **nobody is home**',
        priority: 8,
        extras: {
          'client::display': { contentType: 'text/markdown' },
          'client::notification': { click: { url: 'https://home.example.com/cameras/door' } },
        },
      });
      await pause(1500);
      server.publish('Home Assistant', { message: 'heating schedule synced', priority: 0 });
      await pause(1500);
      server.publish('Backups', { title: 'Nightly backup', message: 'done: 42 GB in 11 min' });
    },
    stop: () => server.stop(),
  };
}
