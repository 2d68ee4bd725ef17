// A Gotify account against the test server: what a message shows (application names, markdown
// as text, the click link, priorities), a burst folding per application, the picker's list.
import { afterEach, describe, expect, it } from 'vitest';
import { createGotifyConnector } from '../../../app/connectors/gotify/connector.js';
import type { ConnectorContext } from '../../../app/core/connector.js';
import type { GotifyTestServer } from '../../servers/gotify/server.js';
import {
  makeGotifyAccount,
  startAliceServer,
  startGotifyApp,
  type GotifyApp,
} from './gotify-app.js';

let server: GotifyTestServer | undefined;
let app: GotifyApp | undefined;

afterEach(async () => {
  await app?.stop();
  await server?.stop();
  app = server = undefined;
});

describe('a Gotify message', () => {
  it('shows its title and text under its application, with its click link', async () => {
    server = await startAliceServer();
    app = startGotifyApp(makeGotifyAccount(server.url));
    await app.waitForState('online');
    server.publish('Backups', {
      title: 'Nightly backup',
      message: '**Failed** on [nas-1](https://nas.example.com): `disk full`',
      extras: {
        'client::display': { contentType: 'text/markdown' },
        'client::notification': { click: { url: 'https://nas.example.com/jobs/7' } },
      },
    });
    expect(await app.waitForSeen(1)).toEqual([
      'Nightly backup — Failed on nas-1 (https://nas.example.com): disk full',
    ]);
    expect(app.sink.shown[0]).toMatchObject({
      url: 'https://nas.example.com/jobs/7',
      room: { name: 'Backups' },
      mention: false,
    });
  });

  it('without a title is titled by its application; priority 8 and up is urgent', async () => {
    server = await startAliceServer();
    app = startGotifyApp(makeGotifyAccount(server.url));
    await app.waitForState('online');
    server.publish('Alarms', { title: ' ', message: 'smoke in the kitchen' });
    expect(await app.waitForSeen(1)).toEqual(['Alarms — smoke in the kitchen']);
    expect(app.sink.shown[0]).toMatchObject({ mention: true, url: server.url });
  });

  it('priority 0 and below minPriority go to history only', async () => {
    server = await startAliceServer();
    const account = makeGotifyAccount(server.url, { minPriority: 4 });
    app = startGotifyApp(account);
    await app.waitForState('online');
    server.publish('Backups', { message: 'silent', priority: 0 });
    server.publish('Backups', { message: 'low', priority: 3 });
    server.publish('Backups', { message: 'shown', priority: 4 });
    expect(await app.waitForSeen(1)).toEqual(['Backups — shown']);
    const decisions = app.pipeline.history
      .list({ account: account.id })
      .map((h) => [h.event.body, h.decision, h.reason]);
    expect(decisions).toEqual(
      expect.arrayContaining([
        ['silent', 'history only', 'history only: priority 0 (history only)'],
        ['low', 'history only', 'history only: priority 3, below 4'],
        ['shown', 'shown', expect.anything()],
      ]),
    );
  });

  it('signs in with a user name and password as well', async () => {
    server = await startAliceServer();
    app = startGotifyApp(
      makeGotifyAccount(server.url, { auth: { username: 'alice', password: 'alice-password' } }),
    );
    await app.waitForState('online');
    server.publish('Backups', { message: 'by basic auth' });
    expect(await app.waitForSeen(1)).toEqual(['Backups — by basic auth']);
  });
});

describe('a burst of Gotify messages', () => {
  it('folds per application, and history holds all', async () => {
    server = await startAliceServer();
    const account = makeGotifyAccount(server.url);
    app = startGotifyApp(account, { settings: { coalesceMs: 1_000 } });
    await app.waitForState('online');
    for (let i = 1; i <= 12; i++)
      server.publish(i % 4 ? 'Backups' : 'Alarms', { message: `m${i}` });
    await app.waitForEmitted(12);
    expect(
      app.pipeline
        .shown()
        .map((n) => [n.room.name, n.count, n.title])
        .sort(),
    ).toEqual([
      ['Alarms', 3, '3 new messages in #Alarms'],
      ['Backups', 9, '9 new messages in #Backups'],
    ]);
    expect(app.sink.shown).toHaveLength(2);
    expect(app.pipeline.history.list({ account: account.id })).toHaveLength(12);
  });
});

describe("the settings window's application picker", () => {
  it('lists the applications from GET /application', async () => {
    server = await startAliceServer();
    const context = {
      resolveSecret: (s: unknown) => Promise.resolve(String(s)),
      log: { debug() {}, info() {}, warn() {}, error() {} },
    } as unknown as ConnectorContext;
    const connector = createGotifyConnector(makeGotifyAccount(server.url), context);
    expect(await connector.listRooms!()).toEqual([
      { id: '1', name: 'Backups', type: 'channel' },
      { id: '2', name: 'Alarms', type: 'channel' },
    ]);
  });
});
