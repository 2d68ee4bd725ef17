// The two new source types through the settings window, with the real connectors: a webhook
// inbox added in the form listens, takes a Rocket.Chat post and keeps its token in the secure
// store; an MQTT account added in the form reaches a real mosquitto.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNewAccount } from '../support/account-editor.js';
import type { Mosquitto } from '../support/mosquitto.js';
import { eventually, shot, text } from '../support/settings-page.js';
import { useSettingsWindow } from '../support/settings-window-fixture.js';
import { connectPublisher, startHomeBroker, USER } from '../connectors/mqtt/mqtt-app.js';
import { sendMessagePayload } from '../connectors/webhook/rocketchat-payloads.js';
import { post } from '../connectors/webhook/webhook-app.js';

let broker: Mosquitto;

beforeAll(async () => {
  broker = await startHomeBroker();
});

afterAll(async () => {
  await broker?.dispose();
});

const desktop = useSettingsWindow({
  viewport: { width: 900, height: 700 },
  expectNone: ['pageErrors', 'refused'],
});

const view = (id: string) => desktop.app.controller.snapshot().accounts.find((a) => a.id === id);

describe('the settings window', () => {
  it('adds a webhook inbox that listens and takes a Rocket.Chat post', async () => {
    const { page } = desktop;
    const editor = await openNewAccount(page, 'Webhook inbox', 'Chat hooks');
    await editor.getByLabel('Sent by').selectOption('rocketchat');
    await editor.getByLabel('Listen on').fill('127.0.0.1:0');
    await editor.getByLabel('Token').fill('hook-secret');
    // One way in and its token a field of its own: no empty "Sign in" box.
    await expect(editor.getByRole('group', { name: 'Sign in' }).isVisible()).resolves.toBe(false);
    await editor.getByLabel('Token').scrollIntoViewIfNeeded();
    await shot(page, 'inbox-webhook-form');
    await editor.getByRole('button', { name: 'Save account' }).click();
    await eventually(async () =>
      expect(await text(page.locator('#announce'))).toBe('Saved Chat hooks.'),
    );

    await eventually(async () => expect(view('chat-hooks')?.state).toBe('online'));
    const url = view('chat-hooks')?.details?.listening ?? '';
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/hooks\/chat-hooks$/);
    const response = await post(url, sendMessagePayload({ token: 'hook-secret' }));
    expect(response.status).toBe(200);
    await eventually(async () => expect(view('chat-hooks')?.unread.count).toBe(1));

    // The token went to the secure store, not the settings file.
    const { settings: saved, secretsOf } = desktop.app.controller.accountsWithSecrets();
    expect(saved.accounts.find((a) => a.id === 'chat-hooks')).toMatchObject({
      type: 'webhook',
      format: 'rocketchat',
      token: '(in the secure store)',
    });
    expect(secretsOf('chat-hooks')).toEqual({ token: 'hook-secret' });
    await shot(page, 'inbox-webhook-online');
  });

  it('adds an MQTT topic account that reaches the broker', async () => {
    const { page } = desktop;
    const editor = await openNewAccount(page, 'Any MQTT topic', 'Home sensors');
    await editor.getByLabel('Broker address (required)').fill(broker.url);
    await editor.getByLabel('Topics (required)').fill('home/+/alarm, sensors/#');
    await editor.getByLabel('Text template').fill('{{payload.message}}');
    await editor.getByRole('radio', { name: 'User name and password' }).check();
    await editor.getByLabel('User name (required)').fill(USER);
    await editor.getByLabel('Password (required)').fill(`secret-${USER}`);
    await shot(page, 'inbox-mqtt-form');
    await editor.getByRole('button', { name: 'Save account' }).click();
    await eventually(async () =>
      expect(await text(page.locator('#announce'))).toBe('Saved Home sensors.'),
    );
    await eventually(async () => expect(view('home-sensors')?.state).toBe('online'), 10_000);
    expect(view('home-sensors')?.details).toMatchObject({
      protocol: 'MQTT 5',
      'home/+/alarm': 'subscribed',
      'sensors/#': 'subscribed',
    });

    const publisher = await connectPublisher(broker);
    await publisher.publish('home/cellar/alarm', { message: 'water' });
    await publisher.close();
    await eventually(async () => expect(view('home-sensors')?.unread.count).toBe(1));
    // What the user sees: both accounts online, one unread each.
    await eventually(async () => expect(await page.getByText('1 unread').count()).toBe(2));
    await shot(page, 'inbox-mqtt-online');
  });
});
