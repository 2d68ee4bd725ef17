// The room pickers ask history which rooms an account has heard from: each room once, named as
// its newest entry names it, and (in the state database) answered by key lookups, not a scan.
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { History } from '../../app/core/pipeline/history.js';
import { databasePath } from '../../app/state/state-database.js';
import { makeEvent } from '../support/events.js';
import { ManualClock } from '../support/manual-clock.js';
import { open, stateFolder } from './state-support.js';

let folder: ReturnType<typeof stateFolder>;
beforeEach(() => {
  folder = stateFolder();
});
afterEach(() => folder.cleanup());

function recordSome(history: History): void {
  history.record(makeEvent({ room: { id: 'G', name: 'general', type: 'channel' } }), 'shown');
  history.record(makeEvent({ room: { id: 'D', name: 'deploys', type: 'channel' } }), 'shown');
  history.record(makeEvent({ account: 'home', room: { id: 'F', type: 'group' } }), 'shown');
  // Renamed on the server: the newest name wins, and the room is the most recent one now.
  history.record(makeEvent({ room: { id: 'G', name: 'general-chat', type: 'channel' } }), 'shown');
}

describe('history rooms', () => {
  it('in memory: each room of the account once, newest name, most recent first', () => {
    const history = new History(new ManualClock());
    recordSome(history);
    expect(history.rooms('work')).toEqual([
      { id: 'G', name: 'general-chat', type: 'channel' },
      { id: 'D', name: 'deploys', type: 'channel' },
    ]);
    expect(history.rooms('home')).toEqual([{ id: 'F', type: 'group' }]);
    expect(history.rooms('nobody')).toEqual([]);
  });

  it('in the state database: the same answer, from the history_rooms table by its key', async () => {
    const state = open(folder.dir);
    recordSome(state.history);
    expect(state.history.rooms('work')).toEqual([
      { id: 'G', name: 'general-chat', type: 'channel' },
      { id: 'D', name: 'deploys', type: 'channel' },
    ]);
    expect(state.history.rooms('home')).toEqual([{ id: 'F', type: 'group' }]);
    await state.persisted();
    state.close();

    const db = new DatabaseSync(databasePath(folder.dir), { readOnly: true });
    try {
      const plan = db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT max(r.seq) AS seq FROM history_rooms r
           JOIN history h ON h.seq = r.seq WHERE r.account = ? GROUP BY r.room ORDER BY seq DESC`,
        )
        .all('work') as { detail: string }[];
      const details = plan.map((row) => row.detail).join('\n');
      expect(details).toMatch(/SEARCH r USING PRIMARY KEY \(account=\?\)/);
      expect(details).toMatch(/SEARCH h USING INTEGER PRIMARY KEY/);
      expect(details).not.toMatch(/^SCAN (history|h)\b/m);
    } finally {
      db.close();
    }
  });
});
