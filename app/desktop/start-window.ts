import { HIDDEN_FLAG } from './autostart.js';

export interface StartFacts {
  /** Accounts in the settings as the app starts. */
  accounts: number;
  argv: readonly string[];
  /** `--import-settings`: the accounts are on their way, so this is not a first run. */
  importing: boolean;
  /** The settings file had to be set aside: the window says so. */
  problem: boolean;
  /** Whether a tray icon can be seen on this desktop. */
  trayShown: boolean;
}

/**
 * Whether the settings window opens at start (on Accounts): on a first run, which needs an
 * account; when the settings had a problem; or when no tray icon can be seen. Otherwise Tidings
 * starts hidden in the tray. Started at login (`--hidden`) it is never a first run.
 */
export function opensWindowAtStart(facts: StartFacts): boolean {
  const firstRun = facts.accounts === 0 && !facts.importing && !facts.argv.includes(HIDDEN_FLAG);
  return facts.problem || firstRun || !facts.trayShown;
}
