import { readFileSync } from 'node:fs';
import { SettingsError, parseSettings } from '../core/settings/validate.js';
import type { Settings } from '../core/settings/schema.js';

/** Reads and validates the settings file for the CLI. */
export function loadSettings(path: string): Settings {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SettingsError('', `cannot read ${path}${code ? ` (${code})` : ''}`);
  }
  const result = parseSettings(text);
  if (!result.ok) throw result.error;
  return result.settings;
}
