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
  /** What went wrong reading the file and what it means, for the window; absent when all was well. */
  problem?: string;
  /** With `problem`: the error and where the file was kept, one click away. */
  problemDetail?: string;
}

export interface SettingsStore {
  readonly path: string;
  load(): LoadedSettings;
  save(settings: Settings): void;
}

export const SETTINGS_NAME = 'settings';

/** "line 3, column 5" from "not valid JSON: a mistake on line 3, column 5 (…)" */
const MISTAKE_AT = /a mistake on (line \d+, column \d+)/;

/** "accounts[0].broker: expected …" → "Account 1, broker: expected …", as the General page says it. */
function inWords(error: string): string {
  const colon = error.indexOf(': ');
  if (colon < 0) return `${error.charAt(0).toUpperCase()}${error.slice(1)}`;
  const where = error
    .slice(0, colon)
    .replace(/^accounts\[(\d+)\]/, (_, n: string) => `Account ${Number(n) + 1}`)
    .replace(/\[(\d+)\]/g, (_, n: string) => ` ${Number(n) + 1}`)
    .split('.')
    .join(', ');
  return `${where.charAt(0).toUpperCase()}${where.slice(1)}${error.slice(colon)}`;
}

function problemWords(error: string, restored: boolean): string {
  const at = MISTAKE_AT.exec(error);
  const what = at
    ? `The settings file has a mistake on ${at[1]}, so Tidings could not read it.`
    : `The settings file has a setting Tidings cannot use, so it could not be read: ${inWords(error)}.`;
  return restored
    ? `${what} Your last good settings were restored; nothing is lost.`
    : `${what} Tidings started without accounts: fix the file and import it (General), or add your accounts again.`;
}

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

  function fromLastGood(): Settings | undefined {
    if (!existsSync(lastGood)) return undefined;
    const result = readSettingsText(readFileSync(lastGood, 'utf8'));
    if (!result.ok) return undefined;
    write(result.settings);
    return result.settings;
  }

  return {
    path,
    load() {
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
        log.error('settings file could not be read; set aside', {
          aside,
          error: result.error.message,
        });
        const restored = fromLastGood();
        return {
          settings: restored ?? settingsSchema.parse({ version: SETTINGS_VERSION }),
          problem: problemWords(result.error.message, restored !== undefined),
          problemDetail: `${result.error.message}. The file was kept as ${aside}${restored ? '; the last good copy was restored' : ''}.`,
        };
      }
      return { settings: settingsSchema.parse({ version: SETTINGS_VERSION }) };
    },
    save: write,
  };
}
