// A Rocket.Chat account's own notification preferences in the settings window: each room says
// what the server does there, the server's highlights are named, and a level set with "Also on
// the server" ticked reaches the server, so the phone and the web app agree.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDesktop } from '../support/electron-controller.js';
import { useSettingsWindow } from '../support/settings-window-fixture.js';
import { eventually, shot, text } from '../support/settings-page.js';
import { startRocketChatServer, type RocketChatServer } from '../servers/rocketchat/server.js';

let server: RocketChatServer;

beforeAll(async () => {
  server = await startRocketChatServer();
  server.addUser({ username: 'alice', password: 'alice-secret', id: 'alice-id' });
  server.addUser({ username: 'bob', password: 'bob-secret', id: 'bob-id' });
  server.addRoom({ type: 'c', name: 'general', members: ['alice', 'bob'], id: 'GENERAL' });
  server.addRoom({ type: 'c', name: 'random', members: ['alice', 'bob'], id: 'RANDOM' });
  server.savePreferences('alice', { highlights: ['deploy'] });
  server.saveRoomNotification('alice', 'RANDOM', 'desktopNotifications', 'mentions');
});

afterAll(async () => {
  await server?.close();
});

const desktop = useSettingsWindow({
  start: async () => {
    const app = startDesktop();
    const saved = await app.controller.saveAccount({
      id: 'chat',
      name: 'Team chat',
      type: 'rocketchat',
      server: server.url,
      auth: { userId: 'alice-id', token: server.personalAccessToken('alice') },
    });
    expect(saved).toMatchObject({ ok: true });
    return app;
  },
});

describe("the server's own notification preferences", () => {
  it('shows them beside Tidings’ rules and writes a level back when asked', async () => {
    const { page } = desktop;
    await page.getByRole('link', { name: 'Notifications' }).click();
    const random = page.locator('li.room[data-room="RANDOM"]');
    await eventually(async () =>
      expect(await text(random.locator('.server-level'))).toMatch(/^On the server: mentions only/),
    );
    await page
      .getByText('Highlighted on the server: deploy. Tidings counts these as mentions too.')
      .waitFor();
    await shot(page, 'notifications-server-preferences');

    const general = page.locator('li.room[data-room="GENERAL"]');
    await general.getByLabel('Also on the server, general').check();
    await general.getByLabel('Notify about, general').selectOption('none');
    await eventually(async () =>
      expect(server.store.subscription('GENERAL', 'alice-id')).toMatchObject({
        desktopNotifications: 'nothing',
        desktopPrefOrigin: 'subscription',
      }),
    );
    await eventually(async () =>
      expect(await text(general.locator('.server-level'))).toMatch(/^On the server: nothing/),
    );
    // Tidings' own rule for the room is saved as well.
    expect(desktop.app.controller.snapshot().notifications.rules).toContainEqual({
      account: 'chat',
      room: 'GENERAL',
      level: 'none',
    });
  });
});
