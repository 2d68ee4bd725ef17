// A 3D Repo link that goes silent, and a packet that is not JSON: the chat service replays
// nothing, so the first must be found fast and the second must cost nothing but itself.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PROBE_INTERVAL_MS } from '../../../app/connectors/3drepo/client.js';
import { silenceDeadlineMs } from '../../../app/connectors/shared/silence-watch.js';
import { startThreeDRepoServer, type ThreeDRepoServer } from '../../servers/3drepo/server.js';
import { startSilentProxy, type SilentProxy } from '../../support/silent-proxy.js';
import {
  makeThreeDRepoAccount,
  startThreeDRepoApp,
  type ThreeDRepoApp,
} from '../../support/threedrepo-app.js';
import { ALICE, TOWER, TOWER_ROOM, WORLD } from './world.js';

let server: ThreeDRepoServer;
let proxy: SilentProxy | undefined;
let app: ThreeDRepoApp | undefined;

beforeAll(async () => {
  server = await startThreeDRepoServer(WORLD);
});

afterEach(async () => {
  await app?.stop();
  await proxy?.stop();
  app = proxy = undefined;
});

afterAll(async () => {
  await server?.stop();
});

function account(chatUrl = server.url) {
  return makeThreeDRepoAccount({
    server: server.url,
    chat: { url: chatUrl, path: server.chatPath },
    auth: { cookie: server.signIn(ALICE).cookie },
    rooms: [TOWER_ROOM],
  });
}

describe('a 3D Repo link that goes silent', () => {
  it('is found by our probe, replaced, and the rooms are joined again', async () => {
    proxy = await startSilentProxy({ port: server.port });
    // 300 ms instead of the app's 10 s: the same probe and verdict, sooner.
    app = startThreeDRepoApp(account(proxy.via(server.url)), {
      connector: { probeIntervalMs: 300 },
    });
    await app.waitForState('online');
    // Quiet for longer than the probe interval: a healthy link answers the probe and stays.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(app.connects()).toBe(1);

    proxy.silence();
    await app.waitFor(() => expect(app!.connects()).toBe(2), 10_000);
    expect(app.logs).toContainEqual(
      expect.objectContaining({
        message: 'connection lost',
        fields: expect.objectContaining({
          error: expect.stringMatching(
            /^connection lost: no answer from the chat service for \d+ s$/,
          ),
        }),
      }),
    );
    await app.waitForState('online');
    server.script.newRevision(TOWER, { tag: 'v7', author: 'bob' });
    await app.waitForEvent((e) => e.body === 'New revision v7 by bob');
    // The probe's answer is not the user's business.
    expect(app.logs.map((l) => l.message)).not.toContain('3D Repo chat service error');
  });

  it('the app probes after 10 s of silence, so a silent link is found within 30 s', () => {
    expect(DEFAULT_PROBE_INTERVAL_MS).toBe(10_000);
    expect(silenceDeadlineMs(DEFAULT_PROBE_INTERVAL_MS)).toBeLessThanOrEqual(30_000);
  });
});

describe('a socket.io packet that is not JSON', () => {
  it('is dropped and said so beside the status; the events right after it arrive', async () => {
    app = startThreeDRepoApp(account());
    await app.waitForState('online');

    server.sendRaw('2["containerNewRevision",{"teamspace":');
    server.script.newRevision(TOWER, { tag: 'v8', author: 'bob' });
    await app.waitForEvent((e) => e.body === 'New revision v8 by bob');
    expect(app.connects()).toBe(1);
    expect(app.status()).toMatchObject({
      state: 'online',
      details: {
        Tower: 'joined',
        'Malformed packets':
          '1 packet that could not be decoded dropped; the connection and the events after it kept',
      },
    });

    server.sendRaw('2[unterminated');
    await app.waitFor(() =>
      expect(app!.status().details?.['Malformed packets']).toBe(
        '2 packets that could not be decoded dropped; the connection and the events after them kept',
      ),
    );
  });
});
