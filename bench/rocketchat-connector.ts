// `node --import tsx bench/rocketchat-connector.ts [messages] [rounds]`: what the Rocket.Chat
// connector alone costs per frame (no pipeline, no state), beside a bare ws client with
// JSON.parse on the same frames, in rounds that alternate. Two streams: the notification frames
// of the main benchmark, and each message as a user's client gets it (its notification and its
// `subscriptions-changed` frame). With BENCH_PROFILE, CPU profiles of the last round.
import { startRocketChatBench } from './rocketchat.js';

const messages = Number(process.argv[2] ?? 50_000);
const rounds = Number(process.argv[3] ?? 3);
const bench = await startRocketChatBench();
const micros = (perSecond: number) => 1e6 / perSecond;
try {
  for (const counters of [false, true]) {
    const what = counters ? 'notification + subscriptions-changed' : 'notification frames only';
    for (let round = 0; round < rounds; round++) {
      const r = await bench.connectorAlone(messages, counters);
      const added = micros(r.connectorPerSecond) - micros(r.baselinePerSecond);
      console.log(
        `${what}, round ${round + 1}: ${r.frames} frames → ${r.events} events; µs per frame: ` +
          `bare ${micros(r.baselinePerSecond).toFixed(2)}, connector ` +
          `${micros(r.connectorPerSecond).toFixed(2)} (+${added.toFixed(2)}); per message ` +
          `+${((added * r.frames) / messages).toFixed(2)} µs`,
      );
    }
  }
} finally {
  await bench.stop();
}
