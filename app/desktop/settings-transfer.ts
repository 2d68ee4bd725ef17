import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { readSettingsText } from '../core/settings/migrate.js';
import type { Outcome, SaveResult } from '../ipc/contract.js';
import { exportedAccount } from './account-secrets.js';
import type { Controller } from './controller.js';
import { fieldErrors } from './account-form.js';
import { writeFileAtomic } from './storage/set-aside.js';

/** A file that could not be read or written, in words: what happened to it, named by its name. */
function fileProblem(error: unknown, path: string, reading: boolean): string {
  const name = basename(path);
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return reading
        ? `That file no longer exists: ${name}`
        : `That folder no longer exists: ${path}`;
    case 'EACCES':
    case 'EPERM':
      return reading
        ? `Tidings may not read ${name} (permission denied): check who owns it, or copy it somewhere of yours`
        : `Tidings may not write to ${path} (permission denied): choose another folder`;
    case 'EISDIR':
      return reading
        ? `${name} is a folder, not a settings file`
        : `${name} is a folder: choose another name for the file`;
    case 'ENOSPC':
      return `The disk is full: ${name} was not written`;
    case 'EROFS':
      return `${path} is on a disk that cannot be written to: choose another folder`;
    default: {
      const why = error instanceof Error ? error.message : String(error);
      return `${reading ? 'Could not read' : 'Could not write'} ${name} (${why})`;
    }
  }
}

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
    return { ok: false, message: `${fileProblem(error, path, false)}.` };
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
      errors: [{ field: '', message: fileProblem(error, path, true) }],
    };
  }
  const result = readSettingsText(text);
  if (!result.ok) {
    // "not valid JSON: a mistake on line 3, column 5 (…)": say which file.
    const errors = fieldErrors(result.errors, '').map((e) =>
      !e.field && e.message.startsWith('not valid JSON: ')
        ? {
            field: '',
            message: `${basename(path)} is not a settings file Tidings can read: it has ${e.message.slice('not valid JSON: '.length)}`,
          }
        : e,
    );
    return { ok: false, errors };
  }
  await controller.replaceSettings(result.settings);
  return { ok: true };
}
