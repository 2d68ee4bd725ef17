// A state database as Tidings 0.1 with schema 1 wrote it (the SQL is schema.ts's of then), to
// test that the current code takes it over without losing anything.
import { DatabaseSync } from 'node:sqlite';
import type { HistoryEntry } from '../../app/core/pipeline/history-store.js';
import { searchableText } from '../../app/core/pipeline/history-store.js';

export const SCHEMA_V1_SQL = `
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

export interface V1Contents {
  history: Omit<HistoryEntry, 'seq'>[];
  unread: { account: string; room: string; count: number; mentions: number }[];
  markers: Record<string, number>;
  cursors: Record<string, string>;
}

/**
 * Writes a schema 1 database at `path` as the old stores did: each entry in `history` (its search
 * text in `history_text`, its dedupe key in `seen`), then the rest; `dropNewest` entries are then
 * deleted from the end (as removing an account does), so the seq counter is past the last row.
 */
export function writeV1Database(path: string, contents: V1Contents, dropNewest = 0): void {
  const db = new DatabaseSync(path);
  try {
    db.exec('PRAGMA journal_mode = WAL');
    db.exec(SCHEMA_V1_SQL);
    db.exec('PRAGMA user_version = 1');
    const history = db.prepare(
      'INSERT INTO history (received_at, account, decision, junk, entry, raw, raw_cut) VALUES (?, ?, ?, ?, ?, ?, 0)',
    );
    const text = db.prepare('INSERT INTO history_text (rowid, text) VALUES (?, ?)');
    const seen = db.prepare('INSERT INTO seen (key, n) VALUES (?, ?)');
    for (const [i, fields] of contents.history.entries()) {
      const { event } = fields;
      const junk = event.kind === 'unknown' ? 1 : 0;
      const raw = JSON.stringify({ frame: event.id });
      const { lastInsertRowid } = history.run(
        fields.receivedAt,
        event.account,
        fields.decision,
        junk,
        JSON.stringify(fields),
        raw,
      );
      text.run(lastInsertRowid, searchableText({ seq: 0, ...fields }));
      seen.run(`${event.account}\u0000${event.id}`, i + 1);
    }
    if (dropNewest > 0)
      db.prepare('DELETE FROM history WHERE seq > (SELECT max(seq) FROM history) - ?').run(
        dropNewest,
      );
    const unread = db.prepare(
      'INSERT INTO unread (account, room, count, mentions, touched) VALUES (?, ?, ?, ?, ?)',
    );
    for (const [i, row] of contents.unread.entries())
      unread.run(row.account, row.room, row.count, row.mentions, i + 1);
    for (const [account, time] of Object.entries(contents.markers))
      db.prepare('INSERT INTO markers (account, time) VALUES (?, ?)').run(account, time);
    for (const [account, value] of Object.entries(contents.cursors))
      db.prepare('INSERT INTO cursors (account, value) VALUES (?, ?)').run(account, value);
  } finally {
    db.close();
  }
}
