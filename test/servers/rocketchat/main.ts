// Runs the Rocket.Chat test server on its own, for a person or another process to script:
//   node --import tsx test/servers/rocketchat/main.ts [--port N] [--persona rc3|rc7|rc8]
// It prints one JSON line, {"url", "users", "rooms", "token"} (alice's personal access token),
// then reads commands on stdin, one per line:
//   post <user> <room> <text…>     react <user> <message id> <emoji>
//   edit <user> <message id> <text…>   delete <user> <message id>   read <user> <room>
//   status <user> online|away|busy   drop   silence   restart   quit
// Each command answers one JSON line on stdout ({"ok":true,…} or {"error":"…"}).
import { createInterface } from 'node:readline';
import type { Persona } from './options.js';
import { startRocketChatServer } from './server.js';

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
}

const server = await startRocketChatServer({
  port: Number(argument('--port') ?? 0),
  persona: (argument('--persona') as Persona | undefined) ?? 'rc7',
});
const team = ['alice', 'bob', 'carol'];
for (const username of team)
  server.addUser({
    username,
    password: `${username}-password`,
    name: username[0]!.toUpperCase() + username.slice(1),
    id: `${username}-id`,
  });
const rooms = {
  general: server.addRoom({ type: 'c', name: 'general', members: team, id: 'GENERAL' }),
  dev: server.addRoom({ type: 'p', name: 'dev', members: team, id: 'DEV' }),
  direct: server.addRoom({ type: 'd', members: ['alice', 'bob'] }),
};
/** A room by its short name here (general, dev, direct) or by its id. */
const room = (name: string) => rooms[name as keyof typeof rooms]?._id ?? name;

const say = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
say({
  url: server.url,
  users: team.map((username) => ({ username, password: `${username}-password` })),
  rooms: Object.fromEntries(Object.entries(rooms).map(([name, r]) => [name, r._id])),
  token: { userId: 'alice-id', token: server.personalAccessToken('alice') },
});

type Command = (args: string[]) => unknown;
const commands: Record<string, Command> = {
  post: ([user, rid, ...text]) => ({ id: server.post(user!, room(rid!), text.join(' '))._id }),
  edit: ([user, mid, ...text]) => ({ id: server.edit(user!, mid!, text.join(' '))._id }),
  delete: ([user, mid]) => server.delete(user!, mid!),
  react: ([user, mid, emoji]) => ({ reactions: server.react(user!, mid!, emoji!).reactions }),
  read: ([user, rid]) => server.read(user!, room(rid!)),
  status: ([user, status]) => server.setStatus(user!, status as 'online' | 'away' | 'busy'),
  drop: () => server.dropConnections(),
  silence: () => server.silenceConnections(),
  restart: async () => {
    await server.stop();
    await server.restart();
  },
  quit: async () => {
    await server.close();
    process.exit(0);
  },
};

for await (const line of createInterface({ input: process.stdin })) {
  const [name, ...args] = line.trim().split(/\s+/);
  if (!name) continue;
  const command = commands[name];
  if (!command) {
    say({ error: `unknown command: ${name}` });
    continue;
  }
  try {
    say({ ok: true, ...((await command(args)) as object | undefined) });
  } catch (error) {
    say({ error: error instanceof Error ? error.message : String(error) });
  }
}
await server.close();
