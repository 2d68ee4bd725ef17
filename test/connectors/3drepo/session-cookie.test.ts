// The session cookie is the user's whole 3D Repo session: it goes only to a chat service on the
// server's own site (or one the user named), never in the clear from an https:// server.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startThreeDRepoServer, type ThreeDRepoServer } from '../../servers/3drepo/server.js';
import {
  makeThreeDRepoAccount,
  startThreeDRepoApp,
  type ThreeDRepoApp,
} from '../../support/threedrepo-app.js';
import { settle } from '../../support/settle.js';
import { ALICE, TOWER, TOWER_ROOM, WORLD } from './world.js';

/** config.js names the same port under another name: a different host as far as cookies go. */
const elsewhere = (siteUrl: string) => siteUrl.replace('127.0.0.1', 'localhost');

let server: ThreeDRepoServer;
const apps: ThreeDRepoApp[] = [];

beforeAll(async () => {
  server = await startThreeDRepoServer({ ...WORLD, chatHost: elsewhere });
});

afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.stop()));
});

afterAll(async () => {
  await server?.stop();
});

function start(...args: Parameters<typeof makeThreeDRepoAccount>): ThreeDRepoApp {
  const app = startThreeDRepoApp(makeThreeDRepoAccount(...args));
  apps.push(app);
  return app;
}

describe('where the 3D Repo session cookie goes', () => {
  it('a chat host from config.js on another site gets no cookie, and the status says why', async () => {
    const app = start({
      server: server.url,
      auth: { cookie: server.signIn(ALICE).cookie },
      rooms: [TOWER_ROOM],
    });
    const status = await app.waitForState('offline');
    expect(status.reason).toBe(
      `config.js names the chat service at ${new URL(elsewhere(server.url)).host}, which is not ` +
        `on the site of ${new URL(server.url).host}: not sending the session there ` +
        "(name it as the account's chat url to trust it)",
    );
    await settle();
    expect(server.connectionCount()).toBe(0);
    expect(app.connects()).toBe(1);
  });

  it('the same host named as the account chat url is the user confirming it', async () => {
    const app = start({
      server: server.url,
      chat: { url: elsewhere(server.url), path: server.chatPath },
      auth: { cookie: server.signIn(ALICE).cookie },
      rooms: [TOWER_ROOM],
    });
    expect((await app.waitForState('online')).details).toEqual({ Tower: 'joined' });
    server.script.newRevision(TOWER, { tag: 'v4', author: 'bob' });
    await app.waitForEvent((e) => e.body === 'New revision v4 by bob');
  });

  it('never over plain http:// when the server is https://, even to a named chat url', async () => {
    const app = start({
      server: `https://127.0.0.1:${server.port}`,
      chat: { url: server.url, path: server.chatPath },
      auth: { cookie: server.signIn(ALICE).cookie },
      rooms: [TOWER_ROOM],
    });
    const status = await app.waitForState('offline');
    expect(status.reason).toBe(
      `not sending the session to ${new URL(server.url).host} over unencrypted http://: the server is https://`,
    );
    await settle();
    expect(server.connectionCount()).toBe(0);
  });
});
