import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../app/core/pipeline/history-store.js';
import { databasePath } from '../../app/state/state-database.js';
import { makeEvent, T0 } from '../support/events.js';
import { ManualClock } from '../support/manual-clock.js';
import { writeV1Database } from './schema-v1.js';
import { open, pipelineOver, recordingLog, stateFolder } from './state-support.js';

let folder: ReturnType<typeof stateFolder>;
beforeEach(() => {
  folder = stateFolder();
});
afterEach(() => folder.cleanup());

const ids = (entries: { event: { id: string } }[]) => entries.map((e) => e.event.id);

function v1Entry(overrides: Parameters<typeof makeEvent>[0]): Omit<HistoryEntry, 'seq'> {
  const { raw: _raw, ...event } = makeEvent(overrides);
  return { receivedAt: T0, event, decision: 'shown', reason: 'a rule said so' };
}

function tables(dir: string): string[] {
  const db = new DatabaseSync(databasePath(dir), { readOnly: true });
  try {
    const rows = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
      name: string;
    }[];
    return rows.map((row) => row.name).sort();
  } finally {
    db.close();
  }
}

describe('state database schema 1 → 2', () => {
  const contents = {
    history: [
      v1Entry({
        id: 'w1',
        body: 'Deploy finished',
        room: { id: 'G', name: 'general', type: 'channel' },
      }),
      v1Entry({ id: 'h1', account: 'home', room: { id: 'F', name: 'Família', type: 'group' } }),
      v1Entry({ id: 'j1', kind: 'unknown', title: 'something odd' }),
      v1Entry({
        id: 'w2',
        title: 'DEPLOY started',
        room: { id: 'D', name: 'deploys', type: 'channel' },
      }),
      v1Entry({ id: 'w3', body: 'removed with its account' }),
    ],
    unread: [
      { account: 'work', room: 'G', count: 4, mentions: 1 },
      { account: 'home', room: 'F', count: 2, mentions: 0 },
    ],
    markers: { work: T0 - 60_000 },
    cursors: { ntfy: 'https://ntfy.example#abc123' },
  };

  it('keeps history, search, rooms, unread counts, markers and cursors; the index and seen go', async () => {
    writeV1Database(databasePath(folder.dir), contents, 1);
    const state = open(folder.dir);
    const { history } = state;
    expect(ids(history.list())).toEqual(['w2', 'j1', 'h1', 'w1']);
    expect(history.size).toBe(4);
    expect(history.get(1)?.reason).toBe('a rule said so');
    expect(history.raw(2)?.text).toBe('{"frame":"h1"}');
    expect(ids(history.list({ text: 'deploy' }))).toEqual(['w2', 'w1']);
    expect(ids(history.list({ text: 'fa' }))).toEqual(['h1']);
    expect(history.rooms('work')).toEqual([
      { id: 'D', name: 'deploys', type: 'channel' },
      { id: 'GENERAL', name: 'general', type: 'channel' },
      { id: 'G', name: 'general', type: 'channel' },
    ]);
    expect(state.unread.get('work', 'G')).toMatchObject({ count: 4, mentions: 1 });
    expect(state.unread.get('home', 'F').count).toBe(2);
    expect(state.markers.get('work')).toBe(T0 - 60_000);
    expect(state.markers.cursor('ntfy')).toBe('https://ntfy.example#abc123');
    // The seq counter survives: the dropped fifth entry's seq is not handed out again.
    expect(history.record(makeEvent({ id: 'after' }), 'shown').seq).toBe(6);
    await state.persisted();
    state.close();
    expect(tables(folder.dir)).not.toContain('seen');
    expect(tables(folder.dir).some((name) => name.startsWith('history_text'))).toBe(false);
    const reopened = open(folder.dir);
    expect(ids(reopened.history.list({ limit: 2 }))).toEqual(['after', 'w2']);
    reopened.close();
  });

  it('remembers the migrated events for dedupe: a redelivered one is neither recorded nor counted', () => {
    writeV1Database(databasePath(folder.dir), contents);
    const clock = new ManualClock(T0);
    const state = open(folder.dir, { clock });
    const pipeline = pipelineOver(state, clock);
    pipeline.accept(makeEvent({ id: 'w1', room: { id: 'G', name: 'general', type: 'channel' } }));
    pipeline.accept(makeEvent({ id: 'h1', account: 'work', room: { id: 'G', type: 'channel' } }));
    // h1 was seen on "home", not on "work": news.
    expect(ids(state.history.list({ limit: 1 }))).toEqual(['h1']);
    expect(state.history.size).toBe(6);
    expect(state.unread.get('work', 'G').count).toBe(5);
    state.close();
  });

  it('sets a database from a newer Tidings aside without changing a byte of what it holds', () => {
    const db = new DatabaseSync(databasePath(folder.dir));
    db.exec('PRAGMA user_version = 3; CREATE TABLE history (x); INSERT INTO history VALUES (42)');
    db.close();
    const before = readFileSync(databasePath(folder.dir));
    open(folder.dir, { log: recordingLog() }).close();
    const aside = readdirSync(folder.dir).find((name) => /unreadable-[^.]*\.sqlite$/.test(name));
    expect(aside).toBeDefined();
    expect(readFileSync(join(folder.dir, aside!)).equals(before)).toBe(true);
    const kept = new DatabaseSync(join(folder.dir, aside!), { readOnly: true });
    try {
      expect(kept.prepare('PRAGMA user_version').get()).toEqual({ user_version: 3 });
      expect(kept.prepare('SELECT x FROM history').all()).toEqual([{ x: 42 }]);
    } finally {
      kept.close();
    }
  });
});
