// Sign-in failures, bad frames and silent links on a Gotify account.
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_FRAME_BYTES } from '../../../app/connectors/shared/frame-limit.js';
import type { GotifyTestServer } from '../../servers/gotify/server.js';
import { startSilentProxy, type SilentProxy } from '../../support/silent-proxy.js';
import {
  makeGotifyAccount,
  startAliceServer,
  startGotifyApp,
  type GotifyApp,
} from './gotify-app.js';

let server: GotifyTestServer | undefined;
let proxy: SilentProxy | undefined;
let app: GotifyApp | undefined;

afterEach(async () => {
  await app?.stop();
  await proxy?.stop();
  await server?.stop();
  app = proxy = server = undefined;
});

describe('a wrong Gotify token', () => {
  it('is a sign-in failure with the reason, not retried', async () => {
    server = await startAliceServer();
    app = startGotifyApp(makeGotifyAccount(server.url, { auth: { token: 'Cwrong' } }));
    const status = await app.waitForState('auth-failed');
    expect(status.reason).toBe(
      'Gotify refused the sign-in (401: you need to provide a valid access token or user credentials to access this api)',
    );
    // Long enough for several test backoffs (50–200 ms), were any retry due.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(app.connects()).toBe(1);
    expect(server.streams()).toBe(0);
  });
});

describe('bad Gotify frames', () => {
  it('malformed and oversized frames are dropped with a log line; the stream goes on', async () => {
    server = await startAliceServer();
    const account = makeGotifyAccount(server.url);
    app = startGotifyApp(account);
    await app.waitForState('online');
    server.sendRaw('{"id": 99, "appid": 1, "message": "cut');
    server.sendRaw('{"id": "not a number", "appid": 1, "message": "x"}');
    server.publish('Backups', { message: 'still here' });
    expect(await app.waitForSeen(1)).toEqual(['Backups — still here']);
    await app.waitFor(() =>
      expect(app!.status().details).toMatchObject({ 'refused frames': '2 malformed' }),
    );
    expect(app.logs.some((l) => l.level === 'warn' && l.message === 'Gotify frames refused')).toBe(
      true,
    );

    // Too large: `ws` can refuse it only by closing; the account reconnects at once and pages
    // back, so what came after it is not lost.
    server.sendRaw(
      JSON.stringify({ id: 1000, appid: 1, message: 'x'.repeat(MAX_FRAME_BYTES + 10) }),
    );
    const after = server.publish('Alarms', { message: 'after the big one' });
    await app.waitFor(() =>
      expect(app!.seen()).toEqual(['Backups — still here', 'Alarms — after the big one']),
    );
    await app.waitFor(() =>
      expect(app!.status().details?.['refused frames']).toMatch(/1 too large/),
    );
    const ids = app.pipeline.history.list({ account: account.id }).map((h) => h.event.id);
    expect(ids.filter((id) => id === String(after.id))).toHaveLength(1);
  });
});

describe('a silent Gotify link', () => {
  it('is found by unanswered pings and replaced; what came meanwhile is paged in', async () => {
    server = await startAliceServer();
    proxy = await startSilentProxy({ port: server.port });
    app = startGotifyApp(makeGotifyAccount(proxy.via(server.url)), {
      tuning: { keepAliveMs: 300, requestTimeoutMs: 2_000 },
    });
    await app.waitForState('online');
    server.publish('Backups', { message: 'before' });
    await app.waitForSeen(1);
    proxy.silence();
    server.publish('Backups', { message: 'while silent' });
    await app.waitFor(() => expect(app!.connects()).toBeGreaterThanOrEqual(2));
    await app.waitForState('online');
    expect(app.statuses.find((s) => s.state === 'reconnecting')?.reason).toMatch(
      /^Gotify sent nothing for \d+ s/,
    );
    await app.waitFor(() =>
      expect(app!.seen()).toEqual(['Backups — before', 'Backups — while silent']),
    );
  });
});
