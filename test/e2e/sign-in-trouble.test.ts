// A sign-in that goes wrong, as the user sees it on the Accounts page: Rocket.Chat's refusal in
// plain words with the server's text under Details, and the two-factor code the server asks for
// typed on the account's row (the connector's setTwoFactorCode), then online.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRocketChatServer, type RocketChatServer } from '../servers/rocketchat/server.js';
import { useSettingsWindow } from '../support/settings-window-fixture.js';
import { eventually, shot, text } from '../support/settings-page.js';

let chat: RocketChatServer;

beforeAll(async () => {
  chat = await startRocketChatServer({ greeting: 'server_id' });
  chat.addUser({ username: 'alice', password: 'alice-secret', id: 'alice-id', totpCode: '246810' });
});

afterAll(async () => {
  await chat?.close();
});

const desktop = useSettingsWindow({
  viewport: { width: 900, height: 650 },
  expectNone: ['pageErrors'],
});

const account = (password: string) => ({
  id: 'chat',
  name: 'Team chat',
  type: 'rocketchat' as const,
  server: chat.url,
  auth: { username: 'alice', password },
});

describe('a Rocket.Chat sign-in that goes wrong', () => {
  it('says "wrong user name or password", the server’s words under Details', async () => {
    const { page } = desktop;
    expect(await desktop.app.controller.saveAccount(account('not-it'))).toEqual({ ok: true });
    const row = page.locator('[data-account="chat"]');
    await eventually(
      async () =>
        expect(await text(row.locator('.status'))).toBe(
          'sign-in failed: wrong user name or password',
        ),
      15_000,
    );
    await row.getByText('Connection details').click();
    expect(await text(row.locator('.detail'))).toMatch(/^The server said: User not found/);
    expect(await row.getByRole('button', { name: 'Sign in again' }).count()).toBe(1);
    await shot(page, 'accounts-wrong-password');
  });

  it('takes the two-factor code on the account’s row and comes online', async () => {
    const { page } = desktop;
    expect(await desktop.app.controller.saveAccount(account('alice-secret'), 'chat')).toEqual({
      ok: true,
    });
    const row = page.locator('[data-account="chat"]');
    await eventually(
      async () =>
        expect(await text(row.locator('.status'))).toBe('sign-in failed: two-factor code required'),
      15_000,
    );
    await shot(page, 'accounts-two-factor');
    await row.getByLabel('Two-factor code').fill('246810');
    await row.getByRole('button', { name: 'Sign in with the code' }).click();
    await eventually(async () => expect(await text(row.locator('.status'))).toBe('online'), 15_000);
  });
});
