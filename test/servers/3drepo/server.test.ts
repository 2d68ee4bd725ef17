// The test server against the official socket.io-client (what 3D Repo's own web app uses):
// it must behave as §3–§7 of the protocol notes say the real chat service does.
import { io, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseChatConfig } from '../../../app/connectors/3drepo/config-js.js';
import {
  ALICE,
  ALICE_PASSWORD,
  PROJECT,
  TOWER,
  VAULT,
  WORLD,
} from '../../connectors/3drepo/world.js';
import { startThreeDRepoServer, type ThreeDRepoServer } from './server.js';

let server: ThreeDRepoServer;
const sockets: Socket[] = [];

beforeAll(async () => {
  server = await startThreeDRepoServer(WORLD);
});
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.disconnect();
});
afterAll(async () => {
  await server?.stop();
});

/** Connects as the web app's realtime service does: websocket only, the cookie in the headers. */
async function connect(cookie?: string): Promise<Socket> {
  const socket = io(server.url, {
    path: '/chat',
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...(cookie && { extraHeaders: { Cookie: cookie } }),
  });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

/** The next `message` or `error` frame. */
function answer(socket: Socket): Promise<[string, unknown]> {
  return new Promise((resolve) => {
    const done = (name: string) => (data: unknown) => {
      socket.off('message');
      socket.off('error');
      resolve([name, data]);
    };
    socket.on('message', done('message'));
    socket.on('error', done('error'));
  });
}

async function send(socket: Socket, action: 'join' | 'leave', data: unknown) {
  const next = answer(socket);
  socket.emit(action, data);
  return next;
}

describe('join and leave', () => {
  it('a cookie session joins; the success ack echoes the payload as sent', async () => {
    const socket = await connect(server.signIn(ALICE).cookie);
    expect(await send(socket, 'join', { notifications: true })).toEqual([
      'message',
      { event: 'success', data: { action: 'join', data: { notifications: true } } },
    ]);
    expect(await send(socket, 'join', TOWER)).toEqual([
      'message',
      { event: 'success', data: { action: 'join', data: TOWER } },
    ]);
    expect(server.socketRooms()).toEqual([
      [`notifications::${ALICE}`, server.roomOf(TOWER)].sort(),
    ]);
  });

  it('an anonymous socket connects, and every join is UNAUTHORISED', async () => {
    const socket = await connect();
    expect(await send(socket, 'join', TOWER)).toEqual([
      'error',
      {
        code: 'UNAUTHORISED',
        message: 'You are not authenticated to the service.',
        details: { action: 'join', data: TOWER },
      },
    ]);
  });

  it('no access reads as ROOM_NOT_FOUND (the server quirk), as does a missing model', async () => {
    const socket = await connect(server.signIn(ALICE).cookie);
    expect(await send(socket, 'join', VAULT)).toEqual([
      'error',
      {
        code: 'ROOM_NOT_FOUND',
        message: 'You do not have sufficient access rights to join the room requested',
        details: { action: 'join', data: VAULT },
      },
    ]);
    const missing = { ...TOWER, model: 'nope' };
    expect(await send(socket, 'join', missing)).toMatchObject([
      'error',
      { code: 'ROOM_NOT_FOUND', message: 'Model not found' },
    ]);
    expect(await send(socket, 'join', { what: 'ever' })).toMatchObject([
      'error',
      { code: 'ROOM_NOT_FOUND', message: 'Cannot identify the room indicated' },
    ]);
  });

  it('leave needs no access and succeeds for a room never joined', async () => {
    const socket = await connect();
    expect(await send(socket, 'leave', VAULT)).toEqual([
      'message',
      { event: 'success', data: { action: 'leave', data: VAULT } },
    ]);
  });

  it('v4 forms: {account, model} also emits joined; {account} of another user is a credentialError', async () => {
    const socket = await connect(server.signIn(ALICE).cookie);
    const joined = new Promise((resolve) => socket.once('joined', resolve));
    expect((await send(socket, 'join', { account: 'acme', model: TOWER.model }))[0]).toBe(
      'message',
    );
    expect(await joined).toEqual({ account: 'acme', model: TOWER.model });
    const credential = new Promise((resolve) => socket.once('credentialError', resolve));
    expect(await send(socket, 'join', { account: 'bob' })).toMatchObject([
      'error',
      { code: 'UNAUTHORISED' },
    ]);
    await credential;
  });
});

describe('broadcasts', () => {
  it('model and project rooms get the v5 envelopes; the sender is left out', async () => {
    const cookie = server.signIn(ALICE).cookie;
    const [one, two] = [await connect(cookie), await connect(cookie)];
    for (const socket of [one, two]) {
      await send(socket, 'join', TOWER);
      await send(socket, 'join', { teamspace: 'acme', project: PROJECT });
    }
    const received = (socket: Socket) => {
      const frames: [string, unknown][] = [];
      socket.onAny((name: string, data: unknown) => frames.push([name, data]));
      return frames;
    };
    const [first, second] = [received(one), received(two)];
    server.emitModelEvent(TOWER, 'containerRemoved', {}, one.id);
    server.emitProjectEvent('acme', PROJECT, 'newContainer', { _id: 'c', name: 'Annex' });
    await expect
      .poll(() => second)
      .toEqual([
        ['containerRemoved', { ...TOWER, data: {} }],
        [
          'newContainer',
          { teamspace: 'acme', project: PROJECT, data: { _id: 'c', name: 'Annex' } },
        ],
      ]);
    expect(first).toEqual([second[1]]);
  });
});

describe('sessions', () => {
  it('a forced logout sends loggedOut to the session, then empties its rooms', async () => {
    const { cookie, session } = server.signIn(ALICE);
    const socket = await connect(cookie);
    await send(socket, 'join', TOWER);
    const loggedOut = new Promise((resolve) => socket.once('loggedOut', resolve));
    server.endSession(session.sid, { reason: 'You have logged in else where' });
    expect(await loggedOut).toEqual({ reason: 'You have logged in else where' });
    await expect.poll(() => server.socketRooms()).toEqual([[]]);
    expect(socket.connected).toBe(true);
  });

  it('a browser sign-in from the site ends the older browser session from it, loggedOut first', async () => {
    const signIn = async (headers: Record<string, string>) => {
      const response = await fetch(`${server.url}/v5/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ user: ALICE, password: ALICE_PASSWORD }),
      });
      return response.headers.getSetCookie()[0]!.split(';')[0]!;
    };
    const status = async (cookie: string) =>
      (await fetch(`${server.url}/v5/login`, { headers: { cookie } })).status;
    const browser = { 'user-agent': 'Mozilla/5.0 Firefox/128.0', referer: `${server.url}/v5/` };
    const older = await signIn(browser);
    const socket = await connect(older);
    await send(socket, 'join', TOWER);
    const loggedOut = new Promise((resolve) => socket.once('loggedOut', resolve));
    // No Referer (Node's fetch sends none): nothing ends.
    await signIn({});
    expect(await status(older)).toBe(200);
    await signIn(browser);
    expect(await loggedOut).toEqual({ reason: 'You have logged in else where' });
    expect(await status(older)).toBe(401);
  });

  it('an x-socket-id login upgrades the connected anonymous socket', async () => {
    const socket = await connect();
    const response = await fetch(`${server.url}/v5/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-socket-id': socket.id! },
      body: JSON.stringify({ user: ALICE, password: ALICE_PASSWORD }),
    });
    expect(response.status).toBe(200);
    expect(await send(socket, 'join', TOWER)).toMatchObject(['message', { event: 'success' }]);
  });

  it('no room survives a restart; the sessions do', async () => {
    const { cookie } = server.signIn(ALICE);
    const socket = await connect(cookie);
    await send(socket, 'join', TOWER);
    const gone = new Promise((resolve) => socket.once('disconnect', resolve));
    await server.restart();
    await gone;
    expect(server.socketRooms()).toEqual([]);
    const again = await connect(cookie);
    expect(await send(again, 'join', TOWER)).toMatchObject(['message', { event: 'success' }]);
  });
});

describe('REST', () => {
  const login = (body: unknown, cookie?: string) =>
    fetch(`${server.url}/v5/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie && { cookie }) },
      body: JSON.stringify(body),
    });

  it('POST /v5/login sets connect.sid; GET /v5/login names the user; POST /v5/logout ends it', async () => {
    const response = await login({ user: ALICE, password: ALICE_PASSWORD });
    expect(response.status).toBe(200);
    const cookie = response.headers.getSetCookie()[0]!.split(';')[0]!;
    expect(cookie).toMatch(/^connect\.sid=s%3A/);
    const who = await fetch(`${server.url}/v5/login`, { headers: { cookie } });
    expect(await who.json()).toEqual({ username: ALICE, authenticatedTeamspace: 'acme' });
    expect((await login({ user: ALICE, password: ALICE_PASSWORD }, cookie)).status).toBe(401);
    const out = await fetch(`${server.url}/v5/logout`, { method: 'POST', headers: { cookie } });
    expect(out.status).toBe(200);
    const after = await fetch(`${server.url}/v5/login`, { headers: { cookie } });
    expect(after.status).toBe(401);
    expect(await after.json()).toEqual({
      code: 'NOT_LOGGED_IN',
      message: 'You are not logged in.',
      status: 401,
      place: 'GET /v5/login',
    });
  });

  it('the login body is strict, and a wrong password says so', async () => {
    expect((await login({ username: ALICE, password: ALICE_PASSWORD })).status).toBe(400);
    expect(await (await login({ user: ALICE, password: 'x' })).json()).toMatchObject({
      code: 'INCORRECT_USERNAME_OR_PASSWORD',
    });
  });

  it('SSO mode: POST /v5/login is 410 ENDPOINT_DECOMMISSIONED', async () => {
    server.setLoginMode('sso');
    try {
      const response = await login({ user: ALICE, password: ALICE_PASSWORD });
      expect(response.status).toBe(410);
      expect(await response.json()).toEqual({
        code: 'ENDPOINT_DECOMMISSIONED',
        message: 'Endpoint no longer available.',
        status: 410,
        place: 'POST /v5/login',
      });
    } finally {
      server.setLoginMode('password');
    }
  });

  it('config.js is a script with "/" escaped as \\u002F, naming the chat host and path', async () => {
    const script = await (await fetch(`${server.url}/config/config.js`)).text();
    expect(script).toMatch(/^window\.ClientConfig = \{/);
    expect(script).toContain(`"chatPath": "\\u002Fchat"`);
    expect(script).not.toContain('http://');
    expect(parseChatConfig(script)).toEqual({ chatHost: server.url, chatPath: '/chat' });
  });
});
