// What the user sees while connected: another user's message notifies with author, room, text
// and link; an edit updates it; a deletion retracts it; their own messages stay quiet.
import { describe, expect, it } from 'vitest';
import { makeRocketChatAccount, startRocketChatApp, type RocketChatApp } from './rocketchat-app.js';
import { aliceByPassword, useWorld } from './world.js';

const fixture = useWorld();
let app: RocketChatApp | undefined;

async function startAlice(rooms?: string[], settings?: Parameters<typeof startRocketChatApp>[1]) {
  const account = makeRocketChatAccount(fixture.world.server, {
    auth: aliceByPassword,
    ...(rooms && { rooms }),
  });
  app = fixture.started(startRocketChatApp(account, settings));
  await app.waitForState('online');
  return { app, account };
}

describe('Rocket.Chat live notifications', () => {
  it("another user's message: one notification with author, room, text and link", async () => {
    const { app, account } = await startAlice();
    const message = fixture.world.server.post('bob', 'GENERAL', 'lunch at noon?');
    const shown = await app.waitFor(() => {
      const visible = app.sink.visibleFor(account.id, 'GENERAL');
      if (!visible) throw new Error('nothing shown yet');
      return visible;
    });
    expect(shown).toMatchObject({
      title: 'bob in #general',
      body: 'lunch at noon?',
      url: `${fixture.world.server.url}/channel/general?msg=${message._id}`,
      count: 1,
    });
    expect(app.sink.shown).toHaveLength(1);
  });

  it('a direct message links to /direct/<rid> and counts as a mention', async () => {
    const { app, account } = await startAlice([], { settings: { level: 'mentions' } });
    const message = fixture.world.server.post('bob', fixture.world.direct._id, 'psst');
    const shown = await app.waitFor(() => {
      const visible = app.sink.visibleFor(account.id, fixture.world.direct._id);
      if (!visible) throw new Error('nothing shown yet');
      return visible;
    });
    expect(shown).toMatchObject({
      title: 'bob',
      body: 'psst',
      url: `${fixture.world.server.url}/direct/${fixture.world.direct._id}?msg=${message._id}`,
      mention: true,
    });
  });

  it('an edit updates the shown notification; a deletion retracts it', async () => {
    const { app, account } = await startAlice(['GENERAL']);
    const message = fixture.world.server.post('bob', 'GENERAL', 'meet at 3');
    await app.waitFor(() =>
      expect(app.sink.visibleFor(account.id, 'GENERAL')?.body).toBe('meet at 3'),
    );

    fixture.world.server.edit('bob', message._id, 'meet at 4');
    await app.waitFor(() =>
      expect(app.sink.visibleFor(account.id, 'GENERAL')?.body).toBe('meet at 4'),
    );
    expect(app.sink.shown).toHaveLength(1);
    expect(app.sink.updated).toHaveLength(1);

    fixture.world.server.delete('bob', message._id);
    await app.waitFor(() => expect(app.sink.retracted).toHaveLength(1));
    expect(app.sink.visibleFor(account.id, 'GENERAL')).toBeUndefined();
    expect(app.sink.shown).toHaveLength(1);
  });

  it('a deletion shown as a tombstone (Message_ShowDeletedStatus) retracts too', async () => {
    await fixture.replace({ showDeletedStatus: true });
    const { app, account } = await startAlice(['GENERAL']);
    const message = fixture.world.server.post('bob', 'GENERAL', 'oops');
    await app.waitFor(() => expect(app.sink.visibleFor(account.id, 'GENERAL')).toBeDefined());
    fixture.world.server.delete('bob', message._id);
    await app.waitFor(() => expect(app.sink.retracted).toHaveLength(1));
  });

  it("the user's own message: nothing shown, recorded as own message", async () => {
    const { app, account } = await startAlice(['GENERAL']);
    const own = fixture.world.server.post('alice', 'GENERAL', 'I said this');
    const marker = fixture.world.server.post('bob', 'RANDOM', 'after');
    await app.waitFor(() => expect(app.sink.visibleFor(account.id, 'RANDOM')).toBeDefined());
    expect(app.sink.visibleFor(account.id, 'GENERAL')).toBeUndefined();
    const entry = app.pipeline.history.list().find((e) => e.event.id === own._id);
    expect(entry).toMatchObject({ decision: 'own message' });
    expect(marker).toBeDefined();
  });

  it('the same notification arriving twice shows once', async () => {
    const { app, account } = await startAlice();
    const message = fixture.world.server.post('bob', 'GENERAL', 'once please');
    await app.waitFor(() => expect(app.sink.visibleFor(account.id, 'GENERAL')).toBeDefined());
    // Another session of alice's makes the server deliver the same payload again.
    const copy = {
      msg: 'changed',
      collection: 'stream-notify-user',
      id: 'id',
      fields: {
        eventName: 'alice-id/notification',
        args: [
          {
            title: '#general',
            text: 'bob: once please',
            payload: {
              _id: message._id,
              rid: 'GENERAL',
              sender: { _id: 'bob-id', username: 'bob' },
              type: 'c',
              name: 'general',
              message: { msg: 'once please' },
            },
          },
        ],
      },
    };
    fixture.world.server.sendRaw('alice', JSON.stringify(copy));
    fixture.world.server.post('carol', 'RANDOM', 'marker');
    await app.waitFor(() => expect(app.sink.visibleFor(account.id, 'RANDOM')).toBeDefined());
    expect(app.sink.shown.filter((n) => n.room.id === 'GENERAL')).toHaveLength(1);
    expect(app.emitted.filter((e) => e.id === message._id)).toHaveLength(2);
  });

  it('a mentions-only rule: a plain message goes to history silently, a mention shows', async () => {
    const { app, account } = await startAlice([], { settings: { level: 'mentions' } });
    const plain = fixture.world.server.post('bob', 'GENERAL', 'just chatting');
    const mention = fixture.world.server.post('carol', 'DEV', 'hey @alice, review please');
    await app.waitFor(() => expect(app.sink.visibleFor(account.id, 'DEV')).toBeDefined());
    expect(app.sink.visibleFor(account.id, 'DEV')).toMatchObject({
      title: 'carol in #dev',
      body: 'hey @alice, review please',
      url: `${fixture.world.server.url}/group/dev?msg=${mention._id}`,
      mention: true,
    });
    expect(app.sink.visibleFor(account.id, 'GENERAL')).toBeUndefined();
    const entry = app.pipeline.history.list().find((e) => e.event.id === plain._id);
    expect(entry).toMatchObject({ decision: 'mentions only' });
  });

  it('unread counters come from the server; reading elsewhere clears and retracts', async () => {
    const { app, account } = await startAlice();
    fixture.world.server.post('bob', 'GENERAL', 'one');
    fixture.world.server.post('bob', 'GENERAL', 'two @alice');
    await app.waitFor(() =>
      expect(app.pipeline.unread.get(account.id, 'GENERAL')).toMatchObject({
        count: 2,
        mentions: 1,
      }),
    );
    fixture.world.server.read('alice', 'GENERAL');
    await app.waitFor(() => expect(app.pipeline.unread.get(account.id, 'GENERAL').count).toBe(0));
    expect(app.sink.visibleFor(account.id, 'GENERAL')).toBeUndefined();
  });

  it('a thread reply links to the thread', async () => {
    const { app, account } = await startAlice();
    const parent = fixture.world.server.post('alice', 'GENERAL', 'thread start');
    const reply = fixture.world.server.post('bob', 'GENERAL', 'a reply', { tmid: parent._id });
    await app.waitFor(() =>
      expect(app.sink.visibleFor(account.id, 'GENERAL')?.url).toBe(
        `${fixture.world.server.url}/channel/general/thread/${parent._id}?msg=${reply._id}`,
      ),
    );
  });

  it('system messages and presence go to history with their kinds', async () => {
    const { app } = await startAlice(['GENERAL']);
    fixture.world.server.systemMessage('bob', 'GENERAL', 'room_changed_topic', 'release week');
    fixture.world.server.systemMessage('bob', 'GENERAL', 'ru', 'carol');
    fixture.world.server.setStatus('bob', 'away', 'lunch');
    await app.waitFor(() => {
      const kinds = app.pipeline.history.list().map((e) => [e.event.kind, e.event.body]);
      expect(kinds).toEqual(
        expect.arrayContaining([
          ['room-topic-changed', 'bob changed the topic: release week'],
          ['user-removed', 'bob removed carol'],
          // bob has no live connection: the server reports him offline, with his text.
          ['user-status-changed', 'offline: lunch'],
        ]),
      );
    });
    expect(app.sink.shown).toHaveLength(0);
  });

  it('actions: reply into a thread, react, mark read, list rooms', async () => {
    const { app, account } = await startAlice();
    const connector = app.connector();
    const parent = fixture.world.server.post('bob', 'GENERAL', 'question?');
    await connector.reply!('GENERAL', 'answer', parent._id);
    const answer = [...fixture.world.server.store.messages.values()].find(
      (m) => m.msg === 'answer',
    );
    expect(answer).toMatchObject({ rid: 'GENERAL', tmid: parent._id, u: { username: 'alice' } });

    await connector.react!(parent._id, 'thumbsup');
    expect(fixture.world.server.store.messages.get(parent._id)?.reactions).toEqual({
      ':thumbsup:': { usernames: ['alice'] },
    });

    await app.waitFor(() => expect(app.pipeline.unread.get(account.id, 'GENERAL').count).toBe(1));
    await connector.markRead!('GENERAL');
    expect(fixture.world.server.store.subscription('GENERAL', 'alice-id')?.unread).toBe(0);

    const rooms = await connector.listRooms!();
    expect(rooms).toEqual(
      expect.arrayContaining([
        { id: 'GENERAL', name: 'general', type: 'channel', unread: 0 },
        { id: 'DEV', name: 'dev', type: 'group', unread: 0 },
        { id: fixture.world.direct._id, name: 'bob', type: 'direct', unread: 0 },
      ]),
    );
  });
});
