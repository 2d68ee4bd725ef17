// Wire-level checks the SDK cannot make (it ignores field details): envelopes, pings, errors.
import { io } from 'socket.io-client';
import ioV2 from 'socket.io-client-v2';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startKuzzleServer, type KuzzleTestServer } from './server.js';

let server: KuzzleTestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

/** A raw WebSocket client that collects every frame. */
async function raw(url: string) {
  const socket = new WebSocket(url);
  const frames: Record<string, unknown>[] = [];
  socket.on('message', (data) =>
    frames.push(JSON.parse(data.toString()) as Record<string, unknown>),
  );
  await new Promise((resolve) => socket.once('open', resolve));
  const next = async (count: number) => {
    while (frames.length < count) await new Promise((resolve) => socket.once('message', resolve));
    return frames[count - 1]!;
  };
  return { socket, frames, next };
}

describe('the WebSocket front end', () => {
  it('2.x: envelope with node and headers, room = requestId, {"p":1} answered', async () => {
    server = await startKuzzleServer({ users: { u: 'p' } });
    const client = await raw(`${server.url}/any/path`);
    client.socket.send('{"p":1}');
    expect(await client.next(1)).toEqual({ p: 2 });
    client.socket.send(
      JSON.stringify({
        controller: 'auth',
        action: 'login',
        strategy: 'local',
        body: { username: 'u', password: 'x' },
        requestId: 'r1',
      }),
    );
    expect(await client.next(2)).toEqual({
      action: 'login',
      collection: null,
      controller: 'auth',
      error: {
        code: 67305492,
        id: 'plugin.strategy.missing_user',
        message: 'wrong username or password',
        props: ['wrong username or password'],
        status: 401,
      },
      headers: {},
      index: null,
      node: expect.stringMatching(/^knode-/),
      requestId: 'r1',
      result: null,
      status: 401,
      volatile: null,
      room: 'r1',
    });
    client.socket.send('not json');
    const orphan = await client.next(3);
    expect(orphan).not.toHaveProperty('room');
    expect(orphan.error).toMatchObject({ id: 'network.websocket.unexpected_error', status: 400 });
    client.socket.close();
  });

  it('refuses filters Koncorde would refuse, and the anonymous user once closed', async () => {
    server = await startKuzzleServer({ anonymous: true });
    const client = await raw(server.url);
    const subscribe = (body: unknown, requestId: string) =>
      client.socket.send(
        JSON.stringify({
          controller: 'realtime',
          action: 'subscribe',
          index: 'i',
          collection: 'c',
          body,
          requestId,
        }),
      );
    subscribe({ term: { a: 1 } }, 's1');
    expect((await client.next(1)).error).toMatchObject({
      id: 'api.assert.koncorde_dsl_error',
      message: '"term": unknown keyword',
    });
    subscribe({ equals: { a: 1 }, in: { b: ['x'] } }, 's2');
    expect((await client.next(2)).error).toMatchObject({ id: 'api.assert.koncorde_dsl_error' });
    subscribe({ equals: { a: 1 } }, 's3');
    expect((await client.next(3)).result).toEqual({
      roomId: expect.stringMatching(/^[0-9a-f]{64}$/),
      channel: expect.stringMatching(/-311$/),
    });
    server.core.anonymous = false;
    subscribe({}, 's4');
    expect((await client.next(4)).error).toMatchObject({
      id: 'security.rights.unauthorized',
      status: 401,
    });
    client.socket.close();
  });

  it('1.x: no node, TokenExpired on each subscribed channel, subscriptions dropped', async () => {
    server = await startKuzzleServer({ users: { u: 'p' }, version: 1 });
    const client = await raw(server.url);
    client.socket.send(
      JSON.stringify({
        controller: 'auth',
        action: 'login',
        strategy: 'local',
        body: { username: 'u', password: 'p' },
        requestId: 'l',
      }),
    );
    const login = await client.next(1);
    expect(login).not.toHaveProperty('node');
    const jwt = (login.result as { jwt: string }).jwt;
    expect(jwt).not.toMatch(/^kauth-/);
    client.socket.send(
      JSON.stringify({
        controller: 'realtime',
        action: 'subscribe',
        index: 'i',
        collection: 'c',
        body: {},
        jwt,
        requestId: 's',
      }),
    );
    const { channel } = (await client.next(2)).result as { channel: string };
    server.expireTokens('u');
    expect(await client.next(3)).toMatchObject({ type: 'TokenExpired', room: channel });
    expect(server.subscriptions()).toEqual({});
    client.socket.close();
  });
});

describe('the Socket.io front end (1.x)', () => {
  const legacy = (url: string) =>
    ioV2(url.replace('ws:', 'http:'), {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });

  it('takes requests on "kuzzle", answers on the requestId event, notifies on the channel event', async () => {
    server = await startKuzzleServer({ version: 1, anonymous: true });
    const socket = legacy(server.url);
    const answer = new Promise<Record<string, unknown>>((resolve) =>
      socket.once('q1', (payload) => resolve(payload as Record<string, unknown>)),
    );
    socket.emit('kuzzle', {
      controller: 'realtime',
      action: 'subscribe',
      index: 'i',
      collection: 'c',
      body: {},
      requestId: 'q1',
    });
    const response = await answer;
    expect(response).not.toHaveProperty('room');
    const { channel } = response.result as { channel: string };
    const notified = new Promise<Record<string, unknown>>((resolve) =>
      socket.once(channel, (payload) => resolve(payload as Record<string, unknown>)),
    );
    server.publish('i', 'c', { hello: 'world' });
    expect(await notified).toMatchObject({
      type: 'document',
      action: 'publish',
      state: 'done',
      scope: 'in',
    });
    socket.close();
  });

  it('speaks socket.io 2 only: a socket.io 4 client is turned away, a 2.x client gets in', async () => {
    server = await startKuzzleServer({ version: 1, anonymous: true });
    const modern = io(server.url.replace('ws:', 'http:'), {
      transports: ['websocket'],
      reconnection: false,
    });
    const error = await new Promise<Error>((resolve) => modern.once('connect_error', resolve));
    // What socket.io-client 4 itself says when it reaches a socket.io 2 server.
    expect(error.message).toContain('reach a Socket.IO server in v2.x with a v3.x client');
    expect(modern.connected).toBe(false);
    modern.disconnect();
    expect(server.connectionCount()).toBe(0);

    const socket = legacy(server.url);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    expect(server.connectionCount()).toBe(1);
    socket.close();
  });

  it('is not served by Kuzzle 2', async () => {
    server = await startKuzzleServer({ version: 2 });
    const socket = legacy(server.url);
    // socket.io 2 delivers a middleware refusal as an ERROR packet: the `error` event.
    const error = await new Promise<unknown>((resolve) => socket.once('error', resolve));
    expect(error).toBe('Kuzzle 2 does not serve Socket.io');
    expect(socket.connected).toBe(false);
    socket.close();
  });
});
