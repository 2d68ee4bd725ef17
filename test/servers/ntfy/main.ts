// Runs the ntfy test server on its own, for the demo or by hand:
//   node --import tsx test/servers/ntfy/main.ts [--port N] [--token tk_…]
// It prints one JSON line, {"url", "token", "topics"}, then reads commands on stdin, one per
// line: `publish <topic> <message…>`, `urgent <topic> <message…>`, `restart`, `quit`. Anything
// `curl -d "text" <url>/<topic>` sends is published as on a real ntfy.
import { readCommands } from '../stdin-commands.js';
import { startNtfyServer } from './server.js';

const arg = (name: string) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const token = arg('--token');
const server = await startNtfyServer({
  port: Number(arg('--port') ?? 0),
  ...(token && { users: { demo: { tokens: [token], read: ['*'] } }, anonymousRead: [] }),
});
process.stdout.write(
  `${JSON.stringify({ url: server.url, ...(token && { token }), topics: ['backups', 'ci'] })}\n`,
);

await readCommands({
  publish: ([topic = 'ci', ...words]) => void server.publish(topic, { message: words.join(' ') }),
  urgent: ([topic = 'ci', ...words]) =>
    void server.publish(topic, { message: words.join(' '), priority: 5, tags: ['rotating_light'] }),
  restart: () => server.restart(),
  quit: async () => {
    await server.stop();
    process.exit(0);
  },
});
await server.stop();
