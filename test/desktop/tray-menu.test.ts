import { describe, expect, it } from 'vitest';
import { trayMenu } from '../../app/desktop/tray/tray-menu.js';
import { nextTrayChange, type TrayState } from '../../app/desktop/tray/tray-model.js';
import type { MenuItemTemplate } from '../support/electron-double.js';
import { T0 as NOW } from '../support/events.js';
import { trayAccount as account, trayState as state } from '../support/tray-state.js';
import { menuItem, menuText } from '../support/menu-text.js';

const menu = (s: TrayState) => trayMenu(s) as MenuItemTemplate[];
/** The first account's item and its submenu, as the user reads them. */
const accountMenu = (s: TrayState) => menuText(menu(s).slice(0, 1));
/** The do-not-disturb submenu, as the user reads it. */
const dndMenu = (s: TrayState) =>
  menuText(menu(s).find((i) => i.label?.startsWith('Do not disturb'))!.submenu!, 1);

describe('the tray menu for each account state', () => {
  it('online', () => {
    expect(accountMenu(state())).toEqual([
      'Work chat: online',
      '  Open in Settings',
      '  Mark all as read (disabled)',
      '  Mute for 1 hour',
      '  Reconnect',
      '  Pause',
    ]);
  });

  it('a failed sign-in offers "Fix sign-in…" first, which opens that account', () => {
    const s = state({ accounts: [account({ state: 'auth-failed', reason: 'wrong password' })] });
    expect(accountMenu(s)).toEqual([
      'Work chat: sign-in failed: wrong password',
      '  Fix sign-in…',
      '  Open in Settings',
      '  Mark all as read (disabled)',
      '  Mute for 1 hour',
      '  Reconnect',
      '  Pause',
    ]);
    const fix = trayMenu(s)[0]!.submenu![0]!;
    expect(fix.action).toEqual({ type: 'fix-sign-in', account: 'work' });
  });

  it('a muted account says until when, in the locale, and can be unmuted', () => {
    const s = state({ accounts: [account({}, { mutedUntil: Date.UTC(2026, 0, 5, 14, 30) })] });
    expect(accountMenu(s)).toEqual([
      'Work chat: online, muted until 14:30',
      '  Open in Settings',
      '  Mark all as read (disabled)',
      '  Muted until 14:30 (disabled)',
      '  Unmute',
      '  Reconnect',
      '  Pause',
    ]);
    expect(trayMenu(s)[0]!.submenu!.find((i) => i.label === 'Unmute')!.action).toEqual({
      type: 'unmute-account',
      account: 'work',
    });
    const us = menuText(menu({ ...s, locale: 'en-US' }))[0]!.replace(/\s/g, ' ');
    expect(us).toBe('Work chat: online, muted until 2:30 PM');
  });

  it('a mute ending on another day names the weekday', () => {
    const s = state({ accounts: [account({}, { mutedUntil: Date.UTC(2026, 0, 6, 9, 0) })] });
    expect(menuText(menu(s))[0]).toBe('Work chat: online, muted until Tue 09:00');
  });

  it('"Open" says where it goes: the server\'s page, or Settings for an account without one', () => {
    const web = state({ accounts: [account({}, { site: 'https://chat.example.com/' })] });
    expect(accountMenu(web)[1]).toBe('  Open chat.example.com');
    expect(accountMenu(state())[1]).toBe('  Open in Settings');
  });

  it('unread mentions are said in words, not as "@"', () => {
    const s = state({ accounts: [account({}, { unread: { count: 5, mentions: 1 } })] });
    expect(menuText(menu(s))[0]).toBe('Work chat: online — 5 unread, 1 mention');
    const two = state({ accounts: [account({}, { unread: { count: 5, mentions: 2 } })] });
    expect(menuText(menu(two))[0]).toBe('Work chat: online — 5 unread, 2 mentions');
  });

  it('stopped by its settings: the reason cut short in the line, "Fix in Settings…" first', () => {
    const reason =
      'the desktop app keeps secrets in its secure store; env and command secrets are for headless mode';
    const s = state({ accounts: [account({ state: 'offline', reason })] });
    const [line, fix] = accountMenu(s);
    expect(line).toBe(
      'Work chat: offline: the desktop app keeps secrets in its secure store; env and c…',
    );
    expect(fix).toBe('  Fix in Settings…');
    expect(trayMenu(s)[0]!.submenu![0]!.action).toEqual({ type: 'edit-account', account: 'work' });
  });

  it('offline with no reason yet (starting, stopped) offers no fix', () => {
    const s = state({ accounts: [account({ state: 'offline' })] });
    expect(accountMenu(s)).not.toContain('  Fix in Settings…');
  });

  it('paused: "Resume" instead of "Reconnect", "Pause" greyed, "Resume all"', () => {
    const s = state({
      accounts: [account({ state: 'offline', reason: 'paused' })],
      allPaused: true,
    });
    expect(accountMenu(s)).toEqual([
      'Work chat: paused',
      '  Open in Settings',
      '  Mark all as read (disabled)',
      '  Mute for 1 hour',
      '  Resume',
      '  Pause (disabled)',
    ]);
    expect(menuText(menu(s))).toContain('Resume all');
  });
});

describe('the do-not-disturb radio items', () => {
  it.each([
    ['off', { active: false, on: false, label: 'off' }, 'Off ✓'],
    [
      'until turned off',
      { active: true, on: true, label: 'until turned off' },
      'Until turned off ✓',
    ],
    [
      '30 minutes',
      { active: true, on: false, label: 'until 12:30', choice: '30m' },
      'For 30 minutes ✓',
    ],
    ['1 hour', { active: true, on: false, label: 'until 13:00', choice: '1h' }, 'For 1 hour ✓'],
    [
      'tomorrow morning',
      { active: true, on: false, label: 'until Tue 08:00', choice: 'tomorrow-morning' },
      'Until tomorrow morning ✓',
    ],
  ] as const)('%s checks its own item and only it', (_name, dnd, checked) => {
    const items = dndMenu(state({ dnd: { ...dnd } }));
    expect(items.filter((l) => l.endsWith('✓'))).toEqual([`  ${checked}`]);
  });

  it('a timed one says when it ends above the choices', () => {
    const items = dndMenu(
      state({ dnd: { active: true, on: false, label: 'until 13:00', choice: '1h' } }),
    );
    expect(items).toEqual([
      '  On until 13:00 (disabled)',
      '  ---',
      '  Off',
      '  For 30 minutes',
      '  For 1 hour ✓',
      '  Until tomorrow morning',
      '  Until turned off',
    ]);
    expect(menuItem(menu(state()), ['Do not disturb', 'For 1 hour']).type).toBe('radio');
  });
});

describe('when the tray must redraw for the clock alone (nextTrayChange)', () => {
  const reconnecting = (retryIn: number) =>
    state({ accounts: [account({ state: 'reconnecting', retryAt: NOW + retryIn })] });

  it('nothing depends on the clock: never', () => {
    expect(nextTrayChange(state())).toBeUndefined();
    expect(nextTrayChange(reconnecting(-500))).toBeUndefined();
    expect(
      nextTrayChange(state({ accounts: [account({ state: 'reconnecting' })] })),
    ).toBeUndefined();
  });

  it('a countdown: when its number changes ("in 8 s" at 7.2 s left becomes "in 7 s" in 0.2 s)', () => {
    expect(nextTrayChange(reconnecting(7_200))).toBe(200);
    expect(nextTrayChange(reconnecting(7_000))).toBe(1_000);
    expect(nextTrayChange(reconnecting(400))).toBe(400);
  });

  it('the soonest of countdowns, mute ends and the end of do-not-disturb', () => {
    const s = state({
      accounts: [
        account({ state: 'reconnecting', retryAt: NOW + 30_500 }),
        account({}, { id: 'dino', mutedUntil: NOW + 60_000 }),
      ],
      dnd: { active: true, on: false, label: 'until 12:00', endsAt: NOW + 100 },
    });
    expect(nextTrayChange(s)).toBe(100);
    expect(nextTrayChange({ ...s, dnd: state().dnd })).toBe(500);
  });
});
