// The History page's request: a page, its total and the bookkeeping hidden, counted without
// listing everything, for history in memory and in the state database alike.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../app/core/clock.js';
import { History } from '../../../app/core/pipeline/history.js';
import type { AppCore } from '../../../app/desktop/controller/core.js';
import { HistoryViews, SEARCH_COUNT_BOUND } from '../../../app/desktop/controller/history.js';
import { makeEvent } from '../../support/events.js';
import { open, stateFolder } from '../../state/state-support.js';

let folder: ReturnType<typeof stateFolder>;
beforeEach(() => {
  folder = stateFolder();
});
afterEach(() => folder.cleanup());

const stores: [string, () => { history: History; close(): void }][] = [
  ['in memory', () => ({ history: new History(systemClock), close() {} })],
  ['on disk', () => open(folder.dir)],
];
const viewsOver = (history: History) =>
  new HistoryViews({ pipeline: { history } } as unknown as AppCore);

describe.each(stores)('History page, history %s', (_, make) => {
  it('pages what a person reads and counts the bookkeeping it hides', () => {
    const state = make();
    for (let i = 1; i <= 7; i++) {
      state.history.record(makeEvent({ id: `m${i}`, body: `deploy ${i}` }), 'shown');
      state.history.record(
        makeEvent({ id: `u${i}`, kind: 'subscription-updated', body: `deploy ${i}` }),
        'history only',
      );
    }
    // Bookkeeping that was shown is a message like any other.
    state.history.record(makeEvent({ id: 'shown-sub', kind: 'subscription-updated' }), 'shown');
    const views = viewsOver(state.history);
    const second = views.list({ offset: 3, limit: 3 });
    expect(second.entries.map((e) => e.body)).toEqual(['deploy 5', 'deploy 4', 'deploy 3']);
    expect(second).toMatchObject({ total: 8, bookkeeping: 7 });
    expect(second.moreThanTotal).toBeUndefined();
    const all = views.list({ bookkeeping: true, limit: 2 });
    expect(all.entries.map((e) => e.body)).toEqual([expect.any(String), 'deploy 7']);
    expect(all).toMatchObject({ total: 15, bookkeeping: 7 });
    const search = views.list({ text: 'DEPLOY 7' });
    expect(search).toMatchObject({ total: 1, bookkeeping: 1 });
    expect(views.list({ text: 'nothing like it' })).toMatchObject({ entries: [], total: 0 });
    state.close();
  });

  it("shows the note added later on an event's entry, found by account and event id", () => {
    const state = make();
    state.history.record(
      makeEvent({ account: 'work', id: 'm1', body: 'build 42 failed' }),
      'shown',
    );
    state.history.record(makeEvent({ account: 'home', id: 'm1', body: 'lights on' }), 'shown');
    const entry = state.history.ofEvent('work', 'm1');
    expect(entry?.event.body).toBe('build 42 failed');
    expect(state.history.ofEvent('work', 'nothing')).toBeUndefined();
    expect(state.history.note(entry!.seq, "Sent 'Retry': 200 OK")).toBe(true);
    expect(state.history.note(entry!.seq + 100, 'gone')).toBe(false);
    const views = viewsOver(state.history).list({});
    expect(views.entries.map((e) => [e.body, e.note])).toEqual([
      ['lights on', undefined],
      ['build 42 failed', "Sent 'Retry': 200 OK"],
    ]);
    state.close();
  });

  it('counts a text search only so far past the page, and says there are more', () => {
    const state = make();
    const matching = SEARCH_COUNT_BOUND + 10;
    for (let i = 1; i <= matching; i++)
      state.history.record(makeEvent({ id: `m${i}`, body: `build ${i} is green` }), 'shown');
    const views = viewsOver(state.history);
    const first = views.list({ text: 'green', limit: 50 });
    expect(first.entries).toHaveLength(50);
    expect(first).toMatchObject({ total: SEARCH_COUNT_BOUND, moreThanTotal: true });
    // Further on, the count reaches the end: exact again.
    const last = views.list({ text: 'green', offset: 1_000, limit: 50 });
    expect(last.entries.map((e) => e.body)).toEqual([
      ...Array.from({ length: 10 }, (_, i) => `build ${10 - i} is green`),
    ]);
    expect(last).toMatchObject({ total: matching });
    expect(last.moreThanTotal).toBeUndefined();
    state.close();
  });
});
