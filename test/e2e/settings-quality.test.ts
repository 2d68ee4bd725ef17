// Every page and state of the settings window as a new user meets it, at 900×650 and at 200%
// zoom: no sideways scrolling, every control reachable by keyboard with a visible focus, no
// serious or critical axe-core finding, and a screenshot of each in test-results/screenshots/.
import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../app/core/clock.js';
import {
  ConnectorError,
  type ConnectorContext,
  type ConnectorFactory,
} from '../../app/core/connector.js';
import { seriousAccessibilityProblems } from '../support/axe.js';
import { startDesktop, type DesktopHarness } from '../support/electron-controller.js';
import { makeEvent } from '../support/events.js';
import { openSettingsWindow, type SettingsBrowser } from '../support/playwright-bridge.js';
import { eventually, shot, sidewaysOverflow, text } from '../support/settings-page.js';
import { ScriptedConnector } from '../support/scripted-connector.js';

let app: DesktopHarness;
let settings: SettingsBrowser;
const contexts = new Map<string, ConnectorContext>();

/** Each demo account in a state worth seeing: online, wrong password, unreachable. */
const connectors: ConnectorFactory = (account, context) => {
  contexts.set(account.id, context);
  const failure =
    account.id === 'chat'
      ? new ConnectorError('auth', 'User not found')
      : account.id === 'models'
        ? new ConnectorError('network', 'connect ECONNREFUSED 127.0.0.1:9')
        : 'ok';
  return new ScriptedConnector(systemClock, [], failure).factory(account, context);
};

const PAGES = ['accounts', 'notifications', 'history', 'general'] as const;

async function checkPage(page: Page, name: string): Promise<void> {
  expect(await sidewaysOverflow(page), `${name} scrolls sideways`).toBeLessThanOrEqual(0);
  expect(await seriousAccessibilityProblems(page), `axe on ${name}`).toEqual([]);
}

beforeAll(async () => {
  app = startDesktop({ createConnector: connectors });
  const accounts = [
    {
      id: 'chat',
      name: 'Team chat',
      type: 'rocketchat',
      server: 'https://chat.example.com',
      auth: { username: 'ada', password: 'wrong' },
    },
    {
      id: 'models',
      name: 'Models',
      type: '3drepo',
      server: 'https://3d.example.com',
      auth: { cookie: 'connect.sid=x' },
    },
    { id: 'dino', name: 'Dino', type: 'dino', broker: 'mqtt://127.0.0.1:1883', userId: '1001' },
    {
      id: 'shop',
      name: 'Shop orders',
      type: 'kuzzle',
      server: 'ws://127.0.0.1:7512',
      transport: 'websocket',
      subscriptions: [{ index: 'shop', collection: 'orders' }],
    },
  ];
  for (const account of accounts)
    expect(await app.controller.saveAccount(account as never), account.id).toEqual({ ok: true });
  await app.controller.accountAction('shop', 'pause');
  const dino = contexts.get('dino')!;
  for (let i = 0; i < 3; i++)
    dino.emit(
      makeEvent({
        account: 'dino',
        room: { id: 'g1', name: 'Builds', type: 'group' },
        title: 'ci-bot in #Builds',
        body: `build ${800 + i} passed`,
        author: { id: '2002', name: 'ci-bot' },
      }),
    );
  dino.emit(
    makeEvent({
      account: 'dino',
      room: { id: 'g2', name: 'Lunch', type: 'group' },
      title: 'carol in #Lunch',
      body: 'pizza at noon? Anyone up for the new place on the corner of Hauptstraße',
      author: { id: '2003', name: 'carol' },
    }),
  );
  dino.emit(
    makeEvent({
      account: 'dino',
      kind: 'subscription-unread',
      room: { id: 'g2', name: 'Lunch', type: 'group' },
      title: 'unread',
      body: '',
    }),
  );
  settings = await openSettingsWindow(app.controller, app.log);
  await settings.page.setViewportSize({ width: 900, height: 650 });
  await eventually(async () =>
    expect(app.controller.snapshot().accounts.map((a) => a.statusText)).toEqual([
      'sign-in failed: wrong user name or password',
      expect.stringMatching(/^reconnecting/),
      'online',
      'paused',
    ]),
  );
});

afterAll(async () => {
  expect(settings?.pageErrors).toEqual([]);
  expect(settings?.refused).toEqual([]);
  await settings?.close();
  await app?.stop();
});

describe('every page of the settings window', () => {
  it.each(PAGES)('%s fits 900×650, passes axe, and is saved as a screenshot', async (name) => {
    const { page } = settings;
    await page.goto(`${settings.origin}/index.html#${name}`);
    await page.locator('h2').first().waitFor();
    if (name === 'notifications')
      await page.getByRole('combobox', { name: 'Notify about, #Builds' }).waitFor();
    if (name === 'history') await page.locator('.history-entry').first().waitFor();
    await checkPage(page, name);
    await shot(page, `page-${name}`);
  });

  it.each(PAGES)('%s fits at 200 percent zoom', async (name) => {
    const { page } = settings;
    await page.setViewportSize({ width: 450, height: 325 });
    await page.goto(`${settings.origin}/index.html#${name}`);
    await page.locator('h2').first().waitFor();
    expect(await sidewaysOverflow(page), `${name} at 200%`).toBeLessThanOrEqual(0);
    await shot(page, `zoom-200-${name}`);
    await page.setViewportSize({ width: 900, height: 650 });
  });

  it.each(PAGES)('%s: every control is reached by Tab with a visible focus', async (name) => {
    const { page } = settings;
    await page.goto(`${settings.origin}/index.html#${name}`);
    await page.locator('h2').first().waitFor();
    const controls = await page.evaluate(
      () =>
        document.querySelectorAll(
          'a[href], button:not([disabled]), input, select, textarea, summary',
        ).length,
    );
    const seen = new Set<string>();
    for (let i = 0; i < controls + 10; i++) {
      await page.keyboard.press('Tab');
      const focus = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return undefined;
        const style = getComputedStyle(el);
        const marked = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
        return {
          key: `${el.tagName}#${el.id}|${el.getAttribute('aria-label') ?? el.textContent?.slice(0, 40)}|${(el as HTMLInputElement).name ?? ''}|${el.closest('[data-room],[data-account],fieldset')?.textContent?.slice(0, 30) ?? ''}`,
          marked,
        };
      });
      if (!focus) continue;
      expect(focus.marked, `focus visible on ${focus.key}`).toBe(true);
      seen.add(focus.key);
    }
    // Radio groups take one Tab stop: the rest are reached by arrow keys.
    const radios = await page.evaluate(() => {
      const names = new Set(
        [...document.querySelectorAll('input[type=radio]')].map(
          (r) => (r as HTMLInputElement).name,
        ),
      );
      return document.querySelectorAll('input[type=radio]').length - names.size;
    });
    const hidden = await page.evaluate(
      () =>
        [...document.querySelectorAll('a[href], button, input, select, textarea, summary')].filter(
          // Not drawn: display none, or inside a closed <details> (content-visibility).
          (el) => !(el as HTMLElement).checkVisibility(),
        ).length,
    );
    expect(seen.size).toBeGreaterThanOrEqual(controls - radios - hidden);
  });
});

describe('every state a new user meets', () => {
  it('shows each account as it is: buttons that fit its state', async () => {
    const { page } = settings;
    await page.goto(`${settings.origin}/index.html#accounts`);
    const chat = page.locator('[data-account="chat"]');
    await chat.getByRole('button', { name: 'Sign in again' }).waitFor();
    expect(await text(chat.locator('.status'))).toBe('sign-in failed: wrong user name or password');
    // The words are the tray's; the window shows them as a sentence, with a capital.
    expect(
      await chat
        .locator('.status')
        .evaluate((el) => getComputedStyle(el, '::first-letter').textTransform),
    ).toBe('uppercase');
    expect(await text(chat.locator('.unread'))).toBe('Nothing unread');
    const shop = page.locator('[data-account="shop"]');
    expect(await shop.getByRole('button', { name: 'Resume' }).count()).toBe(1);
    expect(await shop.getByRole('button', { name: 'Pause' }).count()).toBe(0);
    const dino = page.locator('[data-account="dino"]');
    expect(await dino.getByRole('button', { name: 'Mark all as read' }).count()).toBe(1);
    expect(await chat.getByRole('button', { name: 'Mark all as read' }).count()).toBe(0);
    await chat.getByText('Connection details').click();
    expect(await text(chat.locator('.detail'))).toBe('The server said: User not found');
    await shot(page, 'accounts-states');
  });

  it.each([
    ['Rocket.Chat', 'rocketchat'],
    ['3D Repo', '3drepo'],
    ['Dino', 'dino'],
    ['Kuzzle', 'kuzzle'],
    ['ntfy', 'ntfy'],
    ['Gotify', 'gotify'],
    ['Any MQTT topic', 'mqtt'],
    ['Webhook inbox', 'webhook'],
  ])('adds a %s account in a dialog that passes axe', async (label, type) => {
    const { page } = settings;
    await page.goto(`${settings.origin}/index.html#accounts`);
    await page.getByRole('button', { name: 'Add account' }).click();
    const editor = page.getByRole('dialog', { name: 'Add an account' });
    await editor.getByRole('radio', { name: label, exact: true }).check();
    await editor.getByText('Advanced').click();
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, `add-account-${type}`);
    await editor.getByRole('button', { name: 'Cancel' }).click();
  });

  it('asks before removing an account and says what goes', async () => {
    const { page } = settings;
    await page.goto(`${settings.origin}/index.html#accounts`);
    await page.getByRole('button', { name: 'Remove Shop orders' }).click();
    const ask = page.getByRole('alertdialog', { name: 'Remove Shop orders?' });
    await ask.waitFor();
    expect(await text(ask)).toContain('the sign-in kept');
    expect(await ask.getByLabel('Also delete its notification history').isChecked()).toBe(false);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await shot(page, 'accounts-remove-confirm');
    await ask.getByRole('button', { name: 'Keep account' }).click();
    expect(app.controller.snapshot().accounts).toHaveLength(4);
  });

  it('says what to do where nothing is set yet, and turns do not disturb off with a button', async () => {
    const { page } = settings;
    await page.goto(`${settings.origin}/index.html#notifications`);
    const mentions = page.getByRole('region', { name: 'Extra mentions for one account or room' });
    expect(await text(mentions.locator('.empty'))).toMatch(/^None yet\. Add some when/);
    const quiet = page.getByRole('region', { name: 'Quiet hours' });
    expect(await text(quiet.locator('.empty'))).toMatch(/^None yet\. “Add quiet hours” starts/);
    const off = page.getByRole('button', { name: 'Turn off do not disturb' });
    expect(await off.isVisible()).toBe(false);
    await page.getByLabel('Turn on do not disturb').selectOption('1h');
    await off.waitFor();
    await page.getByLabel('Change how long do not disturb lasts').waitFor();
    await shot(page, 'notifications-dnd-on');
    await off.click();
    await off.waitFor({ state: 'hidden' });
    expect(await text(page.locator('.dnd-state'))).toBe('Tidings’ own do not disturb: off');
    expect(
      await page
        .getByLabel('Turn on do not disturb')
        .evaluate((el) => el === document.activeElement),
    ).toBe(true);
  });

  it('names each version and keeps the log folded on General', async () => {
    const { page } = settings;
    await page.goto(`${settings.origin}/index.html#general`);
    const versions = page.locator('.versions dt');
    await eventually(async () =>
      expect(await versions.allTextContents()).toEqual(['Tidings', 'Node.js']),
    );
    expect(await page.getByLabel('Connection log').isVisible()).toBe(false);
    await page.getByText('Show the connection log').click();
    expect(await page.getByLabel('Connection log').isVisible()).toBe(true);

    // A file that does not validate: where in it, in words, and that nothing changed.
    const broken = {
      version: 1,
      accounts: [{ id: 'x', type: 'dino', broker: 'http://h', userId: '1' }],
    };
    writeFileSync(app.transferFile, JSON.stringify(broken));
    await page.getByRole('button', { name: 'Import settings…' }).click();
    await eventually(async () =>
      expect(await text(page.locator('.transfer'))).toBe(
        'Nothing was imported; your settings are as they were.\nAccount 1, broker: expected an mqtt://, mqtts://, ws:// or wss:// URL',
      ),
    );
    expect(app.controller.snapshot().accounts).toHaveLength(4);
    await shot(page, 'general-import-failed');
  });

  it('shows counter bookkeeping in history only when asked', async () => {
    const { page } = settings;
    await page.goto(`${settings.origin}/index.html#history`);
    const entries = page.locator('.history-entry');
    await eventually(async () => expect(await entries.count()).toBe(4));
    const background = page.getByLabel(/Show unread counts and online status/);
    expect(await text(page.locator('.check label'))).toBe(
      'Show unread counts and online status (1 hidden)',
    );
    await background.check();
    await eventually(async () => expect(await entries.count()).toBe(5));
    await shot(page, 'history-with-counters');
  });
});
