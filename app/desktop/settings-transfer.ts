import { readFileSync } from 'node:fs';
import { readSettingsText } from '../core/settings/migrate.js';
import type { Outcome, SaveResult } from '../ipc/contract.js';
import { exportedAccount } from './account-secrets.js';
import type { Controller } from './controller.js';
import { fieldErrors } from './account-form.js';
import { writeFileAtomic } from './storage/set-aside.js';

/**
 * Writes the settings (format 1) to a file the user chose. Without secrets each becomes an
 * `{ "env": "TIDINGS_<ACCOUNT>_<FIELD>" }` reference, so the file also runs in headless mode.
 */
export async function exportSettings(
  controller: Controller,
  includeSecrets: boolean,
): Promise<Outcome> {
  const path = await controller.filePicker.chooseExport();
  if (!path) return { ok: false, message: 'Export cancelled.' };
  const { settings, secretsOf } = controller.accountsWithSecrets();
  const document = {
    ...settings,
    accounts: settings.accounts.map((a) => exportedAccount(a, secretsOf(a.id), includeSecrets)),
  };
  try {
    writeFileAtomic(path, `${JSON.stringify(document, null, 2)}\n`, includeSecrets ? 0o600 : 0o644);
  } catch (error) {
    return { ok: false, message: `Could not write ${path}: ${String(error)}` };
  }
  return {
    ok: true,
    message: includeSecrets
      ? `Exported to ${path}, secrets included: keep the file safe.`
      : `Exported to ${path} without secrets.`,
  };
}

/** Reads a settings file the user chose (any known format) and replaces the current settings. */
export async function importSettings(controller: Controller): Promise<SaveResult> {
  const path = await controller.filePicker.chooseImport();
  if (!path) return { ok: false, errors: [{ field: '', message: 'Import cancelled.' }] };
  return importSettingsFrom(controller, path);
}

/** Replaces the current settings with the file's, if it reads and validates. */
export async function importSettingsFrom(
  controller: Controller,
  path: string,
): Promise<SaveResult> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return {
      ok: false,
      errors: [{ field: '', message: `Could not read ${path}: ${String(error)}` }],
    };
  }
  const result = readSettingsText(text);
  if (!result.ok) return { ok: false, errors: fieldErrors(result.errors, '') };
  await controller.replaceSettings(result.settings);
  return { ok: true };
}
