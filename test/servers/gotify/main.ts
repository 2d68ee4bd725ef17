// Runs the Gotify test server on its own, for the demo or by hand:
//   node --import tsx test/servers/gotify/main.ts [--port N]
// It prints one JSON line, {"url", "clientToken", "appTokens"}, then reads commands on stdin,
// one per line: `publish <application> <message…>`, `urgent <application> <message…>`,
// `restart`, `quit`. `curl -H "X-Gotify-Key: <app token>" -d '{"message":"…"}' <url>/message`
// posts as an application would.
import { readCommands } from '../stdin-commands.js';
import { startGotifyServer } from './server.js';

const at = process.argv.indexOf('--port');
const server = await startGotifyServer({
  port: at > 0 ? Number(process.argv[at + 1]) : 0,
  users: {
    demo: {
      password: 'demo-password',
      clients: ['CdemoDesktop'],
      apps: [
        { name: 'Backups', defaultPriority: 5 },
        { name: 'Alarms', defaultPriority: 8 },
      ],
    },
  },
});
const appTokens = Object.fromEntries(
  [...server.store.apps].map(([token, a]) => [a.app.name, token]),
);
process.stdout.write(
  `${JSON.stringify({ url: server.url, clientToken: 'CdemoDesktop', appTokens })}\n`,
);

await readCommands({
  publish: ([app = 'Backups', ...words]) => void server.publish(app, { message: words.join(' ') }),
  urgent: ([app = 'Alarms', ...words]) =>
    void server.publish(app, { message: words.join(' '), priority: 10 }),
  restart: () => server.restart(),
  quit: async () => {
    await server.stop();
    process.exit(0);
  },
});
await server.stop();
