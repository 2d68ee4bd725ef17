// The decisions of every detector, pure, from what each system reports (recorded states).
// macOS and Windows cannot run here: this is what is tested of them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  gnomeSettingApplies,
  gnomeShowBannersState,
  notificationServerState,
} from '../../app/system-dnd/linux-states.js';
import { macFocusState } from '../../app/system-dnd/macos-focus.js';
import { combineStates } from '../../app/system-dnd/system-dnd.js';
import { windowsNotificationState } from '../../app/system-dnd/windows-focus-assist.js';

const recorded = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../fixtures/system-dnd/${name}`, import.meta.url), 'utf8'));

describe('GNOME: org.gnome.desktop.notifications show-banners', () => {
  it.each([
    ['false\n', 'on'],
    ['true\n', 'off'],
    ['show-banners: false', 'on'],
    ['show-banners: true', 'off'],
    ['No such schema “org.gnome.desktop.notifications”', 'unknown'],
    ['', 'unknown'],
  ])('%j is %s', (output, state) => {
    expect(gnomeShowBannersState(output).state).toBe(state);
  });

  it('names GNOME as the source while it holds notifications back', () => {
    expect(gnomeShowBannersState('false')).toEqual({
      state: 'on',
      source: 'GNOME: do not disturb',
    });
  });

  it.each([
    ['ubuntu:GNOME', true],
    ['GNOME', true],
    ['GNOME-Classic:GNOME', true],
    ['KDE', false],
    ['XFCE', false],
    [undefined, false],
  ])('the setting applies under XDG_CURRENT_DESKTOP=%s: %s', (desktop, applies) => {
    expect(gnomeSettingApplies({ XDG_CURRENT_DESKTOP: desktop })).toBe(applies);
  });
});

describe('the notification server: KDE Inhibited, dunst paused', () => {
  it.each([
    [{ kdeInhibited: true }, 'on', 'KDE Plasma: do not disturb'],
    [{ kdeInhibited: false }, 'off', 'KDE Plasma'],
    [{ dunstPaused: true }, 'on', 'dunst is paused'],
    [{ dunstPaused: false }, 'off', 'dunst'],
    [{}, 'unknown', undefined],
    // A wrong type from an odd server is no claim either way.
    [{ kdeInhibited: 'yes' }, 'unknown', undefined],
  ])('%j is %s', (props, state, source) => {
    expect(notificationServerState(props)).toEqual({ state, ...(source && { source }) });
  });
});

describe('macOS Focus: Assertions.json', () => {
  it('is on with the Do Not Disturb Focus turned on by hand', () => {
    expect(macFocusState(recorded('macos-assertions-dnd-on.json'))).toEqual({
      state: 'on',
      source: 'macOS Focus: Do Not Disturb',
    });
  });

  it('names the Focus that is on', () => {
    expect(macFocusState(recorded('macos-assertions-work-on.json')).source).toBe(
      'macOS Focus: Work',
    );
  });

  it('is off with no assertion, and unknown for a file of another shape', () => {
    expect(macFocusState(recorded('macos-assertions-off.json')).state).toBe('off');
    expect(macFocusState({ records: [] }).state).toBe('unknown');
    expect(macFocusState(null).state).toBe('unknown');
  });
});

describe('Windows: SHQueryUserNotificationState', () => {
  it.each([
    ['5', 'off'], // QUNS_ACCEPTS_NOTIFICATIONS
    ['6', 'on'], // QUNS_QUIET_TIME
    ['4', 'on'], // QUNS_PRESENTATION_MODE
    ['2', 'on'], // QUNS_BUSY
    ['3', 'on'], // QUNS_RUNNING_D3D_FULL_SCREEN
    ['1', 'off'], // QUNS_NOT_PRESENT: locked, Windows keeps the toasts
    ['7', 'off'], // QUNS_APP
    ['error', 'unknown'],
    ['9', 'unknown'],
  ])('%s is %s', (line, state) => {
    expect(windowsNotificationState(`${line}\r`).state).toBe(state);
  });
});

describe('several detectors as one', () => {
  it('is on when one says on, off when one can tell, else unknown', () => {
    const on = { state: 'on', source: 'GNOME: do not disturb' } as const;
    expect(combineStates([{ state: 'off' }, on])).toBe(on);
    expect(combineStates([{ state: 'unknown' }, { state: 'off' }]).state).toBe('off');
    expect(combineStates([{ state: 'unknown' }]).state).toBe('unknown');
    expect(combineStates([]).state).toBe('unknown');
  });
});
