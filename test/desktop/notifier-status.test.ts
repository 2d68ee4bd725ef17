// What the tray and the window say when notifications cannot be shown (Linux: no session bus or
// no notification server), from the sink's reasons, and that they say nothing once it is back.
import { describe, expect, it } from 'vitest';
import { notifierStatusCell, notifierSummary } from '../../app/desktop/notifier-status.js';
import { trayMenu } from '../../app/desktop/tray/tray-menu.js';
import { trayTooltip } from '../../app/desktop/tray/tray-model.js';
import { menuText } from '../support/menu-text.js';
import { trayState } from '../support/tray-state.js';

const NO_SERVER =
  "Notifications can't be shown: no notification service is running on this desktop. Everything is kept in History.";

describe('notifications that cannot be shown', () => {
  it('are said in words the user knows, whichever part of D-Bus is missing; D-Bus in the details', () => {
    expect(
      notifierSummary({
        available: false,
        reason: 'no notification server on the session bus (org.freedesktop.Notifications)',
      }),
    ).toEqual({
      available: false,
      warning: NO_SERVER,
      detail: 'D-Bus: no notification server on the session bus (org.freedesktop.Notifications).',
    });
    expect(
      notifierSummary({ available: false, reason: 'the D-Bus session bus closed the connection' }),
    ).toEqual({
      available: false,
      warning: NO_SERVER,
      detail: 'D-Bus: the D-Bus session bus closed the connection.',
    });
    expect(notifierSummary({ available: true })).toEqual({ available: true });
  });

  it('show first in the tray menu and in the tooltip, and go when the server is back', () => {
    const missing = trayState({ notifier: { available: false, warning: NO_SERVER } });
    expect(menuText(trayMenu(missing)).slice(0, 2)).toEqual([`${NO_SERVER} (disabled)`, '---']);
    expect(trayTooltip(missing)).toBe('Tidings — notifications cannot be shown (kept in History)');

    const back = trayState({ notifier: { available: true } });
    expect(menuText(trayMenu(back)).join('\n')).not.toContain('cannot be shown');
    expect(trayTooltip(back)).toBe('Tidings — all quiet');
  });

  it('are told to listeners once per change', () => {
    const cell = notifierStatusCell();
    const heard: boolean[] = [];
    cell.onChange((state) => heard.push(state.available));
    cell.set({ available: true });
    cell.set({ available: false, reason: 'no server' });
    cell.set({ available: false, reason: 'no server' });
    cell.set({ available: true });
    expect(heard).toEqual([false, true]);
  });
});
