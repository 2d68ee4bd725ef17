// An ntfy account against the test server: what a message shows, a burst folding per topic, the
// JSON stream where the WebSocket is refused, priorities below the minimum kept in history only.
import { afterEach, describe, expect, it } from 'vitest';
import { startNtfyServer, type NtfyTestServer } from '../../servers/ntfy/server.js';
import { makeNtfyAccount, startNtfyApp, type NtfyApp } from './ntfy-app.js';

let server: NtfyTestServer | undefined;
let app: NtfyApp | undefined;

afterEach(async () => {
  await app?.stop();
  await server?.stop();
  app = server = undefined;
});

describe('an ntfy message', () => {
  it('shows its title with the tags as emoji, its message, attachment and link', async () => {
    server = await startNtfyServer();
    const account = makeNtfyAccount(server.url);
    app = startNtfyApp(account);
    await app.waitForState('online');
    expect(app.status().details).toMatchObject({ connection: 'WebSocket' });
    const sent = server.publish('backups', {
      title: 'Backup failed',
      message: 'disk /dev/sda full',
      priority: 5,
      tags: ['warning', 'skull', 'nas-1'],
      click: 'https://nas.example.com/backups',
      attachment: { name: 'log.txt', url: 'https://ntfy.example.com/file/abc.txt' },
    });
    expect(await app.waitForSeen(1)).toEqual([
      '⚠️ 💀 Backup failed — disk /dev/sda full\nAttachment: log.txt',
    ]);
    const [shown] = app.sink.shown;
    expect(shown).toMatchObject({
      url: 'https://nas.example.com/backups',
      links: [{ label: 'Open attachment', url: 'https://ntfy.example.com/file/abc.txt' }],
      mention: true,
      room: { id: 'backups', name: 'backups' },
    });
    // Subscribed once, to both topics, on the WebSocket route.
    expect(server.subscriptions.map((s) => s.path)).toEqual(['/backups,ci/ws']);
    expect(app.emitted[0]!.id).toBe(sent.id);
    server.publish('ci', {
      message: 'deploy?',
      actions: [{ action: 'view', label: 'Open pipeline', url: 'https://ci.example.com/p/9' }],
    });
    await app.waitForSeen(2);
    expect(app.sink.shown[1]!.links).toEqual([
      { label: 'Open pipeline', url: 'https://ci.example.com/p/9' },
    ]);
  });

  it('without a title is titled by its topic and links to the topic page', async () => {
    server = await startNtfyServer();
    app = startNtfyApp(makeNtfyAccount(server.url));
    await app.waitForState('online');
    server.publish('ci', { message: 'build 41 passed', tags: ['white_check_mark'] });
    expect(await app.waitForSeen(1)).toEqual(['✅ ci — build 41 passed']);
    expect(app.sink.shown[0]).toMatchObject({ url: `${server.url}/ci`, mention: false });
  });

  it('below minPriority goes to history only', async () => {
    server = await startNtfyServer();
    const account = makeNtfyAccount(server.url, { minPriority: 3 });
    app = startNtfyApp(account);
    await app.waitForState('online');
    server.publish('ci', { message: 'lint warnings', priority: 2 });
    server.publish('ci', { message: 'deploy done' });
    expect(await app.waitForSeen(1)).toEqual(['ci — deploy done']);
    const history = app.pipeline.history.list({ account: account.id });
    expect(history.map((h) => [h.event.body, h.decision])).toEqual(
      expect.arrayContaining([
        ['lint warnings', 'history only'],
        ['deploy done', 'shown'],
      ]),
    );
  });

  it('a deleted message (newer servers) is retracted', async () => {
    server = await startNtfyServer();
    app = startNtfyApp(makeNtfyAccount(server.url));
    await app.waitForState('online');
    const sent = server.publish('ci', { message: 'flaky test' });
    await app.waitForSeen(1);
    server.sendRaw(
      JSON.stringify({
        id: 'Xy7pQ2rT9kLm',
        time: sent.time,
        event: 'message_delete',
        topic: 'ci',
        sequence_id: sent.id,
      }),
    );
    await app.waitFor(() => expect(app!.sink.retracted).toHaveLength(1));
    expect(app.sink.visibleFor(app.account.id, 'ci')).toBeUndefined();
  });
});

describe('a burst of ntfy messages', () => {
  it('folds per topic into one notification each, and history holds all', async () => {
    server = await startNtfyServer();
    const account = makeNtfyAccount(server.url);
    // The pipeline's clock stands still: every message after a topic's first folds into it.
    app = startNtfyApp(account, { settings: { coalesceMs: 1_000 } });
    await app.waitForState('online');
    for (let i = 1; i <= 30; i++) server.publish(i % 3 ? 'backups' : 'ci', { message: `job ${i}` });
    await app.waitForEmitted(30);
    await app.waitFor(() =>
      expect(
        app!.pipeline
          .shown()
          .map((n) => [n.room.id, n.count, n.title])
          .sort(),
      ).toEqual([
        ['backups', 20, '20 new messages in #backups'],
        ['ci', 10, '10 new messages in #ci'],
      ]),
    );
    // The sink showed each topic once; what followed folded into it rather than stacking.
    expect(app.sink.shown.map((n) => n.room.id).sort()).toEqual(['backups', 'ci']);
    // A summary stands for many messages: it offers none of their buttons.
    server.publish('ci', {
      message: 'with a button',
      actions: [{ action: 'view', label: 'Open', url: 'https://ci.example.com' }],
    });
    await app.waitForEmitted(31);
    expect(app.pipeline.shown().find((n) => n.room.id === 'ci')).toMatchObject({ count: 11 });
    expect(app.pipeline.shown().find((n) => n.room.id === 'ci')?.links).toBeUndefined();
    expect(app.pipeline.history.list({ account: account.id })).toHaveLength(31);
  });
});

describe('a server that refuses the WebSocket', () => {
  it('is read over the JSON stream, and says so', async () => {
    server = await startNtfyServer();
    server.refuseWebSockets(true);
    app = startNtfyApp(makeNtfyAccount(server.url));
    await app.waitForState('online');
    expect(app.status().details).toMatchObject({ connection: 'JSON stream' });
    server.publish('backups', { message: 'over the JSON stream' });
    expect(await app.waitForSeen(1)).toEqual(['backups — over the JSON stream']);
    expect(server.subscriptions.map((s) => s.path)).toEqual(['/backups,ci/ws', '/backups,ci/json']);
  });
});
