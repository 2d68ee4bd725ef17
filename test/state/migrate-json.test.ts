import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../app/core/pipeline/history-store.js';
import { makeEvent, T0 } from '../support/events.js';
import { open, recordingLog, stateFolder } from './state-support.js';

let folder: ReturnType<typeof stateFolder>;
beforeEach(() => {
  folder = stateFolder();
});
afterEach(() => folder.cleanup());

function entry(seq: number, id: string, body = `body of ${id}`): HistoryEntry {
  const { raw: _raw, ...event } = makeEvent({ id, body });
  return { seq, receivedAt: T0 + seq, event, decision: 'shown', reason: 'shown' };
}

const rooms = [
  { account: 'work', room: 'GENERAL', count: 3, mentions: 1 },
  { account: 'home', room: 'FAMILY', count: 1, mentions: 0 },
];

describe('moving the JSON state files into the database', () => {
  it.each([
    { front: 'the CLI (bare lists)', wrap: <T>(list: T[]) => list },
    {
      front: 'the desktop app (electron-store documents)',
      wrap: <T>(list: T[]) => ({ entries: list }),
    },
  ])('moves what $front wrote, and keeps the old files as *.migrated', ({ wrap }) => {
    const history = [entry(1, 'a', 'Deploy finished'), entry(2, 'b'), entry(3, 'c')];
    writeFileSync(join(folder.dir, 'history.json'), JSON.stringify(wrap(history)));
    writeFileSync(join(folder.dir, 'unread.json'), JSON.stringify(wrap(rooms)));
    const log = recordingLog();
    const state = open(folder.dir, { log });

    expect(state.history.list().map((e) => e.event.id)).toEqual(['c', 'b', 'a']);
    expect(state.history.list({ text: 'deploy' }).map((e) => e.event.id)).toEqual(['a']);
    expect(state.unread.list()).toEqual(rooms);
    // Events from the old history are known to dedupe: a broker resending one is not news.
    expect(state.dedupe.has('work\u0000b')).toBe(true);
    expect(existsSync(join(folder.dir, 'history.json'))).toBe(false);
    expect(JSON.parse(readFileSync(join(folder.dir, 'history.json.migrated'), 'utf8'))).toEqual(
      wrap(history),
    );
    expect(existsSync(join(folder.dir, 'unread.json.migrated'))).toBe(true);
    expect(log.lines.some((line) => line.includes('moved into the database'))).toBe(true);
    state.close();

    // Once moved, a second start finds nothing to move and the same state.
    const again = open(folder.dir);
    expect(again.history.size).toBe(3);
    expect(again.unread.total()).toEqual({ count: 4, mentions: 1 });
    again.close();
  });

  it('moves a good file even when the other one is set aside', () => {
    writeFileSync(join(folder.dir, 'history.json'), JSON.stringify([entry(1, 'a')]));
    writeFileSync(join(folder.dir, 'unread.json'), '{}');
    const log = recordingLog();
    const state = open(folder.dir, { log });
    expect(state.history.size).toBe(1);
    expect(state.unread.list()).toEqual([]);
    expect(log.lines.filter((line) => line.startsWith('warn'))).toEqual([
      expect.stringContaining('set aside'),
    ]);
    state.close();
  });
});
