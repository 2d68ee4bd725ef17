// Runs the 3D Repo test server on its own, for the demo:
//   node --import tsx test/servers/3drepo/main.ts [--port N]
// It prints one JSON line, {"url", "cookie", "rooms"}, then reads commands on stdin, one per
// line: `revision`, `import-failed`, `ticket`, `assign`, `comment`, `logout`, `restart`, `quit`.
import { createInterface } from 'node:readline';
import { startThreeDRepoServer, type ModelPlace } from './server.js';

const USER = 'alice';
const PROJECT = '4f6e0a3c-7b51-4a66-9a1f-2f0a6c9e8d11';
const TOWER: ModelPlace = { teamspace: 'acme', project: PROJECT, model: 'tower-0001' };

const portArg = process.argv.indexOf('--port');
const server = await startThreeDRepoServer({
  port: portArg > 0 ? Number(process.argv[portArg + 1]) : 0,
  users: [{ username: USER, password: 'alice-password' }],
  projects: [{ teamspace: 'acme', project: PROJECT, name: 'Harbour', admins: [USER] }],
  models: [{ ...TOWER, name: 'Tower', readers: [USER] }],
});
const { session, cookie } = server.signIn(USER);
let ticket: string | undefined;

process.stdout.write(
  `${JSON.stringify({
    url: server.url,
    cookie,
    rooms: [
      { notifications: true },
      { ...TOWER, name: 'Tower' },
      { teamspace: 'acme', project: PROJECT, name: 'Harbour' },
    ],
  })}\n`,
);

const commands: Record<string, () => void | Promise<void>> = {
  revision: () => void server.script.newRevision(TOWER, { tag: 'v3', author: 'bob' }),
  'import-failed': () => server.script.importFailed(TOWER, 'File format not supported'),
  ticket: () => {
    ticket = server.script.newTicket(TOWER, {
      number: 12,
      title: 'Clash at level 3',
      owner: 'bob',
    });
  },
  assign: () => {
    if (ticket) server.script.assignTicket(TOWER, ticket, [USER]);
  },
  comment: () => {
    if (ticket) server.script.commentOnTicket(TOWER, ticket, 'bob', `@${USER} can you check?`);
  },
  logout: () => server.endSession(session.sid),
  restart: () => server.restart(),
  quit: async () => {
    await server.stop();
    process.exit(0);
  },
};

for await (const line of createInterface({ input: process.stdin })) {
  const command = commands[line.trim()];
  if (command) await command();
  else if (line.trim()) process.stderr.write(`unknown command: ${line}\n`);
}
await server.stop();
