import type { StatementSync } from 'node:sqlite';
import {
  DAY_MS,
  isJunk,
  searchableText,
  type HistoryEntry,
  type HistoryFilter,
  type HistoryRetention,
  type HistoryStore,
} from '../core/pipeline/history-store.js';
import type { EventRoom } from '../core/events.js';
import type { RawPayload } from '../core/pipeline/raw-payload.js';
import type { StateDatabase } from './state-database.js';

/** Age pruning is a range delete on an index; once a minute is plenty. */
const AGE_PRUNE_EVERY_MS = 60_000;
/** The trigram index needs three characters; shorter text is looked for with LIKE. */
const TRIGRAM = 3;
/**
 * Search text is indexed in bulk this long after it arrives (or before a search), not in the
 * event's own commit: an FTS5 insert per commit would make each PUBACK wait far longer.
 */
const INDEX_DELAY_MS = 1_000;
/**
 * Entries indexed per slice in the background, a timer tick apart: FTS5's trigram insert costs
 * tens of µs per entry, and a second's worth at once held the event loop for tens of ms (the p99
 * latency at 1,000 events/s was +40 ms). A search or close still indexes all that waits at once.
 */
const INDEX_SLICE = 50;

/**
 * History in the state database. Nothing but counters is held in memory: lists, search (FTS5,
 * trigram) and raw frames are read from the file when asked for.
 */
export class SqliteHistoryStore implements HistoryStore {
  private readonly insert: StatementSync;
  private readonly insertText: StatementSync;
  private readonly dropOldest: StatementSync;
  private readonly counts = { real: 0, junk: 0 };
  private lastAgePrune = 0;
  private prunedAgeDays: number | undefined;
  private unindexed: [seq: number, text: string][] = [];
  private indexTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly state: StateDatabase) {
    const { db } = state;
    this.insert = db.prepare(
      'INSERT INTO history (received_at, account, decision, junk, entry, raw, raw_cut) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    // Only for entries still there: retention may have dropped one before it was indexed.
    this.insertText = db.prepare(
      'INSERT INTO history_text (rowid, text) SELECT ?1, ?2 WHERE EXISTS (SELECT 1 FROM history WHERE seq = ?1)',
    );
    this.dropOldest = db.prepare(
      'DELETE FROM history WHERE seq IN (SELECT seq FROM history WHERE junk = ? ORDER BY seq LIMIT ?)',
    );
    this.recount();
    this.indexMissed();
    state.onClose(() => this.index());
  }

  add(fields: Omit<HistoryEntry, 'seq'>, raw: RawPayload | undefined): HistoryEntry {
    this.state.writing();
    const junk = isJunk({ seq: 0, ...fields });
    // The seq is SQLite's, so a desktop app and a CLI sharing the file never collide.
    const { lastInsertRowid } = this.insert.run(
      fields.receivedAt,
      fields.event.account,
      fields.decision,
      junk ? 1 : 0,
      JSON.stringify(fields),
      raw?.text ?? null,
      raw?.cut ? 1 : 0,
    );
    const entry: HistoryEntry = { seq: Number(lastInsertRowid), ...fields };
    this.unindexed.push([entry.seq, searchableText(entry)]);
    this.indexLater(INDEX_DELAY_MS);
    this.counts[junk ? 'junk' : 'real']++;
    return entry;
  }

  prune(retention: HistoryRetention, now: number): void {
    // At once when the retention changed (settings), else at most once a minute.
    if (
      now - this.lastAgePrune >= AGE_PRUNE_EVERY_MS ||
      retention.maxAgeDays !== this.prunedAgeDays
    ) {
      this.lastAgePrune = now;
      this.prunedAgeDays = retention.maxAgeDays;
      this.state.writing();
      // Entries arrive in seq order: walk from the oldest to the first young enough one.
      this.state.db
        .prepare(
          `DELETE FROM history WHERE seq < coalesce(
             (SELECT seq FROM history WHERE received_at >= ?1 ORDER BY seq LIMIT 1),
             (SELECT max(seq) + 1 FROM history WHERE received_at < ?1))`,
        )
        .run(now - retention.maxAgeDays * DAY_MS);
      this.recount();
    }
    // The oldest of each lane go first, through its (junk, seq) index: one row per new one.
    const real = this.counts.real - retention.maxEntries;
    const junk = this.counts.junk - retention.maxJunkEntries;
    if (real > 0 || junk > 0) this.state.writing();
    if (real > 0) this.counts.real -= Number(this.dropOldest.run(0, real).changes);
    if (junk > 0) this.counts.junk -= Number(this.dropOldest.run(1, junk).changes);
  }

  list(filter: HistoryFilter): HistoryEntry[] {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (filter.account) {
      where.push('account = ?');
      params.push(filter.account);
    }
    if (filter.decision) {
      where.push('decision = ?');
      params.push(filter.decision);
    }
    const text = filter.text?.toLowerCase();
    if (text) {
      this.index();
      if (text.length >= TRIGRAM) {
        where.push('seq IN (SELECT rowid FROM history_text WHERE history_text MATCH ?)');
        params.push(`"${text.replaceAll('"', '""')}"`);
      } else {
        where.push("seq IN (SELECT rowid FROM history_text WHERE text LIKE ? ESCAPE '\\')");
        params.push(`%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      }
    }
    const sql = `SELECT seq, entry FROM history ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY seq DESC LIMIT ? OFFSET ?`;
    params.push(filter.limit ?? -1, filter.offset ?? 0);
    const rows = this.state.db.prepare(sql).all(...params) as unknown as Row[];
    return rows.map(entryOf);
  }

  get(seq: number): HistoryEntry | undefined {
    const row = this.state.db.prepare('SELECT seq, entry FROM history WHERE seq = ?').get(seq) as
      Row | undefined;
    return row && entryOf(row);
  }

  raw(seq: number): RawPayload | undefined {
    const row = this.state.db
      .prepare('SELECT raw, raw_cut FROM history WHERE seq = ? AND raw IS NOT NULL')
      .get(seq) as { raw: string; raw_cut: number } | undefined;
    return row && { text: row.raw, cut: row.raw_cut === 1 };
  }

  size(): number {
    return this.counts.real + this.counts.junk;
  }

  removeAccount(account: string): number {
    // Index what waits first, so the delete trigger takes its search text with it.
    this.index();
    this.state.writing();
    const { changes } = this.state.db.prepare('DELETE FROM history WHERE account = ?').run(account);
    this.recount();
    return Number(changes);
  }

  rooms(account: string): EventRoom[] {
    // Distinct rooms and each one's newest seq from the (account, room) index alone; then one
    // primary-key read per room for the name its newest entry gives.
    const newest = this.state.db
      .prepare(
        `SELECT max(seq) AS seq FROM history WHERE account = ?
         GROUP BY json_extract(entry, '$.event.room.id') ORDER BY seq DESC`,
      )
      .all(account) as { seq: number }[];
    return newest.flatMap(({ seq }) => {
      const entry = this.get(seq);
      return entry ? [entry.event.room] : [];
    });
  }

  /** Adds the search text of entries not yet in the index. */
  private index(): void {
    if (this.indexTimer) clearTimeout(this.indexTimer);
    this.indexTimer = undefined;
    this.insertTexts(this.unindexed);
    this.unindexed = [];
  }

  private indexLater(delayMs: number): void {
    this.indexTimer ??= setTimeout(() => this.indexSlice(), delayMs).unref();
  }

  /** One slice of the background indexing; the rest follows on the next timer tick. */
  private indexSlice(): void {
    this.indexTimer = undefined;
    this.insertTexts(this.unindexed.splice(0, INDEX_SLICE));
    if (this.unindexed.length > 0) this.indexLater(0);
  }

  private insertTexts(texts: readonly [seq: number, text: string][]): void {
    if (texts.length === 0) return;
    this.state.writing();
    for (const [seq, text] of texts) this.insertText.run(seq, text);
  }

  /** Entries a crash left out of the index (their text was still waiting) go in now. */
  private indexMissed(): void {
    const rows = this.state.db
      .prepare(
        'SELECT seq, entry FROM history WHERE seq > (SELECT coalesce(max(rowid), 0) FROM history_text)',
      )
      .all() as unknown as Row[];
    for (const row of rows) this.unindexed.push([row.seq, searchableText(entryOf(row))]);
    this.index();
  }

  private recount(): void {
    // Also after another process (the desktop app, the CLI) changed the same file.
    const rows = this.state.db
      .prepare('SELECT junk, count(*) AS n FROM history GROUP BY junk')
      .all() as { junk: number; n: number }[];
    this.counts.real = rows.find((r) => r.junk === 0)?.n ?? 0;
    this.counts.junk = rows.find((r) => r.junk === 1)?.n ?? 0;
  }
}

interface Row {
  seq: number;
  entry: string;
}

function entryOf(row: Row): HistoryEntry {
  return { seq: row.seq, ...(JSON.parse(row.entry) as Omit<HistoryEntry, 'seq'>) };
}
