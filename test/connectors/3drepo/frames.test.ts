// A frame over the limit from the socket.io 4 test server: refused before it is buffered (ws
// closes the link for it), the account reconnects at once, and what follows is shown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startThreeDRepoServer, type ThreeDRepoServer } from '../../servers/3drepo/server.js';
import {
  makeThreeDRepoAccount,
  startThreeDRepoApp,
  type ThreeDRepoApp,
} from '../../support/threedrepo-app.js';
import { ALICE, TOWER, TOWER_ROOM, WORLD } from './world.js';

let server: ThreeDRepoServer;
let app: ThreeDRepoApp | undefined;

beforeAll(async () => {
  server = await startThreeDRepoServer(WORLD);
});

afterAll(async () => {
  await app?.stop();
  await server?.stop();
});

describe('3D Repo frames over 4 MB', () => {
  it('close the link without buffering; the account reconnects at once and goes on', async () => {
    // A backoff of minutes: only an immediate reconnect brings the account back within the test.
    const backoff = { initialMs: 600_000, minMs: 600_000, maxMs: 600_000 };
    app = startThreeDRepoApp(
      makeThreeDRepoAccount({
        server: server.url,
        chat: { url: server.url, path: server.chatPath },
        auth: { cookie: server.signIn(ALICE).cookie },
        rooms: [TOWER_ROOM] as never,
      }),
      { backoff },
    );
    await app.waitForState('online');
    server.emitModelEvent(TOWER, 'modelStatusChanged', { pad: 'x'.repeat(5 * 1024 * 1024) });
    await app.waitFor(() => expect(app!.connects()).toBe(2));
    await app.waitForState('online');
    server.script.newRevision(TOWER, { tag: 'v9', author: 'bob' });
    await app.waitForEvent((e) => e.kind === 'model-revision-added');
    expect(app.statuses.map((s) => s.reason)).toContain(
      '3D Repo sent a frame over 4 MB; reconnecting at once',
    );
  });
});
