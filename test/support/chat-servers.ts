// The Kuzzle and Rocket.Chat test servers as the CLI's tests meet them, started before a file's
// tests and stopped after: alice is the user, and on Rocket.Chat bob talks to her in #general.
import { afterAll, beforeAll } from 'vitest';
import { startKuzzleServer, type KuzzleTestServer } from '../servers/kuzzle/server.js';
import { startRocketChatServer, type RocketChatServer } from '../servers/rocketchat/server.js';

export interface Started<T> {
  /** Set in beforeAll. */
  readonly server: T;
}

/** Kuzzle with the user alice (password `wonderland`). */
export function useKuzzleServer(): Started<KuzzleTestServer> {
  const started = {} as { server: KuzzleTestServer };
  beforeAll(async () => {
    started.server = await startKuzzleServer({ users: { alice: 'wonderland' } });
  });
  afterAll(async () => {
    await started.server?.stop();
  });
  return started;
}

/**
 * Rocket.Chat (greeting with `server_id`, as a current server does) with alice (`alice-secret`,
 * id `alice-id`) and bob (`bob-secret`) in the channel #general (id `GENERAL`).
 */
export function useRocketChatGeneral(): Started<RocketChatServer> {
  const started = {} as { server: RocketChatServer };
  beforeAll(async () => {
    const server = await startRocketChatServer({ greeting: 'server_id' });
    server.addUser({ username: 'alice', password: 'alice-secret', id: 'alice-id' });
    server.addUser({ username: 'bob', password: 'bob-secret', id: 'bob-id' });
    server.addRoom({ type: 'c', name: 'general', members: ['alice', 'bob'], id: 'GENERAL' });
    started.server = server;
  });
  afterAll(async () => {
    await started.server?.close();
  });
  return started;
}
