// The test server is proven faithful by a client we did not write: Rocket.Chat's own
// @rocket.chat/ddp-client connects, resumes a login, calls a method and receives a stream.
import { DDPSDK } from '@rocket.chat/ddp-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { startRocketChatServer, type RocketChatServer } from './server.js';
import { sha256Hex } from './store.js';

let server: RocketChatServer;
let sdk: DDPSDK | undefined;
const globals = globalThis as { WebSocket?: unknown };
const nativeWebSocket = globals.WebSocket;

beforeEach(async () => {
  // On Node 20 the SDK needs a global WebSocket; ws is that here, for this test only.
  globals.WebSocket = WebSocket;
  server = await startRocketChatServer({ greeting: 'server_id' });
  server.addUser({ username: 'alice', password: 'alice-secret', id: 'alice-id' });
  server.addUser({ username: 'bob', password: 'bob-secret', id: 'bob-id' });
  server.addRoom({ type: 'c', name: 'general', members: ['alice', 'bob'], id: 'GENERAL' });
});

afterEach(async () => {
  sdk?.connection.close();
  sdk = undefined;
  await server.close();
  globals.WebSocket = nativeWebSocket;
});

describe('the official @rocket.chat/ddp-client against the test server', () => {
  it('connects past the greeting, resumes a login, calls a method, receives a room stream', async () => {
    const token = server.personalAccessToken('alice');
    sdk = await DDPSDK.createAndConnect(server.url);
    expect(sdk.connection.status).toBe('connected');

    const login = await sdk.account.loginWithToken(token);
    expect(login).toMatchObject({ id: 'alice-id', token, type: 'resume' });
    expect(sdk.account.uid).toBe('alice-id');

    const rooms = (await sdk.call('rooms/get')) as { _id: string; name: string }[];
    expect(rooms.map((r) => [r._id, r.name])).toEqual([['GENERAL', 'general']]);

    const received: { msg: string; u: { username: string } }[] = [];
    const stream = sdk.stream('room-messages', 'GENERAL', (message) => {
      received.push(message);
    });
    await stream.ready();
    server.post('bob', 'GENERAL', 'hello from bob');
    await vi.waitFor(() => expect(received).toHaveLength(1));
    expect(received[0]).toMatchObject({ msg: 'hello from bob', u: { username: 'bob' } });
  });

  it('logs in with a password digest and gets the server reason for a wrong one', async () => {
    sdk = await DDPSDK.createAndConnect(server.url);
    // The SDK puts its argument in `digest` as is: callers hash the password themselves.
    await sdk.account.loginWithPassword('alice', sha256Hex('alice-secret'));
    expect(sdk.account.uid).toBe('alice-id');

    const other = await DDPSDK.createAndConnect(server.url);
    try {
      // The SDK surfaces Meteor.Error's `message`: "<reason> [<error>]".
      await expect(
        other.account.loginWithPassword('alice', sha256Hex('wrong')),
      ).rejects.toMatchObject({
        message: 'User not found [403]',
      });
    } finally {
      other.connection.close();
    }
  });

  it('reports a method error with the Meteor.Error shape', async () => {
    sdk = await DDPSDK.createAndConnect(server.url);
    await expect(sdk.call('no-such-method')).rejects.toMatchObject({
      error: 404,
      reason: "Method 'no-such-method' not found",
    });
  });
});
