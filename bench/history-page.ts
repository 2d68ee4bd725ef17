// `node --import tsx bench/history-page.ts [entries]`: what the History page's request
// (listHistory: a page of 100 and its counts) costs over a state database of 100,000 entries,
// a third of them counter bookkeeping. "whole list" is how the page was made before it paged in
// SQL: every matching entry listed and parsed to count them, then the page cut from that; "paged"
// is HistoryViews.list as the window calls it (a COUNT in SQL, a text search counted up to a
// bound, the page read with LIMIT/OFFSET). Median of 5, both over the same file, back to back.
import { systemClock } from '../app/core/clock.js';
import type { TidingsEvent } from '../app/core/events.js';
import { isBookkeeping, type HistoryFilter } from '../app/core/pipeline/history-store.js';
import type { AppCore } from '../app/desktop/controller/core.js';
import { HistoryViews } from '../app/desktop/controller/history.js';
import { openState } from '../app/state/open-state.js';
import { medianOfFive } from './stats.js';
import { withStateDir } from './state-dir.js';

const size = Number(process.argv[2] ?? 100_000);
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

function event(i: number): TidingsEvent {
  const room = { id: `ROOM${i % 100}`, name: `room-${i % 100}`, type: 'channel' as const };
  const common = { account: 'chat', id: `m${i}`, time: Date.now(), room, mentionsUser: false };
  if (i % 3 === 2)
    return { ...common, kind: 'subscription-updated', title: '', body: '', ownMessage: false };
  return {
    ...common,
    kind: 'message-sent',
    author: { id: `u${i % 37}`, name: `user ${i % 37}` },
    title: `user ${i % 37} in #room-${i % 100}`,
    body: i === 0 ? 'the oldest one mentions a walrus' : `message ${i}: the build is green again`,
    ownMessage: false,
  };
}

await withStateDir(async (dir) => {
  const state = openState({ dir, clock: systemClock, log: quiet, retention: { maxEntries: size } });
  for (let i = 0; i < size; i++) {
    state.history.record(event(i), i % 3 === 2 ? 'history only' : 'shown');
    if (i % 10_000 === 9_999) await state.persisted();
  }
  await state.persisted();
  const views = new HistoryViews({ pipeline: { history: state.history } } as unknown as AppCore);
  const wholeList = (filter: HistoryFilter) => {
    const matching = state.history.list(filter);
    const shown = matching.filter((e) => !isBookkeeping(e));
    return { page: shown.slice(0, 100), total: shown.length };
  };
  console.log(`${size.toLocaleString('en')} entries (History page of 100, median of 5):`);
  for (const [what, filter] of [
    ['no filter', {}],
    ['account filter', { account: 'chat' }],
    ['text every message has', { text: 'green' }],
    ['text only the oldest has', { text: 'walrus' }],
    ['text nothing has', { text: 'no such text' }],
  ] as [string, HistoryFilter][]) {
    const before = medianOfFive(() => wholeList(filter));
    const after = medianOfFive(() => views.list({ ...filter, limit: 100 }));
    const page = views.list({ ...filter, limit: 100 });
    console.log(
      `  ${what.padEnd(26)} whole list ${before.toFixed(1).padStart(7)} ms   paged ${after.toFixed(1).padStart(7)} ms   (total ${page.moreThanTotal ? 'more than ' : ''}${page.total})`,
    );
  }
  state.close();
});
