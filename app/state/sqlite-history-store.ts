import type { StatementSync } from 'node:sqlite';
import {
  BOOKKEEPING_KINDS,
  DAY_MS,
  isJunk,
  type HistoryCount,
  type HistoryEntry,
  type HistoryFilter,
  type HistoryRetention,
  type HistoryStore,
} from '../core/pipeline/history-store.js';
import type { EventRoom } from '../core/events.js';
import type { RawPayload } from '../core/pipeline/raw-payload.js';
import { HistoryRooms } from './history-rooms.js';
import { HISTORY_MATCHES, registerHistorySearch, searchArguments } from './history-search.js';
import type { StateDatabase } from './state-database.js';

/** Age pruning is a range delete on an index; once a minute is plenty. */
const AGE_PRUNE_EVERY_MS = 60_000;
/** At most this many entries over a count limit before the oldest are dropped together. */
const PRUNE_SLACK_MAX = 100;

/**
 * How far a lane may grow past its limit before it is trimmed back to it in one range delete:
 * 1 % of the limit, at most 100 (none for limits under 100). Dropping one row per new entry cost
 * a delete in every event's commit.
 */
export function pruneSlack(limit: number): number {
  return Math.min(PRUNE_SLACK_MAX, Math.floor(limit / 100));
}

/**
 * History in the state database. Nothing but counters is held in memory: lists, search (a scan,
 * see history-search.ts) and raw frames are read from the file when asked for.
 */
export class SqliteHistoryStore implements HistoryStore {
  private readonly insert: StatementSync;
  private readonly dropOldest: StatementSync;
  private readonly counts = { real: 0, junk: 0 };
  private lastAgePrune = 0;
  /** The retention a trim scheduled with `state.apart` will bring the lanes back to. */
  private trimTo: HistoryRetention | undefined;
  private prunedAgeDays: number | undefined;
  private readonly roomsHeard: HistoryRooms;

  constructor(private readonly state: StateDatabase) {
    const { db } = state;
    this.roomsHeard = new HistoryRooms(state);
    registerHistorySearch(db);
    this.insert = db.prepare(
      'INSERT INTO history (received_at, account, room, event_id, decision, junk, entry, raw, raw_cut) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    // The lane's oldest up to the given count, as one range on its (junk, seq) index.
    this.dropOldest = db.prepare(
      `DELETE FROM history WHERE junk = ?1 AND seq <= (
         SELECT seq FROM history WHERE junk = ?1 ORDER BY seq LIMIT 1 OFFSET ?2 - 1)`,
    );
    this.recount();
  }

  add(fields: Omit<HistoryEntry, 'seq'>, raw: RawPayload | undefined): HistoryEntry {
    this.state.writing();
    const junk = isJunk({ seq: 0, ...fields });
    // The seq is SQLite's, so a desktop app and a CLI sharing the file never collide.
    const { lastInsertRowid } = this.insert.run(
      fields.receivedAt,
      fields.event.account,
      fields.event.room.id,
      fields.event.id,
      fields.decision,
      junk ? 1 : 0,
      JSON.stringify(fields),
      raw?.text ?? null,
      raw?.cut ? 1 : 0,
    );
    const seq = Number(lastInsertRowid);
    this.roomsHeard.added(fields.event.account, fields.event.room.id, junk, seq);
    this.counts[junk ? 'junk' : 'real']++;
    return { seq, ...fields };
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
      this.roomsHeard.forgetStale();
      this.recount();
    }
    // The oldest of each lane go first, once the lane is past its limit by the slack: in a
    // transaction of its own after this event's commit, not in the commit its ack waits for.
    const overReal = this.counts.real - retention.maxEntries > pruneSlack(retention.maxEntries);
    const overJunk =
      this.counts.junk - retention.maxJunkEntries > pruneSlack(retention.maxJunkEntries);
    // One already waiting brings the lanes back to the newest retention (settings may change it).
    if (this.trimTo) this.trimTo = retention;
    else if (overReal || overJunk) {
      this.trimTo = retention;
      this.state.apart(() => this.trim());
    }
  }

  /** A trim still waiting for its turn runs now (reads show what the retention keeps). */
  private settle(): void {
    if (!this.trimTo) return;
    this.state.writing();
    this.trim();
  }

  private trim(): void {
    const retention = this.trimTo;
    if (!retention) return;
    this.trimTo = undefined;
    const real = this.counts.real - retention.maxEntries;
    const junk = this.counts.junk - retention.maxJunkEntries;
    if (real > 0) this.counts.real -= Number(this.dropOldest.run(0, real).changes);
    if (junk > 0) this.counts.junk -= Number(this.dropOldest.run(1, junk).changes);
  }

  list(filter: HistoryFilter): HistoryEntry[] {
    this.settle();
    const { where, params } = whereOf(filter);
    const sql = `SELECT seq, entry FROM history ${where} ORDER BY seq DESC LIMIT ? OFFSET ?`;
    const rows = this.state.db
      .prepare(sql)
      .all(...params, filter.limit ?? -1, filter.offset ?? 0) as unknown as Row[];
    return rows.map(entryOf);
  }

  count(filter: HistoryFilter, upTo?: number): HistoryCount {
    this.settle();
    const { where, params } = whereOf(filter);
    // Both counts from one scan in SQL; with a bound it stops once that many matched.
    const sql = `SELECT count(*) AS entries, coalesce(sum(bookkeeping), 0) AS bookkeeping FROM
      (SELECT ${BOOKKEEPING_SQL} AS bookkeeping FROM history ${where} ORDER BY seq DESC LIMIT ?)`;
    const row = this.state.db.prepare(sql).get(...params, upTo ?? -1) as unknown as HistoryCount;
    return { entries: row.entries, bookkeeping: row.bookkeeping };
  }

  get(seq: number): HistoryEntry | undefined {
    this.settle();
    const row = this.state.db.prepare('SELECT seq, entry FROM history WHERE seq = ?').get(seq) as
      Row | undefined;
    return row && entryOf(row);
  }

  note(seq: number, text: string): boolean {
    this.settle();
    this.state.writing();
    // In the entry's JSON, in place: nothing searches or sorts by a note, so no column of its own.
    const { changes } = this.state.db
      .prepare("UPDATE history SET entry = json_set(entry, '$.note', ?) WHERE seq = ?")
      .run(text, seq);
    return Number(changes) > 0;
  }

  raw(seq: number): RawPayload | undefined {
    this.settle();
    const row = this.state.db
      .prepare('SELECT raw, raw_cut FROM history WHERE seq = ? AND raw IS NOT NULL')
      .get(seq) as { raw: string; raw_cut: number } | undefined;
    return row && { text: row.raw, cut: row.raw_cut === 1 };
  }

  size(): number {
    this.settle();
    return this.counts.real + this.counts.junk;
  }

  removeAccount(account: string): number {
    this.state.writing();
    const { changes } = this.state.db.prepare('DELETE FROM history WHERE account = ?').run(account);
    this.roomsHeard.forgetStale();
    this.recount();
    return Number(changes);
  }

  rooms(account: string): EventRoom[] {
    this.settle();
    // Each room's newest seq from the small history_rooms table; then one primary-key read per
    // room for the name its newest entry gives.
    return this.roomsHeard.newest(account).flatMap((seq) => {
      const entry = this.get(seq);
      return entry ? [entry.event.room] : [];
    });
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

/**
 * Bookkeeping in SQL, as `isBookkeeping` says it. The kind is in the entry's JSON only: the
 * decision column is tested first, so a shown entry's JSON is not read.
 */
const BOOKKEEPING_KIND_SQL = `json_extract(entry, '$.event.kind') IN (${BOOKKEEPING_KINDS.map(
  (kind) => `'${kind}'`,
).join(', ')})`;
const BOOKKEEPING_SQL = `(decision <> 'shown' AND ${BOOKKEEPING_KIND_SQL})`;
const NOT_BOOKKEEPING_SQL = `(decision = 'shown' OR NOT ${BOOKKEEPING_KIND_SQL})`;

function whereOf(filter: HistoryFilter): { where: string; params: (string | number)[] } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.account) {
    where.push('account = ?');
    params.push(filter.account);
  }
  if (filter.eventId !== undefined) {
    where.push('event_id = ?');
    params.push(filter.eventId);
  }
  if (filter.decision) {
    where.push('decision = ?');
    params.push(filter.decision);
  }
  // The text before the kind: its quick test turns most rows down without reading their JSON.
  if (filter.text) {
    where.push(`${HISTORY_MATCHES}(entry, ?, ?)`);
    params.push(...searchArguments(filter.text));
  }
  if (filter.bookkeeping !== undefined)
    where.push(filter.bookkeeping ? BOOKKEEPING_SQL : NOT_BOOKKEEPING_SQL);
  return { where: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

interface Row {
  seq: number;
  entry: string;
}

function entryOf(row: Row): HistoryEntry {
  return { seq: row.seq, ...(JSON.parse(row.entry) as Omit<HistoryEntry, 'seq'>) };
}
