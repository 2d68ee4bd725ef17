// A payload nested far deeper than any real one is still an event the user can find in history.
import { describe, expect, it } from 'vitest';
import { mapDinoPayload } from '../../../app/connectors/dino/mapper.js';
import { Pipeline } from '../../../app/core/pipeline/pipeline.js';
import { makeSettings } from '../../support/events.js';
import { ManualClock } from '../../support/manual-clock.js';
import { RecordingSink } from '../../support/recording-sink.js';

const context = { account: 'dino', userId: '1234', topic: 'dms/test/1234', receivedAt: 1 };

function deepPayload(eventType: string, depth: number): string {
  return `{"event_type":"${eventType}","group_id":"g","x":${'['.repeat(depth)}1${']'.repeat(depth)}}`;
}

describe('a Dino payload nested 100,000 deep', () => {
  it.each(['typing', 'message'])('with event_type %s is kept in history, not thrown', (type) => {
    const events = mapDinoPayload(deepPayload(type, 100_000), context);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: 'unknown',
      title: 'Unreadable Dino event',
      historyOnly: 'payload nested deeper than 64 levels',
    });
    expect(events[0]!.body.startsWith(`{"event_type":"${type}"`)).toBe(true);

    const pipeline = new Pipeline({
      settings: makeSettings(),
      sink: new RecordingSink(),
      clock: new ManualClock(),
    });
    pipeline.accept(events[0]!);
    expect(pipeline.history.list().map((e) => e.event.historyOnly)).toEqual([
      'payload nested deeper than 64 levels',
    ]);
  });
});
