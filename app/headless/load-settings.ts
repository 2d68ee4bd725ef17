import { readFileSync } from 'node:fs';
import { connectorFor, supportedTypes } from '../connectors/registry.js';
import { SettingsError, parseSettings } from '../core/settings/validate.js';
import type { Settings } from '../core/settings/schema.js';

/**
 * Reads and validates the settings file for the CLI. Beyond the schema, every account's type must
 * have a connector in this build: better refused at start than silently never connecting.
 */
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
  result.settings.accounts.forEach((account, index) => {
    if (!connectorFor(account.type)) {
      const supported = supportedTypes();
      throw new SettingsError(
        `accounts[${index}].type`,
        `no connector for "${account.type}" in this version (supported: ${supported.length ? supported.join(', ') : 'none yet'})`,
      );
    }
  });
  return result.settings;
}
