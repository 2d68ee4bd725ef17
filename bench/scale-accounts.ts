// The scale benchmark's accounts: an even mix of the protocols, each against its own real or
// test server on loopback, started here and stopped when the run is done.
import {
  dinoAccount,
  kuzzleAccount,
  rocketchatAccount,
  threeDRepoAccount,
  type Account,
} from '../app/core/settings/accounts.js';
import { startThreeDRepoServer } from '../test/servers/3drepo/server.js';
import { startKuzzleServer } from '../test/servers/kuzzle/server.js';
import { startRocketChatServer } from '../test/servers/rocketchat/server.js';
import { startMosquitto } from '../test/support/mosquitto.js';

type Stop = () => Promise<void>;
export type Maker = (count: number) => Promise<{ accounts: Account[]; stop: Stop }>;

const dino: Maker = async (count) => {
  const users = Array.from({ length: count }, (_, i) => String(5000 + i));
  const broker = await startMosquitto({ users });
  const accounts = users.map((user) =>
    dinoAccount.parse({
      id: `dino-${user}`,
      type: 'dino',
      broker: broker.url,
      userId: user,
      environment: 'test',
      auth: { username: user, password: broker.passwordFor(user) },
    }),
  );
  return { accounts, stop: () => broker.dispose() };
};

const PROJECT = '4f6e0a3c-7b51-4a66-9a1f-2f0a6c9e8d11';

const threeDRepo: Maker = async (count) => {
  const users = Array.from({ length: count }, (_, i) => `user${i}`);
  const server = await startThreeDRepoServer({
    users: users.map((username) => ({ username, password: 'pw' })),
    projects: [{ teamspace: 'acme', project: PROJECT, name: 'Harbour', admins: users }],
    models: [
      { teamspace: 'acme', project: PROJECT, model: 'tower', name: 'Tower', readers: users },
    ],
  });
  const accounts = users.map((username) =>
    threeDRepoAccount.parse({
      id: `3drepo-${username}`,
      type: '3drepo',
      server: server.url,
      chat: { url: server.url, path: server.chatPath },
      auth: { cookie: server.signIn(username).cookie },
      rooms: [
        { notifications: true },
        { teamspace: 'acme', project: PROJECT, model: 'tower', name: 'Tower' },
      ],
    }),
  );
  return { accounts, stop: () => server.stop() };
};

const kuzzle: Maker = async (count) => {
  const users = Object.fromEntries(Array.from({ length: count }, (_, i) => [`user${i}`, 'pw']));
  // Kuzzle allows one login per second per user name, not across users; no limit is needed here.
  const server = await startKuzzleServer({ users, loginsPerSecond: 0 });
  const accounts = Object.keys(users).map((username) =>
    kuzzleAccount.parse({
      id: `kuzzle-${username}`,
      type: 'kuzzle',
      server: server.url,
      transport: 'websocket',
      auth: { username, password: 'pw' },
      subscriptions: [
        { index: 'shop', collection: 'orders', filters: { equals: { status: 'paid' } } },
      ],
    }),
  );
  return { accounts, stop: () => server.stop() };
};

const rocketChat: Maker = async (count) => {
  const server = await startRocketChatServer();
  const users = Array.from({ length: count }, (_, i) =>
    server.addUser({ username: `user${i}`, password: 'pw' }),
  );
  server.addRoom({ type: 'c', name: 'general', members: users.map((u) => u.username) });
  const accounts = users.map((user) =>
    rocketchatAccount.parse({
      id: `rocketchat-${user.username}`,
      type: 'rocketchat',
      server: server.url,
      auth: { userId: user._id, token: server.personalAccessToken(user.username) },
    }),
  );
  return { accounts, stop: () => server.close() };
};

/** Each protocol's accounts with their server, by account type. */
export const accountMakers = {
  rocketchat: rocketChat,
  '3drepo': threeDRepo,
  dino,
  kuzzle,
} satisfies Record<string, Maker>;

const makers: Maker[] = Object.values(accountMakers);

export async function mixedAccounts<T>(
  count: number,
  run: (accounts: Account[]) => Promise<T>,
  only: readonly Maker[] = makers,
): Promise<T> {
  const started: { accounts: Account[]; stop: Stop }[] = [];
  try {
    for (const [i, make] of only.entries()) {
      const share = Math.floor(count / only.length) + (i < count % only.length ? 1 : 0);
      started.push(await make(share));
    }
    return await run(started.flatMap((s) => s.accounts));
  } finally {
    await Promise.allSettled(started.map((s) => s.stop()));
  }
}
