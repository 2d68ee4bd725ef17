// The client API, as complete as rocketchat-async's: start/resume, channels, send, react,
// typing, channel messages with the repeated flag, channel changes, unsubscribe.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  RocketChatClient,
  type ChannelMessage,
} from '../../../app/connectors/rocketchat/realtime-client.js';
import { silentLogger } from '../../../app/core/log.js';
import { PASSWORDS, startWorld, type World } from './world.js';

let world: World;
const clients: RocketChatClient[] = [];

beforeEach(async () => {
  world = await startWorld();
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await world.server.close();
});

function client(options: Partial<ConstructorParameters<typeof RocketChatClient>[0]> = {}) {
  const created = new RocketChatClient({ server: world.server.url, ...options });
  clients.push(created);
  return created;
}

describe('RocketChatClient', () => {
  it('derives ws(s)://…/websocket from the site URL', () => {
    expect(new RocketChatClient({ server: 'https://chat.example.com/' }).websocketUrl).toBe(
      'wss://chat.example.com/websocket',
    );
    expect(new RocketChatClient({ server: 'http://host:3000/chat' }).websocketUrl).toBe(
      'ws://host:3000/chat/websocket',
    );
  });

  it('start (password) and resume (token); channels plain and raw', async () => {
    const alice = client();
    const login = await alice.start('alice', PASSWORDS.alice);
    expect(login).toMatchObject({ userId: 'alice-id', token: expect.any(String) });
    expect(login.tokenExpires).toBeGreaterThan(Date.now());

    const again = client();
    expect(await again.resume(login.token)).toMatchObject({
      userId: 'alice-id',
      token: login.token,
    });
    expect((await again.getChannels()).sort()).toEqual(
      [
        ['DEV', 'p'],
        ['GENERAL', 'c'],
        ['RANDOM', 'c'],
        [world.direct._id, 'd'],
      ].sort(),
    );
    const raw = await again.getChannelsRaw();
    expect(raw.find((r) => r._id === 'GENERAL')).toMatchObject({ name: 'general', t: 'c' });
  });

  it('channel messages: text, thread id, qualifier, and repeated for edits, reactions, replies', async () => {
    const alice = client();
    await alice.start('alice', PASSWORDS.alice);
    const received: ChannelMessage[] = [];
    const subId = await alice.subscribeToChannelMessages('GENERAL', (m) => received.push(m));

    const sent = await alice.sendMessage('hello all', 'GENERAL');
    const parentId = String(sent?._id);
    await alice.sendMessage('in the thread', 'GENERAL', parentId);
    await alice.sendReaction(parentId, 'tada');
    world.server.systemMessage('bob', 'GENERAL', 'uj', 'bob');

    await vi.waitFor(() => expect(received).toHaveLength(5));
    expect(received.map((m) => [m.text, m.threadId, m.qualifier, m.repeated, m.senderId])).toEqual([
      ['hello all', undefined, undefined, false, 'alice-id'],
      ['in the thread', parentId, undefined, false, 'alice-id'],
      // The parent re-sent with its new reply count, then with the reaction.
      ['hello all', undefined, undefined, true, 'alice-id'],
      ['hello all', undefined, undefined, true, 'alice-id'],
      ['bob', undefined, 'uj', false, 'bob-id'],
    ]);
    expect(received[3]!.raw.reactions).toEqual({ ':tada:': { usernames: ['alice'] } });

    alice.unsubscribe(subId);
    world.server.post('bob', 'GENERAL', 'after unsubscribe');
    await alice.getChannels(); // a round trip: anything sent before it has arrived
    expect(received).toHaveLength(5);
  });

  it('channel changes, plain and raw', async () => {
    const alice = client();
    await alice.start('alice', PASSWORDS.alice);
    const plain: [string, string][] = [];
    const raw: unknown[][] = [];
    await alice.subscribeToChannelChanges((id, type) => plain.push([id, type]));
    await alice.subscribeToChannelChangesRaw((args) => raw.push(args));
    world.server.post('bob', 'DEV', 'bump');
    await vi.waitFor(() => expect(plain).toEqual([['DEV', 'p']]));
    expect(raw[0]?.[0]).toBe('updated');
  });

  it('typing: written as user-activity, read under both names', async () => {
    const alice = client();
    await alice.start('alice', PASSWORDS.alice);
    const bob = client();
    await bob.start('bob', PASSWORDS.bob);
    const seen: [string, boolean, string | undefined][] = [];
    await bob.subscribeToTyping('GENERAL', (who, typing, tmid) => seen.push([who, typing, tmid]));
    await alice.sendTypingEvent('GENERAL', 'T1');
    // The RC 7 persona re-emits a write under the other name too: both arrive.
    await vi.waitFor(() =>
      expect(seen).toEqual(
        expect.arrayContaining([
          ['alice', true, 'T1'],
          ['alice', true, undefined],
        ]),
      ),
    );
    expect(seen).toHaveLength(2);
  });

  it('an Era A server (RC 3) takes only false as stream options: the client falls back', async () => {
    await world.server.close();
    world = await startWorld({ persona: 'rc3' });
    const notes: string[] = [];
    const log = { ...silentLogger, info: (message: string) => void notes.push(message) };
    const alice = client({ typingEvent: 'typing', log });
    await alice.start('alice', PASSWORDS.alice);
    const received: ChannelMessage[] = [];
    await alice.subscribeToChannelMessages('GENERAL', (m) => received.push(m));
    world.server.post('bob', 'GENERAL', 'old server');
    await vi.waitFor(() => expect(received.map((m) => m.text)).toEqual(['old server']));
    expect(notes).toEqual(['Rocket.Chat server takes only `false` as stream options']);
    // The old typing event name is the one written.
    const bob = client();
    await bob.start('bob', PASSWORDS.bob);
    const typing: boolean[] = [];
    await bob.subscribeToTyping('GENERAL', (_who, isTyping) => typing.push(isTyping));
    await alice.sendTypingEvent('GENERAL');
    await vi.waitFor(() => expect(typing).toEqual([true]));
  });

  it('method errors keep the server code and reason; results may come in any order', async () => {
    const alice = client();
    await alice.start('alice', PASSWORDS.alice);
    await expect(alice.call('nope')).rejects.toMatchObject({
      code: 404,
      reason: "Method 'nope' not found",
    });
    await expect(alice.sendReaction('no-such-message', 'not-an-emoji')).rejects.toMatchObject({
      code: 'error-not-allowed',
      reason: 'Invalid emoji provided.',
    });
    const [rooms, subs, history] = await Promise.all([
      alice.getChannels(),
      alice.getSubscriptions(),
      alice.call('loadHistory', ['GENERAL', null, 5]),
    ]);
    expect(rooms).toHaveLength(4);
    expect(subs.update).toHaveLength(4);
    expect(history).toMatchObject({ messages: [] });
  });
});
