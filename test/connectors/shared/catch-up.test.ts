// Folding what a catch-up brought: one summary per room for what would notify, everything
// kept in history, and thousands handed over in batches.
import { describe, expect, it } from 'vitest';
import {
  EMIT_BATCH,
  emitInBatches,
  foldByRoom,
  foldRoom,
  IN_SUMMARY,
  type SummaryWords,
} from '../../../app/connectors/shared/catch-up.js';
import type { TidingsEvent } from '../../../app/core/events.js';
import { makeEvent, T0 } from '../../support/events.js';

const tower = { id: 'tower', name: 'Tower', type: 'model' as const };
const item = (id: string, time: number, extra: Partial<TidingsEvent> = {}) =>
  makeEvent({ id, time, room: tower, kind: 'ticket-created', body: `body ${id}`, ...extra });

describe('foldByRoom', () => {
  it('folds a room with several new items into one summary; each item to history only', () => {
    const folded = foldByRoom([
      item('b', T0 + 2, { url: 'https://b' }),
      item('a', T0 + 1, { url: 'https://a' }),
    ]);
    expect(folded.map((e) => [e.id, e.historyOnly])).toEqual([
      ['a', IN_SUMMARY],
      ['b', IN_SUMMARY],
      ['catch-up:tower:b', undefined],
    ]);
    expect(folded.at(-1)).toMatchObject({
      title: '2 new tickets in Tower',
      // Who and what, once: the room is the title's.
      body: 'bob: body b\nand 1 more from bob',
      time: T0 + 2,
      url: 'https://a',
      catchUp: true,
    });
  });

  it('shows a lone new item itself; history-only and own items are not counted', () => {
    const folded = foldByRoom([
      item('tick', T0, { historyOnly: 'import processing' }),
      item('mine', T0 + 1, { ownMessage: true }),
      item('news', T0 + 2),
    ]);
    expect(folded.map((e) => [e.id, e.historyOnly, e.catchUp])).toEqual([
      ['tick', 'import processing', true],
      ['mine', undefined, true],
      ['news', undefined, true],
    ]);
  });

  it('keeps rooms apart and marks the summary a mention when any item is', () => {
    const notifications = { id: 'notifications', name: 'Notifications', type: 'user' as const };
    const folded = foldByRoom([
      item('n1', T0, { room: notifications, mentionsUser: true }),
      item('t1', T0),
      item('n2', T0 + 1, { room: notifications }),
      item('t2', T0 + 1),
    ]);
    const summaries = folded.filter((e) => e.id.startsWith('catch-up:'));
    expect(summaries.map((e) => [e.title, e.mentionsUser])).toEqual([
      ['2 new tickets in Notifications', true],
      ['2 new tickets in Tower', false],
    ]);
  });
});

describe("foldRoom with a source's own words", () => {
  const words: SummaryWords = {
    title: (count, room) => `${count} changes in ${room.name} while away`,
    body: (newest) => `${newest.title}: ${newest.body}`,
    inSummary: 'in the collection summary',
  };
  const bob = { id: 'bob' };

  it('titles the summary and gives the reason as the source says them', () => {
    const folded = foldRoom(
      [
        item('a', T0, { title: 'alice', author: bob }),
        item('b', T0 + 1, { title: 'carol', author: bob }),
      ],
      words,
    );
    expect(folded.map((e) => e.historyOnly)).toEqual([
      'in the collection summary',
      'in the collection summary',
      undefined,
    ]);
    expect(folded.at(-1)).toMatchObject({
      id: 'catch-up:tower:b',
      title: '2 changes in Tower while away',
      body: 'carol: body b',
      author: bob,
    });
  });

  it('names no author when the items are by different people', () => {
    const folded = foldRoom([
      item('a', T0, { author: bob }),
      item('b', T0 + 1, { author: { id: 'carol' } }),
    ]);
    expect(folded.at(-1)!.author).toBeUndefined();
  });
});

describe('emitInBatches', () => {
  it('hands every event over in order, yielding to the event loop between batches', async () => {
    const events = Array.from({ length: EMIT_BATCH * 3 + 1 }, (_, i) => item(`e${i}`, T0 + i));
    const got: string[] = [];
    let timerRan = -1;
    setImmediate(() => (timerRan = got.length));
    await emitInBatches(events, (event) => got.push(event.id));
    expect(got).toEqual(events.map((e) => e.id));
    // Something else ran after the first batch, before the rest.
    expect(timerRan).toBe(EMIT_BATCH);
  });
});
