// Signing in, as the user sees it in the account's status: password (sent as a digest), email,
// personal access token, two-factor code, and a wrong password that is not retried.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { makeRocketChatAccount, startRocketChatApp, type RocketChatApp } from './rocketchat-app.js';
import { PASSWORDS, useWorld } from './world.js';

const fixture = useWorld();
let app: RocketChatApp | undefined;

function loginParams() {
  return fixture.world.server.hub.calls.filter((c) => c.method === 'login').map((c) => c.params[0]);
}

describe('Rocket.Chat sign-in', () => {
  it('logs in by user name with the password as a SHA-256 digest, never in plain text', async () => {
    app = fixture.started(
      startRocketChatApp(
        makeRocketChatAccount(fixture.world.server, {
          auth: { username: 'alice', password: PASSWORDS.alice },
        }),
      ),
    );
    await app.waitForState('online');
    const [login] = loginParams();
    expect(login).toEqual({
      user: { username: 'alice' },
      password: {
        digest: createHash('sha256').update(PASSWORDS.alice).digest('hex'),
        algorithm: 'sha-256',
      },
    });
    expect(JSON.stringify(loginParams())).not.toContain(PASSWORDS.alice);
  });

  it('logs in by email address', async () => {
    app = fixture.started(
      startRocketChatApp(
        makeRocketChatAccount(fixture.world.server, {
          auth: { username: 'alice@example.com', password: PASSWORDS.alice },
        }),
      ),
    );
    await app.waitForState('online');
    expect(loginParams()[0]).toMatchObject({ user: { email: 'alice@example.com' } });
  });

  it('logs in with a personal access token (a resume login)', async () => {
    const token = fixture.world.server.personalAccessToken('alice');
    app = fixture.started(
      startRocketChatApp(
        makeRocketChatAccount(fixture.world.server, { auth: { userId: 'alice-id', token } }),
      ),
    );
    await app.waitForState('online');
    expect(loginParams()).toEqual([{ resume: token }]);
    expect(fixture.world.server.sessions('alice')).toHaveLength(1);
  });

  it('a wrong password: auth-failed with the server reason, and no retry loop', async () => {
    app = fixture.started(
      startRocketChatApp(
        makeRocketChatAccount(fixture.world.server, {
          auth: { username: 'alice', password: 'wrong' },
        }),
      ),
    );
    const status = await app.waitForState('auth-failed');
    expect(status.reason).toBe('User not found');
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(app.connects()).toBe(1);
    expect(loginParams()).toHaveLength(1);
    expect(app.status().state).toBe('auth-failed');
  });

  it('a revoked token: auth-failed with the server reason', async () => {
    app = fixture.started(
      startRocketChatApp(
        makeRocketChatAccount(fixture.world.server, {
          auth: { userId: 'alice-id', token: 'gone' },
        }),
      ),
    );
    const status = await app.waitForState('auth-failed');
    expect(status.reason).toBe("You've been logged out by the server. Please log in again.");
  });

  it('two-factor: "two-factor code required", then logs in with the code it is given', async () => {
    fixture.world.server.store.mustUser('alice').totpCode = '123456';
    app = fixture.started(
      startRocketChatApp(
        makeRocketChatAccount(fixture.world.server, {
          auth: { username: 'alice', password: PASSWORDS.alice },
        }),
      ),
    );
    const status = await app.waitForState('auth-failed');
    expect(status.reason).toBe('two-factor code required');

    app.connector().setTwoFactorCode('123456');
    app.supervisor.reconnect(app.status().account);
    await app.waitForState('online');
    expect(loginParams().at(-1)).toMatchObject({
      totp: { login: { user: { username: 'alice' } }, code: '123456' },
    });
  });

  it('two-factor: a code in the account settings is used, a wrong one is refused', async () => {
    fixture.world.server.store.mustUser('alice').totpCode = '654321';
    app = fixture.started(
      startRocketChatApp(
        makeRocketChatAccount(fixture.world.server, {
          auth: { username: 'alice', password: PASSWORDS.alice, totp: '000000' },
        }),
      ),
    );
    expect((await app.waitForState('auth-failed')).reason).toBe(
      'two-factor code rejected (TOTP Invalid)',
    );
    await app.stop();
    app = fixture.started(
      startRocketChatApp(
        makeRocketChatAccount(fixture.world.server, {
          auth: { username: 'alice', password: PASSWORDS.alice, totp: '654321' },
        }),
      ),
    );
    await app.waitForState('online');
  });

  it('after a drop it resumes with the session token: no second password or code', async () => {
    fixture.world.server.store.mustUser('alice').totpCode = '111111';
    app = fixture.started(
      startRocketChatApp(
        makeRocketChatAccount(fixture.world.server, {
          auth: { username: 'alice', password: PASSWORDS.alice, totp: '111111' },
        }),
      ),
    );
    await app.waitForState('online');
    fixture.world.server.dropConnections();
    await app.waitFor(() => expect(app!.connects()).toBe(2));
    await app.waitForState('online');
    const [first, second] = loginParams();
    expect(first).toHaveProperty('totp');
    expect(second).toEqual({ resume: expect.any(String) });
  });
});
