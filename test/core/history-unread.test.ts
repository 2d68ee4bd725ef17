import { describe, expect, it } from 'vitest';
import { History, type HistoryEntry } from '../../app/core/pipeline/history.js';
import { DAY_MS } from '../../app/core/pipeline/history-store.js';
import { RAW_PAYLOAD_LIMIT } from '../../app/core/pipeline/raw-payload.js';
import { UnreadCounts } from '../../app/core/pipeline/unread.js';
import { makeEvent, T0 } from '../support/events.js';
import { ManualClock } from '../support/manual-clock.js';

const ids = (entries: HistoryEntry[]) => entries.map((e) => e.event.id);

describe('History', () => {
  it('lists newest first', () => {
    const history = new History(new ManualClock(T0));
    for (const id of ['a', 'b', 'c']) history.record(makeEvent({ id }), 'shown');
    expect(ids(history.list())).toEqual(['c', 'b', 'a']);
    expect(history.list().map((e) => e.seq)).toEqual([3, 2, 1]);
  });

  it('pages back with offset and limit over the matching entries only', () => {
    const history = new History(new ManualClock(T0));
    for (let i = 1; i <= 10; i++)
      history.record(makeEvent({ id: `e${i}`, account: i % 2 === 0 ? 'even' : 'odd' }), 'shown');
    expect(ids(history.list({ offset: 2, limit: 3 }))).toEqual(['e8', 'e7', 'e6']);
    expect(ids(history.list({ account: 'even', offset: 1, limit: 2 }))).toEqual(['e8', 'e6']);
    expect(ids(history.list({ account: 'even', offset: 5 }))).toEqual([]);
  });

  it('forgets one account and keeps the others', () => {
    const history = new History(new ManualClock(T0));
    for (const account of ['a', 'b', 'a']) history.record(makeEvent({ account }), 'shown');
    expect(history.removeAccount('a')).toBe(2);
    expect(history.list().map((e) => e.event.account)).toEqual(['b']);
  });

  it('keeps at most `limit` entries, dropping the oldest', () => {
    const history = new History(new ManualClock(T0), { retention: { maxEntries: 5 } });
    for (let i = 1; i <= 12; i++) history.record(makeEvent({ id: `e${i}` }), 'shown');
    expect(history.size).toBe(5);
    expect(ids(history.list())).toEqual(['e12', 'e11', 'e10', 'e9', 'e8']);
  });

  it('stays bounded over a long run', () => {
    const history = new History(new ManualClock(T0), { retention: { maxEntries: 100 } });
    for (let i = 1; i <= 10_000; i++) history.record(makeEvent({ id: `e${i}` }), 'shown');
    expect(history.size).toBe(100);
    expect(history.list()).toHaveLength(100);
    expect(history.list()[99]?.event.id).toBe('e9901');
  });

  it('records the decision, its reason and when it arrived, with the raw frame kept apart', () => {
    const clock = new ManualClock(T0);
    const history = new History(clock);
    clock.advance(1234);
    const entry = history.record(
      makeEvent({ id: 'x', raw: { big: 'frame' } }),
      'muted room',
      'muted room: until 2026-01-06T00:00:00Z',
    );
    expect(entry).toMatchObject({
      seq: 1,
      receivedAt: T0 + 1234,
      decision: 'muted room',
      reason: 'muted room: until 2026-01-06T00:00:00Z',
    });
    expect(history.list()[0]?.event).not.toHaveProperty('raw');
    expect(history.raw(1)).toEqual({ text: '{"big":"frame"}', cut: false });
  });

  it('keeps the raw frame capped at 64 KB and says it was cut', () => {
    const history = new History(new ManualClock(T0));
    const entry = history.record(makeEvent({ raw: { text: 'x'.repeat(1_000_000) } }), 'shown');
    const raw = history.raw(entry.seq);
    expect(raw?.cut).toBe(true);
    expect(raw?.text).toHaveLength(RAW_PAYLOAD_LIMIT);
    expect(raw?.text.startsWith('{"text":"xxx')).toBe(true);
  });

  it('keeps a frame JSON cannot write as a note, not an error', () => {
    let deep: unknown = {};
    for (let i = 0; i < 100_000; i++) deep = { deep };
    const history = new History(new ManualClock(T0));
    const entry = history.record(makeEvent({ id: 'deep', raw: deep }), 'shown');
    expect(history.raw(entry.seq)).toMatchObject({
      cut: true,
      text: expect.stringMatching(/^\(not kept: /),
    });
  });

  it('drops entries older than maxAgeDays', () => {
    const clock = new ManualClock(T0);
    const history = new History(clock, { retention: { maxAgeDays: 2 } });
    history.record(makeEvent({ id: 'old' }), 'shown');
    clock.advance(DAY_MS);
    history.record(makeEvent({ id: 'day-old' }), 'shown');
    clock.advance(DAY_MS + 1);
    history.record(makeEvent({ id: 'new' }), 'shown');
    expect(ids(history.list())).toEqual(['new', 'day-old']);
  });

  it('keeps unknown events under their own quota, so they cannot push real ones out', () => {
    const history = new History(new ManualClock(T0), {
      retention: { maxEntries: 5, maxJunkEntries: 2 },
    });
    for (let i = 1; i <= 3; i++) history.record(makeEvent({ id: `real${i}` }), 'shown');
    for (let i = 1; i <= 50; i++)
      history.record(makeEvent({ id: `junk${i}`, kind: 'unknown' }), 'history only');
    history.record(makeEvent({ id: 'real4' }), 'shown');
    expect(ids(history.list())).toEqual(['real4', 'junk50', 'junk49', 'real3', 'real2', 'real1']);
  });

  it('pages with offset and limit, newest first', () => {
    const history = new History(new ManualClock(T0));
    for (let i = 1; i <= 10; i++) history.record(makeEvent({ id: `e${i}` }), 'shown');
    expect(ids(history.list({ offset: 3, limit: 2 }))).toEqual(['e7', 'e6']);
    expect(ids(history.list({ offset: 9 }))).toEqual(['e1']);
    expect(history.get(4)?.event.id).toBe('e4');
  });

  it('filters by account, decision, text and count', () => {
    const history = new History(new ManualClock(T0));
    history.record(makeEvent({ id: 'w1', body: 'Deploy finished' }), 'shown');
    history.record(makeEvent({ id: 'w2', body: 'lunch?' }), 'mentions only');
    history.record(
      makeEvent({ id: 'h1', account: 'home', room: { id: 'R', name: 'Family', type: 'group' } }),
      'shown',
    );
    history.record(makeEvent({ id: 'w3', author: { id: 'u-c', name: 'Carol' } }), 'quiet hours');
    history.record(makeEvent({ id: 'w4', title: 'DEPLOY started' }), 'shown');

    expect(ids(history.list({ account: 'home' }))).toEqual(['h1']);
    expect(ids(history.list({ account: 'work' }))).toEqual(['w4', 'w3', 'w2', 'w1']);
    expect(ids(history.list({ decision: 'shown' }))).toEqual(['w4', 'h1', 'w1']);
    expect(ids(history.list({ text: 'deploy' }))).toEqual(['w4', 'w1']);
    expect(ids(history.list({ text: 'family' }))).toEqual(['h1']);
    expect(ids(history.list({ text: 'carol' }))).toEqual(['w3']);
    expect(ids(history.list({ account: 'work', decision: 'shown', text: 'deploy' }))).toEqual([
      'w4',
      'w1',
    ]);
    expect(ids(history.list({ limit: 2 }))).toEqual(['w4', 'w3']);
    expect(history.list({ text: 'nothing like this' })).toEqual([]);
  });
});

describe('UnreadCounts', () => {
  it('counts messages and mentions per room, with totals per account and overall', () => {
    const unread = new UnreadCounts();
    unread.increment('work', 'GENERAL', false);
    unread.increment('work', 'GENERAL', true);
    unread.increment('work', 'RANDOM', false);
    unread.increment('home', 'FAMILY', true);
    expect(unread.get('work', 'GENERAL')).toEqual({
      account: 'work',
      room: 'GENERAL',
      count: 2,
      mentions: 1,
    });
    expect(unread.get('work', 'NOWHERE')).toMatchObject({ count: 0, mentions: 0 });
    expect(unread.total('work')).toEqual({ count: 3, mentions: 1 });
    expect(unread.total()).toEqual({ count: 4, mentions: 2 });
    expect(unread.list('home').map((r) => r.room)).toEqual(['FAMILY']);
  });

  it('keeps rooms apart by account', () => {
    const unread = new UnreadCounts();
    unread.increment('work', 'GENERAL', false);
    unread.increment('home', 'GENERAL', false);
    unread.clear('home', 'GENERAL');
    expect(unread.get('work', 'GENERAL').count).toBe(1);
    expect(unread.get('home', 'GENERAL').count).toBe(0);
  });

  it("takes the server's counts, and a count of 0 clears the room", () => {
    const unread = new UnreadCounts();
    unread.increment('work', 'GENERAL', false);
    unread.set('work', 'GENERAL', 12, 3);
    expect(unread.get('work', 'GENERAL')).toMatchObject({ count: 12, mentions: 3 });
    unread.set('work', 'GENERAL', 0);
    expect(unread.list()).toEqual([]);
  });

  it('clears one account', () => {
    const unread = new UnreadCounts();
    unread.increment('work', 'A', false);
    unread.increment('work', 'B', false);
    unread.increment('home', 'C', false);
    unread.clearAccount('work');
    expect(unread.list().map((r) => r.room)).toEqual(['C']);
  });

  it('keeps at most `limit` rooms, forgetting the one touched longest ago', () => {
    const unread = new UnreadCounts(undefined, 3);
    unread.increment('work', 'A', false);
    unread.increment('work', 'B', false);
    unread.increment('work', 'C', false);
    unread.increment('work', 'A', false); // A is now the most recent
    unread.increment('work', 'D', false);
    expect(unread.list().map((r) => `${r.room}=${r.count}`)).toEqual(['C=1', 'A=2', 'D=1']);
    expect(unread.total()).toEqual({ count: 4, mentions: 0 });
  });
});
