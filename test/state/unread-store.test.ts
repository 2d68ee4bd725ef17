// Unread counts are written once per room per commit: what a restart reads back is each room's
// newest count, a room cleared in the same turn as it was counted is gone, and the order of
// rooms (the oldest forgotten first) is kept.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { open, stateFolder } from './state-support.js';

let folder: ReturnType<typeof stateFolder>;
beforeEach(() => {
  folder = stateFolder();
});
afterEach(() => folder.cleanup());

describe('unread counts in the state database', () => {
  it('keeps the newest count of each room touched in a turn, and forgets one cleared in it', async () => {
    const first = open(folder.dir);
    for (let i = 0; i < 5; i++) first.unread.increment('work', 'general', i === 4);
    first.unread.increment('work', 'random', false);
    first.unread.increment('home', 'family', false);
    first.unread.clear('work', 'random');
    first.unread.set('home', 'news', 7, 1);
    await first.persisted();
    first.unread.increment('work', 'general', false);
    first.unread.clear('home', 'family');
    await first.persisted();
    first.close();

    const second = open(folder.dir);
    expect(second.unread.list()).toEqual([
      { account: 'home', room: 'news', count: 7, mentions: 1 },
      { account: 'work', room: 'general', count: 6, mentions: 1 },
    ]);
    second.close();
  });
});
