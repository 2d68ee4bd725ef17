import type { DatabaseSync } from 'node:sqlite';

/** Bumped when the tables change; a database from a newer Tidings is set aside, not altered. */
export const SCHEMA_VERSION = 2;

/** One file for the desktop app and the CLI alike, so they can share a data folder. */
export const DATABASE_FILE = 'tidings-state.sqlite';

/**
 * Schema 2. History carries the room and event ids in columns of their own: nothing parses JSON
 * per insert, and the dedupe memory is loaded from the newest rows on start (no table of its
 * own). No search index: a search scans the rows, newest first.
 */
const TABLES = `
CREATE TABLE IF NOT EXISTS history (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  received_at INTEGER NOT NULL,
  account TEXT NOT NULL,
  decision TEXT NOT NULL,
  junk INTEGER NOT NULL,
  entry TEXT NOT NULL,
  raw TEXT,
  raw_cut INTEGER NOT NULL DEFAULT 0,
  room TEXT NOT NULL DEFAULT '',
  event_id TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS history_lane ON history (junk, seq);
-- The room pickers' "rooms this account has heard from": each room's newest seq in each lane
-- (real, junk), one seek per account. A table written once per room per commit, not an index on
-- history: that index cost a random leaf page per event and per dropped entry (~8 µs an event).
CREATE TABLE IF NOT EXISTS history_rooms (
  account TEXT NOT NULL,
  room TEXT NOT NULL,
  junk INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (account, room, junk)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS unread (
  account TEXT NOT NULL,
  room TEXT NOT NULL,
  count INTEGER NOT NULL,
  mentions INTEGER NOT NULL,
  touched INTEGER NOT NULL,
  PRIMARY KEY (account, room)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS markers (
  account TEXT PRIMARY KEY,
  time INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS cursors (
  account TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
`;

/**
 * Schema 1 → 2, in place: the columns are added (ALTER keeps the seq counter, so no seq is ever
 * handed out twice) and filled from each entry's JSON; the search index, its trigger and the
 * `seen` table go. History, unread counts, markers and cursors are kept as they are.
 */
const FROM_V1 = `
DROP TRIGGER IF EXISTS history_text_gone;
DROP TABLE IF EXISTS history_text;
DROP TABLE IF EXISTS seen;
DROP INDEX IF EXISTS history_rooms;
ALTER TABLE history ADD COLUMN room TEXT NOT NULL DEFAULT '';
ALTER TABLE history ADD COLUMN event_id TEXT NOT NULL DEFAULT '';
UPDATE history SET
  room = coalesce(json_extract(entry, '$.event.room.id'), ''),
  event_id = coalesce(json_extract(entry, '$.event.id'), '');
`;

/** Fills `history_rooms` from the history rows (after a migration or an import). */
export const HISTORY_ROOMS_FROM_HISTORY = `
INSERT INTO history_rooms (account, room, junk, seq)
  SELECT account, room, junk, max(seq) FROM history WHERE true GROUP BY account, room, junk
  ON CONFLICT (account, room, junk) DO UPDATE SET seq = max(seq, excluded.seq);
`;

export class SchemaError extends Error {}

/** Throws for a database made by a newer Tidings: before anything (even WAL mode) is set in it. */
export function refuseNewer(db: DatabaseSync): void {
  const version = schemaVersion(db);
  if (version > SCHEMA_VERSION)
    throw new SchemaError(
      `made by a newer Tidings (schema ${version}, this one knows ${SCHEMA_VERSION})`,
    );
}

/** Creates the tables in a new database, brings an older one up to date; refuses a newer one. */
export function ensureSchema(db: DatabaseSync): void {
  if (schemaVersion(db) === SCHEMA_VERSION) return;
  // Read again under the write lock: the desktop app and the CLI may open the file at once.
  db.exec('BEGIN IMMEDIATE');
  try {
    refuseNewer(db);
    const version = schemaVersion(db);
    if (version === 1) db.exec(FROM_V1);
    if (version < SCHEMA_VERSION) {
      db.exec(TABLES);
      if (version === 1) db.exec(HISTORY_ROOMS_FROM_HISTORY);
      db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
    }
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}

function schemaVersion(db: DatabaseSync): number {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number };
  return row.user_version;
}
