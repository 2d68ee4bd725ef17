import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../app/core/pipeline/history-store.js';
import { Pipeline } from '../../app/core/pipeline/pipeline.js';
import { databasePath } from '../../app/state/state-database.js';
import { makeEvent, makeSettings, T0 } from '../support/events.js';
import { ManualClock } from '../support/manual-clock.js';
import { RecordingSink } from '../support/recording-sink.js';
import { nextTurn, open, recordingLog, stateFolder } from './state-support.js';

let folder: ReturnType<typeof stateFolder>;
beforeEach(() => {
  folder = stateFolder();
});
afterEach(() => folder.cleanup());

const ids = (entries: { event: { id: string } }[]) => entries.map((e) => e.event.id);

/** What another process reading the file would see: only what was committed. */
function committedCount(dir: string): number {
  const db = new DatabaseSync(databasePath(dir), { readOnly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM history').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('state database', () => {
  it('keeps history, unread counts and dedupe memory across a restart', async () => {
    const clock = new ManualClock(T0);
    const first = open(folder.dir, { clock });
    const pipeline = new Pipeline({
      settings: makeSettings({ coalesceMs: 0 }),
      sink: new RecordingSink(),
      clock,
      history: first.history,
      unread: first.unread,
      dedupe: first.dedupe,
    });
    for (const id of ['a', 'b', 'c']) pipeline.accept(makeEvent({ id }));
    await first.persisted();
    first.close();

    const second = open(folder.dir, { clock });
    expect(ids(second.history.list())).toEqual(['c', 'b', 'a']);
    expect(second.unread.get('work', 'GENERAL').count).toBe(3);
    const again = new Pipeline({
      settings: makeSettings({ coalesceMs: 0 }),
      sink: new RecordingSink(),
      clock,
      history: second.history,
      unread: second.unread,
      dedupe: second.dedupe,
    });
    // Redelivered after the restart: known, so neither recorded nor counted again.
    again.accept(makeEvent({ id: 'b' }));
    again.accept(makeEvent({ id: 'd' }));
    expect(ids(second.history.list())).toEqual(['d', 'c', 'b', 'a']);
    expect(second.unread.get('work', 'GENERAL').count).toBe(4);
    // Numbering continues after the stored entries.
    expect(second.history.list()[0]?.seq).toBe(4);
    second.close();
  });

  it('commits everything that arrived in one turn together, and persisted() resolves after it', async () => {
    const state = open(folder.dir);
    for (let i = 0; i < 100; i++) state.history.record(makeEvent(), 'shown');
    expect(committedCount(folder.dir)).toBe(0);
    let resolved = false;
    const persisted = state.persisted().then(() => (resolved = true));
    await Promise.resolve();
    expect(resolved).toBe(false);
    await persisted;
    expect(committedCount(folder.dir)).toBe(100);
    // Nothing waiting: it resolves at once.
    await state.persisted();
    state.close();
  });

  it('searches title, body, room and author, paged by offset', async () => {
    const state = open(folder.dir);
    const { history } = state;
    history.record(makeEvent({ id: 'w1', body: 'Deploy finished' }), 'shown');
    history.record(makeEvent({ id: 'w2', body: 'lunch?' }), 'mentions only');
    history.record(
      makeEvent({ id: 'h1', account: 'home', room: { id: 'R', name: 'Família', type: 'group' } }),
      'shown',
    );
    history.record(makeEvent({ id: 'w3', author: { id: 'u-c', name: 'Carol' } }), 'quiet hours');
    history.record(makeEvent({ id: 'w4', title: 'DEPLOY started' }), 'shown');
    expect(ids(history.list({ text: 'deploy' }))).toEqual(['w4', 'w1']);
    expect(ids(history.list({ text: 'FAMÍ' }))).toEqual(['h1']);
    expect(ids(history.list({ text: 'ca' }))).toEqual(['w3']);
    expect(ids(history.list({ text: 'lunch?' }))).toEqual(['w2']);
    expect(ids(history.list({ text: '"deploy' }))).toEqual([]);
    expect(ids(history.list({ text: '%' }))).toEqual([]);
    expect(ids(history.list({ account: 'work', decision: 'shown', text: 'deploy' }))).toEqual([
      'w4',
      'w1',
    ]);
    expect(ids(history.list({ offset: 1, limit: 2 }))).toEqual(['w3', 'h1']);
    expect(history.get(2)?.event.id).toBe('w2');
    await state.persisted();
    state.close();
    // Found again after a restart.
    const reopened = open(folder.dir);
    expect(ids(reopened.history.list({ text: 'finished' }))).toEqual(['w1']);
    reopened.close();
  });

  it('keeps the newest maxEntries real events, a separate junk quota, and nothing older than maxAgeDays', async () => {
    const clock = new ManualClock(T0);
    const retention = { maxEntries: 5, maxJunkEntries: 2, maxAgeDays: 3 };
    const state = open(folder.dir, { clock, retention });
    const { history } = state;
    history.record(makeEvent({ id: 'ancient' }), 'shown');
    clock.advance(4 * DAY_MS);
    for (let i = 1; i <= 8; i++) history.record(makeEvent({ id: `real${i}` }), 'shown');
    for (let i = 1; i <= 30; i++)
      history.record(makeEvent({ id: `junk${i}`, kind: 'unknown' }), 'history only');
    history.record(makeEvent({ id: 'real9' }), 'shown');
    const expected = ['real9', 'junk30', 'junk29', 'real8', 'real7', 'real6', 'real5'];
    expect(ids(history.list())).toEqual(expected);
    expect(history.size).toBe(7);
    await state.persisted();
    state.close();
    expect(ids(open(folder.dir, { clock, retention }).history.list())).toEqual(expected);
  });

  it('keeps the raw frame capped at 64 KB in the file, not in memory', async () => {
    const state = open(folder.dir);
    const megabyte = 'x'.repeat(1024 * 1024);
    for (let i = 0; i < 50; i++) state.history.record(makeEvent({ raw: { megabyte } }), 'shown');
    await state.persisted();
    const raw = state.history.raw(50);
    expect(raw).toMatchObject({ cut: true });
    expect(raw?.text).toHaveLength(64 * 1024);
    expect(state.history.raw(1)?.text.startsWith('{"megabyte":"xxx')).toBe(true);
    state.close();
    // 50 MB came in; about 50 × 64 KB was kept.
    expect(statSync(databasePath(folder.dir)).size).toBeLessThan(8 * 1024 * 1024);
  });

  it('creates the folder and the file readable by the user only', async () => {
    const dir = join(folder.dir, 'nested', 'state');
    const state = open(dir);
    state.history.record(makeEvent(), 'shown');
    await state.persisted();
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const name of readdirSync(dir))
      expect(statSync(join(dir, name)).mode & 0o777, name).toBe(0o600);
    state.close();
  });

  it('sets aside a database file it cannot open, with a warning, and starts a new one', async () => {
    const garbage = 'this is not a database, but it is the only copy\n'.repeat(200);
    writeFileSync(databasePath(folder.dir), garbage);
    const log = recordingLog();
    const state = open(folder.dir, { log });
    state.history.record(makeEvent({ id: 'after' }), 'shown');
    await state.persisted();
    expect(ids(state.history.list())).toEqual(['after']);
    expect(log.lines.join('\n')).toContain('set aside');
    const aside = readdirSync(folder.dir).filter((name) => name.includes('unreadable'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(folder.dir, aside[0]!), 'utf8')).toBe(garbage);
    state.close();
  });

  it('sets aside a database made by a newer Tidings rather than changing it', () => {
    const db = new DatabaseSync(databasePath(folder.dir));
    db.exec('PRAGMA user_version = 99; CREATE TABLE future (x)');
    db.close();
    const log = recordingLog();
    open(folder.dir, { log }).close();
    expect(log.lines.join('\n')).toMatch(/newer Tidings/);
    const aside = readdirSync(folder.dir).filter((name) => name.includes('unreadable'));
    expect(aside.length).toBeGreaterThanOrEqual(1);
  });

  it('keeps catch-up markers with the commit they belong to', async () => {
    const state = open(folder.dir);
    state.markers.set('chat', T0 + 5);
    expect(state.markers.get('chat')).toBe(T0 + 5);
    await nextTurn();
    state.close();
    expect(open(folder.dir).markers.get('chat')).toBe(T0 + 5);
  });
});

describe('state database retention from settings', () => {
  it('drops nothing by the default retention before the settings say how long to keep', async () => {
    const folder = stateFolder();
    try {
      const clock = new ManualClock(T0);
      const first = open(folder.dir, { clock, retention: { maxAgeDays: 365 } });
      first.history.record(makeEvent({ id: 'last-spring' }), 'shown');
      await first.persisted();
      first.close();
      clock.advance(100 * DAY_MS);
      // As the desktop app starts: history first, the user's retention once settings are read.
      const second = open(folder.dir, { clock });
      second.history.setRetention({ maxAgeDays: 365 });
      expect(ids(second.history.list())).toEqual(['last-spring']);
      second.history.setRetention({ maxAgeDays: 30 });
      expect(ids(second.history.list())).toEqual([]);
      second.close();
    } finally {
      folder.cleanup();
    }
  });
});
