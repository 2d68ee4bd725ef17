// What a server sends is shown within bounds and as the characters it is: capped, and with
// nothing that reorders or hides text, whichever connector it came through.
import { describe, expect, it } from 'vitest';
import { capText, cleanLine } from '../../app/core/display-text.js';
import { Pipeline } from '../../app/core/pipeline/pipeline.js';
import { makeEvent, makeSettings } from '../support/events.js';
import { ManualClock } from '../support/manual-clock.js';
import { RecordingSink } from '../support/recording-sink.js';

function startPipeline() {
  const sink = new RecordingSink();
  const clock = new ManualClock();
  return { sink, pipeline: new Pipeline({ settings: makeSettings(), sink, clock }) };
}

describe('events on their way to be shown', () => {
  it('have titles capped at 256 and bodies at 4,000 characters, ending in "…"', () => {
    const { sink, pipeline } = startPipeline();
    pipeline.accept(makeEvent({ title: 't'.repeat(10_000), body: 'b'.repeat(1_000_000) }));
    const [shown] = sink.shown;
    expect(shown!.title).toBe(`${'t'.repeat(255)}…`);
    expect(shown!.body).toBe(`${'b'.repeat(3_999)}…`);
    const [entry] = pipeline.history.list();
    expect(entry!.event.title).toHaveLength(256);
    expect(entry!.event.body).toHaveLength(4_000);
  });

  it('show "\\u202Eecila" as "ecila", not as "alice", in names and titles', () => {
    const { sink, pipeline } = startPipeline();
    pipeline.accept(
      makeEvent({
        title: '\u202Eecila in #gen\u200Beral',
        author: { id: 'u1', name: '\u202Eecila' },
        room: { id: 'r', name: 'gen\u2066eral\u2069', type: 'channel' },
        body: 'hi \u202Eereht',
      }),
    );
    const [shown] = sink.shown;
    expect(shown!.title).toBe('ecila in #general');
    expect(shown!.room.name).toBe('general');
    expect(shown!.body).toBe('hi ereht');
    expect(pipeline.history.list()[0]!.event.author?.name).toBe('ecila');
  });

  it('lose every hiding, reordering or breaking character, however short and plain the rest', () => {
    const ranges = [
      [0x00, 0x1f],
      [0x7f, 0x9f],
      [0x61c, 0x61c],
      [0x180e, 0x180e],
      [0x200b, 0x200f],
      [0x2028, 0x202e],
      [0x2060, 0x2064],
      [0x2066, 0x2069],
      [0xfeff, 0xfeff],
    ];
    // Bodies keep tabs, line breaks and joiners; names and titles are one line. Each character
    // stands before a space, where a joiner joins nothing.
    const keptInBodies = new Set([0x09, 0x0a, 0x200c, 0x200d, 0x2028, 0x2029]);
    for (const [from, to] of ranges)
      for (let code = from!; code <= to!; code++) {
        const c = String.fromCharCode(code);
        const { sink, pipeline } = startPipeline();
        pipeline.accept(
          makeEvent({
            title: `al${c} ice`,
            body: `hi${c} there`,
            author: { id: 'u1', name: `bo${c} b` },
            room: { id: 'r', name: `gen${c} eral`, type: 'channel' },
          }),
        );
        const [shown] = sink.shown;
        const line =
          code === 0x09 || code === 0x0a || code === 0x2028 || code === 0x2029 ? ' ' : '';
        expect(shown!.title, `U+${code.toString(16)}`).toBe(`al${line} ice`);
        expect(shown!.room.name, `U+${code.toString(16)}`).toBe(`gen${line} eral`);
        expect(pipeline.history.list()[0]!.event.author?.name).toBe(`bo${line} b`);
        expect(shown!.body, `U+${code.toString(16)}`).toBe(
          keptInBodies.has(code) ? `hi${c} there` : 'hi there',
        );
      }
  });
});

describe('cleanLine', () => {
  it('keeps joiners that join emoji and Persian letters, and drops stray ones', () => {
    const family = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}';
    expect(cleanLine(family)).toBe(family);
    expect(cleanLine('\u0645\u06CC\u200C\u062E\u0648\u0627\u0645')).toBe(
      '\u0645\u06CC\u200C\u062E\u0648\u0627\u0645',
    );
    expect(cleanLine('al\u200D ice\u200C')).toBe('al ice');
  });

  it('makes one line of a title with breaks and controls', () => {
    expect(cleanLine('two\nlines\t\u0007here')).toBe('two lines here');
  });
});

describe('capText', () => {
  it('does not split a character made of two UTF-16 units', () => {
    expect(capText(`ab${'\u{1F600}'.repeat(5)}`, 4)).toBe('ab…');
  });
});
