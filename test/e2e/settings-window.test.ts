// The settings window, driven as a user drives it, in headless Chromium against the real
// controller: a Dino account on a real mosquitto comes online, a room rule changes what
// notifies, and history says why. Screenshots go to test-results/screenshots/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { relayedMessage } from '../connectors/dino/fixtures.js';
import { connectPublisher, type Publisher } from '../connectors/dino/publisher.js';
import { openNewAccount } from '../support/account-editor.js';
import { startMosquitto, type Mosquitto } from '../support/mosquitto.js';
import { eventually, focused, shot as shotOf, text } from '../support/settings-page.js';
import { useSettingsWindow } from '../support/settings-window-fixture.js';

const USER = '1001';
const MUTED_ROOM = '7a0c1a8e-0000-4000-8000-00000000a001';
const OPEN_ROOM = '7a0c1a8e-0000-4000-8000-00000000a002';

let broker: Mosquitto;
let publisher: Publisher;

beforeAll(async () => {
  broker = await startMosquitto({ users: [USER] });
  publisher = await connectPublisher(broker);
});

afterAll(async () => {
  await publisher?.close();
  await broker?.dispose();
});

const desktop = useSettingsWindow();

const shot = (name: string) => shotOf(desktop.page, name);

describe('the settings window', () => {
  it('shows a form error beside its field, then adds a Dino account that comes online', async () => {
    const { page } = desktop;
    // No accounts yet: the window says how to start, and which kinds there are.
    expect(await text(page.locator('.accounts .empty'))).toMatch(
      /^No accounts yet\.Choose “Add account” and pick where your messages come from: Rocket\.Chat, .*webhook\./,
    );
    await shot('0-no-accounts');
    const editor = await openNewAccount(page, 'Dino', 'Dino chat');
    // The id follows the name; an expert can set it under Advanced.
    await editor.getByText('Advanced').click();
    expect(await editor.getByLabel('Account id (required)').inputValue()).toBe('dino-chat');
    await editor.getByLabel('Account id (required)').fill('dino');
    await page.getByLabel('Broker address (required)').fill('http://127.0.0.1:1883');
    await page.getByLabel('Dino user id (required)').fill(USER);
    await page.getByRole('button', { name: 'Save account' }).click();

    const brokerError = page.locator('[data-error-for="broker"]');
    await eventually(async () =>
      expect(await text(brokerError)).toBe('expected an mqtt://, mqtts://, ws:// or wss:// URL'),
    );
    // Beside its field: in the same field group, and read out with the control.
    const brokerInput = page.getByLabel('Broker address (required)');
    expect(await brokerInput.getAttribute('aria-invalid')).toBe('true');
    expect(await focused(brokerInput)).toBe(true);
    const described = await brokerInput.getAttribute('aria-describedby');
    expect(described?.split(' ')).toContain(await brokerError.getAttribute('id'));
    await shot('1-form-error');
    expect(desktop.app.controller.snapshot().accounts).toEqual([]);

    await brokerInput.fill(broker.url);
    await page.getByLabel('Environment').fill('test');
    await editor.getByRole('radio', { name: 'User name and password' }).check();
    await page.getByLabel('User name (required)').fill(USER);
    await page.getByLabel('Password (required)').fill(broker.passwordFor(USER));
    await page.getByRole('button', { name: 'Test connection' }).click();
    await eventually(
      async () => expect(await text(editor.locator('.result'))).toMatch(/^Connected and signed in/),
      15_000,
    );
    await page.getByRole('button', { name: 'Save account' }).click();

    await eventually(
      async () => expect(await text(page.locator('[data-status-for="dino"]'))).toBe('online'),
      15_000,
    );
    await shot('2-account-online');
    expect(desktop.app.readFile('settings.json')).not.toContain(broker.passwordFor(USER));
  });

  it('tests a saved, online account through its running connection; an edited form for real', async () => {
    const { page } = desktop;
    await page.getByRole('button', { name: 'Edit Dino chat', exact: true }).click();
    const editor = page.getByRole('dialog', { name: 'Edit Dino chat' });
    await editor.waitFor();
    const result = editor.locator('.result');
    // As the window sends it back, password left empty: the very account that runs.
    await editor.getByRole('button', { name: 'Test connection' }).click();
    await eventually(async () =>
      expect(await text(result)).toMatch(
        new RegExp(
          `^Connected and signed in \\(the running connection, online since .+; Direct messages \\(${broker.topicFor(USER)}\\): ready\\)\\.$`,
        ),
      ),
    );
    await shot('2b-test-running-connection');
    await editor.getByLabel('Password', { exact: true }).fill('not-the-password');
    await editor.getByRole('button', { name: 'Test connection' }).click();
    await eventually(async () => expect(await text(result)).toMatch(/^Sign-in failed/), 15_000);
    await editor.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('alertdialog', { name: 'Unsaved changes' }).waitFor();
    await page.getByRole('button', { name: 'Discard changes' }).click();
    await eventually(async () => expect(await editor.count()).toBe(0));
    expect(await text(page.locator('[data-status-for="dino"]'))).toBe('online');
  });

  it('sets a room to Nothing from its row, and history shows each event with its decision', async () => {
    const { page } = desktop;
    const topic = broker.topicFor(USER);
    const message = (groupId: string, groupName: string, messageId: string, text: string) =>
      relayedMessage({ groupId, groupName, sender: '2002', senderName: 'ci-bot', messageId, text });
    // The rooms this account has heard from are listed under it.
    await publisher.publish(topic, message(MUTED_ROOM, 'Builds', 'm-first', 'build 811 started'));
    await eventually(async () =>
      expect(desktop.app.controller.listHistory({ account: 'dino' }).entries).toHaveLength(1),
    );
    await page.getByRole('link', { name: 'Notifications' }).click();
    const level = page.getByRole('combobox', { name: 'Notify about, #Builds' });
    await level.selectOption({ label: 'Nothing' });
    await eventually(async () =>
      expect(await text(page.locator('#announce'))).toBe('#Builds: Nothing.'),
    );
    expect(desktop.app.controller.snapshot().notifications.rules).toEqual([
      { account: 'dino', room: MUTED_ROOM, level: 'none' },
    ]);
    await shot('3-room-rule');

    await publisher.publish(topic, message(MUTED_ROOM, 'Builds', 'm-muted', 'build 812 passed'));
    await publisher.publish(
      topic,
      relayedMessage({
        groupId: OPEN_ROOM,
        groupName: 'Lunch',
        sender: '2003',
        senderName: 'carol',
        messageId: 'm-open',
        text: 'pizza at noon?',
      }),
    );

    await page.getByRole('link', { name: 'History' }).click();
    const muted = page.locator('.history-entry', { hasText: 'build 812 passed' });
    const shown = page.locator('.history-entry', { hasText: 'pizza at noon?' });
    // History refreshes as events arrive: each entry says what Tidings did and, apart, why.
    await eventually(async () => {
      expect(await text(muted.locator('.decision'))).toBe('Not notified');
      expect(await text(muted.locator('.why'))).toBe('Its room or account is set to Nothing.');
      expect(await text(muted.locator('.where'))).toBe('Dino chat · #Builds');
      expect(await text(shown.locator('.decision'))).toBe('Notified');
      expect(await text(shown.locator('.why'))).toBe('Nothing you set held it back.');
    }, 15_000);
    // Counted without jargon, and stamped the way a person says it.
    await eventually(async () =>
      expect(await text(page.locator('.history-count'))).toBe('Showing 1–3 of 3, newest first'),
    );
    expect(await text(shown.locator('time'))).toMatch(/^Today, \d{1,2}:\d{2}/);
    await shot('4-history');

    const entries = page.locator('.history-entry');
    await page.getByLabel('What Tidings did').selectOption('level none');
    await eventually(async () => expect(await entries.count()).toBe(1));
    await page.getByLabel('Search').fill('pizza');
    await eventually(async () => expect(await entries.count()).toBe(0));
    // An empty result says which filters hid everything, and clears them.
    expect(await text(page.locator('.history-count'))).toMatch(
      /^Nothing matches search “pizza” and “Not notified: its room or account is set to nothing”/,
    );
    await shot('4b-history-no-match');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await eventually(async () => expect(await entries.count()).toBe(3));
    await page.getByLabel('Search').fill('pizza');
    await eventually(async () =>
      expect(await entries.allTextContents()).toEqual([expect.stringContaining('pizza at noon?')]),
    );
    expect(desktop.settings.refused).toEqual([]);
  });

  it('works from the keyboard and fits at 200% zoom', async () => {
    const { page } = desktop;
    await page.goto(`${desktop.settings.origin}/index.html#accounts`);
    await page.reload();
    await page.locator('[data-status-for="dino"]').waitFor();
    await page.keyboard.press('Tab'); // skip link
    await page.keyboard.press('Tab');
    expect(await focused(page.getByRole('link', { name: 'Accounts' }))).toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Notifications', level: 2 }).waitFor();
    expect(page.url()).toMatch(/#notifications$/);

    // 200% zoom: half the CSS pixels across, each drawn twice as large.
    await page.setViewportSize({ width: 500, height: 380 });
    for (const name of ['accounts', 'notifications', 'history', 'general']) {
      await page.goto(`${desktop.settings.origin}/index.html#${name}`);
      await page.locator('h2').waitFor();
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow, `${name} scrolls sideways at 200%`).toBeLessThanOrEqual(0);
      const unlabelled = await page.evaluate(() =>
        [...document.querySelectorAll('input, select, textarea')]
          .filter((c) => !(c as HTMLInputElement).labels?.length && !c.getAttribute('aria-label'))
          .map((c) => c.outerHTML),
      );
      expect(unlabelled, `unlabelled controls on ${name}`).toEqual([]);
    }
    await shot('5-general-200-percent');
  });
});
