// "Test connection" on a 3D Repo account with a password signs in anew (POST /v5/login). 3D Repo
// ends a user's older sessions on a new sign-in only when it comes from a web browser's page
// (`removeOldSessions`: a Referer, and only the browser sessions from the same site). Tidings
// signs in from Node with neither, so the probe leaves the running account signed in, and the
// user's own browser session too; a browser's sign-in from the site would end the older one.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { threeDRepoConnector } from '../../../app/connectors/3drepo/connector.js';
import { testConnection } from '../../../app/desktop/connection-test.js';
import { startThreeDRepoServer, type ThreeDRepoServer } from '../../servers/3drepo/server.js';
import { probeOptions } from '../../support/connection-probe.js';
import { makeThreeDRepoAccount, startThreeDRepoApp } from '../../support/threedrepo-app.js';
import { ALICE, ALICE_PASSWORD, TOWER, TOWER_ROOM, WORLD } from './world.js';

let server: ThreeDRepoServer;

beforeAll(async () => {
  server = await startThreeDRepoServer(WORLD);
});

afterAll(async () => {
  await server?.stop();
});

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';

/** Alice signs in from the web app in her browser; the answer's session cookie. */
async function browserSignIn(): Promise<string> {
  const response = await fetch(`${server.url}/v5/login`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': FIREFOX,
      referer: `${server.url}/v5/viewer/`,
    },
    body: JSON.stringify({ user: ALICE, password: ALICE_PASSWORD }),
  });
  expect(response.status).toBe(200);
  return response.headers.getSetCookie()[0]!.split(';')[0]!;
}

/** Alice's account on the test server, watching Tower, signed in with `auth`. */
function aliceAccount(auth: Parameters<typeof makeThreeDRepoAccount>[0]['auth']) {
  return makeThreeDRepoAccount({
    server: server.url,
    chat: { url: server.url, path: server.chatPath },
    auth,
    rooms: [TOWER_ROOM],
  });
}

async function signedInAs(cookie: string): Promise<number> {
  return (await fetch(`${server.url}/v5/login`, { headers: { cookie } })).status;
}

it('a password Test connection leaves the running account and the browser signed in', async () => {
  const browser = await browserSignIn();
  const account = aliceAccount({ username: ALICE, password: ALICE_PASSWORD });
  const app = startThreeDRepoApp(account);
  try {
    await app.waitForState('online');
    expect(await testConnection(account, probeOptions(threeDRepoConnector()))).toMatchObject({
      ok: true,
    });

    server.script.newRevision(TOWER, { tag: 'v7', author: 'bob' });
    const event = await app.waitForEvent((e) => e.kind === 'model-revision-added');
    expect(event.body).toBe('New revision v7 by bob');
    expect(app.status().state).toBe('online');
    expect(app.emitted.filter((e) => e.kind === 'session-expired')).toEqual([]);
    expect(await signedInAs(browser)).toBe(200);

    // What 3D Repo does end: the older browser session, on a browser sign-in from the site.
    await browserSignIn();
    expect(await signedInAs(browser)).toBe(401);
  } finally {
    await app.stop();
  }
});

it('a password Test connection logs its own session out; the running account stays signed in', async () => {
  const account = aliceAccount({ username: ALICE, password: ALICE_PASSWORD });
  const app = startThreeDRepoApp(account);
  try {
    await app.waitForState('online');
    const before = server.sessionsOf(ALICE).map((s) => s.sid);

    expect(await testConnection(account, probeOptions(threeDRepoConnector()))).toMatchObject({
      ok: true,
    });
    // The probe's login is gone, not left to expire; the live account's session is the same one.
    expect(server.sessionsOf(ALICE).map((s) => s.sid)).toEqual(before);
    server.script.newRevision(TOWER, { tag: 'v8', author: 'bob' });
    const event = await app.waitForEvent(
      (e) => e.kind === 'model-revision-added' && e.body.includes('v8'),
    );
    expect(event.body).toBe('New revision v8 by bob');
    expect(app.status().state).toBe('online');
  } finally {
    await app.stop();
  }
});

it('a Test connection with a session cookie never logs that session out', async () => {
  const browser = await browserSignIn();
  const account = aliceAccount({ cookie: browser });
  expect(await testConnection(account, probeOptions(threeDRepoConnector()))).toMatchObject({
    ok: true,
  });
  expect(await signedInAs(browser)).toBe(200);
});
