import type { DatabaseSync } from 'node:sqlite';

/** Bumped when the tables change; a database from a newer Tidings is set aside, not altered. */
export const SCHEMA_VERSION = 1;

/** One file for the desktop app and the CLI alike, so they can share a data folder. */
export const DATABASE_FILE = 'tidings-state.sqlite';

const TABLES = `
CREATE TABLE IF NOT EXISTS history (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  received_at INTEGER NOT NULL,
  account TEXT NOT NULL,
  decision TEXT NOT NULL,
  junk INTEGER NOT NULL,
  entry TEXT NOT NULL,
  raw TEXT,
  raw_cut INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS history_lane ON history (junk, seq);
-- The room pickers' "rooms this account has heard from": one seek per account, no table scan.
CREATE INDEX IF NOT EXISTS history_rooms ON history (account, json_extract(entry, '$.event.room.id'));
CREATE VIRTUAL TABLE IF NOT EXISTS history_text USING fts5 (text, tokenize = 'trigram');
CREATE TRIGGER IF NOT EXISTS history_text_gone AFTER DELETE ON history BEGIN
  DELETE FROM history_text WHERE rowid = old.seq;
END;
CREATE TABLE IF NOT EXISTS unread (
  account TEXT NOT NULL,
  room TEXT NOT NULL,
  count INTEGER NOT NULL,
  mentions INTEGER NOT NULL,
  touched INTEGER NOT NULL,
  PRIMARY KEY (account, room)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS seen (
  key TEXT PRIMARY KEY,
  n INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS seen_order ON seen (n);
CREATE TABLE IF NOT EXISTS markers (
  account TEXT PRIMARY KEY,
  time INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS cursors (
  account TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
`;

export class SchemaError extends Error {}

/** Creates the tables in a new database; refuses one made by a newer Tidings. */
export function ensureSchema(db: DatabaseSync): void {
  const { user_version: version } = db.prepare('PRAGMA user_version').get() as {
    user_version: number;
  };
  if (version > SCHEMA_VERSION)
    throw new SchemaError(
      `made by a newer Tidings (schema ${version}, this one knows ${SCHEMA_VERSION})`,
    );
  db.exec('BEGIN');
  try {
    db.exec(TABLES);
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}
