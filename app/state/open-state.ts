import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/log.js';
import { History } from '../core/pipeline/history.js';
import type { HistoryRetention } from '../core/pipeline/history-store.js';
import { DEFAULT_DEDUPE_LIMIT } from '../core/pipeline/pipeline.js';
import { UnreadCounts } from '../core/pipeline/unread.js';
import { migrateJsonFiles } from './migrate-json.js';
import { SqliteDedupe } from './sqlite-dedupe.js';
import { SqliteHistoryStore } from './sqlite-history-store.js';
import { SqliteMarkers } from './sqlite-markers.js';
import { SqliteUnreadStore } from './sqlite-unread-store.js';
import { StateDatabase, databasePath } from './state-database.js';

export interface OpenStateOptions {
  /** The desktop app's data folder or the CLI's `--state-dir`. */
  dir: string;
  clock: Clock;
  log: Logger;
  retention?: Partial<HistoryRetention>;
}

/** Everything the pipeline and the supervisor keep across restarts, in one database. */
export interface DurableState {
  history: History;
  unread: UnreadCounts;
  dedupe: SqliteDedupe;
  markers: SqliteMarkers;
  /** Resolves once everything recorded so far is committed. */
  persisted(): Promise<void>;
  /** Commits what is pending and closes the file. */
  close(): void;
  readonly path: string;
}

/**
 * Opens the state database in `dir` (creating it readable by the user only), moves any old
 * JSON state files into it, and builds the stores over it.
 */
export function openState(options: OpenStateOptions): DurableState {
  const { dir, clock, log } = options;
  const state = new StateDatabase(databasePath(dir), log);
  migrateJsonFiles(dir, state, log);
  return {
    path: state.path,
    history: new History(clock, {
      store: new SqliteHistoryStore(state),
      ...(options.retention && { retention: options.retention }),
    }),
    unread: new UnreadCounts(new SqliteUnreadStore(state)),
    dedupe: new SqliteDedupe(state, DEFAULT_DEDUPE_LIMIT),
    markers: new SqliteMarkers(state),
    persisted: () => state.persisted(),
    close: () => state.close(),
  };
}
