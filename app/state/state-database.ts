import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Logger } from '../core/log.js';
import { BackgroundCheckpointer } from './checkpointer.js';
import { DATABASE_FILE, ensureSchema, refuseNewer } from './schema.js';
import { setAside } from './set-aside.js';

interface Batch {
  done: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * The state database (history, unread counts, dedupe memory, catch-up markers) with writes
 * batched per turn of the event loop: the first write of a turn opens a transaction, and it
 * commits once the events that arrived together are in. `persisted()` resolves after that
 * commit; acknowledgements to servers wait for it. WAL with `synchronous=NORMAL`: a crash of the
 * process loses nothing committed, a power cut at most the last moments.
 */
export class StateDatabase {
  readonly db: DatabaseSync;
  private batch: Batch | undefined;
  private readonly beforeCommit: (() => void)[] = [];
  /** Writes waiting for a transaction of their own (`apart`), oldest first. */
  private readonly apartWork: (() => void)[] = [];
  private readonly checkpointer: BackgroundCheckpointer;

  constructor(
    readonly path: string,
    private readonly log: Logger,
  ) {
    this.db = openDatabase(path, log);
    this.checkpointer = new BackgroundCheckpointer(path, log);
  }

  /** Runs before each commit, inside its transaction (the markers write themselves there). */
  onBeforeCommit(hook: () => void): void {
    this.beforeCommit.push(hook);
  }

  /** A write is about to happen: make sure it lands in this turn's transaction. */
  writing(): void {
    if (this.batch) return;
    this.db.exec('BEGIN IMMEDIATE');
    let resolve!: () => void;
    let reject!: (error: unknown) => void;
    const done = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // Nobody may be waiting: a failed commit is logged, not an unhandled rejection.
    done.catch(() => {});
    this.batch = { done, resolve, reject };
    setImmediate(() => this.commit());
  }

  /**
   * Runs `work` (writes nobody waits for, such as retention's range deletes) in a transaction of
   * its own, in a later turn than the writes now pending: it never lands inside a commit an
   * acknowledgement or a notification waits for. `work` must not call `writing()`.
   */
  apart(work: () => void): void {
    this.apartWork.push(work);
    if (this.apartWork.length === 1) setImmediate(() => this.runApart());
  }

  private runApart(): void {
    if (!this.db.isOpen) return;
    // A batch opened since (in this check phase) commits first: wait for the turn after it.
    if (this.batch) {
      setImmediate(() => this.runApart());
      return;
    }
    const work = this.apartWork.splice(0);
    if (work.length === 0) return;
    this.db.exec('BEGIN IMMEDIATE');
    try {
      for (const task of work) task();
      this.db.exec('COMMIT');
      this.checkpointer.committed();
    } catch (error) {
      this.log.error('state could not be saved', { path: this.path, error: String(error) });
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
    }
  }

  /** Resolves once everything written so far is committed. */
  persisted(): Promise<void> {
    return this.batch?.done ?? Promise.resolve();
  }

  commit(): void {
    const batch = this.batch;
    if (!batch) return;
    this.batch = undefined;
    try {
      for (const hook of this.beforeCommit) hook();
      this.db.exec('COMMIT');
      this.checkpointer.committed();
      batch.resolve();
    } catch (error) {
      this.log.error('state could not be saved', { path: this.path, error: String(error) });
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      batch.reject(error);
    }
  }

  close(): void {
    if (!this.db.isOpen) return;
    this.commit();
    this.runApart();
    this.checkpointer.close();
    if (this.db.isOpen) this.db.close();
  }
}

/**
 * Opens (or creates) the database readable by the user only. A file that is not a database, or
 * one from a newer Tidings, is set aside with a warning and a new one started: never overwritten.
 */
function openDatabase(path: string, log: Logger): DatabaseSync {
  try {
    return openAt(path);
  } catch (error) {
    if (!existsSync(path)) throw error;
    const aside = setAside(path, 'unreadable');
    for (const suffix of ['-wal', '-shm'])
      if (existsSync(path + suffix)) setAside(path + suffix, 'unreadable');
    log.warn('the state database could not be opened; set aside', {
      path,
      aside,
      error: String(error),
    });
    return openAt(path);
  }
}

function openAt(path: string): DatabaseSync {
  const dir = join(path, '..');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const fresh = !existsSync(path);
  const db = new DatabaseSync(path);
  try {
    if (fresh) chmodSync(path, 0o600);
    db.exec('PRAGMA busy_timeout = 5000');
    // Reads the header and the schema: a file that is not a database fails here, and one from a
    // newer Tidings before WAL mode is written into its header.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    refuseNewer(db);
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
    // Checkpoints run in a worker (checkpointer.ts); SQLite's own, inside a commit on the main
    // thread, is left only as the backstop should the worker fall behind (80 MiB of WAL).
    db.exec('PRAGMA wal_autocheckpoint = 20000');
    ensureSchema(db);
    for (const suffix of ['-wal', '-shm'])
      if (existsSync(path + suffix)) chmodSync(path + suffix, 0o600);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function databasePath(dir: string): string {
  return join(dir, DATABASE_FILE);
}
