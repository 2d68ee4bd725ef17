import { SETTINGS_VERSION, type Settings } from './schema.js';
import { SettingsError, parseSettingsJson, validateSettings } from './validate.js';

type Document = Record<string, unknown>;

/** Turns a document of format `n` into format `n + 1`. */
export type Migration = (document: Document) => Document;

const isObject = (value: unknown): value is Document =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Format 0 is what development builds wrote before the format had a number: no `version`, the
 * burst window as `coalesceWindowMs`, quiet hours at the top and muted rooms as their own list.
 */
const fromUnnumbered: Migration = (document) => {
  const { coalesceWindowMs, quietHours, mutedRooms, ...rest } = document;
  const notifications: Document = isObject(rest.notifications) ? { ...rest.notifications } : {};
  if (coalesceWindowMs !== undefined && notifications.coalesceMs === undefined)
    notifications.coalesceMs = coalesceWindowMs;
  if (quietHours !== undefined) {
    const dnd: Document = isObject(notifications.dnd) ? { ...notifications.dnd } : {};
    dnd.quietHours = quietHours;
    notifications.dnd = dnd;
  }
  if (Array.isArray(mutedRooms)) {
    const rules = Array.isArray(notifications.rules) ? [...(notifications.rules as unknown[])] : [];
    for (const muted of mutedRooms)
      if (isObject(muted))
        rules.push({ account: muted.account, room: muted.room, muteUntil: muted.until });
    notifications.rules = rules;
  }
  return { ...rest, version: 1, notifications };
};

/** By the version they migrate from. */
export const MIGRATIONS: Readonly<Record<number, Migration>> = { 0: fromUnnumbered };

export type MigrationResult =
  { ok: true; document: unknown; from: number } | { ok: false; field: string; error: string };

/**
 * Brings a parsed settings document up to the current format, one version at a time. A document
 * from a newer Tidings is refused rather than guessed at: saving it back would lose its fields.
 */
export function migrateSettings(
  document: unknown,
  migrations: Readonly<Record<number, Migration>> = MIGRATIONS,
  target = SETTINGS_VERSION,
): MigrationResult {
  if (!isObject(document)) return { ok: false, field: '', error: 'expected a JSON object' };
  const from = document.version === undefined ? 0 : document.version;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 0)
    return {
      ok: false,
      field: 'version',
      error: `expected a format number, found ${JSON.stringify(from)}`,
    };
  if (from > target)
    return {
      ok: false,
      field: 'version',
      error: `format ${from} was written by a newer Tidings; this one reads format ${target}`,
    };
  let current: Document = document;
  for (let version = from; version < target; version++) {
    const migration = migrations[version];
    if (!migration)
      return { ok: false, field: 'version', error: `no migration from format ${version}` };
    current = migration(current);
  }
  return { ok: true, document: current, from };
}

export type MigratedSettings =
  | { ok: true; settings: Settings; from: number }
  | { ok: false; error: SettingsError; errors: SettingsError[] };

/** Settings text of any known format, migrated and validated: what a stored or imported file goes through. */
export function readSettingsText(text: string): MigratedSettings {
  const parsed = parseSettingsJson(text);
  if (!parsed.ok) return parsed;
  const migrated = migrateSettings(parsed.document);
  if (!migrated.ok) {
    const failure = new SettingsError(migrated.field, migrated.error);
    return { ok: false, error: failure, errors: [failure] };
  }
  const result = validateSettings(migrated.document);
  return result.ok ? { ok: true, settings: result.settings, from: migrated.from } : result;
}
