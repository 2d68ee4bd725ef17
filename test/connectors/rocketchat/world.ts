// One small Rocket.Chat world on the test server: alice is the app's user; bob and carol talk.
import { afterEach, beforeEach } from 'vitest';
import type { RocketChatApp } from './rocketchat-app.js';
import {
  startRocketChatServer,
  type RocketChatServer,
  type RocketChatServerOptions,
  type Room,
} from '../../servers/rocketchat/server.js';

export const PASSWORDS = { alice: 'alice-secret', bob: 'bob-secret', carol: 'carol-secret' };

export interface World {
  server: RocketChatServer;
  general: Room;
  dev: Room;
  random: Room;
  direct: Room;
}

export async function startWorld(options: RocketChatServerOptions = {}): Promise<World> {
  const server = await startRocketChatServer(options);
  server.addUser({ username: 'alice', password: PASSWORDS.alice, name: 'Alice', id: 'alice-id' });
  server.addUser({ username: 'bob', password: PASSWORDS.bob, name: 'Bob', id: 'bob-id' });
  server.addUser({ username: 'carol', password: PASSWORDS.carol, name: 'Carol', id: 'carol-id' });
  const members = ['alice', 'bob', 'carol'];
  return {
    server,
    general: server.addRoom({ type: 'c', name: 'general', members, id: 'GENERAL' }),
    dev: server.addRoom({ type: 'p', name: 'dev', members, id: 'DEV' }),
    random: server.addRoom({ type: 'c', name: 'random', members, id: 'RANDOM' }),
    direct: server.addRoom({ type: 'd', members: ['bob', 'alice'] }),
  };
}

export const aliceByPassword = { username: 'alice', password: PASSWORDS.alice };

export interface WorldFixture {
  /** The world of the running test. */
  world: World;
  /** Stops `app` after the test. */
  started(app: RocketChatApp): RocketChatApp;
  /** Swaps the test's world for one started with other server options. */
  replace(options: RocketChatServerOptions): Promise<World>;
}

/** A fresh world for each test, and every app and server stopped after it. */
export function useWorld(): WorldFixture {
  const apps: RocketChatApp[] = [];
  const fixture: WorldFixture = {
    world: undefined as unknown as World,
    started(app) {
      apps.push(app);
      return app;
    },
    async replace(options) {
      await fixture.world.server.close();
      fixture.world = await startWorld(options);
      return fixture.world;
    },
  };
  beforeEach(async () => {
    fixture.world = await startWorld();
  });
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.stop()));
    await fixture.world.server.close();
  });
  return fixture;
}
