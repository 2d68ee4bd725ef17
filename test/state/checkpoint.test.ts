// The WAL is copied back into the database file by a worker, not inside a commit on the main
// thread (where it held every event behind it): after enough commits the file itself holds them.
import { statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { COMMITS_PER_CHECKPOINT } from '../../app/state/checkpointer.js';
import { databasePath } from '../../app/state/state-database.js';
import { makeEvent } from '../support/events.js';
import { nextTurn, open, recordingLog, stateFolder } from './state-support.js';

let folder: ReturnType<typeof stateFolder>;
beforeEach(() => {
  folder = stateFolder();
});
afterEach(() => folder.cleanup());

describe('background checkpoints', () => {
  it('copies committed events into the database file while the app keeps running', async () => {
    const log = recordingLog();
    const state = open(folder.dir, { log });
    const path = databasePath(folder.dir);
    const sizeAtStart = statSync(path).size;
    const commits = 2 * COMMITS_PER_CHECKPOINT;
    for (let i = 0; i < commits; i++) {
      state.history.record(makeEvent({ id: `e-${i}`, body: `event number ${i}` }), 'shown');
      await nextTurn();
    }
    await vi.waitFor(() => expect(statSync(path).size).toBeGreaterThan(sizeAtStart), {
      timeout: 5_000,
      interval: 50,
    });
    expect(state.history.size).toBe(commits);
    expect(log.lines.filter((l) => l.startsWith('warn'))).toEqual([]);
    state.close();

    const reopened = open(folder.dir);
    expect(reopened.history.list({ limit: 1 })[0]?.event.id).toBe(`e-${commits - 1}`);
    reopened.close();
  });
});
