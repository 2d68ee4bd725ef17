// `node --import tsx bench/history-search.ts [entries…]`: what a History search costs with state
// schema 2, where a search scans the rows newest first (no index; app/state/history-search.ts).
// Fills a state database in a temporary folder with Rocket.Chat-like entries through the real
// store, then times (median of 5) a search that matches nothing (the whole table is read), a
// first page of 100 for a text every entry has, and a text only the oldest entry has.
import { openState } from '../app/state/open-state.js';
import { systemClock } from '../app/core/clock.js';
import type { TidingsEvent } from '../app/core/events.js';
import { medianOfFive } from './stats.js';
import { withStateDir } from './state-dir.js';

const sizes = process.argv.slice(2).map(Number);
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

function event(i: number): TidingsEvent {
  const room = `ROOM${i % 100}`;
  return {
    account: 'chat',
    kind: 'message-sent',
    id: `m${i}-${(i * 2654435761) % 4294967296}`,
    time: Date.now(),
    room: { id: room, name: `room-${i % 100}`, type: 'channel' },
    author: { id: `u${i % 37}`, name: `user ${i % 37}` },
    title: `user ${i % 37} in #room-${i % 100}`,
    body: i === 0 ? 'the oldest one mentions a walrus' : `message ${i}: the build is green again`,
    url: `https://chat.example.com/channel/room-${i % 100}?msg=m${i}`,
    mentionsUser: false,
    ownMessage: false,
    raw: { msg: 'changed', collection: 'stream-room-messages', id: 'id', fields: { i } },
  };
}

for (const size of sizes.length > 0 ? sizes : [10_000, 100_000]) {
  await withStateDir(async (dir) => {
    const retention = { maxEntries: size, maxAgeDays: 3650 };
    const state = openState({ dir, clock: systemClock, log: quiet, retention });
    for (let i = 0; i < size; i++) {
      state.history.record(event(i), 'shown');
      if (i % 10_000 === 9_999) await state.persisted();
    }
    await state.persisted();
    const none = medianOfFive(() => state.history.list({ text: 'no such text' }));
    const page = medianOfFive(() => state.history.list({ text: 'green', limit: 100 }));
    const oldest = medianOfFive(() => state.history.list({ text: 'walrus', limit: 100 }));
    console.log(
      `${size.toLocaleString('en')} entries: no match ${none.toFixed(1)} ms (${((none * 1000) / size).toFixed(2)} µs an entry), first page of 100 ${page.toFixed(1)} ms, only the oldest ${oldest.toFixed(1)} ms`,
    );
    state.close();
  });
}
