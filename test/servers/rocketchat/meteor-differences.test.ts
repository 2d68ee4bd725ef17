// What an independent DDP client found different from Rocket.Chat, each checked against the
// source it cites: Meteor's ddp-server/livedata_server.js and ddp-common/utils.js, and
// Rocket.Chat's setReaction.ts, sendMessage.ts, notifications/desktop.ts, roomTypes/direct.ts.
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { startRocketChatServer, type RocketChatServer } from './server.js';
import { sha256Hex } from './store.js';

let server: RocketChatServer | undefined;
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await server?.close();
  server = undefined;
});

type Frame = Record<string, unknown>;

async function start(options: Parameters<typeof startRocketChatServer>[0] = {}) {
  server = await startRocketChatServer(options);
  server.addUser({ username: 'alice', password: 'pw', id: 'alice-id' });
  server.addUser({ username: 'bob', password: 'pw', id: 'bob-id' });
  server.addUser({ username: 'carol', password: 'pw', id: 'carol-id' });
  server.addRoom({ type: 'c', name: 'general', members: ['alice', 'bob'], id: 'GENERAL' });
  return server;
}

/** A raw socket that records every frame. */
async function open() {
  const socket = new WebSocket(`${server!.url.replace('http', 'ws')}/websocket`);
  sockets.push(socket);
  const frames: Frame[] = [];
  socket.on('message', (data) => frames.push(JSON.parse(String(data)) as Frame));
  await new Promise((resolve) => socket.once('open', resolve));
  const send = (frame: unknown) =>
    socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  const next = (predicate: (f: Frame) => boolean) =>
    vi.waitFor(() => {
      const found = frames.find(predicate);
      if (!found) throw new Error(`not yet: ${JSON.stringify(frames)}`);
      return found;
    });
  return { frames, send, next };
}

const CONNECT = { msg: 'connect', version: '1', support: ['1'] };

async function signedIn(username = 'alice') {
  const c = await open();
  c.send(CONNECT);
  c.send({
    msg: 'method',
    method: 'login',
    id: 'login',
    params: [{ user: { username }, password: { digest: sha256Hex('pw'), algorithm: 'sha-256' } }],
  });
  await c.next((f) => f.msg === 'result' && f.id === 'login');
  let calls = 0;
  const call = async (method: string, ...params: unknown[]) => {
    const id = `c${++calls}`;
    c.send({ msg: 'method', method, id, params });
    return c.next((f) => f.msg === 'result' && f.id === id);
  };
  return { ...c, call };
}

describe('Rocket.Chat test server: what an independent client found', () => {
  it('a ping before connect is "Must connect first", not a pong', async () => {
    await start();
    const c = await open();
    c.send({ msg: 'ping', id: 'early' });
    expect(await c.next((f) => f.msg === 'error')).toEqual({
      msg: 'error',
      reason: 'Must connect first',
      offendingMessage: { msg: 'ping', id: 'early' },
    });
    expect(c.frames.some((f) => f.msg === 'pong')).toBe(false);
  });

  it('text that is not JSON is a "Bad request" with no offending message', async () => {
    await start();
    const c = await open();
    c.send(CONNECT);
    await c.next((f) => f.msg === 'connected');
    c.send('{nope');
    c.send('5');
    await vi.waitFor(() => expect(c.frames.filter((f) => f.msg === 'error')).toHaveLength(2));
    expect(c.frames.filter((f) => f.msg === 'error')).toEqual([
      { msg: 'error', reason: 'Bad request' },
      { msg: 'error', reason: 'Bad request' },
    ]);
  });

  it('an unknown method is answered with its result first, then updated', async () => {
    await start();
    const c = await open();
    c.send(CONNECT);
    c.send({ msg: 'method', method: 'no-such-method', id: 'u1', params: [] });
    await c.next((f) => f.msg === 'updated');
    const order = c.frames
      .filter((f) => f.id === 'u1' || (f.msg === 'updated' && String(f.methods) === 'u1'))
      .map((f) => f.msg);
    expect(order).toEqual(['result', 'updated']);
    expect(c.frames.find((f) => f.id === 'u1')?.error).toMatchObject({
      error: 404,
      reason: "Method 'no-such-method' not found",
    });
  });

  it('setReaction takes any emoji Rocket.Chat knows, with or without colons, and custom emoji', async () => {
    await start({ customEmoji: ['party_parrot'] });
    const message = server!.post('bob', 'GENERAL', 'release is out');
    const alice = await signedIn();
    for (const reaction of [':grin:', 'grin', 'thumbsup', ':+1:', ':sweat_smile:', 'party_parrot'])
      expect(await alice.call('setReaction', reaction, message._id, true)).not.toHaveProperty(
        'error',
      );
    expect(Object.keys(server!.store.messages.get(message._id)!.reactions ?? {}).sort()).toEqual(
      [':+1:', ':grin:', ':party_parrot:', ':sweat_smile:', ':thumbsup:'].sort(),
    );
    expect(
      (await alice.call('setReaction', ':not_an_emoji_at_all:', message._id)).error,
    ).toMatchObject({ error: 'error-not-allowed', reason: 'Invalid emoji provided.' });
  });

  it('setReaction on a message that does not exist is "Not allowed"', async () => {
    await start();
    const alice = await signedIn();
    expect((await alice.call('setReaction', ':grin:', 'missing-id')).error).toMatchObject({
      error: 'error-not-allowed',
      reason: 'Not allowed',
    });
  });

  it('sendMessage with an _id that exists returns without error and posts nothing', async () => {
    await start();
    const alice = await signedIn();
    const first = await alice.call('sendMessage', { _id: 'fixed-id', rid: 'GENERAL', msg: 'one' });
    expect(first.result).toMatchObject({ _id: 'fixed-id', msg: 'one' });
    const again = await alice.call('sendMessage', { _id: 'fixed-id', rid: 'GENERAL', msg: 'two' });
    expect(again).toEqual({ msg: 'result', id: again.id });
    expect(server!.store.messages.get('fixed-id')?.msg).toBe('one');
    expect(server!.store.history('GENERAL')).toHaveLength(1);
  });

  it('direct-message notifications carry payload.name, as every room type does', async () => {
    await start();
    const direct = server!.addRoom({ type: 'd', members: ['alice', 'bob'] });
    const groupDm = server!.addRoom({ type: 'd', members: ['alice', 'bob', 'carol'] });
    const alice = await signedIn();
    alice.send({
      msg: 'sub',
      id: 'n',
      name: 'stream-notify-user',
      params: ['alice-id/notification', { useCollection: false, args: [] }],
    });
    await alice.next((f) => f.msg === 'ready');
    server!.post('bob', direct._id, 'lunch?');
    server!.post('bob', groupDm._id, 'all three of us?');
    const notifications = await vi.waitFor(() => {
      const found = alice.frames
        .filter((f) => f.msg === 'changed')
        .map((f) => (f.fields as { args: { title: string; payload: Frame }[] }).args[0]!);
      if (found.length < 2) throw new Error('not yet');
      return found;
    });
    expect(notifications[0]).toMatchObject({ title: 'bob', payload: { type: 'd', name: 'bob' } });
    expect(notifications[1]).toMatchObject({ payload: { type: 'd', name: 'bob, carol' } });
  });

  it('messages carry md while they have text, and rooms their lastMessage', async () => {
    await start();
    const hello = server!.post('bob', 'GENERAL', 'hello @alice *bold*');
    expect(hello.md).toEqual([
      {
        type: 'PARAGRAPH',
        value: [
          { type: 'PLAIN_TEXT', value: 'hello ' },
          { type: 'MENTION_USER', value: { type: 'PLAIN_TEXT', value: 'alice' } },
          { type: 'PLAIN_TEXT', value: ' ' },
          { type: 'BOLD', value: [{ type: 'PLAIN_TEXT', value: 'bold' }] },
        ],
      },
    ]);
    const alice = await signedIn();
    const rooms = (await alice.call('rooms/get')).result as Frame[];
    expect(rooms.find((r) => r._id === 'GENERAL')?.lastMessage).toMatchObject({
      _id: hello._id,
      msg: 'hello @alice *bold*',
      md: hello.md,
    });
    server!.edit('bob', hello._id, 'hello again');
    const edited = (await alice.call('rooms/get')).result as Frame[];
    expect(edited.find((r) => r._id === 'GENERAL')?.lastMessage).toMatchObject({
      msg: 'hello again',
    });
    const second = server!.post('bob', 'GENERAL', 'second');
    server!.delete('bob', second._id);
    const afterDelete = (await alice.call('rooms/get')).result as Frame[];
    expect(afterDelete.find((r) => r._id === 'GENERAL')?.lastMessage).toMatchObject({
      _id: hello._id,
    });
  });
});
