// Sign-in trouble: a token the server does not know is 401, a user without read access 403;
// both stop the account with the reason and no retry. A rate limit (429) is retried with backoff.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startNtfyServer, type NtfyTestServer } from '../../servers/ntfy/server.js';
import { makeNtfyAccount, startNtfyApp, type NtfyApp } from './ntfy-app.js';

let server: NtfyTestServer | undefined;
let app: NtfyApp | undefined;

afterEach(async () => {
  await app?.stop();
  await server?.stop();
  app = server = undefined;
});

const users = {
  alice: { password: 'alice-password', tokens: ['tk_alice0000000000000000000000'], read: ['*'] },
  bob: { password: 'bob-password', read: ['ci'] },
};

async function settled(account: NtfyApp): Promise<void> {
  // Long enough for several test backoffs (50–200 ms) to have passed, were any retry due.
  await new Promise((resolve) => setTimeout(resolve, 600));
  expect(account.connects()).toBe(1);
}

describe('ntfy sign-in', () => {
  it('with the right token (or user and password) reads protected topics', async () => {
    server = await startNtfyServer({ users, anonymousRead: [] });
    app = startNtfyApp(makeNtfyAccount(server.url, { auth: { token: users.alice.tokens[0] } }));
    await app.waitForState('online');
    server.publish('backups', { message: 'for alice' });
    expect(await app.waitForSeen(1)).toEqual(['backups — for alice']);
    await app.stop();
    app = startNtfyApp(
      makeNtfyAccount(server.url, { auth: { username: 'alice', password: 'alice-password' } }),
    );
    await app.waitForState('online');
  });

  it('a wrong token is a sign-in failure, not retried', async () => {
    server = await startNtfyServer({ users, anonymousRead: [] });
    app = startNtfyApp(makeNtfyAccount(server.url, { auth: { token: 'tk_wrong' } }));
    const status = await app.waitForState('auth-failed');
    expect(status.reason).toBe('ntfy refused the sign-in (401: unauthorized)');
    await settled(app);
    // Refused on the WebSocket, so not tried again on the JSON stream either.
    expect(server.subscriptions).toHaveLength(1);
  });

  it('a user without read access to a topic is refused with 403, not retried', async () => {
    server = await startNtfyServer({ users, anonymousRead: [] });
    app = startNtfyApp(
      makeNtfyAccount(server.url, { auth: { username: 'bob', password: 'bob-password' } }),
    );
    const status = await app.waitForState('auth-failed');
    expect(status.reason).toBe('ntfy refused access (403: forbidden)');
    await settled(app);
  });

  it('anonymous on a server that needs sign-in is refused (403)', async () => {
    server = await startNtfyServer({ users, anonymousRead: [] });
    app = startNtfyApp(makeNtfyAccount(server.url));
    expect((await app.waitForState('auth-failed')).reason).toContain('403');
  });
});

describe('an ntfy rate limit', () => {
  it('backs off and retries until the server takes the subscription', async () => {
    server = await startNtfyServer();
    server.limitSubscriptions(true);
    app = startNtfyApp(makeNtfyAccount(server.url));
    const status = await app.waitForState('reconnecting');
    expect(status.reason).toBe(
      'ntfy is rate-limiting this client (429: limit reached: too many active subscriptions); backing off',
    );
    expect(status.retryAt).toBeGreaterThan(status.since);
    await vi.waitFor(() => expect(app!.connects()).toBeGreaterThanOrEqual(2));
    server.limitSubscriptions(false);
    await app.waitForState('online');
  });
});
