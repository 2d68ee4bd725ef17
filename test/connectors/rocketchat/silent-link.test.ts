// A link that stops forwarding (both sockets open, nothing gets through) is found by our DDP
// pings and replaced, and catch-up brings what was posted meanwhile, once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PING_INTERVAL_MS } from '../../../app/connectors/rocketchat/ddp-connection.js';
import { silenceDeadlineMs } from '../../../app/connectors/shared/silence-watch.js';
import { startSilentProxy, type SilentProxy } from '../../support/silent-proxy.js';
import { makeRocketChatAccount, startRocketChatApp } from './rocketchat-app.js';
import { aliceByPassword, useWorld } from './world.js';

const fixture = useWorld();
let proxy: SilentProxy;

beforeEach(async () => {
  proxy = await startSilentProxy({ port: Number(new URL(fixture.world.server.url).port) });
});

afterEach(async () => {
  await proxy.stop();
});

describe('a Rocket.Chat link that goes silent', () => {
  it('is found by our pings, replaced, and what was posted meanwhile is caught up once', async () => {
    const { server } = fixture.world;
    const account = makeRocketChatAccount(server, {
      server: proxy.via(server.url),
      auth: aliceByPassword,
      rooms: ['GENERAL'],
    });
    // 300 ms instead of the app's 10 s: the same pings and verdict, sooner.
    const app = fixture.started(
      startRocketChatApp(account, { connector: { pingIntervalMs: 300 } }),
    );
    await app.waitForState('online');

    proxy.silence();
    const missed = [server.post('bob', 'GENERAL', 'one'), server.post('bob', 'GENERAL', 'two')];

    await app.waitFor(() => expect(app.connects()).toBe(2), 10_000);
    const lost = app.logs.find((l) => l.message === 'connection lost');
    expect(String(lost?.fields?.error)).toMatch(/^no answer from the server for \d+ s$/);
    await app.waitForState('online');
    await app.waitFor(() =>
      expect(app.sink.visibleFor(account.id, 'GENERAL')?.title).toBe('2 new messages in #general'),
    );
    const history = app.pipeline.history.list({ account: account.id });
    const ids = history.map((e) => e.event.id);
    for (const { _id } of missed) expect(ids.filter((id) => id === _id)).toHaveLength(1);
  });

  it('the app pings after 10 s of silence, so a silent link is found within 30 s', () => {
    expect(DEFAULT_PING_INTERVAL_MS).toBe(10_000);
    expect(silenceDeadlineMs(DEFAULT_PING_INTERVAL_MS)).toBeLessThanOrEqual(30_000);
  });
});
