// What the tray and the window say about the system's do-not-disturb, from the tray state.
import { describe, expect, it } from 'vitest';
import { systemDndSummary } from '../../app/desktop/dnd-label.js';
import { trayMenu } from '../../app/desktop/tray/tray-menu.js';
import { trayIconState, trayTooltip } from '../../app/desktop/tray/tray-model.js';
import { menuText } from '../support/menu-text.js';
import { trayState } from '../support/tray-state.js';

const DUNST = { state: 'on', source: 'dunst is paused' } as const;

describe("the tray while the system's do-not-disturb holds notifications back", () => {
  const state = trayState({ systemDnd: { holding: true, source: 'dunst is paused' } });

  it('shows the do-not-disturb icon and says why in the tooltip', () => {
    expect(trayIconState(state)).toBe('dnd');
    expect(trayTooltip(state)).toBe(
      'Tidings — notifications held back by the system’s do not disturb (dunst is paused)',
    );
  });

  it("says so in the Do not disturb submenu, leaving Tidings' own choices as they are", () => {
    const text = menuText(trayMenu(state));
    const at = text.indexOf('Do not disturb (on in the system)');
    expect(text.slice(at, at + 4)).toEqual([
      'Do not disturb (on in the system)',
      '  Notifications held back by the system’s do not disturb (dunst is paused) (disabled)',
      '  ---',
      '  Off ✓',
    ]);
  });

  it("names Tidings' own first when both are on", () => {
    const both = trayState({
      dnd: { active: true, on: true, label: 'until turned off' },
      systemDnd: { holding: true, source: 'dunst is paused' },
    });
    const text = menuText(trayMenu(both));
    expect(text).toContain('Do not disturb (until turned off)');
    expect(text).toContain('  On until turned off (disabled)');
    expect(text).toContain(
      '  Notifications held back by the system’s do not disturb (dunst is paused) (disabled)',
    );
  });

  it('is the usual tray when the system switch holds nothing back', () => {
    const quiet = trayState({ systemDnd: { holding: false, source: 'dunst' } });
    expect(trayIconState(quiet)).toBe('quiet');
    expect(trayTooltip(quiet)).toBe('Tidings — all quiet');
    expect(menuText(trayMenu(quiet))).toContain('Do not disturb');
  });
});

describe("the window's words for the system's do-not-disturb", () => {
  it.each([
    [
      DUNST,
      {},
      true,
      'The system’s do not disturb is on (dunst is paused): notifications are held back.',
    ],
    [
      DUNST,
      { mentionsThroughSystem: true },
      true,
      'The system’s do not disturb is on (dunst is paused): notifications are held back, except mentions and direct messages.',
    ],
    [
      DUNST,
      { respectSystem: false },
      false,
      'The system’s do not disturb is on (dunst is paused); Tidings notifies anyway.',
    ],
    [{ state: 'off', source: 'dunst' } as const, {}, false, 'The system’s do not disturb is off.'],
    [
      { state: 'unknown' } as const,
      {},
      false,
      'Tidings cannot tell whether the system’s do not disturb is on.',
    ],
  ])('%j with %j', (system, dnd, holding, label) => {
    expect(systemDndSummary(system, dnd)).toMatchObject({ holding, label });
  });
});
