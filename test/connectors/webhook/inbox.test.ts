// The webhook inbox with a real HTTP client (fetch): Rocket.Chat's outgoing webhooks and generic
// JSON, tokens in the three places senders put them, and every kind of bad request answered in
// words without harm to the inbox.
import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { settle } from '../../support/settle.js';
import { sendMessagePayload } from './rocketchat-payloads.js';
import { makeWebhookAccount, post, startWebhookApp, type WebhookApp } from './webhook-app.js';

const SEND_MESSAGE = sendMessagePayload();
const TOKEN = SEND_MESSAGE.token;
const NOW = SEND_MESSAGE.timestamp;

const apps: WebhookApp[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.stop()));
});

async function online(...args: Parameters<typeof startWebhookApp>) {
  const app = startWebhookApp(...args);
  apps.push(app);
  await app.waitForState('online');
  return app;
}

const history = (app: WebhookApp) => app.pipeline.history.list({ account: app.account.id });

describe('format rocketchat', () => {
  it('shows a sendMessage, answered 200 with an empty JSON object (no reply in the room)', async () => {
    const app = await online(makeWebhookAccount({ format: 'rocketchat', token: TOKEN }));
    const response = await post(app.url(), SEND_MESSAGE);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({});

    expect(app.seen()).toEqual(['alice in #general — deploy now']);
    expect(app.sink.shown[0]?.url).toBe('https://chat.example.com/channel/general?msg=Xb7kq2Lm9');
    expect(app.emitted[0]).toMatchObject({
      kind: 'message-sent',
      id: 'Xb7kq2Lm9',
      time: Date.parse(NOW),
      room: { id: 'GENERAL', name: 'general' },
      author: { id: 'aliceId', name: 'alice' },
    });
    // History keeps what came, but not the token.
    expect(JSON.stringify(history(app)[0])).not.toContain(TOKEN);
  });

  it('a retried call (same message) is kept once', async () => {
    const app = await online(makeWebhookAccount({ format: 'rocketchat', token: TOKEN }));
    for (let i = 0; i < 3; i++) expect((await post(app.url(), SEND_MESSAGE)).status).toBe(200);
    expect(history(app)).toHaveLength(1);
  });

  it('room events show in words', async () => {
    const app = await online(makeWebhookAccount({ format: 'rocketchat', token: TOKEN }));
    const archived = {
      token: TOKEN,
      bot: false,
      event: 'roomArchived',
      channel_id: 'ops1',
      channel_name: 'ops',
      user_id: 'bobId',
      user_name: 'bob',
      timestamp: NOW,
    };
    expect((await post(app.url(), archived)).status).toBe(200);
    expect(app.emitted[0]).toMatchObject({ kind: 'room-archived', body: 'bob archived the room' });
  });

  it('refuses a wrong token in the payload with 401, and keeps nothing', async () => {
    const app = await online(makeWebhookAccount({ format: 'rocketchat', token: TOKEN }));
    const response = await post(app.url(), { ...SEND_MESSAGE, token: 'guess' });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'wrong or missing token' });
    const missing = await post(app.url(), { ...SEND_MESSAGE, token: undefined });
    expect(missing.status).toBe(401);
    expect(app.emitted).toEqual([]);
    expect(app.status().details?.['refused requests']).toBe('2 with a wrong or missing token');
    expect(app.logs).toContainEqual(
      expect.objectContaining({ message: 'webhook requests refused: wrong or missing token' }),
    );
  });
});

describe('format json', () => {
  it('fills the templates; the token may come as a Bearer header or as ?token=', async () => {
    const app = await online(
      makeWebhookAccount({
        token: TOKEN,
        title: 'Build {{payload.build.number}} {{payload.status}}',
        body: '{{payload.build.branch}}',
        link: 'https://ci.example.com/builds/{{payload.build.number}}',
      }),
    );
    const build = { status: 'failed', build: { number: 41, branch: 'main' } };
    const bearer = await post(app.url(), build, { authorization: `Bearer ${TOKEN}` });
    expect(bearer.status).toBe(200);
    expect(await bearer.json()).toEqual({ ok: true });
    const query = await post(`${app.url()}?token=${TOKEN}`, { ...build, status: 'passed' });
    expect(query.status).toBe(200);
    expect(app.emitted.map((event) => `${event.title} — ${event.body}`)).toEqual([
      'Build 41 failed — main',
      'Build 41 passed — main',
    ]);
    expect(app.emitted[0]?.url).toBe('https://ci.example.com/builds/41');
  });

  it('without templates, shows the usual fields, else the JSON', async () => {
    const app = await online(makeWebhookAccount({ name: 'Alerts' }));
    await post(app.url(), { title: 'Disk full', message: '/var at 99%' });
    await post(app.url(), { level: 3 });
    expect(app.emitted.map((event) => `${event.title} — ${event.body}`)).toEqual([
      'Disk full — /var at 99%',
      'Alerts — {"level":3}',
    ]);
  });

  it('refuses a wrong Bearer token with 401 before reading the body', async () => {
    const app = await online(makeWebhookAccount({ token: TOKEN }));
    const response = await post(app.url(), { message: 'x' }, { authorization: 'Bearer nope' });
    expect(response.status).toBe(401);
    expect((await post(app.url(), { message: 'x' })).status).toBe(401);
    expect(app.emitted).toEqual([]);
  });

  it('folds a burst into one notification per room, every post in history', async () => {
    const app = await online(makeWebhookAccount({ room: '{{payload.service}}' }));
    const posts = Array.from({ length: 30 }, (_, i) =>
      post(app.url(), { service: i % 3 === 0 ? 'db' : 'web', message: `alert ${i}` }),
    );
    const responses = await Promise.all(posts);
    expect(responses.every((response) => response.status === 200)).toBe(true);
    expect(history(app)).toHaveLength(30);
    expect(app.sink.shown.map((n) => n.room.id).sort()).toEqual(['db', 'web']);
    const counts = Object.fromEntries(app.pipeline.shown().map((n) => [n.room.id, n.count]));
    expect(counts).toEqual({ db: 10, web: 20 });
  });
});

describe('bad requests', () => {
  it('1 MB of body is refused with 413, and the inbox goes on', async () => {
    const app = await online(makeWebhookAccount());
    const big = JSON.stringify({ message: 'x'.repeat(1024 * 1024) });
    const response = await post(app.url(), big);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: 'expected a body of at most 64 KB' });
    expect(app.emitted).toEqual([]);
    expect(app.status().details?.['refused frames']).toBe('1 too large');
    expect((await post(app.url(), { message: 'small' })).status).toBe(200);
    expect(app.status().state).toBe('online');
  });

  it('bad JSON is 400; from a sender with the token it is kept in history, not shown', async () => {
    const app = await online(makeWebhookAccount({ token: TOKEN }));
    const response = await post(app.url(), '{"message": "cut', {
      authorization: `Bearer ${TOKEN}`,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'expected JSON (malformed)' });
    expect(history(app)).toMatchObject([
      { decision: 'history only', event: { body: '{"message": "cut' } },
    ]);
    expect(app.sink.shown).toEqual([]);
  });

  it('a wrong path is 404, another method 405, a body that is not JSON 415', async () => {
    const app = await online(makeWebhookAccount());
    const base = new URL(app.url());
    expect((await post(`${base.origin}/hooks/someone-else`, {})).status).toBe(404);
    expect((await post(`${base.origin}/`, {})).status).toBe(404);
    expect((await fetch(app.url())).status).toBe(405);
    // A web page may send text/plain without asking; an open inbox takes JSON only.
    const form = await fetch(app.url(), { method: 'POST', body: 'message=hi' });
    expect(form.status).toBe(415);
    expect(app.emitted).toEqual([]);
    expect(app.status().state).toBe('online');
  });
});

it('an open inbox refuses a request naming another host (a web page pointed at 127.0.0.1)', async () => {
  const app = await online(makeWebhookAccount());
  const send = (host: string) =>
    new Promise<number>((resolve, reject) => {
      const body = JSON.stringify({ message: 'click https://evil.example' });
      const request = httpRequest(
        app.url(),
        { method: 'POST', headers: { host, 'content-type': 'application/json' } },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  const { port } = new URL(app.url());
  expect(await send(`evil.example:${port}`)).toBe(403);
  expect(await send(`localhost:${port}`)).toBe(200);
  expect(app.emitted).toHaveLength(1);
});

it('answers only once the event is committed', async () => {
  let commit: () => void = () => {};
  const app = await online(makeWebhookAccount(), {
    persisted: () => new Promise<void>((resolve) => (commit = resolve)),
  });
  let answered = false;
  const response = post(app.url(), { message: 'keep me' }).then((r) => {
    answered = true;
    return r;
  });
  await app.waitForEmitted(1);
  await settle();
  expect(answered).toBe(false);
  commit();
  expect((await response).status).toBe(200);
});

it('an edit (runOnEdits) updates the shown notification rather than adding one', async () => {
  const app = await online(makeWebhookAccount({ format: 'rocketchat', token: TOKEN }));
  await post(app.url(), SEND_MESSAGE);
  await post(app.url(), { ...SEND_MESSAGE, text: 'deploy at 5', isEdited: true });
  expect(app.sink.shown).toHaveLength(1);
  expect(app.sink.visibleFor(app.account.id, 'GENERAL')?.body).toBe('deploy at 5');
});
