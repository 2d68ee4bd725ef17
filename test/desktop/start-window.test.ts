// Whether the settings window opens at start: a first run needs an account, but a launch that
// imports its settings (`npm run demo`) is not a first run, however empty the settings still are.
import { describe, expect, it } from 'vitest';
import { opensWindowAtStart, type StartFacts } from '../../app/desktop/start-window.js';

const start = (facts: Partial<StartFacts>) =>
  opensWindowAtStart({
    accounts: 1,
    argv: ['electron', '.'],
    importing: false,
    problem: false,
    trayShown: true,
    ...facts,
  });

describe('the settings window at start', () => {
  it('stays hidden in the tray with accounts, a tray and no problem', () => {
    expect(start({})).toBe(false);
  });

  it('opens on a first run, but not when started at login', () => {
    expect(start({ accounts: 0 })).toBe(true);
    expect(start({ accounts: 0, argv: ['electron', '.', '--hidden'] })).toBe(false);
  });

  it('does not take a launch that imports its settings for a first run', () => {
    expect(start({ accounts: 0, importing: true })).toBe(false);
  });

  it('opens when the settings had a problem or no tray icon can be seen', () => {
    expect(start({ problem: true })).toBe(true);
    expect(start({ trayShown: false })).toBe(true);
  });
});
