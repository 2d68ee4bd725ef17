// Handlers of one stream event share one server subscription: each frame reaches each handler
// once, and the subscription ends with its last handler.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RocketChatClient } from '../../../app/connectors/rocketchat/realtime-client.js';
import { PASSWORDS, startWorld, type World } from './world.js';

let world: World;
let alice: RocketChatClient;

beforeEach(async () => {
  world = await startWorld();
  alice = new RocketChatClient({ server: world.server.url });
  await alice.start('alice', PASSWORDS.alice);
});

afterEach(async () => {
  await alice.close();
  await world.server.close();
});

const textOf = (args: unknown[]) => String((args[0] as { msg?: unknown }).msg);

describe('StreamSubscriptions', () => {
  it('two handlers on one event: each message once to each; unsubscribed one by one', async () => {
    const first: string[] = [];
    const second: string[] = [];
    const one = await alice.stream('room-messages', 'GENERAL', (args) => first.push(textOf(args)));
    const two = await alice.stream('room-messages', 'GENERAL', (args) => second.push(textOf(args)));
    world.server.post('bob', 'GENERAL', 'to both');
    await vi.waitFor(() => expect(second).toEqual(['to both']));
    await alice.getChannels(); // a round trip: anything sent before it has arrived
    expect(first).toEqual(['to both']);

    alice.unsubscribe(one);
    world.server.post('bob', 'GENERAL', 'to the second');
    await vi.waitFor(() => expect(second).toEqual(['to both', 'to the second']));
    expect(first).toEqual(['to both']);

    alice.unsubscribe(two);
    world.server.post('bob', 'GENERAL', 'to no one');
    await alice.getChannels();
    expect(second).toEqual(['to both', 'to the second']);
  });
});
