import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import type { HistoryEntry } from '../core/pipeline/history-store.js';
import type { Logger } from '../core/log.js';
import { isJunk } from '../core/pipeline/history-store.js';
import type { RoomUnread } from '../core/pipeline/unread.js';
import { legacyHistory, legacyUnread } from './legacy-shapes.js';
import { HISTORY_ROOMS_FROM_HISTORY } from './schema.js';
import { setAside } from './set-aside.js';
import type { StateDatabase } from './state-database.js';

/** The JSON files that held history and unread counts before the state database. */
export const LEGACY_FILES = { history: 'history.json', unread: 'unread.json' } as const;

/**
 * Moves `history.json` and `unread.json` (the CLI's lists or the desktop app's electron-store
 * documents) into the database on first start and renames them `*.migrated`. A file that is not
 * JSON or not of their shape is set aside with a warning: never overwritten, never deleted.
 */
export function migrateJsonFiles(dir: string, state: StateDatabase, log: Logger): void {
  const history = readLegacy(join(dir, LEGACY_FILES.history), legacyHistory, log);
  const unread = readLegacy(join(dir, LEGACY_FILES.unread), legacyUnread, log);
  if (!history && !unread) return;
  const { db } = state;
  db.exec('BEGIN IMMEDIATE');
  try {
    if (history) importHistory(state, history.value);
    if (unread) importUnread(state, unread.value);
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    log.error('old state files could not be moved into the database', { error: String(error) });
    return;
  }
  for (const file of [history, unread]) {
    if (!file) continue;
    renameSync(file.path, `${file.path}.migrated`);
    log.info('state file moved into the database', { path: file.path, to: state.path });
  }
}

function readLegacy<T>(
  path: string,
  shape: z.ZodType<T>,
  log: Logger,
): { path: string; value: T } | undefined {
  if (!existsSync(path)) return undefined;
  let problem: string;
  try {
    const parsed = shape.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (parsed.success) return { path, value: parsed.data };
    problem = 'not the shape Tidings wrote';
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error);
  }
  const aside = setAside(path, 'unreadable');
  log.warn('a state file could not be read; set aside', { path, aside, problem });
  return undefined;
}

function importHistory(state: StateDatabase, entries: HistoryEntry[]): void {
  // Their dedupe memory comes with them: it is loaded from the history rows.
  const insert = state.db.prepare(
    'INSERT INTO history (received_at, account, room, event_id, decision, junk, entry) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  for (const entry of [...entries].sort((a, b) => a.seq - b.seq)) {
    const { seq: _seq, ...fields } = entry;
    insert.run(
      entry.receivedAt,
      entry.event.account,
      entry.event.room.id,
      entry.event.id,
      entry.decision,
      isJunk(entry) ? 1 : 0,
      JSON.stringify(fields),
    );
  }
  state.db.exec(HISTORY_ROOMS_FROM_HISTORY);
}

function importUnread(state: StateDatabase, rooms: RoomUnread[]): void {
  const upsert = state.db.prepare(
    `INSERT INTO unread (account, room, count, mentions, touched)
     VALUES (?, ?, ?, ?, (SELECT coalesce(max(touched), 0) + 1 FROM unread))
     ON CONFLICT (account, room) DO UPDATE SET count = excluded.count, mentions = excluded.mentions`,
  );
  for (const room of rooms) upsert.run(room.account, room.room, room.count, room.mentions);
}
