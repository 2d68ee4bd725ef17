// Nothing the window does not show may be lost on save: every settings field is set, each page
// is saved through the window unchanged, and the settings and secrets must come back the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateSettings } from '../../app/core/settings/validate.js';
import type { Settings } from '../../app/core/settings/schema.js';
import { startDesktop, type DesktopHarness } from '../support/electron-controller.js';
import { openSettingsWindow, type SettingsBrowser } from '../support/playwright-bridge.js';
import { eventually, onlineConnectors, text } from '../support/settings-page.js';

/** Every field of every account type and of the notification settings, each set. */
const EVERY_FIELD = {
  version: 1,
  accounts: [
    {
      id: 'chat',
      name: 'Team chat',
      enabled: true,
      type: 'rocketchat',
      server: 'https://chat.example.com',
      auth: { username: 'ada', password: 'rc-password', totp: '123456' },
      rooms: ['GENERAL', 'room-2'],
    },
    {
      id: 'chat-token',
      name: 'Chat by token',
      enabled: false,
      type: 'rocketchat',
      server: 'https://chat2.example.com',
      auth: { userId: 'u-42', token: 'rc-token' },
    },
    {
      id: 'models',
      name: 'Models',
      type: '3drepo',
      server: 'https://www.3drepo.io',
      chat: { url: 'https://chat.3drepo.io', path: '/chat/' },
      auth: { cookie: 'connect.sid=abc; csrf_token=def' },
      rooms: [
        { notifications: true },
        { teamspace: 'acme', project: 'p-1', model: 'm-1', name: 'Tower' },
        { teamspace: 'acme', project: 'p-2' },
      ],
    },
    {
      id: 'models-password',
      type: '3drepo',
      server: 'https://old.3drepo.example',
      auth: { username: 'bob', password: '3d-password' },
    },
    {
      id: 'dino',
      name: 'Dino',
      type: 'dino',
      broker: 'mqtts://broker.example.com:8883',
      userId: '1001',
      environment: 'prod',
      topic: 'dms/prod/1001',
      topics: ['extra/topic', 'more/#'],
      clientId: 'tidings-1001',
      sessionExpirySeconds: 3600,
      auth: { username: '1001', password: 'dino-password' },
      link: 'https://dino.example.com/groups/{group_id}',
    },
    {
      id: 'shop',
      name: 'Shop',
      type: 'kuzzle',
      server: 'wss://kuzzle.example.com',
      transport: 'websocket',
      auth: { apiKey: 'kz-api-key' },
      subscriptions: [
        {
          index: 'shop',
          collection: 'orders',
          filters: { equals: { status: 'new' } },
          scope: 'in',
          users: 'none',
          volatile: { client: 'tidings' },
          title: 'Order {_id}',
          body: '{_source.total} €',
          link: 'https://shop.example.com/orders/{_id}',
        },
      ],
    },
    {
      id: 'shop-token',
      type: 'kuzzle',
      server: 'ws://kuzzle2.example.com:7512',
      transport: 'socketio',
      auth: { token: 'kz-token' },
      subscriptions: [{ index: 'i', collection: 'c' }],
    },
    {
      id: 'shop-password',
      type: 'kuzzle',
      server: 'mqtt://kuzzle3.example.com',
      transport: 'mqtt',
      auth: { username: 'carol', password: 'kz-password' },
      subscriptions: [{ index: 'i', collection: 'c', scope: 'all' }],
    },
    {
      id: 'sensors',
      name: 'Sensors',
      type: 'mqtt',
      broker: 'mqtts://sensors.example.com:8883',
      topics: ['home/+/alarm', 'sensors/#'],
      auth: { username: 'reader', password: 'mqtt-password' },
      mqttVersion: '3.1.1',
      clientId: 'tidings-sensors',
      sessionExpirySeconds: 600,
      title: '{{topic}}',
      body: '{{payload.message}}',
      link: 'https://home.example.com/{{payload.room}}',
      room: 'topic',
    },
    {
      id: 'hooks',
      name: 'Hooks',
      type: 'webhook',
      listen: '127.0.0.1:8788',
      token: 'hook-token',
      format: 'json',
      title: '{{payload.title}}',
      body: '{{payload.message}}',
      link: 'https://ci.example.com/{{payload.id}}',
      room: '{{payload.service}}',
    },
    {
      id: 'alerts',
      name: 'Alerts',
      type: 'ntfy',
      server: 'https://ntfy.example.com',
      topics: ['backups', 'ci'],
      auth: { username: 'dave', password: 'ntfy-password' },
      minPriority: 3,
    },
    {
      id: 'alerts-token',
      type: 'ntfy',
      server: 'https://ntfy.sh',
      topics: ['public-topic'],
      auth: { token: 'tk_ntfytoken' },
    },
    { id: 'alerts-open', type: 'ntfy', server: 'https://ntfy.sh', topics: ['open'] },
    {
      id: 'home',
      name: 'Home',
      type: 'gotify',
      server: 'https://gotify.example.com',
      auth: { token: 'Cgotifytoken' },
      minPriority: 0,
    },
    {
      id: 'home-password',
      type: 'gotify',
      server: 'https://gotify2.example.com',
      auth: { username: 'erin', password: 'gotify-password' },
    },
  ],
  notifications: {
    level: 'mentions',
    rules: [
      { account: 'dino', keywords: ['deploy'], senders: ['5678'] },
      {
        account: 'chat',
        room: 'GENERAL',
        level: 'none',
        muteUntil: '2031-05-06T07:08:09.123Z',
        keywords: ['urgent', 'prod'],
        senders: ['boss'],
      },
      { room: 'anywhere', level: 'all' },
    ],
    dnd: {
      on: true,
      until: '2031-01-02T03:04:05Z',
      quietHours: [{ days: ['mon', 'fri'], from: '22:30', to: '06:45' }],
      summary: true,
      // Both away from their defaults, so a window that forgot them would be seen.
      respectSystem: false,
      mentionsThroughSystem: true,
    },
    coalesceMs: 2500,
    keywords: ['tidings', 'release'],
    senders: ['ceo', 'cto'],
    maxAgeMs: 3_600_000,
    timeZone: 'Europe/Berlin',
    sound: false,
  },
};

let app: DesktopHarness;
let settings: SettingsBrowser;

function stored(): { settings: Settings; secrets: Record<string, Record<string, string>> } {
  const { settings: now, secretsOf } = app.controller.accountsWithSecrets();
  return {
    settings: now,
    secrets: Object.fromEntries(now.accounts.map((a) => [a.id, secretsOf(a.id)])),
  };
}

beforeAll(async () => {
  app = startDesktop({ createConnector: onlineConnectors });
  const checked = validateSettings(EVERY_FIELD);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  await app.controller.replaceSettings(checked.settings);
  settings = await openSettingsWindow(app.controller, app.log);
});

afterAll(async () => {
  await settings?.close();
  await app?.stop();
});

describe('saving through the window keeps every settings field', () => {
  it('keeps each account, its secrets and the fields the form does not show', async () => {
    const before = stored();
    const { page } = settings;
    for (const account of before.settings.accounts) {
      const name = account.name ?? account.id;
      await page.getByRole('button', { name: `Edit ${name}`, exact: true }).click();
      await page.getByRole('button', { name: 'Save account' }).click();
      await eventually(async () =>
        expect(await text(page.locator('#announce'))).toBe(`Saved ${name}.`),
      );
    }
    expect(settings.refused).toEqual([]);
    expect(stored()).toEqual(before);
  });

  it('keeps every notification setting, rules with senders included', async () => {
    const before = stored();
    const { page } = settings;
    await page.getByRole('link', { name: 'Notifications' }).click();
    // The page saves as you go, each change on the whole settings: sound off, then on again.
    const sound = page.getByLabel('Play a sound');
    await sound.check();
    await eventually(async () => expect(stored().settings.notifications.sound).toBe(true));
    await sound.uncheck();
    await eventually(async () => expect(stored().settings.notifications.sound).toBe(false));
    // The system's do-not-disturb: each checkbox set through the window and back again.
    const dndOf = () => stored().settings.notifications.dnd;
    const respect = page.getByLabel('Respect the system’s do not disturb');
    const mentions = page.getByLabel('Let mentions and direct messages through it');
    await respect.check();
    await eventually(async () => expect(dndOf().respectSystem).toBe(true));
    await mentions.uncheck();
    await eventually(async () => expect(dndOf().mentionsThroughSystem).toBe(false));
    await mentions.check();
    await eventually(async () => expect(dndOf().mentionsThroughSystem).toBe(true));
    await respect.uncheck();
    await eventually(async () => expect(dndOf().respectSystem).toBe(false));
    await page.getByRole('combobox', { name: 'Notify about, Team chat' }).selectOption('none');
    await eventually(async () =>
      expect(await text(page.locator('#announce'))).toBe('Team chat: Nothing.'),
    );
    await page.getByRole('combobox', { name: 'Notify about, Team chat' }).selectOption('');
    await eventually(async () =>
      expect(await text(page.locator('#announce'))).toBe(
        'Team chat: general default (Mentions and direct messages).',
      ),
    );
    expect(stored().settings.notifications).toEqual(before.settings.notifications);
    expect(stored().settings.notifications.rules[0]).toEqual({
      account: 'dino',
      keywords: ['deploy'],
      senders: ['5678'],
    });
  });
});
