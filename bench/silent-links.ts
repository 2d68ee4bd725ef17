// `node --import tsx bench/silent-links.ts`: how long each protocol takes, with the app's own
// keep-alive settings, to notice a link that stops forwarding (both sockets stay open, nothing
// gets through). One account per protocol against its test server, each through a proxy told to
// go silent once the account is online; all four run at once. Prints seconds until the account
// left `online`.
import { account as accountSchema, type Account } from '../app/core/settings/accounts.js';
import { startThreeDRepoServer } from '../test/servers/3drepo/server.js';
import { startKuzzleServer } from '../test/servers/kuzzle/server.js';
import { startRocketChatServer } from '../test/servers/rocketchat/server.js';
import { ALICE, TOWER_ROOM, WORLD } from '../test/connectors/3drepo/world.js';
import { startMosquitto } from '../test/support/mosquitto.js';
import { startSilentProxy, type SilentProxy } from '../test/support/silent-proxy.js';
import { startTidings } from './tidings-app.js';
import { waitUntil } from './wait.js';

interface Stage {
  protocol: string;
  account: Account;
  proxy: SilentProxy;
  stop(): Promise<void>;
}

async function rocketChat(): Promise<Stage> {
  const server = await startRocketChatServer();
  server.addUser({ username: 'alice', password: 'alice-secret' });
  const proxy = await startSilentProxy({ port: Number(new URL(server.url).port) });
  return {
    protocol: 'Rocket.Chat',
    account: accountSchema.parse({
      id: 'rocketchat',
      type: 'rocketchat',
      server: proxy.via(server.url),
      auth: { username: 'alice', password: 'alice-secret' },
    }),
    proxy,
    stop: () => server.close(),
  };
}

async function threeDRepo(): Promise<Stage> {
  const server = await startThreeDRepoServer(WORLD);
  const proxy = await startSilentProxy({ port: server.port });
  return {
    protocol: '3D Repo',
    account: accountSchema.parse({
      id: '3drepo',
      type: '3drepo',
      server: server.url,
      chat: { url: proxy.via(server.url), path: server.chatPath },
      auth: { cookie: server.signIn(ALICE).cookie },
      rooms: [TOWER_ROOM],
    }),
    proxy,
    stop: () => server.stop(),
  };
}

async function dino(): Promise<Stage> {
  const broker = await startMosquitto({ users: ['4001'] });
  const proxy = await startSilentProxy({ port: broker.port });
  return {
    protocol: 'Dino',
    account: accountSchema.parse({
      id: 'dino',
      type: 'dino',
      broker: proxy.via(broker.url),
      userId: '4001',
      environment: 'test',
      auth: { username: '4001', password: broker.passwordFor('4001') },
    }),
    proxy,
    stop: () => broker.dispose(),
  };
}

async function kuzzle(): Promise<Stage> {
  const server = await startKuzzleServer({ users: { alice: 'wonderland' }, version: 2 });
  const proxy = await startSilentProxy({ port: Number(new URL(server.url).port) });
  return {
    protocol: 'Kuzzle (WebSocket)',
    account: accountSchema.parse({
      id: 'kuzzle',
      type: 'kuzzle',
      server: proxy.via(server.url),
      transport: 'websocket',
      auth: { username: 'alice', password: 'wonderland' },
      subscriptions: [{ index: 'shop', collection: 'orders' }],
    }),
    proxy,
    stop: () => server.stop(),
  };
}

async function measure(stage: Stage): Promise<{ protocol: string; seconds: number }> {
  let silencedAt: number | undefined;
  let noticedAt: number | undefined;
  const app = startTidings([stage.account], {
    onStatus: (status) => {
      if (silencedAt !== undefined && noticedAt === undefined && status.state !== 'online')
        noticedAt = Date.now();
    },
  });
  try {
    await app.waitOnline(30_000);
    stage.proxy.silence();
    silencedAt = Date.now();
    await waitUntil(() => noticedAt !== undefined, `${stage.protocol} to notice`, 180_000, 20);
    return { protocol: stage.protocol, seconds: (noticedAt! - silencedAt) / 1000 };
  } finally {
    await app.stop();
    await stage.proxy.stop();
    await stage.stop();
  }
}

const stages = await Promise.all([rocketChat(), threeDRepo(), dino(), kuzzle()]);
const results = await Promise.all(stages.map(measure));
for (const { protocol, seconds } of results)
  console.log(`${protocol.padEnd(20)} ${seconds.toFixed(1)} s to notice a silent link`);
