import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AccountStatus } from '../../app/core/connector.js';
import { createTray } from '../../app/desktop/tray/tray.js';
import { trayMenu } from '../../app/desktop/tray/tray-menu.js';
import {
  TRAY_ICON_STATES,
  trayIconState,
  trayTooltip,
  type TrayAction,
  type TrayState,
} from '../../app/desktop/tray/tray-model.js';
import { Tray, type MenuItemTemplate } from '../support/electron-double.js';
import { ManualClock } from '../support/manual-clock.js';
import { T0 as NOW } from '../support/events.js';
import { trayAccount as account, trayState as state } from '../support/tray-state.js';
import { menuItem as find, menuText as labels } from '../support/menu-text.js';

const ICONS = join(process.cwd(), 'build', 'icons', 'tray');

describe('the tray for each app state', () => {
  it.each<[string, Partial<TrayState>, string, string]>([
    ['all quiet', {}, 'quiet', 'Tidings — all quiet'],
    ['first run, no accounts', { accounts: [] }, 'quiet', 'Tidings — no accounts yet'],
    [
      'unread',
      { accounts: [account({}, { unread: { count: 3, mentions: 0 } })] },
      'unread',
      'Tidings — 3 unread',
    ],
    [
      'a mention',
      { accounts: [account({}, { unread: { count: 3, mentions: 1 } })] },
      'mention',
      'Tidings — 3 unread, 1 mention',
    ],
    [
      'an account reconnecting',
      { accounts: [account({ state: 'reconnecting', retryAt: NOW + 7_200 })] },
      'offline',
      'Tidings — 1 account offline',
    ],
    [
      'a sign-in failure',
      { accounts: [account({ state: 'auth-failed', reason: 'wrong password' })] },
      'offline',
      'Tidings — 1 account offline',
    ],
    [
      'everything paused (not trouble, but nothing arrives)',
      { accounts: [account({ state: 'offline', reason: 'paused' })], allPaused: true },
      'paused',
      'Tidings — paused',
    ],
    [
      'a muted account',
      { accounts: [{ ...account({}), mutedUntil: NOW + 60_000 }] },
      'quiet',
      'Tidings — 1 account muted',
    ],
    [
      'one account of two paused',
      {
        accounts: [
          account({ state: 'offline', reason: 'paused' }),
          { ...account({}, { unread: { count: 1, mentions: 0 } }), id: 'dino', name: 'Dino' },
        ],
      },
      'unread',
      'Tidings — 1 unread, 1 account paused',
    ],
    [
      'do not disturb (over everything else)',
      {
        accounts: [account({ state: 'auth-failed' }, { unread: { count: 2, mentions: 2 } })],
        dnd: { active: true, on: false, label: 'until 13:00' },
      },
      'dnd',
      'Tidings — 2 unread, 2 mentions, 1 account offline, do not disturb until 13:00',
    ],
  ])('%s', (_name, overrides, icon, tooltip) => {
    const current = state(overrides);
    expect(trayIconState(current)).toBe(icon);
    expect(trayTooltip(current)).toBe(tooltip);

    const tray = createTray({
      iconDir: ICONS,
      platform: 'linux',
      clock: new ManualClock(NOW),
      state: () => current,
      dispatch: () => {},
    });
    const shown = Tray.instances.at(-1)!;
    expect(shown.image.path).toBe(join(ICONS, `${icon}-22.png`));
    expect(shown.image.isEmpty()).toBe(false);
    expect(shown.tooltip).toBe(tooltip);
    tray.destroy();
  });

  it('uses template images with a @2x beside them on macOS, and the count as title', () => {
    const current = state({ accounts: [account({}, { unread: { count: 4, mentions: 1 } })] });
    createTray({
      iconDir: ICONS,
      platform: 'darwin',
      clock: new ManualClock(NOW),
      state: () => current,
      dispatch: () => {},
    });
    const shown = Tray.instances.at(-1)!;
    expect(shown.image.path).toBe(join(ICONS, 'mentionTemplate.png'));
    expect(shown.image.isEmpty()).toBe(false);
    for (const scale of ['@1.5x', '@2x', '@3x'])
      expect(existsSync(join(ICONS, `mentionTemplate${scale}.png`))).toBe(true);
    expect(shown.title).toBe('4');
  });

  it('uses a multi-size .ico on Windows, for every state', () => {
    for (const icon of TRAY_ICON_STATES) {
      const current = state(
        icon === 'dnd' ? { dnd: { active: true, on: true, label: 'until turned off' } } : {},
      );
      const tray = createTray({
        iconDir: ICONS,
        platform: 'win32',
        clock: new ManualClock(NOW),
        state: () => current,
        dispatch: () => {},
      });
      const shown = Tray.instances.at(-1)!;
      if (icon === 'dnd') expect(shown.image.path).toBe(join(ICONS, 'dnd.ico'));
      expect(existsSync(join(ICONS, `${icon}.ico`))).toBe(true);
      expect(shown.image.isEmpty()).toBe(false);
      tray.destroy();
    }
  });

  it('menu: accounts with status words and counts, recent, do not disturb, pause, settings, quit', () => {
    const current = state({
      accounts: [
        account(
          { state: 'reconnecting', retryAt: NOW + 7_200, reason: 'connection refused' },
          { unread: { count: 5, mentions: 2 } },
        ),
        {
          ...account({ state: 'auth-failed', reason: 'wrong password' }),
          id: 'dino',
          name: 'Dino',
        },
      ],
      recent: [{ seq: 9, title: 'alice in #general', body: 'lunch?' }],
      dnd: { active: true, on: false, label: 'until 13:00' },
    });
    expect(labels(trayMenu(current) as MenuItemTemplate[])).toEqual([
      'Work chat: reconnecting in 8 s (connection refused) — 5 unread, 2 mentions',
      '  Open in Settings',
      '  Mark all as read',
      '  Mute for 1 hour',
      '  Reconnect',
      '  Pause',
      'Dino: sign-in failed: wrong password',
      '  Fix sign-in…',
      '  Open in Settings',
      '  Mark all as read (disabled)',
      '  Mute for 1 hour',
      '  Reconnect',
      '  Pause',
      '---',
      'Recent notifications',
      '  alice in #general: lunch?',
      'Do not disturb (until 13:00)',
      '  On until 13:00 (disabled)',
      '  ---',
      '  Off',
      '  For 30 minutes',
      '  For 1 hour',
      '  Until tomorrow morning',
      '  Until turned off',
      'Pause all',
      '---',
      'Settings…',
      'Quit Tidings',
    ]);
  });

  it('a click on a menu item dispatches its action', () => {
    const actions: TrayAction[] = [];
    createTray({
      iconDir: ICONS,
      platform: 'linux',
      clock: new ManualClock(NOW),
      state: () => state(),
      dispatch: (a) => actions.push(a),
    });
    const menu = Tray.instances.at(-1)!.menu!.items;
    find(menu, ['Do not disturb', 'For 1 hour']).click!();
    find(menu, ['Work chat: online', 'Mute for 1 hour']).click!();
    find(menu, ['Quit Tidings']).click!();
    expect(actions).toEqual([
      { type: 'dnd', choice: '1h' },
      { type: 'mute-account', account: 'work', minutes: 60 },
      { type: 'quit' },
    ]);
  });
});

describe('the tray redraws itself while the clock changes what it says', () => {
  it('a "reconnecting in N s" countdown counts down, once a second, and stops with it', () => {
    const clock = new ManualClock(NOW);
    const retryAt = NOW + 3_500;
    let status: Partial<AccountStatus> = { state: 'reconnecting', retryAt };
    createTray({
      iconDir: ICONS,
      platform: 'linux',
      clock,
      state: () => state({ accounts: [account(status)], now: clock.now() }),
      dispatch: () => {},
    });
    const shown = Tray.instances.at(-1)!;
    const first = () => labels(shown.menu!.items)[0];
    expect(first()).toBe('Work chat: reconnecting in 4 s');
    clock.advance(499);
    expect(first()).toBe('Work chat: reconnecting in 4 s');
    clock.advance(1);
    expect(first()).toBe('Work chat: reconnecting in 3 s');
    clock.advance(1_000);
    expect(first()).toBe('Work chat: reconnecting in 2 s');
    expect(shown.menuBuilds).toBe(3);

    // The retry comes; the controller's change redraws it, and the ticking stops.
    status = { state: 'online' };
    clock.advance(2_000);
    const builds = shown.menuBuilds;
    expect(first()).toBe('Work chat: online');
    clock.advance(60_000);
    expect(shown.menuBuilds).toBe(builds);
    expect(clock.pendingTimers).toBe(0);
  });

  it('never more than once a second, whatever the countdowns', () => {
    const clock = new ManualClock(NOW);
    const accounts = [100, 350, 600, 850].map((ms, i) => ({
      ...account({ state: 'reconnecting', retryAt: NOW + 10_000 + ms }),
      id: `a${i}`,
      name: `A${i}`,
    }));
    createTray({
      iconDir: ICONS,
      platform: 'linux',
      clock,
      state: () => state({ accounts, now: clock.now() }),
      dispatch: () => {},
    });
    const shown = Tray.instances.at(-1)!;
    clock.advance(5_000);
    expect(shown.menuBuilds).toBeLessThanOrEqual(1 + 5);
    expect(shown.menuBuilds).toBeGreaterThanOrEqual(5);
  });

  it('a mute that ends goes from the menu when it ends', () => {
    const clock = new ManualClock(NOW);
    const mutedUntil = NOW + 90_000;
    createTray({
      iconDir: ICONS,
      platform: 'linux',
      clock,
      state: () => {
        const now = clock.now();
        return state({
          accounts: [{ ...account({}), ...(mutedUntil > now && { mutedUntil }) }],
          now,
          locale: 'en-GB',
          timeZone: 'UTC',
        });
      },
      dispatch: () => {},
    });
    const shown = Tray.instances.at(-1)!;
    expect(labels(shown.menu!.items)[0]).toBe('Work chat: online, muted until 12:01');
    clock.advance(90_000);
    expect(labels(shown.menu!.items)[0]).toBe('Work chat: online');
    expect(shown.menuBuilds).toBe(2);
  });
});

describe('a click on the tray icon itself', () => {
  it.each<[NodeJS.Platform, TrayAction[]]>([
    ['win32', [{ type: 'settings' }]],
    ['linux', []],
    ['darwin', []],
  ])('on %s: %j (the menu stays on the right click / the menu)', (platform, expected) => {
    const actions: TrayAction[] = [];
    createTray({
      iconDir: ICONS,
      platform,
      clock: new ManualClock(NOW),
      state: () => state(),
      dispatch: (a) => actions.push(a),
    });
    const shown = Tray.instances.at(-1)!;
    shown.click();
    expect(actions).toEqual(expected);
    expect(shown.menu).toBeDefined();
  });
});
