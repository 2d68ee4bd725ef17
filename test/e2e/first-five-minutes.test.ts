// The "done when", as a newcomer does it without the README: add a Rocket.Chat account
// with a personal access token and a 3D Repo account with browser sign-in, set one room to
// "Mentions and direct messages", mute another for 8 hours, and find in History why a message
// did not notify. Real test servers for both; Chromium drives the window.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRocketChatServer, type RocketChatServer } from '../servers/rocketchat/server.js';
import { startThreeDRepoServer, type ThreeDRepoServer } from '../servers/3drepo/server.js';
import { ALICE, WORLD } from '../connectors/3drepo/world.js';
import { startDesktop, type DesktopHarness } from '../support/electron-controller.js';
import { openSettingsWindow, type SettingsBrowser } from '../support/playwright-bridge.js';
import { eventually, shot, text } from '../support/settings-page.js';

let chat: RocketChatServer;
let models: ThreeDRepoServer;
let app: DesktopHarness;
let settings: SettingsBrowser;
const signIns: string[] = [];

beforeAll(async () => {
  chat = await startRocketChatServer({ greeting: 'server_id' });
  chat.addUser({ username: 'alice', password: 'alice-secret', id: 'alice-id' });
  chat.addUser({ username: 'bob', password: 'bob-secret', id: 'bob-id' });
  chat.addRoom({ type: 'c', name: 'general', members: ['alice', 'bob'], id: 'GENERAL' });
  chat.addRoom({ type: 'c', name: 'random', members: ['alice', 'bob'], id: 'RANDOM' });
  models = await startThreeDRepoServer({ ...WORLD, loginMode: 'sso' });
  app = startDesktop({
    // The sign-in window of the desktop app: the user signs in on the server's own page.
    browserSignIn: (server) => {
      signIns.push(server);
      return Promise.resolve(models.signIn(ALICE).cookie);
    },
  });
  settings = await openSettingsWindow(app.controller, app.log);
  await settings.page.setViewportSize({ width: 900, height: 650 });
});

afterAll(async () => {
  expect(settings?.pageErrors).toEqual([]);
  expect(settings?.refused).toEqual([]);
  await settings?.close();
  await app?.stop();
  await chat?.close();
  await models?.stop();
});

describe('a newcomer in the first five minutes', () => {
  it('adds a Rocket.Chat account with a personal access token', async () => {
    const { page } = settings;
    await page.getByRole('button', { name: 'Add account' }).click();
    const editor = page.getByRole('dialog', { name: 'Add an account' });
    await editor.getByRole('radio', { name: 'Rocket.Chat' }).check();
    await editor.getByLabel('Name', { exact: true }).fill('Team chat');
    await editor.getByLabel('Server address (required)').fill(chat.url);
    await editor.getByRole('radio', { name: 'Personal access token' }).check();
    await editor.getByLabel('Token (required)').fill(chat.personalAccessToken('alice'));
    await editor.getByLabel('User id (required)').fill('alice-id');
    await shot(page, 'first-1-rocketchat-token');
    await editor.getByRole('button', { name: 'Save account' }).click();
    await eventually(
      async () => expect(await text(page.locator('[data-status-for="team-chat"]'))).toBe('online'),
      15_000,
    );
  });

  it('adds a 3D Repo account, signing in with the browser before it is saved', async () => {
    const { page } = settings;
    await page.getByRole('button', { name: 'Add account' }).click();
    const editor = page.getByRole('dialog', { name: 'Add an account' });
    await editor.getByRole('radio', { name: '3D Repo' }).check();
    await editor.getByLabel('Name', { exact: true }).fill('Models');
    await editor.getByLabel('Server address (required)').fill(models.url);
    await editor.getByRole('button', { name: 'Sign in with browser' }).click();
    await eventually(async () =>
      expect(await text(editor.locator('.browser-sign-in .result'))).toBe(
        'Signed in. Save the account to keep the session.',
      ),
    );
    await shot(page, 'first-2-3drepo-browser-sign-in');
    await editor.getByRole('button', { name: 'Save account' }).click();
    await eventually(
      async () => expect(await text(page.locator('[data-status-for="models"]'))).toBe('online'),
      15_000,
    );
    expect(signIns).toEqual([models.url]);
    expect(app.readFile('settings.json')).not.toContain('connect.sid');
    await shot(page, 'first-3-accounts-online');
  });

  it('sets #general to mentions and direct messages and mutes #random for 8 hours', async () => {
    const { page } = settings;
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
    const rules = app.controller.snapshot().notifications.rules;
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
    const { page } = settings;
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
