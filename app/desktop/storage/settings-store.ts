import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../core/log.js';
import { readSettingsText } from '../../core/settings/migrate.js';
import { SETTINGS_VERSION, settingsSchema, type Settings } from '../../core/settings/schema.js';
import { validateSettings } from '../../core/settings/validate.js';
import { openJsonStore, type JsonStore } from './json-store.js';
import { keepCopy, setAside, writeFileAtomic } from './set-aside.js';

export interface LoadedSettings {
  settings: Settings;
  /** What went wrong reading the file, in words for the window; absent when all was well. */
  problem?: string;
}

export interface SettingsStore {
  readonly path: string;
  load(): LoadedSettings;
  save(settings: Settings): void;
}

export const SETTINGS_NAME = 'settings';

/**
 * The settings file (format 1) in electron-store. Older formats are migrated (the old file kept
 * as `settings.v<n>.json`); after every good read or write a last good copy is kept; a file that
 * cannot be read is set aside, never overwritten, and the last good copy takes its place.
 */
export function openSettingsStore(dir: string, log: Logger): SettingsStore {
  const path = join(dir, `${SETTINGS_NAME}.json`);
  const lastGood = join(dir, `${SETTINGS_NAME}.last-good.json`);
  let store: JsonStore<Settings> | undefined;
  const electronStore = () => (store ??= openJsonStore<Settings>(dir, SETTINGS_NAME, log));
  const keepLastGood = (settings: Settings) =>
    writeFileAtomic(lastGood, JSON.stringify(settings, null, 2));

  function write(settings: Settings): void {
    const checked = validateSettings(settings);
    if (!checked.ok) throw checked.error;
    electronStore().write(checked.settings);
    keepLastGood(checked.settings);
  }

  function fromLastGood(problem: string): LoadedSettings | undefined {
    if (!existsSync(lastGood)) return undefined;
    const result = readSettingsText(readFileSync(lastGood, 'utf8'));
    if (!result.ok) return undefined;
    write(result.settings);
    return { settings: result.settings, problem: `${problem}; the last good copy was restored` };
  }

  return {
    path,
    load() {
      let problem: string | undefined;
      if (existsSync(path)) {
        const result = readSettingsText(readFileSync(path, 'utf8'));
        if (result.ok) {
          if (result.from < SETTINGS_VERSION) {
            keepCopy(path, join(dir, `${SETTINGS_NAME}.v${result.from}.json`));
            log.info('settings migrated', { from: result.from, to: SETTINGS_VERSION });
            write(result.settings);
          } else keepLastGood(result.settings);
          return { settings: result.settings };
        }
        const aside = setAside(path, 'unreadable');
        problem = `The settings file could not be read (${result.error.message}); it was kept as ${aside}`;
        log.error('settings file could not be read; set aside', {
          aside,
          error: result.error.message,
        });
        const restored = fromLastGood(problem);
        if (restored) return restored;
      }
      const settings = settingsSchema.parse({ version: SETTINGS_VERSION });
      return problem ? { settings, problem } : { settings };
    },
    save: write,
  };
}
