// The CLI as users run it, with the app's own keep-alive settings (nothing shortened): one
// account per protocol, each through a proxy that goes silent (both sockets open, nothing gets
// through). Every account must notice within 30 s, reconnect, and the Dino message sent
// meanwhile must arrive once (the broker's session replays it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALICE, TOWER_ROOM, WORLD } from '../connectors/3drepo/world.js';
import { relayedMessage } from '../connectors/dino/fixtures.js';
import { connectPublisher } from '../connectors/dino/publisher.js';
import { startThreeDRepoServer, type ThreeDRepoServer } from '../servers/3drepo/server.js';
import { startKuzzleServer, type KuzzleTestServer } from '../servers/kuzzle/server.js';
import { startRocketChatServer, type RocketChatServer } from '../servers/rocketchat/server.js';
import { writeCliConfig, type CliConfig } from '../support/cli-config.js';
import { CliProcess } from '../support/cli-process.js';
import { startMosquitto, type Mosquitto } from '../support/mosquitto.js';
import { startSilentProxy, type SilentProxy } from '../support/silent-proxy.js';

const DINO_USER = '5001';
const ACCOUNTS = ['work', 'models', 'community', 'orders'];

let rocketChat: RocketChatServer;
let threeDRepo: ThreeDRepoServer;
let broker: Mosquitto;
let kuzzle: KuzzleTestServer;
const proxies: SilentProxy[] = [];
let config: CliConfig;

const portOf = (url: string) => Number(new URL(url).port);

beforeAll(async () => {
  [rocketChat, threeDRepo, broker, kuzzle] = await Promise.all([
    startRocketChatServer(),
    startThreeDRepoServer(WORLD),
    startMosquitto({ users: [DINO_USER] }),
    startKuzzleServer({ users: { alice: 'wonderland' } }),
  ]);
  rocketChat.addUser({ username: 'alice', password: 'alice-secret' });
  const targets = [rocketChat.url, threeDRepo.url, broker.url, kuzzle.url];
  proxies.push(
    ...(await Promise.all(targets.map((url) => startSilentProxy({ port: portOf(url) })))),
  );
  const [rc, repo, dino, kz] = proxies as [SilentProxy, SilentProxy, SilentProxy, SilentProxy];
  config = await writeCliConfig('silent-link', {
    accounts: [
      {
        id: 'work',
        type: 'rocketchat',
        server: rc.via(rocketChat.url),
        auth: { username: 'alice', password: 'alice-secret' },
      },
      {
        id: 'models',
        type: '3drepo',
        server: threeDRepo.url,
        chat: { url: repo.via(threeDRepo.url), path: threeDRepo.chatPath },
        auth: { cookie: threeDRepo.signIn(ALICE).cookie },
        rooms: [TOWER_ROOM],
      },
      {
        id: 'community',
        type: 'dino',
        broker: dino.via(broker.url),
        userId: DINO_USER,
        topic: broker.topicFor(DINO_USER),
        auth: { username: DINO_USER, password: broker.passwordFor(DINO_USER) },
      },
      {
        id: 'orders',
        type: 'kuzzle',
        server: kz.via(kuzzle.url),
        transport: 'websocket',
        auth: { username: 'alice', password: 'wonderland' },
        subscriptions: [{ index: 'shop', collection: 'orders' }],
      },
    ],
  });
});

afterAll(async () => {
  await Promise.all(proxies.map((proxy) => proxy.stop()));
  await Promise.all([rocketChat?.close(), threeDRepo?.stop(), broker?.dispose(), kuzzle?.stop()]);
  await config?.remove();
});

const statusOf = (line: Record<string, unknown>, account: string) =>
  line.type === 'status' && line.account === account;

describe('the CLI with a silent link on every protocol, at the real keep-alive settings', () => {
  it('each account notices within 30 s, reconnects, and the Dino message sent meanwhile arrives once', async () => {
    const cli = new CliProcess(['--config', config.path]);
    try {
      for (const account of ACCOUNTS) await cli.waitForStatus(account, 'online');
      const before = cli.lines().length;
      for (const proxy of proxies) proxy.silence();
      const publisher = await connectPublisher(broker);
      await publisher.publish(
        broker.topicFor(DINO_USER),
        relayedMessage({
          groupId: 'e5e5e5e5-0000-4000-8000-000000000005',
          sender: '42',
          senderName: 'alice',
          messageId: 'sent-while-silent',
          text: 'are you there?',
        }),
      );
      await publisher.close();

      const after = () => cli.lines().slice(before);
      // The bound the issue sets: every protocol notices a silent link within 30 s.
      await cli.waitFor(
        () =>
          ACCOUNTS.every((account) =>
            after().some((l) => statusOf(l, account) && l.state === 'reconnecting'),
          ),
        30_000,
      );
      await cli.waitFor(
        () =>
          ACCOUNTS.every((account) =>
            after().some((l) => statusOf(l, account) && l.state === 'online'),
          ),
        15_000,
      );
      const replayed = await cli.waitForLine((l) => l.id === 'sent-while-silent');
      expect(replayed).toMatchObject({ account: 'community', body: 'are you there?' });
      expect(cli.lines().filter((l) => l.id === 'sent-while-silent')).toHaveLength(1);
    } finally {
      cli.kill('SIGTERM');
    }
    expect((await cli.exit()).code).toBe(0);
  }, 60_000);
});
