// A server flooding bad frames gets one log line a minute with the count, and the account's
// status details say how many were refused.
import { describe, expect, it } from 'vitest';
import { BadFrames } from '../../app/core/bad-frames.js';
import type { Logger } from '../../app/core/log.js';
import { ManualClock } from '../support/manual-clock.js';

function setUp() {
  const clock = new ManualClock();
  const lines: { message: string; fields?: Record<string, unknown> }[] = [];
  const details: Record<string, string> = {};
  const warn = (message: string, fields?: Record<string, unknown>) =>
    lines.push({ message, ...(fields && { fields }) });
  const log: Logger = { debug: () => {}, info: () => {}, warn, error: warn };
  const frames = new BadFrames({
    account: 'work',
    server: 'Kuzzle',
    clock,
    log,
    detail: (key, value) => (details[key] = value),
  });
  return { clock, lines, details, frames };
}

describe('BadFrames', () => {
  it('logs the first bad frame at once and the rest of the minute in one line with a count', () => {
    const { clock, lines, frames } = setUp();
    frames.refused('malformed', { sample: 'not json' });
    expect(lines).toEqual([
      {
        message: 'Kuzzle frames refused',
        fields: { account: 'work', count: 1, last: { kind: 'malformed', sample: 'not json' } },
      },
    ]);
    for (let i = 0; i < 500; i++) {
      clock.advance(100);
      frames.refused(i % 2 ? 'too large' : 'malformed', { bytes: i });
    }
    // 50 s in: still the one line.
    expect(lines).toHaveLength(1);
    clock.advance(10_000);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.fields).toMatchObject({ account: 'work', count: 500 });
    // Nothing more came: no more lines.
    clock.advance(300_000);
    expect(lines).toHaveLength(2);
  });

  it('keeps the totals beside the status, brought up to date at most once a second', () => {
    const { clock, details, frames } = setUp();
    frames.refused('too large');
    expect(details).toEqual({ 'refused frames': '1 too large' });
    frames.refused('malformed');
    frames.refused('malformed');
    expect(details).toEqual({ 'refused frames': '1 too large' });
    clock.advance(1_000);
    expect(details).toEqual({ 'refused frames': '1 too large, 2 malformed' });
    frames.explain('the connection had to close for it; reconnected at once');
    expect(details).toEqual({
      'refused frames':
        '1 too large, 2 malformed; the connection had to close for it; reconnected at once',
    });
    expect(frames.total).toBe(3);
  });
});
