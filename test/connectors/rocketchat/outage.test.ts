// Outages as the user lives them: the server dies and comes back, a link goes silent. The app
// reconnects by itself and catches up with one summary per room, never a flood, never twice.
import { describe, expect, it } from 'vitest';
import { makeRocketChatAccount, startRocketChatApp, type RocketChatApp } from './rocketchat-app.js';
import { aliceByPassword, useWorld } from './world.js';

const fixture = useWorld();
let app: RocketChatApp | undefined;

describe('Rocket.Chat outages', () => {
  it('server killed mid-session, 20 messages in 3 rooms while down: 3 summaries, history holds all 20', async () => {
    const account = makeRocketChatAccount(fixture.world.server, {
      auth: aliceByPassword,
      rooms: ['GENERAL'],
    });
    app = fixture.started(startRocketChatApp(account));
    await app.waitForState('online');
    const seen = fixture.world.server.post('bob', 'GENERAL', 'before the outage');
    await app.waitFor(() => expect(app!.sink.visibleFor(account.id, 'GENERAL')).toBeDefined());
    const shownBefore = app.sink.shown.length;

    await fixture.world.server.stop();
    await app.waitForState('reconnecting');
    const rooms = ['GENERAL', 'DEV', 'RANDOM'];
    const missed = Array.from({ length: 20 }, (_, i) =>
      fixture.world.server.post(i % 2 ? 'bob' : 'carol', rooms[i % 3]!, `missed ${i + 1}`),
    );
    await fixture.world.server.restart();

    await app.waitForState('online');
    await app.waitFor(() => expect(app!.sink.shown.length - shownBefore).toBe(3));
    const summaries = app.sink.shown.slice(shownBefore);
    expect(summaries.map((n) => [n.room.id, n.title]).sort()).toEqual([
      ['DEV', '7 new messages in #dev'],
      ['GENERAL', '7 new messages in #general'],
      ['RANDOM', '6 new messages in #random'],
    ]);
    const general = summaries.find((n) => n.room.id === 'GENERAL')!;
    // Who and what of the newest, then the rest by whom (newest first): the room is the title's.
    expect(general.body).toBe('carol: missed 19\nand 6 more from bob, carol');
    expect(general.url).toBe(`${fixture.world.server.url}/channel/general?msg=${missed[0]!._id}`);

    const history = app.pipeline.history.list({ account: account.id });
    const missedIds = new Set(missed.map((m) => m._id));
    const recorded = history.filter((e) => missedIds.has(e.event.id));
    expect(recorded).toHaveLength(20);
    expect(new Set(recorded.map((e) => e.event.id)).size).toBe(20);
    // The message shown before the outage is not counted or shown again.
    expect(history.filter((e) => e.event.id === seen._id)).toHaveLength(1);
    expect(app.pipeline.unread.get(account.id, 'DEV').count).toBe(7);
    // Catch-up asked the server the documented way.
    const calls = fixture.world.server.hub.calls.map((c) => c.method);
    expect(calls.filter((m) => m === 'loadMissedMessages')).toHaveLength(3);

    // Nothing more arrives later: no duplicates from live frames after catch-up.
    fixture.world.server.post('bob', 'RANDOM', 'live again');
    await app.waitFor(() =>
      expect(app!.sink.visibleFor(account.id, 'RANDOM')?.body).toBe('live again'),
    );
    expect(app.sink.shown.length - shownBefore).toBe(4);
  });

  it('catch-up uses loadHistory where loadMissedMessages is gone', async () => {
    await fixture.replace({ behaviour: { removedMethods: ['loadMissedMessages'] } });
    const account = makeRocketChatAccount(fixture.world.server, { auth: aliceByPassword });
    app = fixture.started(startRocketChatApp(account));
    await app.waitForState('online');
    fixture.world.server.dropConnections();
    for (const text of ['one', 'two', 'three']) fixture.world.server.post('bob', 'DEV', text);
    await app.waitFor(() =>
      expect(app!.sink.visibleFor(account.id, 'DEV')?.title).toBe('3 new messages in #dev'),
    );
    expect(fixture.world.server.hub.calls.map((c) => c.method)).toContain('loadHistory');
  });

  it('a connection that goes silent without closing is detected and replaced', async () => {
    const account = makeRocketChatAccount(fixture.world.server, { auth: aliceByPassword });
    app = fixture.started(startRocketChatApp(account, { connector: { pingIntervalMs: 300 } }));
    await app.waitForState('online');
    const [first] = fixture.world.server.sessions('alice');
    fixture.world.server.silenceConnections();

    await app.waitFor(() => expect(app!.connects()).toBe(2), 10_000);
    await app.waitForState('online');
    const lost = app.logs.find((l) => l.message === 'connection lost');
    expect(String(lost?.fields?.error)).toMatch(/no answer from the server for \d+ s/);
    const [second] = fixture.world.server.sessions('alice').filter((s) => s !== first);
    expect(second).toBeDefined();

    fixture.world.server.post('bob', 'GENERAL', 'are you there?');
    await app.waitFor(() =>
      expect(app!.sink.visibleFor(account.id, 'GENERAL')?.body).toBe('are you there?'),
    );
  });

  it('answers server pings, so a quiet but healthy link stays up', async () => {
    await fixture.replace({ heartbeat: { intervalMs: 100, timeoutMs: 100 } });
    const account = makeRocketChatAccount(fixture.world.server, { auth: aliceByPassword });
    app = fixture.started(startRocketChatApp(account, { connector: { pingIntervalMs: 60_000 } }));
    await app.waitForState('online');
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(app.connects()).toBe(1);
    expect(app.status().state).toBe('online');
  });
});
