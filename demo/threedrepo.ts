// 3D Repo's part of the demo: the socket.io test server with a project and a model, and what
// colleagues do in the web app: a new revision, then a ticket assigned to the user.
import { threeDRepoAccount } from '../app/core/settings/accounts.js';
import { startThreeDRepoServer, type ModelPlace } from '../test/servers/3drepo/server.js';
import { pause, type DemoSource } from './source.js';

const ME = 'alice';
const PROJECT = '4f6e0a3c-7b51-4a66-9a1f-2f0a6c9e8d11';
const TOWER: ModelPlace = { teamspace: 'acme', project: PROJECT, model: 'tower-0001' };

export async function startThreeDRepoDemo(): Promise<DemoSource> {
  const server = await startThreeDRepoServer({
    users: [{ username: ME, password: 'alice-password' }],
    projects: [{ teamspace: 'acme', project: PROJECT, name: 'Harbour', admins: [ME] }],
    models: [{ ...TOWER, name: 'Tower', readers: [ME] }],
  });
  const { cookie } = server.signIn(ME);
  let round = 0;
  return {
    name: '3D Repo',
    account: threeDRepoAccount.parse({
      id: 'demo-3drepo',
      name: '3D Repo (acme)',
      type: '3drepo',
      server: server.url,
      auth: { cookie },
      rooms: [
        { notifications: true },
        { ...TOWER, name: 'Tower' },
        { teamspace: 'acme', project: PROJECT, name: 'Harbour' },
      ],
    }),
    async play() {
      round++;
      server.script.newRevision(TOWER, { tag: `v${round + 2}`, author: 'bob' });
      await pause(2000);
      const ticket = server.script.newTicket(TOWER, {
        number: 11 + round,
        title: 'Clash at level 3',
        owner: 'bob',
      });
      await pause(1500);
      server.script.assignTicket(TOWER, ticket, [ME]);
    },
    stop: () => server.stop(),
  };
}
