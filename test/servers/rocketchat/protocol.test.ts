// The test server's wire behaviour, frame by frame, against the protocol notes (§2–§8).
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import {
  startRocketChatServer,
  type RocketChatServer,
  type RocketChatServerOptions,
} from './server.js';
import { sha256Hex } from './store.js';

let server: RocketChatServer | undefined;
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await server?.close();
  server = undefined;
});

/** A raw socket that records every frame and the close code. */
async function open(options: RocketChatServerOptions = {}) {
  server = await startRocketChatServer(options);
  server.addUser({ username: 'alice', password: 'pw', id: 'alice-id' });
  server.addUser({ username: 'bob', password: 'pw', id: 'bob-id' });
  server.addRoom({ type: 'p', name: 'secret', members: ['bob'], id: 'SECRET' });
  const socket = new WebSocket(`${server.url.replace('http', 'ws')}/websocket`);
  sockets.push(socket);
  const frames: Record<string, unknown>[] = [];
  let closed: number | undefined;
  socket.on('message', (data) => frames.push(JSON.parse(String(data)) as Record<string, unknown>));
  socket.on('close', (code) => (closed = code));
  await new Promise((resolve) => socket.once('open', resolve));
  const send = (frame: unknown) =>
    socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  const next = (predicate: (f: Record<string, unknown>) => boolean) =>
    vi.waitFor(() => {
      const found = frames.find(predicate);
      if (!found) throw new Error(`not yet: ${JSON.stringify(frames)}`);
      return found;
    });
  return { socket, frames, send, next, closed: () => closed };
}

const CONNECT = { msg: 'connect', version: '1', support: ['1', 'pre2', 'pre1'] };

describe('Rocket.Chat test server: DDP', () => {
  it('greets as configured, negotiates the version, answers pings with their id', async () => {
    const c = await open({ greeting: 'server_id' });
    await c.next((f) => f.server_id === '0');
    c.send(CONNECT);
    const connected = await c.next((f) => f.msg === 'connected');
    expect(connected.session).toMatch(/^[23456789A-Za-z]{17}$/);
    c.send({ msg: 'ping', id: 'p1' });
    await c.next((f) => f.msg === 'pong' && f.id === 'p1');
    c.send({ msg: 'connect', version: '1', support: ['1'] });
    await c.next((f) => f.msg === 'error' && f.reason === 'Already connected');
  });

  it('a version it would rather speak: failed, then close', async () => {
    const c = await open();
    c.send({ msg: 'connect', version: 'pre1', support: ['pre2', 'pre1'] });
    expect(await c.next((f) => f.msg === 'failed')).toEqual({ msg: 'failed', version: 'pre2' });
    await vi.waitFor(() => expect(c.closed()).toBeDefined());
  });

  it('Meteor protocol errors keep the socket open', async () => {
    const c = await open();
    c.send({ msg: 'method', method: 'x', id: '1' });
    await c.next((f) => f.reason === 'Must connect first');
    c.send(CONNECT);
    c.send('{nope');
    c.send({ hello: 1 });
    c.send({ msg: 'method', id: 5 });
    c.send({ msg: 'sub', id: 's', name: 7 });
    await c.next((f) => f.reason === 'Malformed subscription');
    expect(c.frames.filter((f) => f.msg === 'error').map((f) => f.reason)).toEqual([
      'Must connect first',
      'Bad request',
      'Bad request',
      'Malformed method invocation',
      'Malformed subscription',
    ]);
    expect(c.closed()).toBeUndefined();
  });

  it('ddp-streamer flavour: a first message other than connect closes with 1002', async () => {
    const c = await open({ flavour: 'ddp-streamer', greeting: 'ddp-streamer' });
    await c.next((f) => f.msg === 'server_id');
    c.send({ msg: 'sub', id: 's1', name: 'x' });
    await vi.waitFor(() => expect(c.closed()).toBe(1002));
  });

  it('server pings after idle and closes a client that stays silent', async () => {
    const c = await open({ heartbeat: { intervalMs: 50, timeoutMs: 50 } });
    c.send(CONNECT);
    expect(await c.next((f) => f.msg === 'ping')).toEqual({ msg: 'ping' });
    await vi.waitFor(() => expect(c.closed()).toBeDefined());
  });

  it('login results and errors, method frames, and Match failed for ISO dates', async () => {
    const c = await open({ persona: 'rc8' });
    c.send(CONNECT);
    const digest = (pw: string) => ({ digest: sha256Hex(pw), algorithm: 'sha-256' });
    c.send({
      msg: 'method',
      method: 'login',
      id: '1',
      params: [{ user: { username: 'alice' }, password: digest('bad') }],
    });
    expect((await c.next((f) => f.id === '1')).error).toMatchObject({
      error: 401,
      reason: 'User not found',
      message: 'User not found [401]',
      errorType: 'Meteor.Error',
    });
    c.send({
      msg: 'method',
      method: 'login',
      id: '2',
      params: [{ user: { username: 'alice' }, password: digest('pw') }],
    });
    const login = await c.next((f) => f.id === '2' && f.msg === 'result');
    expect(login.result).toMatchObject({
      id: 'alice-id',
      type: 'password',
      tokenExpires: { $date: expect.any(Number) },
    });
    c.send({
      msg: 'method',
      method: 'loadMissedMessages',
      id: '3',
      params: ['SECRET', new Date().toISOString()],
    });
    expect((await c.next((f) => f.id === '3')).error).toMatchObject({
      error: 400,
      reason: 'Match failed',
    });
    c.send({ msg: 'method', method: 'readMessages', id: '4', params: ['SECRET'] });
    expect(await c.next((f) => f.id === '4' && f.msg === 'result')).not.toHaveProperty('result');
    c.send({ msg: 'method', method: 'getUserRoles', id: '5', params: [] });
    expect((await c.next((f) => f.id === '5')).error).toMatchObject({ error: 404 });
    c.send({ msg: 'method', method: 'subscriptions/get', id: '6', params: [{ $date: 0 }] });
    expect((await c.next((f) => f.id === '6')).result).toMatchObject({ update: [], remove: [] });
    // Meteor sends `updated` before `result`.
    const order = c.frames.filter(
      (f) => f.id === '2' || (f.msg === 'updated' && (f.methods as string[]).includes('2')),
    );
    expect(order.map((f) => f.msg)).toEqual(['updated', 'result']);
  });

  it('subscriptions: ready, not-allowed, 404, unsub → nosub, duplicate delivery', async () => {
    const c = await open();
    c.send(CONNECT);
    const token = server!.personalAccessToken('alice');
    c.send({ msg: 'method', method: 'login', id: '1', params: [{ resume: token }] });
    await c.next((f) => f.id === '1' && f.msg === 'result');
    c.send({
      msg: 'sub',
      id: 'a',
      name: 'stream-notify-user',
      params: ['bob-id/notification', false],
    });
    c.send({ msg: 'sub', id: 'b', name: 'stream-nope', params: ['x', false] });
    c.send({
      msg: 'sub',
      id: 'c',
      name: 'stream-notify-logged',
      params: ['user-status', { useCollection: false, args: [] }],
    });
    c.send({ msg: 'sub', id: 'd', name: 'stream-notify-logged', params: ['user-status', false] });
    expect((await c.next((f) => f.id === 'a')).error).toMatchObject({ error: 'not-allowed' });
    expect((await c.next((f) => f.id === 'b')).error).toMatchObject({ error: 404 });
    await c.next((f) => f.msg === 'ready' && (f.subs as string[]).includes('d'));
    server!.setStatus('bob', 'busy');
    await vi.waitFor(() => expect(c.frames.filter((f) => f.msg === 'changed')).toHaveLength(2));
    expect(c.frames.find((f) => f.msg === 'changed')).toEqual({
      msg: 'changed',
      collection: 'stream-notify-logged',
      id: 'id',
      fields: { eventName: 'user-status', args: [['bob-id', 'bob', 0, '', 'bob', ['user']]] },
    });
    c.send({ msg: 'unsub', id: 'c' });
    expect(await c.next((f) => f.msg === 'nosub' && f.id === 'c')).toEqual({
      msg: 'nosub',
      id: 'c',
    });
  });

  it('an Era A server refuses the object form of stream options and answers denials with a bare nosub', async () => {
    const c = await open({ persona: 'rc3' });
    c.send(CONNECT);
    c.send({
      msg: 'method',
      method: 'login',
      id: '1',
      params: [{ resume: server!.personalAccessToken('alice') }],
    });
    await c.next((f) => f.id === '1' && f.msg === 'result');
    c.send({
      msg: 'sub',
      id: 'o',
      name: 'stream-room-messages',
      params: ['SECRET', { useCollection: false, args: [] }],
    });
    c.send({ msg: 'sub', id: 'p', name: 'stream-room-messages', params: ['SECRET', false] });
    expect((await c.next((f) => f.id === 'o')).error).toMatchObject({
      error: 400,
      reason: 'Match failed',
    });
    expect(await c.next((f) => f.id === 'p')).toEqual({ msg: 'nosub', id: 'p' });
  });
});
