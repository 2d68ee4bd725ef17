import { startRocketChatBench } from './rocketchat.js';
import { dinoLatency, dinoThroughput, withBroker } from './dino.js';
await withBroker(async (broker) => {
  console.log(await dinoThroughput(broker, 100000, 1));
  console.log(await dinoLatency(broker, 5000, 1000));
});
const b = await startRocketChatBench();
console.log(await b.throughput(100000, 1));
await b.stop();
