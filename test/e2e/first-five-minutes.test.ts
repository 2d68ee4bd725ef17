// The "done when", as a newcomer does it without the README: add a Rocket.Chat account
// with a personal access token and a 3D Repo account with browser sign-in, set one room to
// "Mentions and direct messages", mute another for 8 hours, and find in History why a message
// did not notify. Real test servers for both; Chromium drives the window.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRocketChatServer, type RocketChatServer } from '../servers/rocketchat/server.js';
import { startThreeDRepoServer, type ThreeDRepoServer } from '../servers/3drepo/server.js';
import { ALICE, WORLD } from '../connectors/3drepo/world.js';
import { openNewAccount, saveUntilOnline } from '../support/account-editor.js';
import { startDesktop } from '../support/electron-controller.js';
import { eventually, shot, text } from '../support/settings-page.js';
import { useSettingsWindow } from '../support/settings-window-fixture.js';

let chat: RocketChatServer;
let models: ThreeDRepoServer;
const signIns: string[] = [];

beforeAll(async () => {
  chat = await startRocketChatServer({ greeting: 'server_id' });
  chat.addUser({ username: 'alice', password: 'alice-secret', id: 'alice-id' });
  chat.addUser({ username: 'bob', password: 'bob-secret', id: 'bob-id' });
  chat.addRoom({ type: 'c', name: 'general', members: ['alice', 'bob'], id: 'GENERAL' });
  chat.addRoom({ type: 'c', name: 'random', members: ['alice', 'bob'], id: 'RANDOM' });
  models = await startThreeDRepoServer({ ...WORLD, loginMode: 'sso' });
});

afterAll(async () => {
  await chat?.close();
  await models?.stop();
});

const desktop = useSettingsWindow({
  start: () =>
    startDesktop({
      // The sign-in window of the desktop app: the user signs in on the server's own page.
      browserSignIn: (server) => {
        signIns.push(server);
        return Promise.resolve(models.signIn(ALICE).cookie);
      },
    }),
  viewport: { width: 900, height: 650 },
  expectNone: ['pageErrors', 'refused'],
});

describe('a newcomer in the first five minutes', () => {
  it('adds a Rocket.Chat account with a personal access token', async () => {
    const { page } = desktop;
    const editor = await openNewAccount(page, 'Rocket.Chat', 'Team chat');
    await editor.getByLabel('Server address (required)').fill(chat.url);
    await editor.getByRole('radio', { name: 'Personal access token' }).check();
    await editor.getByLabel('Token (required)').fill(chat.personalAccessToken('alice'));
    await editor.getByLabel('User id (required)').fill('alice-id');
    await shot(page, 'first-1-rocketchat-token');
    await saveUntilOnline(page, editor, 'team-chat');
  });

  it('adds a 3D Repo account, signing in with the browser before it is saved', async () => {
    const { page } = desktop;
    const editor = await openNewAccount(page, '3D Repo', 'Models');
    await editor.getByLabel('Server address (required)').fill(models.url);
    await editor.getByRole('button', { name: 'Sign in with browser' }).click();
    await eventually(async () =>
      expect(await text(editor.locator('.browser-sign-in .result'))).toBe(
        'Signed in. Save the account to keep the session.',
      ),
    );
    await shot(page, 'first-2-3drepo-browser-sign-in');
    await saveUntilOnline(page, editor, 'models');
    expect(signIns).toEqual([models.url]);
    expect(desktop.app.readFile('settings.json')).not.toContain('connect.sid');
    await shot(page, 'first-3-accounts-online');
  });

  it('sets #general to mentions and direct messages and mutes #random for 8 hours', async () => {
    const { page } = desktop;
    await page.getByRole('link', { name: 'Notifications' }).click();
    const general = page.getByRole('combobox', { name: 'Notify about, general' });
    await general.selectOption({ label: 'Mentions and direct messages' });
    await eventually(async () =>
      expect(await text(page.locator('#announce'))).toBe('general: Mentions and direct messages.'),
    );
    await page
      .getByRole('combobox', { name: 'Mute, random' })
      .selectOption({ label: 'For 8 hours' });
    await eventually(async () =>
      expect(await text(page.locator('#announce'))).toBe('random muted.'),
    );
    const rules = desktop.app.controller.snapshot().notifications.rules;
    expect(rules).toEqual([
      { account: 'team-chat', room: 'GENERAL', level: 'mentions' },
      { account: 'team-chat', room: 'RANDOM', muteUntil: expect.any(String) },
    ]);
    const hours = (Date.parse(rules[1]!.muteUntil!) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(7.9);
    expect(hours).toBeLessThanOrEqual(8);
    // The room says it is muted, and until when, in the user's own clock.
    await eventually(async () =>
      expect(await page.getByRole('button', { name: 'Unmute random' }).count()).toBe(1),
    );
    await shot(page, 'first-4-room-levels');
  });

  it('finds in History why a message did not notify', async () => {
    const { page } = desktop;
    chat.post('bob', 'GENERAL', 'anyone for lunch?');
    chat.post('bob', 'RANDOM', 'look at this cat');
    await page.getByRole('link', { name: 'History' }).click();
    const lunch = page.locator('.history-entry', { hasText: 'anyone for lunch?' });
    const cat = page.locator('.history-entry', { hasText: 'look at this cat' });
    await eventually(async () => {
      expect(await text(lunch.locator('.decision'))).toBe('Not notified');
      expect(await text(lunch.locator('.why'))).toBe(
        'Set to mentions and direct messages, and it was neither.',
      );
      expect(await text(lunch.locator('.where'))).toBe('Team chat · #general');
      expect(await text(cat.locator('.why'))).toMatch(/^The room is muted \(until .+\)\.$/);
    }, 15_000);
    await shot(page, 'first-5-history-why');
  });
});
