// Schema 2's history: search scans the rows (no index), retention trims in chunks, and the
// dedupe memory after a restart is what history still holds.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pruneSlack } from '../../app/state/sqlite-history-store.js';
import { makeEvent, T0 } from '../support/events.js';
import { ManualClock } from '../support/manual-clock.js';
import { DatabaseSync } from 'node:sqlite';
import { databasePath } from '../../app/state/state-database.js';
import { nextTurn, open, pipelineOver, stateFolder } from './state-support.js';

let folder: ReturnType<typeof stateFolder>;
beforeEach(() => {
  folder = stateFolder();
});
afterEach(() => folder.cleanup());

const ids = (entries: { event: { id: string } }[]) => entries.map((e) => e.event.id);

describe('history search by scan', () => {
  it('finds text in title, body, room and author only, in any case, quotes and backslashes too', () => {
    const state = open(folder.dir);
    const { history } = state;
    history.record(makeEvent({ id: 'q', body: 'she said "ship it" \\o/' }), 'shown');
    history.record(makeEvent({ id: 'greek', title: 'ΟΔΟΣ ΚΛΕΙΣΤΗ' }), 'shown');
    history.record(
      makeEvent({ id: 'url', body: 'see link', url: 'https://chat.example/zebra' }),
      'shown',
      'zebra rule',
    );
    history.record(makeEvent({ id: 'x', title: 'T', body: 'a' }), 'shown');
    expect(ids(history.list({ text: '"SHIP IT"' }))).toEqual(['q']);
    expect(ids(history.list({ text: '\\o/' }))).toEqual(['q']);
    expect(ids(history.list({ text: 'οδος' }))).toEqual(['greek']);
    expect(ids(history.list({ text: 'ος κλ' }))).toEqual(['greek']);
    // The url, the reason and the event id are not searched.
    expect(ids(history.list({ text: 'zebra' }))).toEqual([]);
    expect(ids(history.list({ text: 'msg-' }))).toEqual([]);
    // Title and body are one text, a line apart.
    expect(ids(history.list({ text: 't\na' }))).toEqual(['x']);
    expect(ids(history.list({ text: 'a', decision: 'shown', limit: 1, offset: 1 }))).toEqual([
      'url',
    ]);
    state.close();
  });
});

describe('history retention in chunks', () => {
  it('lets a lane grow 1 % past its limit, then drops its oldest down to the limit at once', async () => {
    const retention = { maxEntries: 1_000, maxJunkEntries: 200, maxAgeDays: 30 };
    expect(pruneSlack(retention.maxEntries)).toBe(10);
    const state = open(folder.dir, { retention });
    const { history } = state;
    for (let i = 1; i <= 1_010; i++) history.record(makeEvent({ id: `m${i}` }), 'shown');
    expect(history.size).toBe(1_010);
    history.record(makeEvent({ id: 'm1011' }), 'shown');
    expect(history.size).toBe(1_000);
    const kept = history.list();
    expect(kept).toHaveLength(1_000);
    expect(kept[0]?.event.id).toBe('m1011');
    expect(kept.at(-1)?.event.id).toBe('m12');
    await state.persisted();
    state.close();
    const reopened = open(folder.dir, { retention });
    expect(reopened.history.size).toBe(1_000);
    reopened.close();
  });
});

describe('retention trims apart from the events', () => {
  it('commits the events an ack waits for without the trim, and trims in a turn of its own', async () => {
    const retention = { maxEntries: 1_000, maxJunkEntries: 200, maxAgeDays: 30 };
    const state = open(folder.dir, { retention });
    for (let i = 1; i <= 1_010; i++) state.history.record(makeEvent({ id: `m${i}` }), 'shown');
    await state.persisted();
    const reader = new DatabaseSync(databasePath(folder.dir), { readOnly: true });
    const rows = () =>
      (reader.prepare('SELECT count(*) AS n FROM history').get() as { n: number }).n;
    // The 1,011th entry passes the slack: what its ack waits for is the insert alone.
    state.history.record(makeEvent({ id: 'm1011' }), 'shown');
    await state.persisted();
    expect(rows()).toBe(1_011);
    await nextTurn();
    expect(rows()).toBe(1_000);
    const oldest = reader.prepare('SELECT min(seq) AS seq FROM history').get() as { seq: number };
    expect(state.history.get(oldest.seq)?.event.id).toBe('m12');
    reader.close();
    state.close();
  });

  it('runs a trim still waiting when the state closes', async () => {
    const retention = { maxEntries: 200, maxJunkEntries: 200, maxAgeDays: 30 };
    const state = open(folder.dir, { retention });
    for (let i = 1; i <= 203; i++) state.history.record(makeEvent({ id: `m${i}` }), 'shown');
    state.close();
    const reopened = open(folder.dir, { retention });
    expect(reopened.history.size).toBe(200);
    expect(reopened.history.list().at(-1)?.event.id).toBe('m4');
    reopened.close();
  });
});

describe('rooms heard from, after retention', () => {
  it('forgets a room whose entries all went, and keeps one whose newest (junk) entry went', async () => {
    const clock = new ManualClock(T0);
    const retention = { maxEntries: 2, maxJunkEntries: 1, maxAgeDays: 30 };
    const state = open(folder.dir, { clock, retention });
    const { history } = state;
    const room = (id: string) => ({ id, name: id.toLowerCase(), type: 'channel' as const });
    history.record(makeEvent({ room: room('OLD') }), 'shown');
    history.record(makeEvent({ room: room('KEPT') }), 'shown');
    history.record(makeEvent({ room: room('KEPT'), kind: 'unknown' }), 'history only');
    history.record(makeEvent({ room: room('NEW') }), 'shown');
    history.record(makeEvent({ room: room('JUNK'), kind: 'unknown' }), 'history only');
    expect(history.rooms('work').map((r) => r.id)).toEqual(['JUNK', 'NEW', 'KEPT']);
    await state.persisted();
    state.close();
    const reopened = open(folder.dir, { clock, retention });
    expect(reopened.history.rooms('work').map((r) => r.id)).toEqual(['JUNK', 'NEW', 'KEPT']);
    reopened.history.removeAccount('work');
    expect(reopened.history.rooms('work')).toEqual([]);
    reopened.close();
  });
});

describe('dedupe memory across a restart', () => {
  it('remembers the events history keeps, and forgets those retention dropped', async () => {
    const clock = new ManualClock(T0);
    const retention = { maxEntries: 3, maxJunkEntries: 3, maxAgeDays: 30 };
    const first = open(folder.dir, { clock, retention });
    const before = pipelineOver(first, clock);
    for (const id of ['a', 'b', 'c', 'd']) before.accept(makeEvent({ id }));
    await first.persisted();
    first.close();

    const second = open(folder.dir, { clock, retention });
    const after = pipelineOver(second, clock);
    expect(after.hasSeen('work', 'd')).toBe(true);
    expect(after.hasSeen('work', 'b')).toBe(true);
    expect(after.hasSeen('work', 'a')).toBe(false);
    after.accept(makeEvent({ id: 'c' }));
    expect(ids(second.history.list())).toEqual(['d', 'c', 'b']);
    second.close();
  });
});
