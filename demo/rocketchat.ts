// Rocket.Chat's part of the demo: the DDP test server with a team in two channels, a mention of
// the user and a direct message from a colleague.
import { rocketchatAccount } from '../app/core/settings/accounts.js';
import { startRocketChatServer } from '../test/servers/rocketchat/server.js';
import { pause, type DemoSource } from './source.js';

const ME = 'alice';

export async function startRocketChatDemo(): Promise<DemoSource> {
  const server = await startRocketChatServer();
  server.addUser({ username: ME, password: 'alice-password', name: 'Alice' });
  for (const [username, name] of [
    ['bob', 'Bob'],
    ['carol', 'Carol'],
  ] as const)
    server.addUser({ username, password: `${username}-password`, name });
  const team = [ME, 'bob', 'carol'];
  const general = server.addRoom({ type: 'c', name: 'general', members: team });
  const releases = server.addRoom({ type: 'c', name: 'releases', members: team });
  const direct = server.addRoom({ type: 'd', members: [ME, 'bob'] });
  return {
    name: 'Rocket.Chat',
    account: rocketchatAccount.parse({
      id: 'demo-rocketchat',
      name: 'Rocket.Chat (team)',
      type: 'rocketchat',
      server: server.url,
      auth: { username: ME, password: 'alice-password' },
      rooms: [general._id, releases._id],
    }),
    async play() {
      server.post('bob', general._id, 'Morning all! Stand-up in 10 minutes.');
      await pause(1200);
      server.post('carol', releases._id, '2.4.0 is tagged, release notes are in the wiki.');
      await pause(1200);
      server.post('carol', general._id, `@${ME} could you review the login fix before stand-up?`);
      await pause(1200);
      server.post('bob', direct._id, 'Lunch at 12:30? The new ramen place.');
    },
    stop: () => server.close(),
  };
}
