// The connector against each version persona of the test server: direct messages are named by
// the server's payload.name, and a reaction with any emoji Rocket.Chat knows goes through.
import { describe, expect, it } from 'vitest';
import { makeRocketChatAccount, startRocketChatApp } from './rocketchat-app.js';
import { aliceByPassword, useWorld } from './world.js';

const fixture = useWorld();

describe.each(['rc3', 'rc7', 'rc8'] as const)('Rocket.Chat connector on persona %s', (persona) => {
  it('names a group direct message by payload.name and reacts with any known emoji', async () => {
    const world = await fixture.replace({ persona });
    const groupDm = world.server.addRoom({ type: 'd', members: ['alice', 'bob', 'carol'] });
    const account = makeRocketChatAccount(world.server, { auth: aliceByPassword });
    const app = fixture.started(startRocketChatApp(account));
    await app.waitForState('online');

    const message = world.server.post('carol', groupDm._id, 'who is in for the demo?');
    const event = await app.waitFor(() => {
      const found = app.emitted.find((e) => e.room.id === groupDm._id);
      if (!found) throw new Error('no event yet');
      return found;
    });
    expect(event.room).toEqual({ id: groupDm._id, type: 'direct', name: 'bob, carol' });
    expect(event.mentionsUser).toBe(true);

    for (const emoji of [':grin:', 'sweat_smile', 'partying_face'])
      await app.connector().react!(message._id, emoji);
    expect(Object.keys(world.server.store.messages.get(message._id)?.reactions ?? {})).toEqual([
      ':grin:',
      ':sweat_smile:',
      ':partying_face:',
    ]);
  });
});
