// The Rocket.Chat test server in a process of its own, so that writing frames does not share
// the measured process's CPU. Driven over IPC by bench/rocketchat.ts:
//   ready                 → { url, userId, token }
//   prepare { count }     → the server's own `<uid>/notification` frames for `count` messages
//                           from bob over 50 rooms, captured by a client of alice's; → { prepared }
//                           with `counters`, each message's `<uid>/subscriptions-changed` frame
//                           too (what a user's client gets per message: two frames)
//   blast                 → every prepared frame written at once to alice's connections
//   pace { count, rate }  → `count` messages at `rate`/s, each stamped with when it was written
import { WebSocket } from 'ws';
import { startRocketChatServer } from '../test/servers/rocketchat/server.js';

const ROOMS = 50;
const server = await startRocketChatServer();
const alice = server.addUser({ username: 'alice', password: 'alice-password' });
server.addUser({ username: 'bob', password: 'bob-password' });
const rooms = Array.from({ length: ROOMS }, (_, i) =>
  server.addRoom({ type: 'c', name: `room-${i}`, members: ['alice', 'bob'] }),
);
const token = server.personalAccessToken('alice');
let prepared: string[] = [];

/**
 * The counter frames, stamped a day later: a client connecting after the capture reads the
 * subscriptions as they are at the end of it, and would take the captured counters as older
 * snapshots (and drop them) otherwise.
 */
const DAY_MS = 86_400_000;
const restamped = (text: string) =>
  text.replace(
    /"_updatedAt":\{"\$date":(\d+)\}/g,
    (_, ms: string) => `"_updatedAt":{"$date":${Number(ms) + DAY_MS}}`,
  );

/** A DDP client of alice's that keeps the text of every notification (and counter) frame. */
async function captureNotifications(
  count: number,
  counters: boolean,
  post: (i: number) => void,
): Promise<string[]> {
  const socket = new WebSocket(`${server.url.replace(/^http/, 'ws')}/websocket`);
  const frames: string[] = [];
  const streams = counters ? ['notification', 'subscriptions-changed'] : ['notification'];
  let waiting = streams.length;
  let ready: () => void = () => {};
  const subscribed = new Promise<void>((resolve) => (ready = resolve));
  socket.on('message', (data) => {
    const text = String(data);
    const frame = JSON.parse(text) as {
      msg?: string;
      id?: string;
      fields?: { eventName?: string };
    };
    if (frame.msg === 'result' && frame.id === 'login')
      for (const stream of streams)
        socket.send(
          JSON.stringify({
            msg: 'sub',
            id: stream,
            name: 'stream-notify-user',
            params: [`${alice._id}/${stream}`, { useCollection: false, args: [] }],
          }),
        );
    else if (frame.msg === 'ready' && --waiting === 0) ready();
    else if (frame.msg === 'changed' && frame.fields?.eventName === `${alice._id}/notification`)
      frames.push(text);
    else if (frame.msg === 'changed' && frame.fields?.eventName?.endsWith('/subscriptions-changed'))
      frames.push(restamped(text));
  });
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(JSON.stringify({ msg: 'connect', version: '1', support: ['1'] }));
  socket.send(
    JSON.stringify({ msg: 'method', method: 'login', id: 'login', params: [{ resume: token }] }),
  );
  await subscribed;
  for (let i = 0; i < count; i++) post(i);
  while (frames.length < count * streams.length)
    await new Promise((resolve) => setTimeout(resolve, 5));
  socket.close();
  return frames;
}

const now = () => performance.timeOrigin + performance.now();

async function pace(count: number, rate: number): Promise<void> {
  const started = now();
  let next = 0;
  while (next < count) {
    const due = Math.min(count, Math.floor(((now() - started) * rate) / 1000) + 1);
    for (; next < due; next++)
      server.post('bob', rooms[next % ROOMS]!._id, `sent ${now().toFixed(3)} #${next}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

type Command = { type: string; count?: number; rate?: number; counters?: boolean };

process.on('message', (command: Command) => {
  void (async () => {
    if (command.type === 'prepare') {
      const counters = command.counters ?? false;
      prepared = await captureNotifications(command.count ?? 0, counters, (i) =>
        server.post('bob', rooms[i % ROOMS]!._id, `message ${i} about the release`),
      );
      process.send?.({ type: 'prepared', count: prepared.length });
    } else if (command.type === 'blast') {
      for (const frame of prepared) server.sendRaw('alice', frame);
    } else if (command.type === 'pace') {
      await pace(command.count ?? 0, command.rate ?? 1000);
      process.send?.({ type: 'paced' });
    } else if (command.type === 'stop') {
      await server.close();
      process.exit(0);
    }
  })();
});
process.send?.({ type: 'ready', url: server.url, userId: alice._id, token });
