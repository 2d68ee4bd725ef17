import { Worker } from 'node:worker_threads';
import type { Logger } from '../core/log.js';

/**
 * Commits between two background checkpoints. At 1,000 events a second each turn commits a few
 * pages; SQLite's own checkpoint, run inside the commit that crosses the WAL limit, copied
 * thousands of pages back on the main thread and held every event behind it for ~15 ms.
 */
export const COMMITS_PER_CHECKPOINT = 200;

/**
 * The worker's code, CommonJS run with `eval` so the same text works from the sources (tsx), the
 * build and the packaged app. A connection of its own runs PASSIVE checkpoints: WAL mode lets
 * them go on beside the main connection's reads and writes, and they never wait for a lock.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { DatabaseSync } = require('node:sqlite');
const db = new DatabaseSync(workerData.path);
db.exec('PRAGMA busy_timeout = 5000');
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    db.prepare('PRAGMA wal_checkpoint(PASSIVE)').get();
  } catch (error) {
    parentPort.postMessage(String(error));
  }
});
`;

/**
 * Copies the WAL back into the database file off the main thread, every
 * `COMMITS_PER_CHECKPOINT` commits. The worker starts at the first one (an app whose accounts are
 * quiet never starts it). A checkpoint moves what is already committed: durability is the same.
 */
export class BackgroundCheckpointer {
  private worker: Worker | undefined;
  private commits = 0;

  constructor(
    private readonly path: string,
    private readonly log: Logger,
  ) {}

  committed(): void {
    if (++this.commits < COMMITS_PER_CHECKPOINT) return;
    this.commits = 0;
    if (!this.worker) {
      this.worker = new Worker(WORKER, { eval: true, workerData: { path: this.path } });
      // Not a reason to keep the process alive, and a failure is the main checkpoint's to cover.
      this.worker.unref();
      this.worker.on('message', (error: string) =>
        this.log.warn('background checkpoint failed', { path: this.path, error }),
      );
      this.worker.on('error', (error) =>
        this.log.warn('background checkpoints stopped', { path: this.path, error: String(error) }),
      );
    }
    this.worker.postMessage('checkpoint');
  }

  close(): void {
    this.worker?.postMessage('close');
    this.worker = undefined;
  }
}
