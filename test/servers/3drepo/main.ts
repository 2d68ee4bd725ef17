// Runs the 3D Repo test server on its own, for the demo:
//   node --import tsx test/servers/3drepo/main.ts [--port N]
// It prints one JSON line, {"url", "cookie", "rooms"}, then reads commands on stdin, one per
// line: `revision`, `import-failed`, `ticket`, `assign`, `comment`, `logout`, `restart`,
// `stop`, `start`, `tickets N` (N tickets on Tower, kept and sent), `requests` (catch-up's REST
// requests so far, as one JSON line), `quit`; after each it
// prints `done <command>`. Tests that measure the app's event loop run it so, out of their process.
import { createInterface } from 'node:readline';
import { startThreeDRepoServer, type ModelPlace } from './server.js';

const USER = 'alice';
const PROJECT = '4f6e0a3c-7b51-4a66-9a1f-2f0a6c9e8d11';
const TOWER: ModelPlace = { teamspace: 'acme', project: PROJECT, model: 'tower-0001' };

const portArg = process.argv.indexOf('--port');
/** Catch-up's REST requests so far, by route with the ids left out. */
const requests: Record<string, number> = {};
const server = await startThreeDRepoServer({
  onModelRequest: (route) => {
    const shape = route.replace(/\/(containers|federations|drawings|tickets)\/[^/]+/g, '/$1/…');
    requests[shape] = (requests[shape] ?? 0) + 1;
  },
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

const commands: Record<string, (arg?: string) => void | Promise<void>> = {
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
  stop: () => server.stop(),
  start: () => server.start(),
  tickets: (count = '1') => {
    for (let number = 1; number <= Number(count); number++)
      server.script.newTicket(TOWER, { number, title: `Clash ${number}`, owner: 'bob' });
  },
  requests: () => void process.stdout.write(`${JSON.stringify(requests)}\n`),
  quit: async () => {
    await server.stop();
    process.exit(0);
  },
};

for await (const line of createInterface({ input: process.stdin })) {
  const [name = '', arg] = line.trim().split(/\s+/);
  const command = commands[name];
  if (command) {
    await command(arg);
    process.stdout.write(`done ${name}\n`);
  } else if (name) process.stderr.write(`unknown command: ${line}\n`);
}
await server.stop();
