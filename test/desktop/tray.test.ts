import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AccountStatus } from '../../app/core/connector.js';
import { createTray, TRAY_REBUILD_MS } from '../../app/desktop/tray/tray.js';
import {
  trayIconState,
  trayMenu,
  trayTooltip,
  type TrayAccount,
  type TrayAction,
  type TrayState,
} from '../../app/desktop/tray/tray-model.js';
import { Tray, type MenuItemTemplate } from '../support/electron-double.js';
import { startDesktop, type DesktopHarness } from '../support/electron-controller.js';
import { makeEvent } from '../support/events.js';
import { ManualClock } from '../support/manual-clock.js';
import { leakyConnectors } from './leaky-connector.js';

const NOW = Date.UTC(2026, 0, 5, 12, 0, 0);
const ICONS = join(process.cwd(), 'build', 'icons', 'tray');

function account(status: Partial<AccountStatus>, unread = { count: 0, mentions: 0 }): TrayAccount {
  return {
    id: 'work',
    name: 'Work chat',
    status: { account: 'work', state: 'online', since: NOW, ...status },
    unread,
  };
}

function state(overrides: Partial<TrayState> = {}): TrayState {
  return {
    accounts: [account({})],
    recent: [],
    dnd: { active: false, on: false, label: 'off' },
    allPaused: false,
    now: NOW,
    ...overrides,
  };
}

/** The menu's labels, submenus indented, as a user reads them. */
function labels(items: readonly MenuItemTemplate[], depth = 0): string[] {
  return items.flatMap((item) => [
    `${'  '.repeat(depth)}${item.type === 'separator' ? '---' : item.label}${item.checked ? ' ✓' : ''}${item.enabled === false ? ' (disabled)' : ''}`,
    ...labels(item.submenu ?? [], depth + 1),
  ]);
}

function find(items: readonly MenuItemTemplate[], path: string[]): MenuItemTemplate {
  const [first, ...rest] = path;
  const item = items.find((i) => i.label === first);
  if (!item) throw new Error(`no menu item "${first}" in ${labels(items).join(' | ')}`);
  return rest.length > 0 ? find(item.submenu ?? [], rest) : item;
}

describe('the tray for each app state', () => {
  it.each<[string, Partial<TrayState>, string, string]>([
    ['all quiet', {}, 'quiet', 'Tidings — all quiet'],
    [
      'unread',
      { accounts: [account({}, { count: 3, mentions: 0 })] },
      'unread',
      'Tidings — 3 unread',
    ],
    [
      'a mention',
      { accounts: [account({}, { count: 3, mentions: 1 })] },
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
      'a paused account (not trouble)',
      { accounts: [account({ state: 'offline', reason: 'paused' })] },
      'quiet',
      'Tidings — all quiet',
    ],
    [
      'do not disturb (over everything else)',
      {
        accounts: [account({ state: 'auth-failed' }, { count: 2, mentions: 2 })],
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
    expect(shown.image.path).toBe(join(ICONS, `${icon}.png`));
    expect(shown.image.isEmpty()).toBe(false);
    expect(shown.tooltip).toBe(tooltip);
    tray.destroy();
  });

  it('uses template images with a @2x beside them on macOS, and the count as title', () => {
    const current = state({ accounts: [account({}, { count: 4, mentions: 1 })] });
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
    expect(existsSync(join(ICONS, 'mentionTemplate@2x.png'))).toBe(true);
    expect(shown.title).toBe('4');
  });

  it('menu: accounts with status words and counts, recent, do not disturb, pause, settings, quit', () => {
    const current = state({
      accounts: [
        account(
          { state: 'reconnecting', retryAt: NOW + 7_200, reason: 'connection refused' },
          { count: 5, mentions: 2 },
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
      'Work chat: reconnecting in 8 s (connection refused) — 5 unread, 2 @',
      '  Open',
      '  Mark all as read',
      '  Mute for 1 hour',
      '  Reconnect',
      '  Pause',
      'Dino: sign-in failed: wrong password',
      '  Open',
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

describe('the tray over the controller', () => {
  let app: DesktopHarness | undefined;
  afterEach(() => app?.stop());

  it('follows the app state, rebuilt at most once per interval', async () => {
    const connectors = leakyConnectors('pw');
    app = startDesktop({ createConnector: connectors.factory, supportedTypes: ['dino'] });
    const { controller } = app;
    await controller.saveAccount({
      id: 'dino',
      type: 'dino',
      broker: 'mqtt://127.0.0.1:1',
      userId: '1',
      auth: { username: '1', password: 'pw' },
    });
    await vi.waitFor(() => expect(controller.trayState().accounts[0]?.status.state).toBe('online'));
    const clock = new ManualClock(NOW);
    const tray = createTray({
      iconDir: ICONS,
      platform: 'linux',
      clock,
      state: () => controller.trayState(),
      dispatch: (action) => void controller.perform(action),
    });
    controller.onChange(() => tray.refresh());
    const shown = Tray.instances.at(-1)!;
    expect(shown.menuBuilds).toBe(1);

    for (let i = 0; i < 50; i++)
      connectors.emit(
        'dino',
        makeEvent({ account: 'dino', time: Date.now(), room: { id: `r${i % 5}`, type: 'direct' } }),
      );
    // Built when created; the 50 changes wait for the interval to end, then make one build.
    expect(shown.menuBuilds).toBe(1);
    clock.advance(TRAY_REBUILD_MS);
    expect(shown.menuBuilds).toBe(2);
    expect(shown.image.path).toBe(join(ICONS, 'mention.png'));
    expect(shown.tooltip).toBe('Tidings — 50 unread, 50 mentions');

    find(shown.menu!.items, ['Do not disturb', 'Until turned off']).click!();
    await vi.waitFor(() =>
      expect(controller.snapshot().dnd).toEqual({
        active: true,
        on: true,
        label: 'until turned off',
      }),
    );
    clock.advance(TRAY_REBUILD_MS);
    expect(shown.image.path).toBe(join(ICONS, 'dnd.png'));

    find(shown.menu!.items, ['Pause all']).click!();
    await vi.waitFor(() => expect(controller.trayState().allPaused).toBe(true));
    clock.advance(TRAY_REBUILD_MS);
    expect(labels(shown.menu!.items)).toContain('Resume all');
    expect(labels(shown.menu!.items)[0]).toBe('dino: paused — 50 unread, 50 @');
    tray.destroy();
  });
});
