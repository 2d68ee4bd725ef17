// Runs the Kuzzle test server on its own, for the demo and for trying the app by hand:
//   node --import tsx test/servers/kuzzle/main.ts [--version 1|2] [--user name:password]…
//        [--mqtt mqtt://127.0.0.1:1883 --mqtt-user u --mqtt-password p]
// Prints one JSON line {"url": …} on stdout once listening; stops on SIGINT/SIGTERM.
import { parseArgs } from 'node:util';
import { startKuzzleServer } from './server.js';

const { values } = parseArgs({
  options: {
    version: { type: 'string', default: '2' },
    user: { type: 'string', multiple: true, default: ['alice:wonderland'] },
    anonymous: { type: 'boolean', default: false },
    mqtt: { type: 'string' },
    'mqtt-user': { type: 'string' },
    'mqtt-password': { type: 'string' },
  },
});

const users = Object.fromEntries(
  values.user.map((pair) => {
    const at = pair.indexOf(':');
    return [pair.slice(0, at), pair.slice(at + 1)];
  }),
);
const server = await startKuzzleServer({
  version: values.version === '1' ? 1 : 2,
  users,
  anonymous: values.anonymous,
  ...(values.mqtt && {
    mqtt: {
      url: values.mqtt,
      ...(values['mqtt-user'] && {
        username: values['mqtt-user'],
        password: values['mqtt-password'],
      }),
    },
  }),
});
process.stdout.write(`${JSON.stringify({ url: server.url, version: server.version })}\n`);
const stop = () => void server.stop().finally(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
