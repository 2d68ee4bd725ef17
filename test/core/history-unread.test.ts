import { describe, expect, it } from 'vitest';
import { DebouncedSave } from '../../app/core/debounced-save.js';
import { History, type HistoryEntry } from '../../app/core/pipeline/history.js';
import { Pipeline } from '../../app/core/pipeline/pipeline.js';
import { UnreadCounts, type RoomUnread } from '../../app/core/pipeline/unread.js';
import { memoryStorage, type Storage } from '../../app/core/storage.js';
import { makeEvent, makeSettings, T0 } from '../support/events.js';
import { ManualClock } from '../support/manual-clock.js';
import { RecordingSink } from '../support/recording-sink.js';

/** A memory storage that also counts saves and keeps what each one wrote, as a file would. */
function countingStorage<T>(initial?: T) {
  const written: string[] = [];
  const storage: Storage<T> & { saves: number; written: string[] } = {
    saves: 0,
    written,
    load: () => (written.length > 0 ? (JSON.parse(written.at(-1)!) as T) : initial),
    save(value) {
      this.saves++;
      written.push(JSON.stringify(value));
    },
  };
  return storage;
}

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
    const history = new History(new ManualClock(T0), 5);
    for (let i = 1; i <= 12; i++) history.record(makeEvent({ id: `e${i}` }), 'shown');
    expect(history.size).toBe(5);
    expect(ids(history.list())).toEqual(['e12', 'e11', 'e10', 'e9', 'e8']);
  });

  it('stays bounded over a long run', () => {
    const history = new History(new ManualClock(T0), 100);
    for (let i = 1; i <= 10_000; i++) history.record(makeEvent({ id: `e${i}` }), 'shown');
    expect(history.size).toBe(100);
    expect(history.list()).toHaveLength(100);
    expect(history.list()[99]?.event.id).toBe('e9901');
  });

  it('records the decision, its reason and when it arrived, without the raw frame', () => {
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

  it('saves to its storage once, after the delay, and reloads from it', () => {
    const clock = new ManualClock(T0);
    const storage = countingStorage<HistoryEntry[]>();
    const history = new History(clock, 100, storage);
    for (const id of ['a', 'b', 'c']) history.record(makeEvent({ id }), 'shown');
    clock.advance(999);
    expect(storage.saves).toBe(0);
    clock.advance(1);
    expect(storage.saves).toBe(1);

    const reloaded = new History(clock, 100, storage);
    expect(ids(reloaded.list())).toEqual(['c', 'b', 'a']);
    expect(reloaded.list()[0]).toMatchObject({ seq: 3, decision: 'shown', receivedAt: T0 });
    // Numbering continues after the stored entries.
    expect(reloaded.record(makeEvent({ id: 'd' }), 'shown').seq).toBe(4);
  });

  it('reloads only the newest `limit` entries', () => {
    const clock = new ManualClock(T0);
    const storage = memoryStorage<HistoryEntry[]>();
    const history = new History(clock, 100, storage);
    for (let i = 1; i <= 10; i++) history.record(makeEvent({ id: `e${i}` }), 'shown');
    history.flush();
    expect(ids(new History(clock, 3, storage).list())).toEqual(['e10', 'e9', 'e8']);
  });

  it('saves no more than `limit` entries', () => {
    const clock = new ManualClock(T0);
    const storage = countingStorage<HistoryEntry[]>();
    const history = new History(clock, 10, storage);
    for (let i = 1; i <= 11; i++) history.record(makeEvent({ id: `e${i}` }), 'shown');
    history.flush();
    const saved = JSON.parse(storage.written.at(-1)!) as HistoryEntry[];
    expect(saved).toHaveLength(10);
    expect(saved[0]?.event.id).toBe('e2');
  });

  it('hands its storage a snapshot, not the live list', () => {
    const clock = new ManualClock(T0);
    const storage = memoryStorage<HistoryEntry[]>();
    const history = new History(clock, 100, storage);
    history.record(makeEvent({ id: 'a' }), 'shown');
    history.flush();
    history.record(makeEvent({ id: 'b' }), 'shown');
    // Not saved yet: what the storage holds is what was saved.
    expect(storage.value?.map((e) => e.event.id)).toEqual(['a']);
    clock.advance(1000);
    expect(storage.value?.map((e) => e.event.id)).toEqual(['a', 'b']);
  });
});

describe('UnreadCounts', () => {
  it('counts messages and mentions per room, with totals per account and overall', () => {
    const unread = new UnreadCounts(new ManualClock(T0));
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
    const unread = new UnreadCounts(new ManualClock(T0));
    unread.increment('work', 'GENERAL', false);
    unread.increment('home', 'GENERAL', false);
    unread.clear('home', 'GENERAL');
    expect(unread.get('work', 'GENERAL').count).toBe(1);
    expect(unread.get('home', 'GENERAL').count).toBe(0);
  });

  it("takes the server's counts, and a count of 0 clears the room", () => {
    const unread = new UnreadCounts(new ManualClock(T0));
    unread.increment('work', 'GENERAL', false);
    unread.set('work', 'GENERAL', 12, 3);
    expect(unread.get('work', 'GENERAL')).toMatchObject({ count: 12, mentions: 3 });
    unread.set('work', 'GENERAL', 0);
    expect(unread.list()).toEqual([]);
  });

  it('clears one account', () => {
    const unread = new UnreadCounts(new ManualClock(T0));
    unread.increment('work', 'A', false);
    unread.increment('work', 'B', false);
    unread.increment('home', 'C', false);
    unread.clearAccount('work');
    expect(unread.list().map((r) => r.room)).toEqual(['C']);
  });

  it('keeps at most `limit` rooms, forgetting the one touched longest ago', () => {
    const unread = new UnreadCounts(new ManualClock(T0), 3);
    unread.increment('work', 'A', false);
    unread.increment('work', 'B', false);
    unread.increment('work', 'C', false);
    unread.increment('work', 'A', false); // A is now the most recent
    unread.increment('work', 'D', false);
    expect(unread.list().map((r) => `${r.room}=${r.count}`)).toEqual(['C=1', 'A=2', 'D=1']);
    expect(unread.total()).toEqual({ count: 4, mentions: 0 });
  });

  it('saves once after the delay however many changes, and reloads', () => {
    const clock = new ManualClock(T0);
    const storage = countingStorage<RoomUnread[]>();
    const unread = new UnreadCounts(clock, 100, storage);
    for (let i = 0; i < 100; i++) unread.increment('work', 'GENERAL', i % 10 === 0);
    unread.increment('home', 'FAMILY', false);
    clock.advance(999);
    expect(storage.saves).toBe(0);
    clock.advance(1);
    expect(storage.saves).toBe(1);

    const reloaded = new UnreadCounts(clock, 100, storage);
    expect(reloaded.get('work', 'GENERAL')).toMatchObject({ count: 100, mentions: 10 });
    expect(reloaded.total()).toEqual({ count: 101, mentions: 10 });
  });

  it('persists a cleared room as cleared', () => {
    const clock = new ManualClock(T0);
    const storage = countingStorage<RoomUnread[]>();
    const unread = new UnreadCounts(clock, 100, storage);
    unread.increment('work', 'GENERAL', false);
    unread.increment('work', 'RANDOM', false);
    clock.advance(1000);
    unread.clear('work', 'GENERAL');
    clock.advance(1000);
    expect(storage.saves).toBe(2);
    expect(new UnreadCounts(clock, 100, storage).list().map((r) => r.room)).toEqual(['RANDOM']);
  });

  it('reloads no more than `limit` rooms', () => {
    const clock = new ManualClock(T0);
    const stored: RoomUnread[] = ['A', 'B', 'C', 'D'].map((room) => ({
      account: 'work',
      room,
      count: 1,
      mentions: 0,
    }));
    const unread = new UnreadCounts(clock, 2, memoryStorage(stored));
    expect(unread.list().map((r) => r.room)).toEqual(['C', 'D']);
  });
});

describe('DebouncedSave', () => {
  it('saves after the delay, once per burst, and flush() saves now and cancels the timer', () => {
    const clock = new ManualClock(T0);
    const storage = countingStorage<number>();
    let state = 0;
    const saver = new DebouncedSave(storage, () => state, clock, 500);

    state = 1;
    saver.changed();
    state = 2;
    saver.changed();
    expect(clock.pendingTimers).toBe(1);
    clock.advance(499);
    expect(storage.written).toEqual([]);
    clock.advance(1);
    expect(storage.written).toEqual(['2']);

    state = 3;
    saver.changed();
    saver.flush();
    expect(storage.written).toEqual(['2', '3']);
    expect(clock.pendingTimers).toBe(0);
    clock.advance(10_000);
    expect(storage.saves).toBe(2);
  });

  it('is flushed by Pipeline.close(), so nothing waits on quit', () => {
    const clock = new ManualClock(T0);
    const historyStorage = countingStorage<HistoryEntry[]>();
    const unreadStorage = countingStorage<RoomUnread[]>();
    const pipeline = new Pipeline({
      settings: makeSettings({ coalesceMs: 0 }),
      sink: new RecordingSink(),
      clock,
      history: new History(clock, 100, historyStorage),
      unread: new UnreadCounts(clock, 100, unreadStorage),
    });
    pipeline.accept(makeEvent({ id: 'last' }));
    pipeline.close();
    expect(clock.pendingTimers).toBe(0);
    expect(JSON.parse(historyStorage.written.at(-1)!)).toMatchObject([{ event: { id: 'last' } }]);
    expect(JSON.parse(unreadStorage.written.at(-1)!)).toEqual([
      { account: 'work', room: 'GENERAL', count: 1, mentions: 0 },
    ]);
  });
});
